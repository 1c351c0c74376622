"""Decisions on a response: extensions of its due date, closure and sign-off."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction

from oversight import audit, clock
from oversight.accounts.models import User
from oversight.conflicts import bump
from oversight.dates import long_date
from oversight.recommendations import policies
from oversight.recommendations.models import (
    ClosureRequest,
    ClosureStage,
    ExtensionRequest,
    RequestStatus,
    Response,
    ResponseStatus,
)
from oversight.recommendations.services.records import refuse_if_not_applying
from oversight.rules.rag import Rag


def _lock(response: Response) -> Response:
    return Response.objects.select_for_update().select_related("organisation").get(pk=response.pk)


# --- Due dates and extensions -------------------------------------------------------------


@transaction.atomic
def due_date_set(*, response: Response, actor: User, due_on: dt.date, reason: str) -> Response:
    """Set a due date where the wording gave none. A date that exists is moved by extension."""
    if not policies.can_manage(actor, response):
        raise PermissionDenied("Only the liaison lead sets due dates.")
    current = _lock(response)
    refuse_if_not_applying(current)
    if current.is_closed:
        raise ValueError(
            "This response is closed: what was approved at closure stays as it was. Reopen "
            "it, with a reason, to change it."
        )
    if current.due_on is not None:
        raise ValueError("This response has a due date: request an extension to move it")
    if not reason.strip():
        raise ValueError("Enter why this is the due date")
    return audit.update(
        current,
        actor=actor,
        reason=f"Due date set: {reason.strip()}",
        revised_due_on=due_on,
        revised_due_reason=reason.strip(),
    )


@transaction.atomic
def extension_request(
    *, response: Response, actor: User, proposed_due_on: dt.date, reason: str
) -> ExtensionRequest:
    """Ask to move the due date. An executive decides; the original date is always kept."""
    if not policies.can_contribute(actor, response):
        raise PermissionDenied("Only the owner or the liaison lead can ask for an extension.")
    current = _lock(response)
    refuse_if_not_applying(current)
    if current.is_closed:
        raise ValueError("This response is closed")
    if not reason.strip():
        raise ValueError("Enter why more time is needed")
    if current.due_on and proposed_due_on <= current.due_on:
        raise ValueError("The new due date must be after the current one")
    if current.extensions.filter(status=RequestStatus.PENDING).exists():
        raise ValueError("An extension is already waiting for a decision")
    return audit.save(
        ExtensionRequest(
            response=current,
            requested_by=actor,
            current_due_on=current.due_on,
            proposed_due_on=proposed_due_on,
            reason=reason.strip(),
        ),
        actor=actor,
        reason="Extension requested",
    )


@transaction.atomic
def extension_decide(
    *, extension: ExtensionRequest, actor: User, approve: bool, note: str = ""
) -> ExtensionRequest:
    if not policies.can_decide(actor, extension.response):
        raise PermissionDenied("Only an executive decides extensions.")
    current = ExtensionRequest.objects.select_for_update().get(pk=extension.pk)
    if current.status != RequestStatus.PENDING:
        raise ValueError("This extension has already been decided")
    if not approve and not note.strip():
        raise ValueError("Enter why the extension is refused")
    current.status = RequestStatus.APPROVED if approve else RequestStatus.REFUSED
    current.decided_by = actor
    current.decided_at = clock.now()
    current.decision_note = note.strip()
    audit.save(current, actor=actor, reason=f"Extension {current.get_status_display().lower()}")
    if approve:
        response = _lock(current.response)
        response.revised_due_on = current.proposed_due_on
        response.revised_due_reason = current.reason
        audit.save(
            bump(response),
            actor=actor,
            reason=f"Due date moved to {long_date(current.proposed_due_on)} (extension approved)",
        )
    return current


# --- Closure ------------------------------------------------------------------------------


def snapshot(response: Response) -> dict:
    """What a decision approved: the response as it stood and its evidence, with checksums."""
    return {
        "taken_at": clock.now().isoformat(),
        "response": {
            "id": response.pk,
            "recommendation": str(response.recommendation),
            "status": response.status,
            "rag": response.rag,
            "owner": response.owner.display_name if response.owner else None,
            "due_on": response.due_on.isoformat() if response.due_on else None,
            "version": response.version,
            "text": response.recommendation.text,
            "sign_off": response.sign_off,
        },
        "updates": [
            {
                "written_on": u.written_on.isoformat(),
                "author": u.author.display_name,
                "narrative": u.narrative,
                "proposed_rag": u.proposed_rag,
            }
            for u in response.updates.select_related("author").order_by("written_on", "id")
        ],
        "evidence": [
            {
                "id": e.pk,
                "name": e.original_name,
                "size": e.size,
                "sha256": e.sha256,
                "uploaded_on": e.uploaded_at.date().isoformat(),
                "withdrawn": bool(e.withdrawn_at),
            }
            for e in response.evidence.order_by("uploaded_at")
        ],
        "latest_update": (
            response.updates.order_by("-written_on", "-id")
            .values_list("narrative", flat=True)
            .first()
        ),
    }


@transaction.atomic
def closure_request(*, response: Response, actor: User, statement: str) -> ClosureRequest:
    """The owner asks for closure with a closing statement."""
    if not policies.can_contribute(actor, response):
        raise PermissionDenied("Only the owner or the liaison lead can ask for closure.")
    current = _lock(response)
    refuse_if_not_applying(current)
    if current.is_closed:
        raise ValueError("This response is already closed")
    if not statement.strip():
        raise ValueError("Enter a closing statement: what was done, and where the evidence is")
    if any(c.is_open for c in current.closures.all()):
        raise ValueError("A closure request is already in progress")
    closure = audit.save(
        ClosureRequest(
            response=current,
            statement=statement.strip(),
            requested_by=actor,
            snapshot=snapshot(current),
        ),
        actor=actor,
        reason="Closure requested",
    )
    audit.update(
        current, actor=actor, reason="Closure requested", status=ResponseStatus.READY_FOR_CLOSURE
    )
    return closure


def _closure_for(closure: ClosureRequest, actor: User, action: str) -> ClosureRequest:
    current = (
        ClosureRequest.objects.select_for_update()
        .select_related("response__organisation")
        .get(pk=closure.pk)
    )
    if action not in policies.closure_actions(actor, current):
        raise PermissionDenied("You cannot do this to this closure request now.")
    return current


@transaction.atomic
def closure_check(*, closure: ClosureRequest, actor: User, note: str = "") -> ClosureRequest:
    """The liaison has checked the evidence: it goes to the executive or the inspectorate."""
    current = _closure_for(closure, actor, "check")
    current.stage = ClosureStage.EVIDENCE_CHECKED
    current.checked_by = actor
    current.checked_at = clock.now()
    current.check_note = note.strip()
    current.snapshot = snapshot(current.response)
    return audit.save(current, actor=actor, reason="Evidence checked")


@transaction.atomic
def closure_return(*, closure: ClosureRequest, actor: User, note: str) -> ClosureRequest:
    """Sent back to the owner: more is needed. The response is in progress again."""
    current = _closure_for(closure, actor, "return")
    if not note.strip():
        raise ValueError("Enter what more is needed")
    current.stage = ClosureStage.RETURNED
    current.decided_by = actor
    current.decided_at = clock.now()
    current.decision_note = note.strip()
    current.snapshot = snapshot(current.response)
    audit.save(current, actor=actor, reason="Closure returned")
    response = _lock(current.response)
    response.status = ResponseStatus.IN_PROGRESS
    audit.save(bump(response), actor=actor, reason=f"Closure returned: {note.strip()}")
    return current


def _close(response: Response, actor: User, status: str, why: str) -> None:
    response = _lock(response)
    response.status = status
    response.rag = Rag.BLUE
    response.closed_on = clock.today()
    audit.save(bump(response), actor=actor, reason=why)


@transaction.atomic
def closure_sign_off(*, closure: ClosureRequest, actor: User, note: str = "") -> ClosureRequest:
    """An executive signs off under the chief constable's delegated authority."""
    current = _closure_for(closure, actor, "sign_off")
    current.stage = ClosureStage.SIGNED_OFF
    current.decided_by = actor
    current.decided_at = clock.now()
    current.decision_note = note.strip()
    current.snapshot = snapshot(current.response)
    audit.save(current, actor=actor, reason="Closure signed off")
    _close(
        current.response,
        actor,
        ResponseStatus.CLOSED,
        f"Closed: signed off by {actor.display_name} under delegated authority",
    )
    return current


@transaction.atomic
def closure_submit(*, closure: ClosureRequest, actor: User, note: str = "") -> ClosureRequest:
    """The liaison records that the closure was submitted to the inspectorate."""
    current = _closure_for(closure, actor, "submit")
    current.stage = ClosureStage.SUBMITTED
    current.check_note = "\n\n".join(x for x in [current.check_note, note.strip()] if x)
    current.snapshot = snapshot(current.response)
    audit.save(current, actor=actor, reason="Submitted to the inspectorate")
    response = _lock(current.response)
    response.status = ResponseStatus.SUBMITTED
    audit.save(bump(response), actor=actor, reason="Submitted to the inspectorate for closure")
    return current


@transaction.atomic
def closure_inspectorate_decision(
    *, closure: ClosureRequest, actor: User, accepted: bool, note: str = ""
) -> ClosureRequest:
    """The liaison records the inspectorate's decision on a submitted closure."""
    current = _closure_for(closure, actor, "inspectorate_decision")
    if not accepted and not note.strip():
        raise ValueError("Enter what the inspectorate said")
    current.stage = ClosureStage.CLOSED_BY_INSPECTORATE if accepted else ClosureStage.NOT_ACCEPTED
    current.decided_by = actor
    current.decided_at = clock.now()
    current.decision_note = note.strip()
    current.snapshot = snapshot(current.response)
    audit.save(
        current,
        actor=actor,
        reason=f"Inspectorate decision recorded: {current.get_stage_display().lower()}",
    )
    if accepted:
        _close(
            current.response,
            actor,
            ResponseStatus.CLOSED_BY_INSPECTORATE,
            "Closed by the inspectorate",
        )
    else:
        response = _lock(current.response)
        response.status = ResponseStatus.IN_PROGRESS
        audit.save(bump(response), actor=actor, reason="The inspectorate did not accept closure")
    return current


__all__ = [
    "closure_check",
    "closure_inspectorate_decision",
    "closure_request",
    "closure_return",
    "closure_sign_off",
    "closure_submit",
    "due_date_set",
    "extension_decide",
    "extension_request",
    "snapshot",
]
