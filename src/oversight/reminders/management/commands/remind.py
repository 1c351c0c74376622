"""`oversight remind`: e-mail each owner their digest and each liaison lead their weekly summary."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from oversight import clock
from oversight.reminders.models import ReminderKind
from oversight.reminders.services import reminders_send


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--today must be a date written YYYY-MM-DD, not {text!r}") from exc


class Command(BaseCommand):
    help = (
        "E-mail each owner one digest of their recommendations that are due soon, overdue or "
        "due a review, and each liaison lead a weekly summary on the set day. Run it once a "
        "day (cron or a systemd timer): it never sends the same reminder twice, and an e-mail "
        "that could not be sent is tried again on the next run. See docs/reminders.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=_day,
            default=None,
            metavar="YYYY-MM-DD",
            help="Work out the reminders as on this day (default: today).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say who would get what; send nothing and record nothing.",
        )

    def handle(self, *args, today: dt.date | None, dry_run: bool, **options) -> None:
        today = today or clock.today()
        try:
            report = reminders_send(today=today, dry_run=dry_run)
        except (ImproperlyConfigured, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        verb = "Would send" if dry_run else "Sent"
        for o in report.outcomes:
            what = "digest" if o.kind == ReminderKind.DIGEST else "weekly summary"
            count = f"{o.responses} response{'s' * (o.responses != 1)}"
            line = f"{o.person.display_name} <{o.person.email}>: {what}, {count}"
            if o.status == "failed":
                self.stderr.write(f"Not sent to {line}: {o.error}")
            else:
                self.stdout.write(f"{verb} to {line}: {o.subject}")
        for person in report.without_email:
            self.stderr.write(f"{person.display_name} ({person.username}) has no e-mail address.")
        digests = sum(1 for o in report.outcomes if o.kind == ReminderKind.DIGEST)
        weekly = len(report.outcomes) - digests
        summary = (
            f"{today.isoformat()}: {digests} digest{'s' * (digests != 1)} and {weekly} weekly "
            f"summar{'y' if weekly == 1 else 'ies'}"
        )
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"{summary} would be sent (dry run)."))
            return
        if report.failed:
            raise CommandError(
                f"{summary}; {report.failed} could not be sent and will be tried again "
                "on the next run."
            )
        self.stdout.write(self.style.SUCCESS(f"{summary} sent."))
