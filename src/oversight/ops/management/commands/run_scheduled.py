"""`oversight run-scheduled`: the day's scheduled work (ops/scheduled.py), once a day however
many machines run it. From cron, every 15 minutes:

    */15 * * * *  cd /srv/oversight && .venv/bin/oversight run-scheduled
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from oversight.ops.scheduled import JOBS, run_scheduled


class Command(BaseCommand):
    help = (
        "Run the day's scheduled work (the dashboard snapshot, the reminders) once a day, "
        "however many machines run this; safe to run every few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--job", choices=sorted(JOBS), help="Only this job")
        parser.add_argument("--today", help="As if today were this day (YYYY-MM-DD)")

    def handle(self, *args, job=None, today=None, **options):
        try:
            day = dt.date.fromisoformat(today) if today else None
        except ValueError as exc:
            raise CommandError(f"--today must be a date like 2026-12-03, not {today!r}") from exc
        outcomes = run_scheduled(today=day, only=job)
        for o in outcomes:
            line = f"{o.job}: {o.text}"
            if o.status == "failed":
                self.stderr.write(f"{o.job} failed (tried again on the next run): {o.text}")
            else:
                self.stdout.write(line)
        failed = [o.job for o in outcomes if o.status == "failed"]
        if failed:
            raise CommandError(f"Not done: {', '.join(failed)}")
