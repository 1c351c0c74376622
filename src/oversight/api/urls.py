"""The REST API (/api/…), its schema and documentation, and the API tokens page.

Included at the site root. The API's views are exempt from the sign-in redirect of
LoginRequiredMiddleware: they authenticate by token or session themselves and answer 401.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, register_converter
from drf_spectacular.views import SpectacularAPIView

from oversight.api.views import exports, pages, records, responses


class IdConverter:
    """A record id: digits, not so many that a database would overflow (no match: 404)."""

    regex = "[0-9]{1,15}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")

app_name = "api"


def _v1(route: str, view, name: str):
    return path(f"api/v1/{route}", view, name=name)


api_patterns = [
    _v1("organisations/", records.OrganisationList.as_view(), name="organisation-list"),
    _v1("organisations/<id:pk>/", records.OrganisationDetail.as_view(), name="organisation-detail"),
    _v1("inspections/", records.InspectionList.as_view(), name="inspection-list"),
    _v1("inspections/<id:pk>/", records.InspectionDetail.as_view(), name="inspection-detail"),
    _v1("reports/", records.ReportList.as_view(), name="report-list"),
    _v1("reports/<id:pk>/", records.ReportDetail.as_view(), name="report-detail"),
    _v1("recommendations/", records.RecommendationList.as_view(), name="recommendation-list"),
    _v1(
        "recommendations/<id:pk>/",
        records.RecommendationDetail.as_view(),
        name="recommendation-detail",
    ),
    _v1("responses/", responses.ResponseList.as_view(), name="response-list"),
    _v1("responses/<id:pk>/", responses.ResponseDetail.as_view(), name="response-detail"),
    _v1("responses/<id:pk>/rag/", responses.RagConfirm.as_view(), name="response-rag"),
    _v1("responses/<id:pk>/updates/", responses.ResponseUpdates.as_view(), name="response-updates"),
    _v1(
        "responses/<id:pk>/evidence/",
        responses.ResponseEvidence.as_view(),
        name="response-evidence",
    ),
    _v1("responses/<id:pk>/reviews/", responses.ResponseReviews.as_view(), name="response-reviews"),
    _v1("updates/", responses.UpdateList.as_view(), name="update-list"),
    _v1("updates/<id:pk>/", responses.UpdateDetail.as_view(), name="update-detail"),
    _v1("evidence/", responses.EvidenceList.as_view(), name="evidence-list"),
    _v1("evidence/<id:pk>/", responses.EvidenceDetail.as_view(), name="evidence-detail"),
    _v1(
        "evidence/<id:pk>/download/",
        responses.EvidenceDownload.as_view(),
        name="evidence-download",
    ),
    _v1("reviews/", responses.ReviewList.as_view(), name="review-list"),
    _v1("reviews/<id:pk>/", responses.ReviewDetail.as_view(), name="review-detail"),
    _v1("responses.csv", exports.ResponsesCsv.as_view(), name="responses-csv"),
    _v1("recommendations.csv", exports.RecommendationsCsv.as_view(), name="recommendations-csv"),
    _v1("updates.csv", exports.UpdatesCsv.as_view(), name="updates-csv"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
]
for pattern in api_patterns:
    login_not_required(pattern.callback)

urlpatterns = [
    *api_patterns,
    path("api/docs/", pages.documentation, name="docs"),
    path("account/api-tokens/", pages.tokens, name="tokens"),
    path("account/api-tokens/<id:pk>/revoke/", pages.token_revoke, name="token-revoke"),
]
