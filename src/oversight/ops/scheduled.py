"""The work that runs on a timetable, not when someone clicks: `oversight run-scheduled`.

Run it every 15 minutes from cron or a systemd timer, on one machine or on all of them
(README, "On several machines"). Each job runs once a day: the first run of the day claims
it by writing a ScheduledRun row (unique per job and day); a second machine running at the
same moment finds the row taken and leaves the job alone. A job that failed gives its claim
back, so the next run tries again; a claim left by a machine that died mid-job is taken over
after STALE_AFTER.

- snapshot:  the month's dashboard figures as at today (the month keeps its last run)
- reminders: owners' digests and liaison leads' weekly summaries (they skip anyone already
             reminded; each person is locked while their e-mail is worked out)
- search-index: the whole search index rebuilt from the record (each save writes its own
             entry after its commit; this catches one a process could not write, or that
             a process which died between its commit and its index left behind)

Imports and big exports are not here: they run on the background worker (`oversight
db_worker`, started beside gunicorn), which claims each task with a row lock, so several
workers never take the same one.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from oversight import clock
from oversight.dashboards import snapshots
from oversight.dashboards.search import index
from oversight.ops.models import ScheduledRun
from oversight.reminders.services import reminders_send

STALE_AFTER = dt.timedelta(hours=2)


def _snapshot(today: dt.date) -> str:
    taken = snapshots.snapshot_take(today=today)
    return f"the figures of {today:%B %Y} recorded for {taken} organisation(s)"


def _reminders(today: dt.date) -> str:
    report = reminders_send(today=today)
    sent = sum(1 for o in report.outcomes if o.status != "failed")
    if report.failed:
        raise RuntimeError(f"{sent} reminders sent, {report.failed} could not be sent")
    return f"{sent} reminder(s) sent"


def _search_index(today: dt.date) -> str:
    counts = index.rebuild()
    return f"the search index rebuilt: {sum(counts.values()):,} entries"


JOBS: dict[str, Callable[[dt.date], str]] = {
    "snapshot": _snapshot,
    "reminders": _reminders,
    "search-index": _search_index,
}


@dataclass
class Outcome:
    job: str
    status: str  # "done", "taken" (by another run), "failed"
    text: str


def _host() -> str:
    return f"{socket.gethostname()} (process {os.getpid()})"


def claim(job: str, period: str, *, now: dt.datetime) -> ScheduledRun | None:
    """The job's run for `period`, if this process may run it; None if another has it."""
    try:
        with transaction.atomic():
            return ScheduledRun.objects.create(job=job, period=period, started_at=now, host=_host())
    except IntegrityError:
        pass
    # Taken: by a run that is still going, one that finished, or one that died long ago.
    taken_over = ScheduledRun.objects.filter(
        job=job, period=period, finished_at__isnull=True, started_at__lt=now - STALE_AFTER
    ).update(started_at=now, host=_host(), outcome="")
    return ScheduledRun.objects.get(job=job, period=period) if taken_over else None


def run_scheduled(*, today: dt.date | None = None, only: str | None = None) -> list[Outcome]:
    today = today or clock.today()
    period = today.isoformat()
    outcomes = []
    for job, work in JOBS.items():
        if only and job != only:
            continue
        run = claim(job, period, now=clock.now())
        if run is None:
            holder = ScheduledRun.objects.filter(job=job, period=period).first()
            where = f" by {holder.host}" if holder else ""
            state = "done" if holder and holder.finished_at else "under way"
            outcomes.append(Outcome(job, "taken", f"already {state} for {period}{where}"))
            continue
        try:
            text = work(today)
        except Exception as exc:  # noqa: BLE001 - reported; the claim is given back
            ScheduledRun.objects.filter(pk=run.pk).delete()
            outcomes.append(Outcome(job, "failed", f"{type(exc).__name__}: {exc}"))
            continue
        ScheduledRun.objects.filter(pk=run.pk).update(finished_at=clock.now(), outcome=text)
        outcomes.append(Outcome(job, "done", text))
    return outcomes
