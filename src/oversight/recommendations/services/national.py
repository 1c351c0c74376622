"""National recommendations (made to every force or service): each organisation takes one on,
or records, with its reason, that it does not apply to it.

"Does not apply" is a response of its own status: on the register and in the trail, never
overdue or chased, not counted as open and not counted as closed (it is not blue: nothing was
done). Taken on after all, it opens again with its owner.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from oversight import audit, clock
from oversight.accounts.models import Board, Organisation, Portfolio, User
from oversight.accounts.policies import require_liaison
from oversight.conflicts import bump
from oversight.recommendations.models import (
    Recommendation,
    Response,
    ResponseStatus,
    SignOff,
)
from oversight.recommendations.services.records import _check_same_org, next_review_after


def _require_national(recommendation: Recommendation) -> None:
    if recommendation.report.organisation_id is not None:
        raise ValueError(
            "Only a national recommendation (made to every force or service) can be recorded "
            "as not applying: this one was made to your organisation"
        )


def _existing(organisation: Organisation, recommendation: Recommendation) -> Response | None:
    return (
        Response.objects.select_for_update()
        .filter(organisation=organisation, recommendation=recommendation)
        .first()
    )


@transaction.atomic
def response_not_applicable(
    *, organisation: Organisation, recommendation: Recommendation, actor: User, reason: str
) -> Response:
    """Record that a national recommendation does not apply to the organisation, and why.
    Where it was taken on but nothing has started (still open), the response becomes 'does
    not apply'; once work has started it is closed through the workflow instead."""
    require_liaison(actor, organisation.pk)
    _require_national(recommendation)
    if not reason.strip():
        raise ValueError(f"Enter why it does not apply to {organisation.display_short_name}")
    note = f"Does not apply to {organisation.display_short_name}: {reason.strip()}"
    current = _existing(organisation, recommendation)
    if current is None:
        response = Response(
            organisation=organisation,
            recommendation=recommendation,
            status=ResponseStatus.NOT_APPLICABLE,
            not_applicable_reason=reason.strip(),
            next_review_on=None,
        )
        return audit.save(response, actor=actor, reason=note)
    if current.status == ResponseStatus.NOT_APPLICABLE:
        raise ValueError("It is already recorded as not applying")
    if current.status != ResponseStatus.OPEN or current.updates.exists():
        raise ValueError(
            f"Work on it has started ({current.get_status_display().lower()}): it goes "
            "through to closure, with the reason in the closure request"
        )
    return audit.update(
        current,
        actor=actor,
        reason=note,
        status=ResponseStatus.NOT_APPLICABLE,
        not_applicable_reason=reason.strip(),
        next_review_on=None,
        rag="",
    )


@transaction.atomic
def response_take_on(
    *,
    organisation: Organisation,
    recommendation: Recommendation,
    actor: User,
    owner: User | None = None,
    portfolio: Portfolio | None = None,
    board: Board | None = None,
    sign_off: str = SignOff.CHIEF_CONSTABLE,
    next_review_on: dt.date | None = None,
) -> Response:
    """Take on a national recommendation: open the organisation's response, or, where it was
    recorded as not applying, open that response again ('taken on after all')."""
    require_liaison(actor, organisation.pk)
    _check_same_org(organisation, owner=owner, portfolio=portfolio, board=board)
    current = _existing(organisation, recommendation)
    if current is not None and current.status != ResponseStatus.NOT_APPLICABLE:
        raise ValueError(f"{recommendation.title} has already been taken on")
    response = current or Response(organisation=organisation, recommendation=recommendation)
    response.owner, response.portfolio, response.board = owner, portfolio, board
    response.sign_off = sign_off
    response.status = ResponseStatus.OPEN
    response.not_applicable_reason = ""
    response.next_review_on = next_review_on or next_review_after(clock.today(), organisation)
    if current is None:
        return audit.save(response, actor=actor, reason="Taken on: a national recommendation")
    return audit.save(bump(response), actor=actor, reason="Taken on after all")


__all__ = ["response_not_applicable", "response_take_on"]
