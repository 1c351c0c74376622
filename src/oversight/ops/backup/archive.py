"""Making the archive (the database, every evidence file, the manifest last) and checking one
member by member against its manifest."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

from django.conf import settings

from oversight.ops.backup.common import (
    CHUNK,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_PREFIX,
    PGDUMP_MEMBER,
    SQLITE_MEMBER,
    BackupError,
    BackupResult,
    Report,
    app_version,
    media_root,
    vendor,
)
from oversight.ops.backup.postgresql import _dump_postgresql
from oversight.ops.backup.sqlite import _dump_sqlite


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
                    bucket = getattr(settings, "S3_BUCKET", "")
                    # in object storage, the files are the bucket's to keep (its versioning
                    # and replication): the archive holds the database, and says where they are
                    files = [] if bucket else _media_files(root)
                    if bucket:
                        report(
                            f"Evidence files are in the object storage bucket {bucket}: not copied"
                        )
                    else:
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
                        "media": {"files": media_count, "bytes": media_bytes}
                        | ({"object_storage_bucket": bucket} if bucket else {}),
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
