"""Faults: a process killed (SIGKILL) between writing an evidence file and committing its
update leaves no half-written record, and the file it left is swept up.

The child (tests/ops/add_update.py) adds an update with evidence through the service; a
test-only post_save receiver pauses it once the file is on disk and the rows are written but
not committed, and the test kills it there. No product code knows about the pause.
"""

from __future__ import annotations

import io
import json
import os
import signal
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from oversight.ops.orphans import sweep_orphans
from tests.factories import EvidenceFactory


def wait_for(marker: Path, child, seconds: float = 90) -> dict:
    deadline = time.monotonic() + seconds
    while not marker.exists():
        if child.poll() is not None:
            out, err = child.communicate()
            pytest.fail(f"the child ended before the pause ({child.returncode}): {err[-2000:]}")
        if time.monotonic() > deadline:
            child.kill()
            pytest.fail("the child never reached the pause")
        time.sleep(0.05)
    return json.loads(marker.read_text())


@pytest.mark.slow
def test_a_killed_update_leaves_no_half_written_record_and_no_orphan(source, tmp_path):
    token = f"killed-{uuid.uuid4().hex[:8]}"
    narrative = f"Update {token}"
    counts_sql = {
        "updates": "SELECT COUNT(*) FROM recommendations_update",
        "evidence": "SELECT COUNT(*) FROM recommendations_evidence",
        "history": "SELECT COUNT(*) FROM recommendations_historicalevidence",
        "responses": "SELECT COUNT(*) FROM recommendations_historicalresponse",
    }
    before = {name: source.scalar(sql) for name, sql in counts_sql.items()}
    files_before = source.files()
    marker = tmp_path / "paused.json"

    child = source.module(
        "add_update", token, extra_env={"OVERSIGHT_TEST_PAUSE_AFTER_EVIDENCE": str(marker)}
    )
    paused = wait_for(marker, child)
    orphan = source.media_root / paused["file"]
    assert orphan.is_file()  # the file is written; the transaction is open
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL

    # No half-written record: the update, its evidence and their history all rolled back.
    assert {name: source.scalar(sql) for name, sql in counts_sql.items()} == before
    assert (
        source.scalar(
            "SELECT COUNT(*) FROM recommendations_update WHERE narrative = ?", (narrative,)
        )
        == 0
    )
    assert (
        source.scalar(
            "SELECT COUNT(*) FROM recommendations_evidence WHERE file = ?", (paused["file"],)
        )
        == 0
    )
    if source.vendor == "sqlite":
        assert source.scalar("PRAGMA integrity_check") == "ok"

    # The file is an orphan: too recent for the default sweep, gone with --older-than 0.
    kept = source.oversight("sweep_orphans")
    assert kept.returncode == 0, kept.stderr
    assert "1 orphans are younger than 60 minutes and were kept" in kept.stdout
    assert orphan.is_file()
    swept = source.oversight("sweep_orphans", "--older-than", "0")
    assert swept.returncode == 0, swept.stderr
    assert f"Deleted {paused['file']}" in swept.stdout
    assert not orphan.exists()
    assert source.files() == files_before  # every file a record points to is still there

    # Nothing was left locked: the same update goes through afterwards.
    again = source.module("add_update", token)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert (
        source.scalar(
            "SELECT COUNT(*) FROM recommendations_update WHERE narrative = ?", (narrative,)
        )
        == 1
    )
    assert (source.media_root / out.strip().splitlines()[-1]).is_file()


def _age(path: Path, minutes: float) -> None:
    stamp = (timezone.now() - timedelta(minutes=minutes)).timestamp()
    os.utime(path, (stamp, stamp))


@pytest.fixture
def files(db, settings):
    root = Path(settings.MEDIA_ROOT)
    evidence = EvidenceFactory()
    referenced = root / evidence.file.name
    _age(referenced, 600)
    old = root / "evidence" / str(evidence.response.organisation_id) / ("0" * 32)
    old.write_bytes(b"left by a killed process")
    _age(old, 120)
    recent = root / "evidence" / "999" / ("1" * 32)
    recent.parent.mkdir(parents=True)
    recent.write_bytes(b"an upload still in progress")
    return {"evidence": evidence, "referenced": referenced, "old": old, "recent": recent}


def test_sweep_deletes_only_old_files_no_record_points_to(files):
    out = io.StringIO()
    call_command("sweep_orphans", stdout=out)
    assert not files["old"].exists()
    assert files["recent"].exists() and files["referenced"].exists()
    report = out.getvalue()
    assert "Deleted 1 orphan file (24 bytes). Checked 3 files: 1 belong" in report
    assert "1 orphans are younger than 60 minutes" in report


def test_sweep_dry_run_deletes_nothing(files):
    result = sweep_orphans(older_than_minutes=0, dry_run=True)
    assert len(result.orphans) == 2
    assert all(p.exists() for p in (files["old"], files["recent"], files["referenced"]))


def test_a_file_only_the_history_points_to_is_kept(files):
    evidence = files["evidence"]
    type(evidence).objects.filter(pk=evidence.pk).delete()  # no row; its history remains
    sweep_orphans(older_than_minutes=0)
    assert files["referenced"].exists()
    assert not files["old"].exists() and not files["recent"].exists()


def test_sweep_with_no_evidence_folder(db, settings):
    assert sweep_orphans().checked == 0
