"""`oversight snapshot`: record this month's figures for the trend (run monthly by cron).

oversight snapshot              # this month's figures, as at today (replaces an earlier
                                # run in the same month: the month keeps its last run)
oversight snapshot --backfill   # also reconstruct every earlier month with no snapshot
oversight snapshot --backfill-only
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from oversight import clock
from oversight.dashboards import snapshots
from oversight.dates import long_date


class Command(BaseCommand):
    help = "Record this month's dashboard figures for the trend; --backfill fills past months."

    def add_arguments(self, parser):
        parser.add_argument(
            "--backfill",
            action="store_true",
            help="Also reconstruct earlier months that have no snapshot (never replaces one).",
        )
        parser.add_argument(
            "--backfill-only", action="store_true", help="Only reconstruct earlier months."
        )
        parser.add_argument(
            "--today", help="Take the snapshot as if today were this day (YYYY-MM-DD)."
        )

    def handle(self, *args, backfill=False, backfill_only=False, today=None, **options):
        try:
            day = dt.date.fromisoformat(today) if today else clock.today()
        except ValueError as exc:
            raise CommandError(f"--today: {exc}") from exc
        if backfill or backfill_only:
            added = snapshots.snapshots_backfill(today=day)
            self.stdout.write(f"Reconstructed {added} earlier monthly snapshot(s).")
        if not backfill_only:
            taken = snapshots.snapshot_take(today=day)
            self.stdout.write(
                f"Recorded the snapshot of {day:%B %Y} (as at {long_date(day)}) "
                f"for {taken} organisation(s)."
            )
