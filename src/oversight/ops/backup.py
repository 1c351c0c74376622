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
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection, connections, transaction

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


# ---------------------------------------------------------------------------------------------
# PostgreSQL tools


def pg_tool(name: str) -> str:
    """The path of pg_dump or pg_restore: on PATH, else the newest under /usr/lib/postgresql."""
    found = shutil.which(name)
    if found:
        return found

    def major(path: str) -> int:
        match = re.search(r"/postgresql/(\d+)/", path)
        return int(match.group(1)) if match else 0

    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=major, reverse=True)
    if candidates:
        return candidates[0]
    raise BackupError(
        f"{name} was not found. Install the PostgreSQL client tools "
        f"(Debian: apt-get install postgresql-client) to back up or restore PostgreSQL."
    )


def _pg_env() -> tuple[dict[str, str], str]:
    """Environment for the libpq tools from the Django settings, and the database name."""
    db = connection.settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    options = db.get("OPTIONS") or {}
    for key, var in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
    ):
        if options.get(key):
            env[var] = str(options[key])
    env.pop("PGDATABASE", None)
    return env, str(db["NAME"])


def _run(argv: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BackupError(f"{what} failed: {' '.join(detail[-3:]) or f'exit {done.returncode}'}")


# ---------------------------------------------------------------------------------------------
# Backup


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


def _dump_postgresql(target: Path) -> tuple[dict[str, int], list[str]]:
    """pg_dump from an exported snapshot; the row counts are taken in that same snapshot."""
    pg_dump = pg_tool("pg_dump")
    env, name = _pg_env()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(
            [
                pg_dump,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
                f"--dbname={name}",
            ],
            env,
            "pg_dump",
        )
        tables = connection.introspection.table_names(cursor, include_views=False)
        return table_row_counts(cursor, tables), _migrations_in(cursor, tables)


def _migrations_in(cursor, tables: list[str]) -> list[str]:
    """The migrations applied in the copy (read in the same snapshot as the data)."""
    if "django_migrations" not in tables:
        return []
    cursor.execute("SELECT app, name FROM django_migrations")
    return sorted(f"{app}.{name}" for app, name in cursor.fetchall())


def _media_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(
        p for p in root.rglob("*") if p.is_file() and not p.is_symlink() and ".tmp-" not in p.name
    )


class _HashingReader:
    """Reads a file for tarfile while taking its SHA-256."""

    def __init__(self, handle) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        self.count += len(data)
        return data


def default_backup_path() -> Path:
    """var/backups/oversight-<UTC time>.tar.gz (keep a copy somewhere else too)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path(getattr(settings, "VAR_DIR", ".")) / "backups" / f"oversight-{stamp}.tar.gz"


def backup_create(*, output: Path | None = None, report: Report | None = None) -> BackupResult:
    """Write one archive with the database, every file under MEDIA_ROOT and a manifest.

    The database is copied first, then the files: evidence files are written before the
    record that points to them is committed and are never changed, so every file the copied
    database refers to is in the archive.
    """
    report = report or (lambda _message: None)
    output = Path(output) if output else default_backup_path()
    if output.resolve().is_relative_to(media_root().resolve()):
        raise BackupError(f"Write the backup outside MEDIA_ROOT ({media_root()})")
    output.parent.mkdir(parents=True, exist_ok=True)
    kind = vendor()
    if kind not in {"sqlite", "postgresql"}:
        raise BackupError(f"Backing up a {kind} database is not supported")
    entries: list[dict] = []
    media_count = media_bytes = 0
    partial = output.with_name(f".{output.name}.partial-{os.getpid()}")
    with tempfile.TemporaryDirectory(prefix="oversight-backup-") as work:
        dump = Path(work) / "database"
        report(f"Copying the {kind} database …")
        if kind == "sqlite":
            (tables, migrations), member = _dump_sqlite(dump), SQLITE_MEMBER
        else:
            (tables, migrations), member = _dump_postgresql(dump), PGDUMP_MEMBER
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # sensitive data
        try:
            with os.fdopen(fd, "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                    entries.append(_add(tar, dump, member))
                    root = media_root()
                    files = _media_files(root)
                    report(f"Copying {len(files)} files from {root} …")
                    for path in files:
                        entry = _add(tar, path, MEDIA_PREFIX + path.relative_to(root).as_posix())
                        if entry is None:  # an orphan swept away meanwhile
                            continue
                        entries.append(entry)
                        media_count += 1
                        media_bytes += entry["size"]
                    manifest = {
                        "format": FORMAT,
                        "format_version": FORMAT_VERSION,
                        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                        "app_version": app_version(),
                        "database": {"vendor": kind, "member": member, "tables": tables},
                        "migrations": migrations,
                        "media": {"files": media_count, "bytes": media_bytes},
                        "files": entries,
                    }
                    data = json.dumps(manifest, indent=2, sort_keys=True).encode()
                    info = tarfile.TarInfo(MANIFEST)
                    info.size = len(data)
                    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
                    info.mode = 0o600
                    tar.addfile(info, io.BytesIO(data))
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, output)  # never a half-written archive under the final name
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return BackupResult(
        path=output,
        size=output.stat().st_size,
        vendor=kind,
        files=media_count,
        file_bytes=media_bytes,
        tables=tables,
    )


def _add(tar: tarfile.TarFile, path: Path, name: str) -> dict | None:
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return None
    with handle:
        stat = os.fstat(handle.fileno())
        info = tarfile.TarInfo(name)
        info.size = stat.st_size
        info.mtime = int(stat.st_mtime)
        info.mode = 0o600
        reader = _HashingReader(handle)
        tar.addfile(info, reader)
    if reader.count != stat.st_size:
        raise BackupError(f"{path} changed while it was being copied")
    return {"path": name, "size": stat.st_size, "sha256": reader.digest.hexdigest()}


# ---------------------------------------------------------------------------------------------
# Verify


def _safe_member_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if (
        not name
        or path.is_absolute()
        or any(part in {"", ".", ".."} for part in path.parts)
        or "\\" in name
        or "\x00" in name
    ):
        raise BackupError(f"The archive holds a file with an unsafe name ({name!r}): refused")
    if name != MANIFEST and not (
        name in {SQLITE_MEMBER, PGDUMP_MEMBER} or name.startswith(MEDIA_PREFIX)
    ):
        raise BackupError(f"The archive holds {name!r}, which is not part of a backup: refused")
    return path


def backup_verify(archive: Path, staging: Path) -> dict:
    """Extract `archive` into `staging` and check every member against the manifest.

    Returns the manifest. Raises BackupError, saying what is wrong, if the archive is damaged,
    incomplete, has a file too many or too few, or any file differs from its checksum.
    Nothing outside `staging` is written.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive} does not exist")
    seen: dict[str, dict] = {}
    manifest_data: bytes | None = None
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                path = _safe_member_name(member.name)
                if not member.isfile():
                    raise BackupError(f"The archive holds {member.name!r}, not a plain file")
                if member.name in seen or (member.name == MANIFEST and manifest_data is not None):
                    raise BackupError(f"The archive holds {member.name!r} twice: refused")
                source = tar.extractfile(member)
                if member.name == MANIFEST:
                    manifest_data = source.read()
                    continue
                target = staging.joinpath(*path.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                size = 0
                with target.open("wb") as out:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                seen[member.name] = {"size": size, "sha256": digest.hexdigest()}
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise BackupError(
            f"The archive {archive} is damaged or incomplete ({exc}): nothing was restored"
        ) from exc
    if manifest_data is None:
        raise BackupError(f"{archive} has no manifest: it is not an Oversight backup")
    try:
        manifest = json.loads(manifest_data)
    except ValueError as exc:
        raise BackupError(f"The manifest in {archive} is damaged: refused") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} is not an Oversight backup")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{archive} is backup format {manifest.get('format_version')}; "
            f"this version of Oversight reads format {FORMAT_VERSION}"
        )
    listed = {entry["path"]: entry for entry in manifest.get("files", [])}
    problems = []
    for name in sorted(set(listed) - set(seen)):
        problems.append(f"{name} is missing")
    for name in sorted(set(seen) - set(listed)):
        problems.append(f"{name} is not in the manifest")
    for name in sorted(set(listed) & set(seen)):
        if seen[name]["size"] != listed[name]["size"]:
            problems.append(
                f"{name} is {seen[name]['size']} bytes, the manifest says {listed[name]['size']}"
            )
        elif seen[name]["sha256"] != listed[name]["sha256"]:
            problems.append(f"{name} does not match its SHA-256 checksum")
    database = manifest.get("database") or {}
    if database.get("member") not in seen:
        problems.append("the database is missing")
    if problems:
        shown = "; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)" * (len(problems) > 5))
        raise BackupError(f"The archive {archive} is damaged: {shown}. Nothing was restored.")
    return manifest


# ---------------------------------------------------------------------------------------------
# Restore


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


def _restore_postgresql(staged: Path) -> None:
    pg_restore = pg_tool("pg_restore")
    env, name = _pg_env()
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={name}",
            str(staged),
        ],
        env,
        "pg_restore",
    )


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
