"""The record on disk is readable by the app's own user only: the database, evidence files and
their folders are created 0600 in 0700 folders, and an older install is brought into line."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ops.helpers import ROOT, child_env

SAVE_EVIDENCE = """
import django; django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
print(default_storage.save("evidence/2022/07/minutes.pdf", ContentFile(b"%PDF-1.4 x")))
"""


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.slow
def test_the_database_and_evidence_are_created_private(tmp_path):
    var = tmp_path / "var"
    env = child_env(OVERSIGHT_VAR_DIR=str(var), OVERSIGHT_MEDIA_ROOT=str(var / "evidence"))
    subprocess.run(
        [sys.executable, "-m", "oversight.cli", "migrate", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    database = var / "oversight.sqlite3"
    assert _mode(var) == 0o700
    assert _mode(database) == 0o600
    saved = subprocess.run(
        [
            sys.executable,
            "-c",
            "from oversight.cli import private_files; private_files()\n" + SAVE_EVIDENCE,
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.strip()
    evidence = var / "evidence" / saved
    assert _mode(evidence) == 0o600
    for folder in (evidence.parent, evidence.parent.parent, var / "evidence"):
        assert _mode(folder) == 0o700, folder
    assert _mode(var / "uploads") == 0o700


def test_an_older_install_is_made_private_and_the_check_says_so_first(settings, tmp_path):
    from oversight.ops.checks import check_files_are_private
    from oversight.ops.private import make_private

    var = tmp_path / "var"
    media = var / "evidence" / "evidence" / "2022"
    media.mkdir(parents=True)
    os.chmod(var, 0o755)
    for folder in (var / "evidence", var / "evidence" / "evidence", media):
        os.chmod(folder, 0o755)
    evidence = media / "minutes.pdf"
    evidence.write_bytes(b"%PDF")
    os.chmod(evidence, 0o644)
    database = var / "oversight.sqlite3"
    database.write_bytes(b"")
    os.chmod(database, 0o644)
    static = var / "static"
    static.mkdir()
    (static / "app.css").write_text("body{}")
    settings.VAR_DIR = var
    settings.MEDIA_ROOT = var / "evidence"
    settings.FILE_UPLOAD_TEMP_DIR = var / "uploads"
    settings.STATIC_ROOT = static
    settings.DATABASES = {**settings.DATABASES}
    settings.DATABASES["default"] = {
        **settings.DATABASES["default"],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(database),
    }
    (warning,) = check_files_are_private()
    assert warning.id == "oversight.W201" and "can be read by other users" in warning.msg
    assert make_private() >= 5
    assert _mode(var) == 0o700 and _mode(database) == 0o600 and _mode(evidence) == 0o600
    assert _mode(media) == 0o700
    assert check_files_are_private() == []
