from django.urls import path

from oversight.papers import views

app_name = "papers"

urlpatterns = [
    path("", views.paper_list, name="list"),
    path("committees/", views.committees, name="committees"),
    path("committees/new/", views.committee_add, name="committee-add"),
    path("committees/<int:pk>/", views.committee_edit, name="committee-edit"),
    path("committees/<int:pk>/standing-text/", views.standing_text, name="standing-text"),
    path("meetings/new/", views.meeting_add, name="meeting-add"),
    path("meetings/<int:pk>/draft/", views.draft_create, name="draft-create"),
    path("<int:pk>/", views.paper_detail, name="detail"),
    path("<int:pk>/sections/<slug:key>/edit/", views.section_edit, name="section-edit"),
    path("<int:pk>/sections/<slug:key>/undo/", views.section_undo, name="section-undo"),
    path("<int:pk>/regenerate/", views.regenerate, name="regenerate"),
    path("<int:pk>/issue/", views.issue, name="issue"),
    path("<int:pk>/new-version/", views.new_version, name="new-version"),
    path("<int:pk>/download/<slug:fmt>/", views.download, name="download"),
    path("word-template/", views.word_template, name="word-template"),
    path("tracker/", views.tracker, name="tracker"),
]
