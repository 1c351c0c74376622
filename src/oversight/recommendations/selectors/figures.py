"""The reads the monthly figures are made from (oversight.dashboards.snapshots counts them):
aggregates and each response's dated changes, for every organisation at once or one at a time.
Not scoped to a person: the snapshots are taken by a command for every organisation."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count

from oversight.recommendations.models import Response, Update
from oversight.recommendations.selectors.register import RegisterFilters


def _of(organisation_ids: Iterable[int] | None):
    qs = Response.objects.order_by()
    return qs if organisation_ids is None else qs.filter(organisation_id__in=organisation_ids)


def status_rag_counts(organisation_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """How many responses each organisation has in each status and RAG rating."""
    rows = _of(organisation_ids).values("organisation_id", "status", "rag")
    return list(rows.annotate(n=Count("id")))


def overdue_and_closed(
    *, today: dt.date, since: dt.date, organisation_ids: Iterable[int] | None = None
) -> list[dict[str, Any]]:
    """How many of each organisation's responses are overdue today, and how many were closed
    from `since` to today: by the register's own conditions, so the figures agree with it."""
    overdue = RegisterFilters(overdue=True).q(today=today)
    closed = RegisterFilters(closed_from=since, closed_to=today).q(today=today)
    return list(
        _of(organisation_ids)
        .values("organisation_id")
        .annotate(overdue=Count("id", filter=overdue), closed_in_month=Count("id", filter=closed))
    )


def organisations_with_responses(organisation_ids: Iterable[int] | None = None) -> list[int]:
    return list(_of(organisation_ids).values_list("organisation_id", flat=True).distinct())


def responses_dated(organisation_id: int) -> list[dict[str, Any]]:
    """Each response of the organisation with the dates its past is worked out from."""
    return [
        dict(row)
        for row in Response.objects.filter(organisation_id=organisation_id).values(
            "id",
            "status",
            "closed_on",
            "revised_due_on",
            "created_at",
            "recommendation__due_on",
            "recommendation__report__published_on",
        )
    ]


def proposed_rags(organisation_id: int) -> dict[int, list[tuple[dt.date, str]]]:
    """Each response's updates as (written on, RAG proposed), oldest first."""
    updates: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for response_id, written_on, rag in (
        Update.objects.filter(response__organisation_id=organisation_id)
        .order_by("written_on", "id")
        .values_list("response_id", "written_on", "proposed_rag")
    ):
        updates[response_id].append((written_on, rag))
    return updates


def recorded_states(
    organisation_id: int,
) -> dict[int, list[tuple[dt.date, str, str, dt.date | None]]]:
    """Each response's saved states from its history as (day, status, RAG, revised due date),
    oldest first; deletions left out."""
    history: dict[int, list[tuple[dt.date, str, str, dt.date | None]]] = defaultdict(list)
    for pk, when, status, rag, revised, kind in (
        Response.history.filter(organisation_id=organisation_id)
        .order_by("history_date", "history_id")
        .values_list("id", "history_date", "status", "rag", "revised_due_on", "history_type")
    ):
        if kind != "-":
            history[pk].append((when.date(), status, rag, revised))
    return history
