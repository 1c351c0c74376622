"""Orphan evidence files: written to storage, but no evidence record points to them.

An update with evidence writes its files, then commits its records. If the process dies in
between (killed, out of memory, power cut), the transaction rolls back and the files stay
behind with no record. They are never served (no record, no download link), and the sweep
deletes them once they are old enough that no upload still in progress can own them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.utils import timezone

from oversight.recommendations.selectors import evidence_file_names

EVIDENCE_DIR = "evidence"


@dataclass
class SweepResult:
    checked: int = 0
    referenced: int = 0
    too_recent: int = 0
    orphans: list[str] = field(default_factory=list)
    orphan_bytes: int = 0


def _walk(storage, directory: str):
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{directory}/{name}"
    for name in sorted(directories):
        yield from _walk(storage, f"{directory}/{name}")


def referenced_names() -> set[str]:
    """Every stored file name an evidence record points to, now or in its history."""
    return evidence_file_names()


def sweep_orphans(
    *, older_than_minutes: float = 60, dry_run: bool = False, storage=None
) -> SweepResult:
    """Delete evidence files no record points to that are older than `older_than_minutes`."""
    storage = storage or default_storage
    cutoff = timezone.now() - dt.timedelta(minutes=older_than_minutes)
    # List first, then read the records: a file whose record commits in between is seen as
    # referenced, never deleted.
    files = [(name, storage.get_modified_time(name)) for name in _walk(storage, EVIDENCE_DIR)]
    referenced = referenced_names()
    result = SweepResult(checked=len(files))
    for name, modified in files:
        if name in referenced:
            result.referenced += 1
        elif modified > cutoff:
            result.too_recent += 1
        else:
            result.orphan_bytes += storage.size(name)
            result.orphans.append(name)
            if not dry_run:
                storage.delete(name)
    return result
