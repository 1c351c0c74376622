"""CSV files for Power BI and Excel, streamed, with the same filters as the JSON lists."""

from __future__ import annotations

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from oversight import clock
from oversight.api import exports, filters
from oversight.api.views.base import FirstRenderer, errors
from oversight.recommendations import selectors
from oversight.recommendations.selectors import exports as export_rows

CHUNK = 2000


def _csv(name: str, records, columns) -> StreamingHttpResponse:
    answer = StreamingHttpResponse(
        exports.csv_lines(records, columns), content_type="text/csv; charset=utf-8"
    )
    stamp = clock.today().isoformat()
    answer["Content-Disposition"] = f'attachment; filename="oversight-{name}-{stamp}.csv"'
    answer["Cache-Control"] = "private, no-store"
    answer["X-Content-Type-Options"] = "nosniff"
    return answer


def _schema(name: str, params, description: str):
    columns = ", ".join(c.name for c in exports.FILES[name])
    return extend_schema(
        summary=f"The {name} as CSV",
        description=f"{description} Columns, in this order: {columns}.",
        parameters=[params],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="A CSV file."),
            **errors(400, 401),
        },
        tags=["CSV files"],
    )


class CsvView(APIView):
    content_negotiation_class = FirstRenderer
    renderer_classes = [JSONRenderer]


class ResponsesCsv(CsvView):
    @_schema(
        "responses",
        filters.ResponseFilters,
        "One row per response of your organisation; the filters of the responses list apply.",
    )
    def get(self, request):
        params = filters.ResponseFilters.read(request)
        qs = selectors.register(
            request.user,
            filters.ResponseFilters.register_filters(params, request.user),
            today=clock.today(),
        )
        qs = export_rows.responses_rows(filters.ResponseFilters.order(qs, params["ordering"]))
        return _csv("responses", qs.iterator(chunk_size=CHUNK), exports.RESPONSE_COLUMNS)


class RecommendationsCsv(CsvView):
    @_schema(
        "recommendations",
        filters.RecommendationFilters,
        "One row per recommendation you can see, with your organisation's response to it.",
    )
    def get(self, request):
        params = filters.RecommendationFilters.read(request)
        qs = selectors.recommendations_visible(request.user)
        qs = filters.RecommendationFilters.apply(qs, params)
        qs = export_rows.recommendations_rows(qs, request.user)
        return _csv(
            "recommendations", qs.iterator(chunk_size=CHUNK), exports.RECOMMENDATION_COLUMNS
        )


class UpdatesCsv(CsvView):
    @_schema(
        "updates",
        filters.UpdateFilters,
        "One row per update on your organisation's responses, newest first.",
    )
    def get(self, request):
        params = filters.UpdateFilters.read(request)
        qs = selectors.updates_for(request.user)
        if params.get("response"):
            qs = qs.filter(response_id=params["response"])
        if params.get("since"):
            qs = qs.filter(written_on__gte=params["since"])
        qs = export_rows.updates_rows(qs.order_by("-written_on", "-id"))
        return _csv("updates", qs.iterator(chunk_size=CHUNK), exports.UPDATE_COLUMNS)
