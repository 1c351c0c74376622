"""The record on disk is the app's own: the SQLite database (and its journal) 0600, evidence and
templates 0600, their folders 0700. New files are created so (the `oversight` command, the WSGI
module and gunicorn set the umask 077); `make_private` brings an older install into line, and
runs when `oversight serve` starts."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)


def record_paths() -> list[Path]:
    """The folders and files that hold the record on this machine."""
    paths = [Path(settings.VAR_DIR), Path(settings.MEDIA_ROOT), Path(settings.FILE_UPLOAD_TEMP_DIR)]
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        name = Path(database["NAME"])
        paths += [name, Path(f"{name}-wal"), Path(f"{name}-shm"), Path(f"{name}-journal")]
    return paths


def readable_by_others() -> list[Path]:
    found = []
    for path in _walk():
        try:
            if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
                found.append(path)
        except FileNotFoundError:
            continue
    return found


def make_private() -> int:
    """Folders 0700, files 0600; returns how many were changed."""
    changed = 0
    for path in _walk():
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            continue
        wanted = 0o700 if stat.S_ISDIR(mode) else 0o600
        if stat.S_IMODE(mode) != wanted:
            os.chmod(path, wanted)
            changed += 1
    if changed:
        logger.warning("Made %d files and folders of the record readable by the app only", changed)
    return changed


def _walk():
    seen: set[Path] = set()
    var = Path(settings.VAR_DIR)
    static = Path(settings.STATIC_ROOT)
    for top in record_paths():
        if not top.exists() or top in seen:
            continue
        seen.add(top)
        yield top
        if top.is_dir() and top != var:  # var holds static files too: only its own entry
            for root, dirs, files in os.walk(top):
                dirs[:] = [d for d in dirs if Path(root, d) != static]
                for name in dirs + files:
                    path = Path(root, name)
                    if path not in seen:
                        seen.add(path)
                        yield path
