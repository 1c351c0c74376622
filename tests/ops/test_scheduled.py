"""`oversight run-scheduled` (ops/scheduled.py): each job once a day however many machines run
it, at the same moment or one after another; a failed job is tried again on the next run; a
claim left by a machine that died is taken over after a while."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from oversight.dashboards.models import SearchEntry
from oversight.ops import scheduled
from oversight.ops.models import ScheduledRun
from tests.factories import ResponseFactory
from tests.ops.helpers import CHILD_TIMEOUT, ROOT

DAY = dt.date(2022, 7, 20)
NOW = timezone.make_aware(dt.datetime(2022, 7, 20, 9, 0))


@pytest.fixture
def counted(monkeypatch):
    """The jobs, counting their runs instead of doing their work."""
    runs: list[str] = []

    def job(name):
        def work(today):
            runs.append(name)
            return f"{name} done"

        return work

    monkeypatch.setattr(scheduled, "JOBS", {n: job(n) for n in scheduled.JOBS})
    return runs


@pytest.mark.django_db
def test_each_job_runs_once_a_day_however_often_it_is_asked(counted):
    first = scheduled.run_scheduled(today=DAY)
    assert [(o.job, o.status) for o in first] == [
        ("snapshot", "done"),
        ("reminders", "done"),
        ("search-index", "done"),
    ]
    again = scheduled.run_scheduled(today=DAY)
    assert [o.status for o in again] == ["taken", "taken", "taken"]
    assert "already done for 2022-07-20" in again[0].text
    assert counted == ["snapshot", "reminders", "search-index"]
    scheduled.run_scheduled(today=DAY + dt.timedelta(days=1))  # the next day: again
    assert counted == ["snapshot", "reminders", "search-index"] * 2
    assert ScheduledRun.objects.filter(finished_at__isnull=False).count() == 6


@pytest.mark.django_db
def test_a_failed_job_gives_its_claim_back_and_the_others_go_on(monkeypatch):
    calls = []

    def broken(today):
        calls.append(today)
        raise RuntimeError("the mail server refused the connection")

    monkeypatch.setattr(scheduled, "JOBS", {"reminders": broken, "snapshot": lambda t: "ok"})
    with pytest.raises(CommandError, match="Not done: reminders"):
        call_command("run_scheduled", "--today", DAY.isoformat())
    assert not ScheduledRun.objects.filter(job="reminders").exists()
    assert ScheduledRun.objects.get(job="snapshot").outcome == "ok"
    with pytest.raises(CommandError):
        call_command("run_scheduled", "--today", DAY.isoformat())
    assert len(calls) == 2  # tried again on the next run; the snapshot was not


@pytest.mark.django_db
def test_a_claim_left_by_a_machine_that_died_is_taken_over_after_a_while():
    left = ScheduledRun.objects.create(
        job="snapshot", period="2022-07-20", started_at=NOW, host="died (process 1)"
    )
    soon = NOW + dt.timedelta(minutes=30)
    assert scheduled.claim("snapshot", "2022-07-20", now=soon) is None  # perhaps still going
    later = NOW + scheduled.STALE_AFTER + dt.timedelta(minutes=1)
    taken = scheduled.claim("snapshot", "2022-07-20", now=later)
    assert taken is not None and taken.pk == left.pk and "died" not in taken.host
    assert scheduled.claim("snapshot", "2022-07-20", now=later) is None  # and only once


@pytest.mark.django_db
def test_a_date_that_is_not_one_is_refused_in_words():
    with pytest.raises(CommandError, match="--today must be a date like"):
        call_command("run_scheduled", "--today", "20/07/2022")


@pytest.mark.slow
def test_two_machines_at_the_same_moment_run_each_job_once(source):
    """Three processes at once against one database, as three app servers' cron would: one
    row per job, and the reminders e-mailed once (one Reminder per person, not three)."""
    env = {**source.env, "OVERSIGHT_BASE_URL": "https://oversight.example.police.uk"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "oversight.cli", "run-scheduled", "--today", "2022-07-20"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=CHILD_TIMEOUT) for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], outputs
    said = "".join(out for out, _ in outputs)
    assert said.count("snapshot: the figures of July 2022 recorded") == 1, said
    assert said.count("reminders: ") == 3 and said.count("reminder(s) sent") == 1, said
    assert said.count("the search index rebuilt") == 1, said
    assert said.count("already") == 6, said
    assert source.scalar("SELECT COUNT(*) FROM ops_scheduledrun") == 3
    sent = source.scalar("SELECT COUNT(*) FROM reminders_reminder")
    people = source.scalar("SELECT COUNT(DISTINCT person_id) FROM reminders_reminder")
    assert sent == people > 0


@pytest.mark.django_db
def test_the_nightly_search_index_puts_back_an_entry_that_was_never_written():
    response = ResponseFactory(recommendation__text="The kingfisher protocol")  # no entry
    assert not SearchEntry.objects.filter(object_id=response.recommendation.pk).exists()
    (outcome,) = scheduled.run_scheduled(today=DAY, only="search-index")
    assert outcome.status == "done" and "the search index rebuilt" in outcome.text
    entry = SearchEntry.objects.get(kind="recommendation", object_id=response.recommendation.pk)
    assert "kingfisher" in entry.body
