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
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from oversight import audit
from oversight.accounts.models import User
from oversight.ingest.models import BatchStatus, ImportBatch
from oversight.ingest.services.batches import ImportRefused, batch_preview, require_importer
from oversight.ingest.services.confirm import ImportBlocked, ingest_confirm

logger = logging.getLogger(__name__)

# A running import writes its progress at least this often; a longer silence means it stopped.
HEARTBEAT_SECONDS = 5
STOPPED_AFTER_SECONDS = 120


def _progress_cache():
    return caches[settings.OVERSIGHT_PROGRESS_CACHE]


def _key(batch_id: int) -> str:
    return f"import-progress:{batch_id}"


class ProgressReporter:
    """Called by the import as it goes: (done, total). Writes at most every half second."""

    def __init__(self, batch_id: int):
        self.batch_id = batch_id
        self.last = 0.0

    def __call__(self, done: int, total: int, *, force: bool = False) -> None:
        now = time.time()
        if not force and now - self.last < 0.5:
            return
        self.last = now
        _progress_cache().set(
            _key(self.batch_id), {"done": done, "total": total, "at": now}, timeout=86400
        )


@dataclass
class Progress:
    """What the page says about an import in the background."""

    state: str  # "waiting" (queued), "running", "stopped" (the worker went away)
    done: int = 0
    total: int = 0
    waited_seconds: int = 0

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


def import_progress(batch: ImportBatch) -> Progress:
    """How far the background import of `batch` (being imported) has got."""
    now = time.time()
    queued = batch.queued_at.timestamp() if batch.queued_at else now
    seen = _progress_cache().get(_key(batch.pk))
    if seen is None:
        waited = int(now - queued)
        return Progress("waiting", waited_seconds=waited)
    if now - seen["at"] > STOPPED_AFTER_SECONDS:
        return Progress("stopped", seen["done"], seen["total"], int(now - queued))
    return Progress("running", seen["done"], seen["total"], int(now - queued))


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
    _progress_cache().delete(_key(current.pk))
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
    _progress_cache().delete(_key(batch_id))


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
    _progress_cache().delete(_key(batch_id))
    return {"imported": True, "counts": result.counts}
