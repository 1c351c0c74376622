"""Faults: a process killed (SIGKILL) while issuing a committee paper leaves the paper a draft,
with no half-issued record, and the paper can be issued afterwards.

The child (tests/ops/issue_paper.py) issues the demo's July 2022 draft through the service; a
test-only post_save receiver pauses it once the paper's row says "issued" and its history row
is written, before the commit, and the test kills it there."""

from __future__ import annotations

import os
import signal

import pytest

from tests.ops.test_faults import wait_for


@pytest.mark.slow
def test_a_killed_issue_leaves_the_paper_a_draft(source, tmp_path):
    july = "SELECT id FROM papers_paper WHERE status = 'draft'"
    paper_id = source.scalar(july)
    counts_sql = {
        "papers": "SELECT COUNT(*) FROM papers_paper",
        "issued": "SELECT COUNT(*) FROM papers_paper WHERE status = 'issued'",
        "history": "SELECT COUNT(*) FROM papers_historicalpaper",
        "sections": "SELECT COUNT(*) FROM papers_papersection",
    }
    before = {name: source.scalar(sql) for name, sql in counts_sql.items()}
    files_before = source.files()
    marker = tmp_path / "paused.json"

    child = source.module(
        "issue_paper", extra_env={"OVERSIGHT_TEST_PAUSE_AFTER_ISSUE": str(marker)}
    )
    paused = wait_for(marker, child)
    assert paused["paper"] == paper_id
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL

    # Nothing half-issued: still a draft, no issuer, no history row of the issue.
    assert {name: source.scalar(sql) for name, sql in counts_sql.items()} == before
    for column, expected in (("status", "draft"), ("issued_at", None), ("issued_by_id", None)):
        sql = f"SELECT {column} FROM papers_paper WHERE id = ?"
        assert source.scalar(sql, (paper_id,)) == expected, column
    assert source.files() == files_before
    if source.vendor == "sqlite":
        assert source.scalar("PRAGMA integrity_check") == "ok"

    # Nothing was left locked: the same paper is issued afterwards.
    again = source.module("issue_paper")
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert source.scalar("SELECT status FROM papers_paper WHERE id = ?", (paper_id,)) == "issued"
