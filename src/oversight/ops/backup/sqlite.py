"""SQLite: a consistent copy with the online backup API, and putting one back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.db import connection

from oversight.ops.backup.common import BackupError, _migrations_in, table_row_counts


def _dump_sqlite(target: Path) -> tuple[dict[str, int], list[str]]:
    """A consistent copy of the live SQLite database (the online backup API), and its counts."""
    name = str(connection.settings_dict["NAME"])
    is_uri = name.startswith("file:")  # e.g. the test suite's shared in-memory database
    if not is_uri and not Path(name).exists():
        raise BackupError(f"The database {name} does not exist: there is nothing to back up")
    source = sqlite3.connect(name, timeout=60, uri=is_uri)
    destination = sqlite3.connect(str(target))
    try:
        source.backup(destination)  # one step: a snapshot, while readers and writers carry on
    finally:
        source.close()
    try:
        rows = destination.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
            "ESCAPE '\\'"
        ).fetchall()
        names = [r[0] for r in rows]
        cursor = destination.cursor()
        return table_row_counts(cursor, names), _migrations_in(cursor, names)
    finally:
        destination.close()


def _restore_sqlite(staged: Path) -> None:
    """Copy the database into place, through SQLite (so a stale journal can never apply)."""
    target = Path(str(connection.settings_dict["NAME"]))
    if str(target).startswith("file:"):
        raise BackupError("Restoring into an in-memory database is not supported")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(str(staged))
    try:
        check = source.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise BackupError(
                f"The database in the archive fails SQLite's integrity check: {check}"
            )
        destination = sqlite3.connect(str(target), timeout=60)
        try:
            source.backup(destination)
            destination.execute("PRAGMA journal_mode=WAL")
        finally:
            destination.close()
    finally:
        source.close()
