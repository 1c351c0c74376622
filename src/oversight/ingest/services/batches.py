"""Reading a file into a batch: the preview of an import, before anything is imported."""

from __future__ import annotations

import hashlib
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from oversight import audit, clock
from oversight.accounts.models import User
from oversight.accounts.policies import require_liaison
from oversight.ingest.extraction import Extraction, UnreadableFile
from oversight.ingest.models import BatchStatus, ImportBatch
from oversight.ingest.planning import Plan, build_plan
from oversight.ingest.services.progress import import_progress
from oversight.ingest.stored import extraction_from_json


class ImportRefused(ValueError):
    """An import that cannot go ahead, with the reason in words a person understands."""


@dataclass
class Preview:
    """A file read for import: its batch and what importing it would do.

    `already` is true when the same file was imported before: `batch` is then that earlier
    batch and nothing new was written."""

    batch: ImportBatch
    plan: Plan
    already: bool = False


def max_import_bytes() -> int:
    """The largest file that can be imported (OVERSIGHT_IMPORT_MAX_MB, 20 MB by default)."""
    from django.conf import settings

    return int(settings.OVERSIGHT_IMPORT_MAX_BYTES)


def require_importer(actor: User | None, organisation_id: int | None = None) -> None:
    """Only the liaison of an organisation imports into it: a person, never the system."""
    refusal = "Only the liaison lead of this organisation can import files."
    if actor is None or not actor.organisation_id:
        raise PermissionDenied(refusal)
    require_liaison(actor, organisation_id, refusal=refusal)


def _too_big(size: int) -> UnreadableFile:
    limit = max_import_bytes() / (1024 * 1024)
    return UnreadableFile(
        f"The file is {size / (1024 * 1024):.1f} MB: the largest file that can be imported "
        f"is {limit:g} MB."
    )


def _read_upload(upload: UploadedFile) -> bytes:
    size = upload.size or 0
    if size > max_import_bytes():
        raise _too_big(size)
    upload.seek(0)
    data = b"".join(upload.chunks())
    upload.seek(0)
    if len(data) > max_import_bytes():
        raise _too_big(len(data))
    return data


def _read_path(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFile(f"The file {path.name} cannot be opened: {exc.strerror}.") from exc
    if not path.is_file():
        raise UnreadableFile(f"{path.name} is not a file.")
    if size > max_import_bytes():
        raise _too_big(size)
    return path.read_bytes()


def _safe_suffix(name: str) -> str:
    suffix = Path(name or "").suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ""


def read_bytes(
    data: bytes, *, name: str, column_map: dict[int, str] | None = None, path: Path | None = None
) -> Extraction:
    """Read a file's bytes with the readers; raises UnreadableFile with a reason for a person."""
    # The readers (and the PDF libraries under them) are loaded on the first import, not by
    # every web worker at start; the ingest tests put their own readers in their place.
    from oversight.ingest.readers import read_file

    if not data:
        raise UnreadableFile(f"{name or 'The file'} is empty.")
    column_map = {int(k): v for k, v in (column_map or {}).items()} or None
    if path is not None:
        extraction = read_file(path, name=name, column_map=column_map)
    else:
        # The readers read paths: the bytes go to a private temporary folder, removed at once.
        with tempfile.TemporaryDirectory(prefix="oversight-ingest-") as folder:
            copy = Path(folder) / f"upload{_safe_suffix(name)}"
            copy.write_bytes(data)
            extraction = read_file(copy, name=name, column_map=column_map)
    extraction.source.sha256 = hashlib.sha256(data).hexdigest()
    extraction.source.name = name
    if path is None:
        extraction.source.path = name
    return extraction


@transaction.atomic
def ingest_preview(
    *,
    actor: User,
    path: Path | str | None = None,
    upload: UploadedFile | None = None,
    column_map: dict[int, str] | None = None,
    name: str | None = None,
) -> Preview:
    """Read a file (a path, or an upload) and say what importing it would do.

    Writes a batch waiting for confirmation, holding what was read; writes no record. A file
    already imported for the organisation writes nothing and returns the earlier batch."""
    require_importer(actor)
    if (path is None) == (upload is None):
        raise ValueError("Give a path or an upload")
    if upload is not None:
        name = name or Path(upload.name or "upload").name
        data = _read_upload(upload)
        extraction = read_bytes(data, name=name, column_map=column_map)
    else:
        assert path is not None  # one of the two, checked above
        path = Path(path)
        name = name or path.name
        data = _read_path(path)
        extraction = read_bytes(data, name=name, column_map=column_map, path=path)
    organisation = actor.organisation
    if organisation is None:  # require_importer refuses a person with none
        raise PermissionDenied("Only people of an organisation import files.")
    plan = build_plan(extraction, organisation)
    if plan.already is not None:
        return Preview(batch=plan.already, plan=plan, already=True)
    batch = ImportBatch(
        organisation=actor.organisation,
        file_name=name[:255],
        sha256=extraction.source.sha256,
        size=len(data),
        kind=extraction.source.kind,
        format=(extraction.source.format or "")[:10],
        extraction=extraction.as_json(),
        column_map={str(k): v for k, v in (column_map or {}).items()},
        content=data,
        created_by=actor,
    )
    audit.save(batch, actor=actor, reason=f"Read for import: {name}")
    return Preview(batch=batch, plan=plan)


def batch_preview(batch: ImportBatch) -> Preview:
    """The preview of a stored batch, against the record as it is now."""
    plan = build_plan(extraction_from_json(batch.extraction), batch.organisation)
    if batch.status == BatchStatus.IMPORTED:
        plan.already = batch
    return Preview(batch=batch, plan=plan, already=batch.status == BatchStatus.IMPORTED)


def _lock_waiting(batch: ImportBatch, actor: User) -> ImportBatch:
    require_importer(actor, batch.organisation_id)
    current = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if current.status == BatchStatus.IMPORTING and import_progress(current).state == "stopped":
        return current  # nothing was imported: start over
    if current.status != BatchStatus.PREVIEWED:
        raise ImportRefused(
            f"This import was already {current.get_status_display().lower()}: "
            "upload the file again to start over."
        )
    return current


@transaction.atomic
def ingest_remap(*, batch: ImportBatch, actor: User, column_map: dict[int, str]) -> Preview:
    """Read a tracker again with the columns matched by a person."""
    current = _lock_waiting(batch, actor)
    if not current.content:
        raise ImportRefused("The file is no longer held: upload it again.")
    extraction = read_bytes(bytes(current.content), name=current.file_name, column_map=column_map)
    current.extraction = extraction.as_json()
    current.kind = extraction.source.kind
    current.column_map = {str(k): v for k, v in column_map.items()}
    audit.save(current, actor=actor, reason="Columns matched again")
    return batch_preview(current)


@transaction.atomic
def ingest_cancel(*, batch: ImportBatch, actor: User) -> ImportBatch:
    """Drop a preview: nothing is imported and the file is no longer held."""
    current = _lock_waiting(batch, actor)
    current.status = BatchStatus.CANCELLED
    current.content = b""
    current.decided_by = actor
    current.decided_at = clock.now()
    return audit.save(current, actor=actor, reason="Import cancelled")
