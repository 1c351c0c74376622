"""The reads about inspections and reports, scoped to what a person may see."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from oversight.accounts.models import User
from oversight.accounts.permissions import organisation_id_of
from oversight.inspections.models import (
    Finding,
    Inspection,
    InspectionKind,
    InspectionStatus,
    Report,
)
from oversight.recommendations.models import Recommendation, Response


def inspections_for(user: User) -> QuerySet[Inspection]:
    return Inspection.objects.filter(organisation_id=organisation_id_of(user)).prefetch_related(
        "lead_inspectorates", "participants__organisation"
    )


def inspection_list(user: User, *, status: str = "", kind: str = "") -> QuerySet[Inspection]:
    qs = inspections_for(user)
    if status in InspectionStatus.values:
        qs = qs.filter(status=status)
    if kind in InspectionKind.values:
        qs = qs.filter(kind=kind)
    return qs.order_by("-start_on", "title")


def inspection_detail(user: User, pk: int) -> Inspection:
    return get_object_or_404(inspections_for(user).prefetch_related("reports"), pk=pk)


def _visible_reports_q(user: User) -> Q:
    return Q(organisation_id=organisation_id_of(user)) | Q(organisation__isnull=True)


def reports_for(user: User) -> QuerySet[Report]:
    """Reports about the person's organisation, and national reports shared by all."""
    return Report.objects.filter(_visible_reports_q(user)).select_related(
        "inspectorate", "organisation"
    )


def report_list(user: User) -> QuerySet[Report]:
    org_id = organisation_id_of(user)
    return (
        reports_for(user)
        .annotate(
            response_count=Count(
                "recommendations__responses",
                filter=Q(recommendations__responses__organisation_id=org_id),
            )
        )
        .order_by("-published_on", "title")
    )


def report_detail(user: User, pk: int) -> Report:
    org_id = organisation_id_of(user)
    qs = (
        reports_for(user)
        .select_related("inspection")
        .prefetch_related(
            Prefetch(
                "findings",
                queryset=Finding.objects.filter(
                    Q(organisation_id=org_id) | Q(organisation__isnull=True)
                ),
            ),
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.order_by(
                    "number", "reference", "id"
                ).prefetch_related(
                    Prefetch(
                        "responses",
                        queryset=Response.objects.filter(organisation_id=org_id).select_related(
                            "owner", "portfolio"
                        ),
                        to_attr="own_responses",
                    )
                ),
            ),
        )
    )
    return get_object_or_404(qs, pk=pk)
