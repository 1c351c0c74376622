"""Organisations, inspections, reports and recommendations: read only, scoped by the selectors."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics

from oversight.accounts import selectors as account_selectors
from oversight.api import filters, serializers
from oversight.inspections import selectors as inspection_selectors
from oversight.recommendations import selectors as recommendation_selectors


@extend_schema_view(
    get=extend_schema(
        summary="List organisations",
        description="Forces, national bodies, inspectorates and PCC offices: the reference "
        "list every record points at. Names only; nothing of another organisation's record.",
        tags=["Organisations"],
    )
)
class OrganisationList(generics.ListAPIView):
    serializer_class = serializers.OrganisationSerializer

    def get_queryset(self):
        return account_selectors.organisations()


@extend_schema_view(get=extend_schema(summary="One organisation", tags=["Organisations"]))
class OrganisationDetail(generics.RetrieveAPIView):
    serializer_class = serializers.OrganisationSerializer

    def get_queryset(self):
        return account_selectors.organisations()


@extend_schema_view(
    get=extend_schema(
        summary="List inspections",
        description="Inspections of your organisation, newest first.",
        parameters=[filters.InspectionFilters],
        tags=["Inspections"],
    )
)
class InspectionList(generics.ListAPIView):
    serializer_class = serializers.InspectionSerializer

    def get_queryset(self):
        params = filters.InspectionFilters.read(self.request)
        return inspection_selectors.inspection_list(
            self.request.user, status=params.get("status", ""), kind=params.get("kind", "")
        ).prefetch_related("participants__organisation")


@extend_schema_view(get=extend_schema(summary="One inspection", tags=["Inspections"]))
class InspectionDetail(generics.RetrieveAPIView):
    serializer_class = serializers.InspectionSerializer

    def get_queryset(self):
        return inspection_selectors.inspections_for(self.request.user)


@extend_schema_view(
    get=extend_schema(
        summary="List reports",
        description="Reports about your organisation, and national reports shared by all.",
        parameters=[filters.ReportFilters],
        tags=["Reports"],
    )
)
class ReportList(generics.ListAPIView):
    serializer_class = serializers.ReportSerializer

    def get_queryset(self):
        params = filters.ReportFilters.read(self.request)
        qs = inspection_selectors.reports_for(self.request.user)
        if params.get("national") is not None:
            qs = qs.filter(organisation__isnull=params["national"])
        return qs.order_by("-published_on", "title", "id")


@extend_schema_view(get=extend_schema(summary="One report", tags=["Reports"]))
class ReportDetail(generics.RetrieveAPIView):
    serializer_class = serializers.ReportSerializer

    def get_queryset(self):
        return inspection_selectors.reports_for(self.request.user)


@extend_schema_view(
    get=extend_schema(
        summary="List recommendations",
        description="Recommendations, causes of concern and areas for improvement of the "
        "reports you can see.",
        parameters=[filters.RecommendationFilters],
        tags=["Recommendations"],
    )
)
class RecommendationList(generics.ListAPIView):
    serializer_class = serializers.RecommendationSerializer

    def get_queryset(self):
        params = filters.RecommendationFilters.read(self.request)
        qs = recommendation_selectors.recommendations_visible(self.request.user)
        return filters.RecommendationFilters.apply(qs, params)


@extend_schema_view(get=extend_schema(summary="One recommendation", tags=["Recommendations"]))
class RecommendationDetail(generics.RetrieveAPIView):
    serializer_class = serializers.RecommendationSerializer

    def get_queryset(self):
        return recommendation_selectors.recommendations_visible(self.request.user)
