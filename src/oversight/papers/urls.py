from django.urls import path

from oversight.papers.views import committees, papers

app_name = "papers"

urlpatterns = [
    path("", papers.paper_list, name="list"),
    path("committees/", committees.committees, name="committees"),
    path("committees/new/", committees.committee_add, name="committee-add"),
    path("committees/<int:pk>/", committees.committee_edit, name="committee-edit"),
    path("committees/<int:pk>/standing-text/", committees.standing_text, name="standing-text"),
    path("meetings/new/", committees.meeting_add, name="meeting-add"),
    path("meetings/<int:pk>/draft/", papers.draft_create, name="draft-create"),
    path("<int:pk>/", papers.paper_detail, name="detail"),
    path("<int:pk>/sections/<slug:key>/edit/", papers.section_edit, name="section-edit"),
    path("<int:pk>/sections/<slug:key>/undo/", papers.section_undo, name="section-undo"),
    path("<int:pk>/regenerate/", papers.regenerate, name="regenerate"),
    path("<int:pk>/issue/", papers.issue, name="issue"),
    path("<int:pk>/new-version/", papers.new_version, name="new-version"),
    path("<int:pk>/download/<slug:fmt>/", papers.download, name="download"),
    path("word-template/", committees.word_template, name="word-template"),
    path("tracker/", papers.tracker, name="tracker"),
]
