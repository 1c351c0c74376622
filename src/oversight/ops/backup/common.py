"""What every part of backup and restore shares: the archive's format, the results, and
reading the database's tables and row counts."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = "oversight-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/oversight.sqlite3"
PGDUMP_MEMBER = "database/oversight.pgdump"
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024

Report = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the person running it."""


@dataclass
class BackupResult:
    path: Path
    size: int
    vendor: str
    files: int
    file_bytes: int
    tables: dict[str, int]


@dataclass
class RestoreResult:
    vendor: str
    created_at: str
    files: int
    file_bytes: int
    tables: dict[str, int]
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Small helpers


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("oversight")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def vendor() -> str:
    """'sqlite' or 'postgresql' (Django's name for the configured database)."""
    return connection.vendor


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def known_migrations() -> set[str]:
    """Every migration this version of the code has on disk."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_row_counts(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
        counts[table] = int(cursor.fetchone()[0])
    return counts


def database_tables() -> list[str]:
    """The tables in the configured database (not views, not SQLite's own)."""
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor, include_views=False)
    return sorted(n for n in names if not n.startswith("sqlite_"))


def database_summary() -> tuple[int, int]:
    """(tables, rows) in the configured database: how full it is."""
    tables = database_tables()
    if not tables:
        return 0, 0
    with connection.cursor() as cursor:
        counts = table_row_counts(cursor, tables)
    return len(tables), sum(counts.values())


def _migrations_in(cursor, tables: list[str]) -> list[str]:
    """The migrations applied in the copy (read in the same snapshot as the data)."""
    if "django_migrations" not in tables:
        return []
    cursor.execute("SELECT app, name FROM django_migrations")
    return sorted(f"{app}.{name}" for app, name in cursor.fetchall())
