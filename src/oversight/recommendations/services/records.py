"""Recording recommendations and responses, assigning them, and confirming RAG ratings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db import transaction

from oversight import audit, clock
from oversight.accounts.choices import Role
from oversight.accounts.models import Board, Organisation, Portfolio, User
from oversight.accounts.policies import require_liaison
from oversight.conflicts import bump, check_version
from oversight.inspections.models import Report
from oversight.recommendations import policies
from oversight.recommendations.models import (
    CLOSED_STATUSES,
    ENDED_STATUSES,
    ConcernStatus,
    Recommendation,
    RecommendationKind,
    Response,
    ResponseStatus,
    SignOff,
)
from oversight.rules.deadlines import compute_deadline
from oversight.rules.rag import Rag


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
    require_liaison(actor)
    deadline = compute_deadline(deadline_text, report.published_on)
    recommendation = Recommendation(
        report=report,
        kind=kind,
        text=text.strip(),
        reference=reference.strip(),
        number=number,
        theme=theme.strip(),
        audience=[a.strip() for a in audience if a.strip()],
        deadline_text=deadline_text.strip(),
        deadline_kind=deadline.kind,
        due_on=deadline.due_on,
        cause_of_concern=cause_of_concern,
        concern_status=ConcernStatus.OPEN if kind == RecommendationKind.CAUSE_OF_CONCERN else "",
    )
    return audit.save(recommendation, actor=actor, reason=reason or "Recommendation recorded")


@transaction.atomic
def recommendation_edit(
    *,
    recommendation: Recommendation,
    actor: User,
    expected_version: int | None,
    report: Report,
    kind: str,
    text: str,
    reference: str,
    theme: str,
    audience: Sequence[str],
    deadline_text: str,
    cause_of_concern: Recommendation | None,
) -> Recommendation:
    """Correct what was recorded. The due date is worked out again from the wording."""
    require_liaison(actor)
    current = check_version(recommendation, expected_version)
    deadline = compute_deadline(deadline_text, report.published_on)
    current.report = report
    current.kind = kind
    current.text = text.strip()
    current.reference = reference.strip()
    current.theme = theme.strip()
    current.audience = [a.strip() for a in audience if a.strip()]
    current.deadline_text = deadline_text.strip()
    current.deadline_kind = deadline.kind
    current.due_on = deadline.due_on
    current.cause_of_concern = cause_of_concern
    if kind == RecommendationKind.CAUSE_OF_CONCERN and not current.concern_status:
        current.concern_status = ConcernStatus.OPEN
    if kind != RecommendationKind.CAUSE_OF_CONCERN:
        current.concern_status = ""
    return audit.save(bump(current), actor=actor, reason="Recommendation edited")


def next_review_after(day: dt.date, organisation: Organisation) -> dt.date:
    """The next periodic review: the organisation's cycle (three months by default) later."""
    return day + relativedelta(months=organisation.review_cycle_months)


OWNING_ROLES = frozenset({Role.OWNER, Role.LIAISON, Role.EXECUTIVE})


def _check_same_org(organisation: Organisation, **things) -> None:
    for name, value in things.items():
        if value is not None and value.organisation_id != organisation.pk:
            raise ValueError(f"The {name} belongs to another organisation")
    owner = things.get("owner")
    if owner is not None and owner.role not in OWNING_ROLES:
        raise ValueError(
            f"{owner.display_name} is a {owner.get_role_display().lower()}, who reads the "
            "record: choose an owner, the liaison lead or an executive to own a response"
        )


@transaction.atomic
def response_create(
    *,
    organisation: Organisation,
    recommendation: Recommendation,
    owner: User | None = None,
    portfolio: Portfolio | None = None,
    board: Board | None = None,
    sign_off: str = SignOff.CHIEF_CONSTABLE,
    next_review_on: dt.date | None = None,
    actor: User | None = None,
    reason: str = "",
) -> Response:
    """Take on a recommendation: one response per organisation. It starts open and unrated;
    its RAG, status and due date then move only by the workflow's own steps."""
    require_liaison(actor, organisation.pk)
    _check_same_org(organisation, owner=owner, portfolio=portfolio, board=board)
    response = Response(
        organisation=organisation,
        recommendation=recommendation,
        owner=owner,
        portfolio=portfolio,
        board=board,
        sign_off=sign_off,
        next_review_on=next_review_on or next_review_after(clock.today(), organisation),
    )
    return audit.save(response, actor=actor, reason=reason or "Response opened")


CLOSED_RESPONSE = (
    "This response is closed: what was approved at closure stays as it was. Reopen it, with a "
    "reason, to change it."
)


NOT_APPLYING = (
    "This national recommendation is recorded as not applying to {organisation}: take it on "
    "(from its report) to work on it."
)


def refuse_if_not_applying(response: Response, status: str | None = None) -> None:
    """Nothing is done on a response recorded as not applying until it is taken on. Reads the
    status of the row given (the services pass the row they have locked), or `status`."""
    if (status or response.status) == ResponseStatus.NOT_APPLICABLE:
        raise ValueError(NOT_APPLYING.format(organisation=response.organisation.display_short_name))


def _reopen(response: Response, why: str) -> str:
    """Back to in progress, no longer blue: returns the note for the audit trail."""
    response.status = ResponseStatus.IN_PROGRESS
    response.closed_on = None
    if response.rag == Rag.BLUE:
        response.rag = ""
    return f"Reopened: {why}"


@transaction.atomic
def response_reopen(
    *, response: Response, actor: User, expected_version: int | None, reason: str
) -> Response:
    """Reopen a closed response, with the reason in the trail: the way to add or withdraw
    evidence after closure. It goes back to in progress; its closure stays in its history."""
    if not policies.can_manage(actor, response):
        raise PermissionDenied("Only the liaison lead can reopen a response.")
    if not reason.strip():
        raise ValueError("Enter why the response is reopened")
    current = check_version(response, expected_version)
    if current.status not in CLOSED_STATUSES:
        raise ValueError("This response is not closed")
    note = _reopen(current, reason.strip())
    return audit.save(bump(current), actor=actor, reason=note)


@transaction.atomic
def response_edit(
    *,
    response: Response,
    actor: User,
    expected_version: int | None,
    owner: User | None,
    portfolio: Portfolio | None,
    board: Board | None,
    sign_off: str,
    next_review_on: dt.date | None,
) -> Response:
    """Assign the owner, portfolio and board; say who signs it off; set the next review.
    A closed response is not edited: it is reopened first, with a reason."""
    if not policies.can_manage(actor, response):
        raise PermissionDenied("Only the liaison lead can change this response.")
    current = check_version(response, expected_version)
    refuse_if_not_applying(current)
    if current.is_closed:
        raise ValueError(CLOSED_RESPONSE)
    _check_same_org(current.organisation, owner=owner, portfolio=portfolio, board=board)
    return audit.update(
        current,
        actor=actor,
        reason="Response edited",
        owner=owner,
        portfolio=portfolio,
        board=board,
        sign_off=sign_off,
        next_review_on=next_review_on,
    )


@transaction.atomic
def response_assign(
    *,
    response: Response,
    actor: User,
    owner: User | None = None,
    portfolio: Portfolio | None = None,
    board: Board | None = None,
    reason: str,
) -> Response:
    """Give an open response an owner, portfolio or board (those given; the others stay), as
    an import does from a tracker's columns. A closed response is reopened first."""
    if not policies.can_manage(actor, response):
        raise PermissionDenied("Only the liaison lead can assign this response.")
    current = Response.objects.select_for_update().get(pk=response.pk)
    refuse_if_not_applying(current)
    if current.is_closed:
        raise ValueError(CLOSED_RESPONSE)
    _check_same_org(current.organisation, owner=owner, portfolio=portfolio, board=board)
    for name, value in (("owner", owner), ("portfolio", portfolio), ("board", board)):
        if value is not None:
            setattr(current, name, value)
    return audit.save(bump(current), actor=actor, reason=reason)


@transaction.atomic
def responses_reassign(
    *,
    organisation: Organisation,
    from_owner: User,
    to_owner: User,
    actor: User,
    include_closed: bool = False,
) -> int:
    """Move a leaver's responses to someone else. Returns how many moved."""
    require_liaison(actor, organisation.pk)
    _check_same_org(organisation, from_owner=from_owner, to_owner=to_owner)
    if from_owner.pk == to_owner.pk:
        raise ValueError("Choose a different person to reassign to")
    qs = Response.objects.select_for_update().filter(organisation=organisation, owner=from_owner)
    if not include_closed:
        qs = qs.exclude(status__in=ENDED_STATUSES)
    moved = 0
    for response in qs:
        response.owner = to_owner
        audit.save(
            bump(response),
            actor=actor,
            reason=f"Reassigned from {from_owner.display_name} to {to_owner.display_name}",
        )
        moved += 1
    return moved


@transaction.atomic
def rag_confirm(
    *, response: Response, actor: User, rag: str, expected_version: int | None, note: str = ""
) -> Response:
    """The liaison confirms a RAG rating (usually the one the owner proposed)."""
    if not policies.can_manage(actor, response):
        raise PermissionDenied("Only the liaison lead confirms RAG ratings.")
    if rag not in {Rag.RED, Rag.AMBER, Rag.GREEN}:
        raise ValueError("Choose red, amber or green: blue is set by closing the response")
    current = check_version(response, expected_version)
    refuse_if_not_applying(current)
    if current.status in CLOSED_STATUSES:
        raise ValueError("A closed response is blue; reopen it before rating it")
    reason = f"RAG confirmed as {Rag(rag).label}" + (f": {note}" if note else "")
    return audit.update(current, actor=actor, reason=reason, rag=rag)


@transaction.atomic
def response_start(*, response: Response, actor: User, reason: str) -> Response:
    """Mark an open response as in progress without an update (an update does it anyway), as
    an import does where a tracker says work has started."""
    if not policies.can_manage(actor, response):
        raise PermissionDenied("Only the liaison lead can change this response.")
    current = Response.objects.select_for_update().get(pk=response.pk)
    if current.status != ResponseStatus.OPEN:
        raise ValueError(f"The response is {current.get_status_display().lower()}, not open")
    return audit.update(
        current, actor=actor, reason=f"{reason}: now in progress", status=ResponseStatus.IN_PROGRESS
    )
