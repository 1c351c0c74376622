"""Faults: a process killed (SIGKILL) in the middle of an import leaves no half import.

The child (tests/ops/import_big.py) runs `oversight ingest` on a tracker of 300 rows; a
test-only receiver pauses it once 100 records of the import are written inside its
transaction, and the test kills it there. Afterwards the database holds none of the batch's
records, the batch is not marked imported, no file was left behind, and the same import
then goes through in full.
"""

from __future__ import annotations

import os
import signal

import pytest

from tests.ops.test_faults import wait_for

pytest.importorskip("oversight.ingest.readers")

ROWS = 300
COUNTS = {
    "recommendations": "SELECT COUNT(*) FROM recommendations_recommendation",
    "responses": "SELECT COUNT(*) FROM recommendations_response",
    "updates": "SELECT COUNT(*) FROM recommendations_update",
    "reports": "SELECT COUNT(*) FROM inspections_report",
    "recommendation history": "SELECT COUNT(*) FROM recommendations_historicalrecommendation",
    "response history": "SELECT COUNT(*) FROM recommendations_historicalresponse",
    "links": "SELECT COUNT(*) FROM ingest_importedrecord",
    "imported batches": "SELECT COUNT(*) FROM ingest_importbatch WHERE status = 'imported'",
}


def big_tracker(path):
    lines = ["Ref,Recommendation,Report,Due date,RAG,Status,Update"]
    for n in range(1, ROWS + 1):
        lines.append(
            f"K{n:04d},Kill test recommendation number {n}: the force should do thing {n} "
            f"well.,Kill test report,31/03/2031,Amber,In progress,Progress on thing {n}."
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_a_killed_import_leaves_no_half_import_and_no_file(source, tmp_path):
    tracker = big_tracker(tmp_path / "big tracker.csv")
    before = {name: source.scalar(sql) for name, sql in COUNTS.items()}
    files_before = source.files()
    marker = tmp_path / "paused.json"

    child = source.module(
        "import_big",
        str(tracker),
        extra_env={
            "OVERSIGHT_TEST_PAUSE_MARKER": str(marker),
            "OVERSIGHT_TEST_PAUSE_AT_RECORD": "100",
        },
    )
    paused = wait_for(marker, child, seconds=180)
    assert paused["records"] == 100  # a third of the way through, inside the transaction
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL

    # No half import: nothing of the batch, and the batch is not marked imported.
    assert {name: source.scalar(sql) for name, sql in COUNTS.items()} == before
    assert (
        source.scalar(
            "SELECT COUNT(*) FROM recommendations_recommendation WHERE text LIKE ?",
            ("Kill test%",),
        )
        == 0
    )
    assert (
        source.scalar("SELECT status FROM ingest_importbatch WHERE id = ?", (paused["batch"],))
        == "previewed"
    )
    assert (
        source.scalar(
            "SELECT COUNT(*) FROM inspections_report WHERE title = ?", ("Kill test report",)
        )
        == 0
    )
    if source.vendor == "sqlite":
        assert source.scalar("PRAGMA integrity_check") == "ok"
    # No orphan file: an import writes no file (the upload is held in the batch row).
    assert source.files() == files_before

    # Nothing was left locked: the same import goes through afterwards, in full.
    again = source.oversight("ingest", str(tracker), "--as", "liaison", timeout=600)
    assert again.returncode == 0, again.stderr
    assert f"Imported: {ROWS} recommendations created" in again.stdout
    assert (
        source.scalar(
            "SELECT COUNT(*) FROM recommendations_recommendation WHERE text LIKE ?",
            ("Kill test%",),
        )
        == ROWS
    )
    assert (
        source.scalar("SELECT COUNT(*) FROM ingest_importbatch WHERE status = 'imported'")
        == before["imported batches"] + 1
    )
    assert source.files() == files_before
