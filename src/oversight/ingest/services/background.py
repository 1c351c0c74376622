"""Confirming an import hands it to the background worker, so that no page waits for it.

The page marks the batch "being imported" and queues a task (django-tasks; run by
`oversight db_worker`, which `oversight serve` starts beside gunicorn). The task imports in
the same single transaction as ever (`ingest_confirm`), writing how far it has got to the
progress cache as it goes: the page shows it, and turns into the result when it is done. A
refusal (a row with a problem, a cancelled batch) puts the batch back to waiting for
confirmation with the reason, which the preview shows. A worker that dies mid-import leaves
nothing imported; the page says so, and the import can be confirmed again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from oversight import audit
from oversight.accounts.models import User
from oversight.ingest.models import BatchStatus, ImportBatch
from oversight.ingest.services.batches import ImportRefused, batch_preview, require_importer
from oversight.ingest.services.confirm import ImportBlocked, ingest_confirm
from oversight.ingest.services.progress import (
    ProgressReporter,
    import_progress,
    progress_forget,
)

logger = logging.getLogger(__name__)


@transaction.atomic
def ingest_confirm_later(
    *, batch: ImportBatch, actor: User, skip_rows: Iterable[int] = ()
) -> ImportBatch:
    """Queue the import of a previewed batch (or one whose import stopped). Returns the batch,
    being imported; confirming twice queues it once. Rows with problems that are not skipped
    are refused here (ImportBlocked), as the import itself would."""
    require_importer(actor, batch.organisation_id)
    current = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if current.status == BatchStatus.IMPORTED:
        return current
    if current.status == BatchStatus.CANCELLED:
        raise ImportRefused("This import was cancelled. Upload the file again to import it.")
    if current.status == BatchStatus.IMPORTING and import_progress(current).state != "stopped":
        return current  # already on its way (a second click)
    # What the preview shows can be refused at once, on the page: the same plan it shows.
    skipped = sorted({int(r) for r in skip_rows})
    plan = batch_preview(current).plan
    if plan.blockers:
        raise ImportRefused(plan.blockers[0])
    blocking = plan.blocking_rows(skipped)
    if blocking:
        raise ImportBlocked(blocking)
    current.status = BatchStatus.IMPORTING
    current.skipped_rows = skipped
    current.queued_at = timezone.now()
    current.problem = {}
    progress_forget(current.pk)
    audit.save(current, actor=actor, reason="Confirmed: to be imported in the background")
    result = import_batch.enqueue(current.pk, actor.pk)
    if current.status == BatchStatus.IMPORTING:  # not already done (the immediate backend)
        ImportBatch.objects.filter(pk=current.pk).update(task_id=str(result.id))
    current.refresh_from_db()
    return current


def _refused(batch_id: int, actor: User, message: str, rows: list[int] | None = None) -> None:
    """Back to waiting for confirmation, with why (in its own transaction: the import's has
    rolled back)."""
    with transaction.atomic():
        current = ImportBatch.objects.select_for_update().get(pk=batch_id)
        if current.status != BatchStatus.IMPORTING:
            return
        current.status = BatchStatus.PREVIEWED
        current.problem = {"message": message, "rows": rows or []}
        audit.save(current, actor=actor, reason=f"Not imported: {message}"[:100])
    progress_forget(batch_id)


@task()
def import_batch(batch_id: int, actor_id: int) -> dict:
    """The background task: import the batch as its liaison lead confirmed it."""
    batch = ImportBatch.objects.get(pk=batch_id)
    actor = User.objects.get(pk=actor_id)
    if batch.status != BatchStatus.IMPORTING:
        return {"imported": False, "why": f"the batch is {batch.status}"}
    progress = ProgressReporter(batch_id)
    progress(0, 0, force=True)
    try:
        result = ingest_confirm(
            batch=batch, actor=actor, skip_rows=batch.skipped_rows, progress=progress
        )
    except ImportBlocked as exc:
        _refused(batch_id, actor, str(exc), exc.rows)
        return {"imported": False, "why": str(exc)}
    except (ImportRefused, PermissionDenied) as exc:
        _refused(batch_id, actor, str(exc))
        return {"imported": False, "why": str(exc)}
    except Exception:
        logger.exception("The import of batch %s failed", batch_id)
        _refused(
            batch_id,
            actor,
            "The import could not be finished, so nothing was imported. Try again; if it "
            "happens again, tell the people who run Oversight.",
        )
        raise
    progress_forget(batch_id)
    return {"imported": True, "counts": result.counts}
