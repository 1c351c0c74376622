"""How far a background import has got: written by the import as it goes (ProgressReporter),
read by the page and by a second confirm (import_progress), in the progress cache (shared by
every app server when it is on Redis)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

from oversight.ingest.models import ImportBatch

# A running import writes its progress as it goes (at most every half second);
# a silence this long means it stopped.
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


def progress_forget(batch_id: int) -> None:
    """The import is over (or starts again): nothing more to say about its progress."""
    _progress_cache().delete(_key(batch_id))
