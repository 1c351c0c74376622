"""The writes about recommendations and responses. Each is one transaction with an audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dateutil.relativedelta import relativedelta
from django.db import transaction

from oversight import audit
from oversight.accounts.models import Board, Organisation, Portfolio, User
from oversight.inspections.models import Report
from oversight.recommendations.models import (
    ConcernStatus,
    Recommendation,
    RecommendationKind,
    Response,
    ResponseStatus,
    SignOff,
    Update,
)
from oversight.rules.deadlines import compute_deadline


@transaction.atomic
def recommendation_create(
    *,
    report: Report,
    kind: str,
    text: str,
    reference: str = "",
    number: str = "",
    theme: str = "",
    audience: Sequence[str] = (),
    deadline_text: str = "",
    cause_of_concern: Recommendation | None = None,
    actor: User | None = None,
    reason: str = "",
) -> Recommendation:
    """Record what a report asks for; the due date is worked out from the deadline wording."""
    deadline = compute_deadline(deadline_text, report.published_on)
    recommendation = Recommendation(
        report=report,
        kind=kind,
        text=text,
        reference=reference,
        number=number,
        theme=theme,
        audience=list(audience),
        deadline_text=deadline_text,
        deadline_kind=deadline.kind,
        due_on=deadline.due_on,
        cause_of_concern=cause_of_concern,
        concern_status=ConcernStatus.OPEN if kind == RecommendationKind.CAUSE_OF_CONCERN else "",
    )
    return audit.save(recommendation, actor=actor, reason=reason or "Recommendation recorded")


def next_review_after(day: dt.date, organisation: Organisation) -> dt.date:
    return day + relativedelta(months=organisation.review_cycle_months)


@transaction.atomic
def response_create(
    *,
    organisation: Organisation,
    recommendation: Recommendation,
    owner: User | None = None,
    portfolio: Portfolio | None = None,
    board: Board | None = None,
    rag: str = "",
    status: str = ResponseStatus.OPEN,
    sign_off: str = SignOff.CHIEF_CONSTABLE,
    next_review_on: dt.date | None = None,
    actor: User | None = None,
    reason: str = "",
) -> Response:
    """Take on a recommendation: one response per organisation."""
    for name, value in (("owner", owner), ("portfolio", portfolio), ("board", board)):
        if value is not None and value.organisation_id != organisation.pk:
            raise ValueError(f"The {name} belongs to another organisation")
    response = Response(
        organisation=organisation,
        recommendation=recommendation,
        owner=owner,
        portfolio=portfolio,
        board=board,
        rag=rag,
        status=status,
        sign_off=sign_off,
        next_review_on=next_review_on,
    )
    return audit.save(response, actor=actor, reason=reason or "Response opened")


@transaction.atomic
def update_add(
    *,
    response: Response,
    author: User,
    written_on: dt.date,
    narrative: str,
    proposed_rag: str = "",
    next_steps: str = "",
    reason: str = "",
) -> Update:
    """A dated progress note by the owner; an open response moves to in progress."""
    if not narrative.strip():
        raise ValueError("An update needs a narrative")
    update = audit.save(
        Update(
            response=response,
            author=author,
            written_on=written_on,
            narrative=narrative.strip(),
            proposed_rag=proposed_rag,
            next_steps=next_steps.strip(),
        ),
        actor=author,
        reason=reason or "Update added",
    )
    if response.status == ResponseStatus.OPEN:
        response.status = ResponseStatus.IN_PROGRESS
        response.version += 1
        audit.save(response, actor=author, reason="Update added: now in progress")
    return update
