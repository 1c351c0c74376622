"""Reading the monitoring stage history and the engagement log."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404

from oversight.accounts.models import User
from oversight.accounts.policies import organisation_id_of
from oversight.inspections.models import Engagement, EngagementKind, MonitoringStageChange


def monitoring_history(user: User) -> list[MonitoringStageChange]:
    """Newest first, each with `ended_on`: the day the next stage started (None if current)."""
    changes = list(
        MonitoringStageChange.objects.filter(organisation_id=organisation_id_of(user)).order_by(
            "-started_on", "-id"
        )
    )
    following = None
    for change in changes:
        change.ended_on = following.started_on if following is not None else None
        following = change
    return changes


def monitoring_change_for(user: User, pk: int) -> MonitoringStageChange:
    return get_object_or_404(
        MonitoringStageChange.objects.filter(organisation_id=organisation_id_of(user)), pk=pk
    )


def engagements_for(user: User, *, kind: str = "") -> QuerySet[Engagement]:
    qs = Engagement.objects.filter(organisation_id=organisation_id_of(user)).select_related(
        "inspection", "recommendation"
    )
    if kind in EngagementKind.values:
        qs = qs.filter(kind=kind)
    return qs.order_by(F("on").desc(nulls_last=True), "-id")


def engagement_for(user: User, pk: int) -> Engagement:
    return get_object_or_404(engagements_for(user), pk=pk)


def recommendations_to_link(user: User) -> QuerySet[Any]:
    """The recommendations the person's organisation responds to, for an engagement to name.

    Read through the engagement's own link to a recommendation (a model reference by name,
    as Django forms do), not by importing the recommendations app, which sits above this
    one. That link is the one model-level tie left from inspections up to recommendations."""
    linked = Engagement._meta.get_field("recommendation").related_model
    return (
        linked._default_manager.filter(responses__organisation_id=organisation_id_of(user))
        .distinct()
        .order_by("reference", "number", "id")
    )
