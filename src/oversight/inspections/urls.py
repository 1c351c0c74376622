from django.urls import path
from django.views.generic import RedirectView

from oversight.inspections.views import engagement, forward, manage, peel, reading, reports

app_name = "inspections"

urlpatterns = [
    # reading: everyone in the organisation
    path("", reading.inspection_list, name="list"),
    path("<int:pk>/", reading.inspection_detail, name="detail"),
    path("<int:pk>/history/", reading.inspection_history, name="history"),
    path("reports/", reading.report_list, name="report-list"),
    # a report's page is the recommendations app's (its recommendations and our responses):
    # the address people have, kept
    path(
        "reports/<int:pk>/",
        RedirectView.as_view(pattern_name="recommendations:report-detail"),
        name="report-detail",
    ),
    path("reports/<int:pk>/history/", reading.report_history, name="report-history"),
    path("forward-look/", forward.forward_look, name="forward-look"),
    path("peel/", peel.peel, name="peel"),
    path("peel/<int:pk>/", peel.peel_assessment, name="peel-assessment"),
    path("monitoring/", engagement.monitoring, name="monitoring"),
    path("engagements/", engagement.engagement_list, name="engagement-list"),
    # managing inspections: the liaison
    path("new/", manage.inspection_add, name="add"),
    path("<int:pk>/edit/", manage.inspection_edit, name="edit"),
    path("<int:pk>/move/", manage.inspection_move, name="move"),
    path("<int:pk>/people/", manage.inspection_people, name="people"),
    path("<int:pk>/debrief/", manage.inspection_debrief, name="debrief"),
    path("<int:pk>/actions/new/", manage.action_add, name="action-add"),
    path("actions/<int:pk>/edit/", manage.action_edit, name="action-edit"),
    path("steps/<int:pk>/edit/", manage.step_edit, name="step-edit"),
    # reports and findings: the liaison
    path("reports/new/", reports.report_add, name="report-add"),
    path("reports/<int:pk>/edit/", reports.report_edit, name="report-edit"),
    path("reports/<int:pk>/findings/new/", reports.finding_add, name="finding-add"),
    path("findings/<int:pk>/edit/", reports.finding_edit, name="finding-edit"),
    path("findings/<int:pk>/remove/", reports.finding_delete, name="finding-delete"),
    # PEEL, monitoring stage, engagement log: the liaison
    path("peel/new/", peel.peel_record, name="peel-record"),
    path("peel/<int:pk>/edit/", peel.peel_edit, name="peel-edit"),
    path("monitoring/new/", engagement.monitoring_add, name="monitoring-add"),
    path("monitoring/<int:pk>/edit/", engagement.monitoring_edit, name="monitoring-edit"),
    path("engagements/new/", engagement.engagement_add, name="engagement-add"),
    path("engagements/<int:pk>/edit/", engagement.engagement_edit, name="engagement-edit"),
]
