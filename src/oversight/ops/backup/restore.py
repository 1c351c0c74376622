"""Putting an archive back: staged, checked, then the database and MEDIA_ROOT replaced."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from django.db import connection, connections

from oversight.ops.backup.archive import backup_verify
from oversight.ops.backup.common import (
    MEDIA_PREFIX,
    BackupError,
    Report,
    RestoreResult,
    _sha256_file,
    database_summary,
    database_tables,
    known_migrations,
    media_root,
    table_row_counts,
    vendor,
)
from oversight.ops.backup.postgresql import _restore_postgresql
from oversight.ops.backup.sqlite import _restore_sqlite


def _copy_into_place(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    shutil.copyfile(source, temporary)
    with temporary.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, target)


def backup_restore(
    *, archive: Path, force: bool = False, report: Report | None = None
) -> RestoreResult:
    """Put a backup back: verify it all first, then the files, then the database."""
    report = report or (lambda _message: None)
    kind = vendor()
    with tempfile.TemporaryDirectory(prefix="oversight-restore-") as work:
        staging = Path(work)
        report(f"Checking {archive} …")
        manifest = backup_verify(Path(archive), staging)
        database = manifest["database"]
        if database.get("vendor") != kind:
            raise BackupError(
                f"This is a backup of a {database.get('vendor')} database; the configured database "
                f"is {kind}. Nothing was restored."
            )
        warnings: list[str] = []
        unknown = sorted(set(manifest.get("migrations", [])) - known_migrations())
        if unknown:
            made_by = manifest.get("app_version")
            message = (
                f"The backup was made by a newer version of Oversight ({made_by}): this "
                f"version does not know the migrations {', '.join(unknown[:3])}"
            )
            if not force:
                raise BackupError(
                    message + ". Upgrade first, or use --force. Nothing was restored."
                )
            warnings.append(message)
        tables, rows = database_summary()
        if tables and not force:
            raise BackupError(
                f"The database is not empty ({tables} tables, {rows} rows). Restoring replaces "
                f"everything in it: run again with --force to do that. Nothing was restored."
            )
        root = media_root()
        media = [e for e in manifest["files"] if e["path"].startswith(MEDIA_PREFIX)]
        clashes = []
        for entry in media:
            target = root / entry["path"][len(MEDIA_PREFIX) :]
            if target.exists() and (
                target.stat().st_size != entry["size"] or _sha256_file(target) != entry["sha256"]
            ):
                clashes.append(str(target))
        if clashes and not force:
            raise BackupError(
                f"{len(clashes)} files in {root} differ from the backup (e.g. {clashes[0]}): "
                f"run again with --force to replace them. Nothing was restored."
            )
        connections.close_all()
        # Files first: a file without a record is swept up later; a record without its file
        # would be lost evidence.
        report(f"Restoring {len(media)} files into {root} …")
        for entry in media:
            relative = entry["path"][len(MEDIA_PREFIX) :]
            _copy_into_place(staging / entry["path"], root / relative)
        report(f"Restoring the {kind} database …")
        staged_db = staging / database["member"]
        if kind == "sqlite":
            _restore_sqlite(staged_db)
        else:
            _restore_postgresql(staged_db)
        connections.close_all()
        restored = _check_counts(database.get("tables") or {})
        missing_now = sorted(known_migrations() - set(manifest.get("migrations", [])))
        if missing_now:
            warnings.append(
                f"The backup predates {len(missing_now)} migrations of this version: "
                f"run `oversight migrate`."
            )
        return RestoreResult(
            vendor=kind,
            created_at=manifest.get("created_at", ""),
            files=len(media),
            file_bytes=sum(e["size"] for e in media),
            tables=restored,
            warnings=warnings,
        )


def _check_counts(expected: dict[str, int]) -> dict[str, int]:
    present = set(database_tables())
    missing = sorted(set(expected) - present)
    if missing:
        raise BackupError(f"After the restore, tables are missing: {', '.join(missing[:5])}")
    with connection.cursor() as cursor:
        counts = table_row_counts(cursor, list(expected))
    wrong = [f"{t}: {counts[t]} rows, expected {n}" for t, n in expected.items() if counts[t] != n]
    if wrong:
        raise BackupError(f"After the restore, row counts differ: {'; '.join(wrong[:5])}")
    return counts
