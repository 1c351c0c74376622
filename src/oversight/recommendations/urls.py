from django.urls import path

from oversight.recommendations.views import (
    concerns,
    decisions,
    manage,
    national,
    progress,
    reading,
    reports,
)

app_name = "recommendations"

urlpatterns = [
    # reading
    path("", reading.register, name="register"),
    path("mine/", reading.my_responses, name="mine"),
    path("responses/<int:pk>/", reading.response_detail, name="response-detail"),
    path("responses/<int:pk>/history/", reading.response_history, name="response-history"),
    path("<int:pk>/history/", reading.recommendation_history, name="recommendation-history"),
    path("reports/<int:pk>/", reports.report_detail, name="report-detail"),
    # progress: the owner
    path("responses/<int:pk>/updates/new/", progress.update_add, name="update-add"),
    path("responses/<int:pk>/evidence/new/", progress.evidence_add, name="evidence-add"),
    path("evidence/<int:pk>/download/", progress.evidence_download, name="evidence-download"),
    path("evidence/<int:pk>/withdraw/", progress.evidence_withdraw, name="evidence-withdraw"),
    # manage: the liaison
    path("new/", manage.recommendation_add, name="recommendation-add"),
    path("<int:pk>/edit/", manage.recommendation_edit, name="recommendation-edit"),
    path("responses/<int:pk>/edit/", manage.response_edit, name="response-edit"),
    path("responses/<int:pk>/rag/", manage.rag_confirm, name="rag-confirm"),
    path("responses/<int:pk>/reopen/", manage.response_reopen, name="response-reopen"),
    path("responses/<int:pk>/review/", manage.review_add, name="review-add"),
    path("responses/<int:pk>/due-date/", manage.due_date_set, name="due-date-set"),
    path("reviews-due/", manage.reviews_due, name="reviews-due"),
    path("reassign/", manage.reassign, name="reassign"),
    # national recommendations, and causes of concern: the liaison
    path("<int:pk>/take-on/", national.take_on, name="take-on"),
    path("<int:pk>/not-applicable/", national.not_applicable, name="not-applicable"),
    path("<int:pk>/revisit/", concerns.concern_revisit, name="concern-revisit"),
    path("<int:pk>/discharge/", concerns.concern_discharge, name="concern-discharge"),
    # decisions
    path("responses/<int:pk>/extension/", decisions.extension_request, name="extension-request"),
    path("extensions/", decisions.extension_list, name="extension-list"),
    path("extensions/<int:pk>/", decisions.extension_decide, name="extension-decide"),
    path("responses/<int:pk>/closure/", decisions.closure_request, name="closure-request"),
    path("closures/", decisions.closure_list, name="closure-list"),
    path("closures/<int:pk>/", decisions.closure_detail, name="closure-detail"),
]
