"""A cause of concern's own steps: open, revisited by the inspectorate, discharged.

The inspectorate revisits a force to see whether a cause of concern has been dealt with, and
writes what it found; later it discharges the cause of concern. Both are its decisions: the
liaison lead records them, with their dates, and each is a line in the trail.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction

from oversight import audit, clock
from oversight.accounts.choices import Role
from oversight.accounts.models import User
from oversight.conflicts import bump
from oversight.dates import long_date
from oversight.recommendations.models import (
    ENDED_STATUSES,
    ConcernStatus,
    Recommendation,
    RecommendationKind,
    Response,
)


def concern_ready_to_discharge(concern: Recommendation, organisation_id: int) -> bool:
    """All the recommendations under a cause of concern are closed for this organisation."""
    under = concern.recommendations_under.all()
    if not under.exists():
        return False
    open_responses = Response.objects.filter(
        recommendation__in=under, organisation_id=organisation_id
    ).exclude(status__in=ENDED_STATUSES)
    return not open_responses.exists()


def _checked(concern: Recommendation, actor: User, *, on: dt.date | None, words: str, what: str):
    """The checks both steps share; returns the concern, locked, and the day it happened."""
    if actor.role != Role.LIAISON:
        raise PermissionDenied("Only the liaison lead records the inspectorate's decisions.")
    if concern.kind != RecommendationKind.CAUSE_OF_CONCERN:
        raise ValueError(f"Only a cause of concern is {what}")
    if concern.report.organisation_id not in (None, actor.organisation_id):
        raise PermissionDenied("This cause of concern belongs to another organisation.")
    if concern.responses.exclude(organisation_id=actor.organisation_id or 0).exists():
        raise PermissionDenied(
            f"Other organisations respond to this cause of concern: it is {what} nationally, "
            "not by one organisation."
        )
    if not words.strip():
        raise ValueError(
            "Enter what the inspectorate found"
            if what == "revisited"
            else "Enter the inspectorate's decision (e.g. the letter and its date)"
        )
    day = on or clock.today()
    if day > clock.today():
        raise ValueError(f"The date it was {what} must be today or in the past")
    if concern.report.published_on and day < concern.report.published_on:
        raise ValueError(
            f"The date it was {what} must be on or after the report was published "
            f"({long_date(concern.report.published_on)})"
        )
    current = Recommendation.objects.select_for_update().get(pk=concern.pk)
    if current.concern_status == ConcernStatus.DISCHARGED:
        raise ValueError(f"{current.title} is already discharged")
    return current, day


@transaction.atomic
def concern_revisit(
    *, concern: Recommendation, actor: User, finding: str, on: dt.date | None = None
) -> Recommendation:
    """Record the inspectorate's revisit of a cause of concern: when, and what it found. A
    later revisit replaces the date and finding on the page; each stays in the trail."""
    current, day = _checked(concern, actor, on=on, words=finding, what="revisited")
    current.concern_status = ConcernStatus.REVISITED
    current.revisited_on = day
    current.revisit_finding = finding.strip()
    return audit.save(
        bump(current),
        actor=actor,
        reason=f"Revisited by the inspectorate on {long_date(day)}: {finding.strip()}",
    )


@transaction.atomic
def concern_discharge(
    *, concern: Recommendation, actor: User, note: str, on: dt.date | None = None
) -> Recommendation:
    """Record the inspectorate's decision to discharge a cause of concern, and its date."""
    current, day = _checked(concern, actor, on=on, words=note, what="discharged")
    if current.revisited_on and day < current.revisited_on:
        raise ValueError(
            f"The date it was discharged must be on or after its revisit "
            f"({long_date(current.revisited_on)})"
        )
    current.concern_status = ConcernStatus.DISCHARGED
    current.discharged_on = day
    return audit.save(
        bump(current),
        actor=actor,
        reason=f"Discharged by the inspectorate on {long_date(day)}: {note.strip()}",
    )


__all__ = ["concern_discharge", "concern_ready_to_discharge", "concern_revisit"]
