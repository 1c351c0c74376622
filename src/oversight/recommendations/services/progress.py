"""Progress on a response: updates by the owner, evidence files, and periodic reviews."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from oversight import audit, clock
from oversight.accounts.models import User
from oversight.conflicts import bump
from oversight.dates import long_date
from oversight.recommendations import policies
from oversight.recommendations.filetypes import detect
from oversight.recommendations.models import (
    CLOSED_STATUSES,
    Evidence,
    Response,
    ResponseStatus,
    Review,
    ReviewOutcome,
    Update,
)
from oversight.recommendations.services.records import (
    next_review_after,
    refuse_if_not_applying,
)
from oversight.rules.rag import Rag

HEAD_BYTES = 64 * 1024


def max_evidence_bytes() -> int:
    """The size limit for one evidence file (OVERSIGHT_EVIDENCE_MAX_MB, 25 MB by default)."""
    return int(getattr(settings, "OVERSIGHT_EVIDENCE_MAX_BYTES", 25 * 1024 * 1024))


def _read_all(upload: UploadedFile) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def evidence_check(upload: UploadedFile):
    """Decide a file's type from its content; raises RefusedFile with a reason for a person."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return detect(
        head,
        name=upload.name or "",
        size=upload.size or 0,
        max_size=max_evidence_bytes(),
        read_all=lambda: _read_all(upload),
    )


CLOSED_EVIDENCE = (
    "This response is closed, and its evidence is what the closure approved. Reopen it, with a "
    "reason, to change its evidence."
)


def _status_now(response: Response) -> str | None:
    """The response's status as saved now (the page's copy may be a moment old)."""
    return Response.objects.filter(pk=response.pk).values_list("status", flat=True).first()


def _refuse_if_closed(response: Response, status: str | None = None) -> None:
    """Evidence on a closed response is fixed: it is what the closure approved."""
    status = status or _status_now(response)
    refuse_if_not_applying(response, status)
    if status in CLOSED_STATUSES:
        raise ValueError(CLOSED_EVIDENCE)


def _store(
    *,
    response: Response,
    update: Update | None,
    upload: UploadedFile,
    description: str,
    actor: User,
) -> Evidence:
    detected = evidence_check(upload)
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    evidence = Evidence(
        response=response,
        update=update,
        original_name=(upload.name or "evidence")[:255],
        description=description.strip()[:500],
        content_type=detected.content_type,
        size=upload.size or 0,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )
    evidence.file.save("evidence", upload, save=False)  # a random name: see evidence_path
    try:
        audit.save(evidence, actor=actor, reason=f"Evidence added: {evidence.original_name}")
    except BaseException:
        if evidence.file.name:
            evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


def _delete_files(evidence: Sequence[Evidence]) -> None:
    for item in evidence:
        if item.file.name:
            item.file.storage.delete(item.file.name)


@transaction.atomic
def update_add(
    *,
    response: Response,
    author: User,
    written_on: dt.date,
    narrative: str,
    proposed_rag: str = "",
    next_steps: str = "",
    files: Sequence[tuple[UploadedFile, str]] = (),
    reason: str = "",
    imported_from: str = "",
) -> Update:
    """A dated progress note, with its evidence files; an open response moves to in progress.
    `imported_from`: the file an undated update comes from (then `written_on` is the day of the
    import, and the page says the file gave no date)."""
    if author.role in {"executive", "viewer"} or (
        author.organisation_id != response.organisation_id
    ):
        raise PermissionDenied("You cannot add an update to this response.")
    if author.role == "owner" and not policies.can_contribute(author, response):
        raise PermissionDenied("Only the owner of this response can add an update.")
    if not narrative.strip():
        raise ValueError("Enter what progress has been made")
    if proposed_rag and proposed_rag not in {Rag.RED, Rag.AMBER, Rag.GREEN}:
        raise ValueError("Propose red, amber or green")
    status = _status_now(response)
    refuse_if_not_applying(response, status)
    if files:
        _refuse_if_closed(response, status)
    for upload, _description in files:
        evidence_check(upload)  # refuse before anything is written
    update = audit.save(
        Update(
            response=response,
            author=author,
            written_on=written_on,
            narrative=narrative.strip(),
            proposed_rag=proposed_rag,
            imported_from=imported_from[:255],
            next_steps=next_steps.strip(),
        ),
        actor=author,
        reason=reason or "Update added",
    )
    stored: list[Evidence] = []
    try:
        for upload, description in files:
            stored.append(
                _store(
                    response=response,
                    update=update,
                    upload=upload,
                    description=description,
                    actor=author,
                )
            )
        current = Response.objects.select_for_update().get(pk=response.pk)
        if current.status == ResponseStatus.OPEN:  # as it is now, not as the caller read it
            audit.update(
                current,
                actor=author,
                reason="Update added: now in progress",
                status=ResponseStatus.IN_PROGRESS,
            )
    except BaseException:
        _delete_files(stored)  # the transaction rolls back: leave no orphan file
        raise
    return update


@transaction.atomic
def evidence_add(
    *, response: Response, actor: User, upload: UploadedFile, description: str = ""
) -> Evidence:
    """Attach a file to a response (not to one update)."""
    if not policies.can_contribute(actor, response):
        raise PermissionDenied("Only the owner or the liaison lead can add evidence.")
    _refuse_if_closed(response)
    return _store(
        response=response, update=None, upload=upload, description=description, actor=actor
    )


@transaction.atomic
def evidence_withdraw(*, evidence: Evidence, actor: User, reason: str) -> Evidence:
    """Evidence is never deleted: it is withdrawn, with a reason, and stays in the record."""
    if not policies.can_contribute(actor, evidence.response):
        raise PermissionDenied("Only the owner or the liaison lead can withdraw evidence.")
    if not reason.strip():
        raise ValueError("Enter why the evidence is withdrawn")
    _refuse_if_closed(evidence.response)
    current = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if current.withdrawn_at:
        raise ValueError("This evidence was already withdrawn")
    current.withdrawn_at = clock.now()
    current.withdrawn_by = actor
    current.withdrawn_reason = reason.strip()
    return audit.save(current, actor=actor, reason=f"Evidence withdrawn: {reason.strip()}")


@transaction.atomic
def review_record(
    *,
    response: Response,
    actor: User,
    outcome: str,
    notes: str = "",
    reviewed_on: dt.date | None = None,
) -> Review:
    """A periodic review: records the outcome and moves the next review date on one cycle."""
    if not policies.can_manage(actor, response):
        raise PermissionDenied("Only the liaison lead records reviews.")
    if outcome not in {ReviewOutcome.ACCEPTED, ReviewOutcome.MORE_EVIDENCE, ReviewOutcome.ESCALATE}:
        raise ValueError("Choose an outcome")
    reviewed_on = reviewed_on or clock.today()
    current = Response.objects.select_for_update().get(pk=response.pk)
    refuse_if_not_applying(current)
    if current.is_closed:
        raise ValueError("This response is closed: there is nothing to review")
    next_on = next_review_after(reviewed_on, current.organisation)
    review = audit.save(
        Review(
            response=current,
            reviewer=actor,
            reviewed_on=reviewed_on,
            outcome=outcome,
            notes=notes.strip(),
            board=current.board if outcome == ReviewOutcome.ESCALATE else None,
            next_review_on=next_on,
        ),
        actor=actor,
        reason="Review recorded",
    )
    current.next_review_on = next_on
    audit.save(
        bump(current),
        actor=actor,
        reason=f"Reviewed: {ReviewOutcome(outcome).label}; next review {long_date(next_on)}",
    )
    return review
