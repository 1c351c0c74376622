"""Backup and restore: one archive with the database, every evidence file and a manifest.

The archive is a gzip'd tar holding

- ``database/oversight.sqlite3`` (SQLite, taken with the online backup API, so it is a
  consistent copy even while the app is writing) or ``database/oversight.pgdump``
  (PostgreSQL, ``pg_dump --format=custom`` from the same snapshot as the row counts);
- ``media/…``: every file under MEDIA_ROOT, under its own relative path;
- ``manifest.json`` (last): when and from what it was made, the migrations applied, the
  number of rows in every table, and the size and SHA-256 of every other member.

A restore extracts into a staging folder and checks every member against the manifest before
it touches the configured database or MEDIA_ROOT; it refuses a damaged archive, and refuses
to replace a database that is not empty unless told to (``force``).

Split by what each part does: `common` (the format, the results, the tables), `sqlite` and
`postgresql` (each engine's copy and restore), `archive` (making and checking an archive),
`restore` (putting one back).
"""

from oversight.ops.backup.archive import backup_create, backup_verify, default_backup_path
from oversight.ops.backup.common import BackupError, BackupResult, RestoreResult
from oversight.ops.backup.postgresql import pg_tool
from oversight.ops.backup.restore import backup_restore

__all__ = [
    "BackupError",
    "BackupResult",
    "RestoreResult",
    "backup_create",
    "backup_restore",
    "backup_verify",
    "default_backup_path",
    "pg_tool",
]
