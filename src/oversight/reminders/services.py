"""The writes about reminders: recording each e-mail in the log, sending it, and the daily run.

Each reminder is written to the log as "being sent" (in a transaction that holds the person's
row, so two runs at once cannot both send it), then sent, then marked sent with its Message-ID
or failed with the error. A failed reminder does not count as reminding anybody: the next run
works out what is owed again and sends it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from oversight.accounts.models import User
from oversight.recommendations.models import Response
from oversight.reminders import emails, selectors
from oversight.reminders.models import (
    Reminder,
    ReminderItem,
    ReminderKind,
    ReminderStatus,
)
from oversight.reminders.timing import Intervals, week_start, weekday_number

log = logging.getLogger(__name__)

# A reminder still "being sent" after this long was left by a run that stopped: failed.
ABANDONED_AFTER = dt.timedelta(hours=1)


@transaction.atomic
def reminder_record(
    *,
    person: User,
    kind: str,
    for_date: dt.date,
    subject: str,
    items: list[tuple[Response, str, dt.date | None]],
    summary: dict | None = None,
) -> Reminder:
    """Log a reminder about to be sent, with each response, why, and its state now."""
    if person.organisation_id is None:
        raise ValueError("A reminder goes to a person of an organisation: this person has none")
    reminder = Reminder.objects.create(
        person=person,
        organisation_id=person.organisation_id,
        kind=kind,
        for_date=for_date,
        to_address=person.email,
        subject=subject[:300],
        status=ReminderStatus.SENDING,
        summary=summary or {},
    )
    ReminderItem.objects.bulk_create(
        ReminderItem(
            reminder=reminder,
            response=response,
            reason=reason,
            on=on,
            response_status=response.status,
            rag=response.rag,
        )
        for response, reason, on in items
    )
    return reminder


@transaction.atomic
def reminder_mark_sent(*, reminder: Reminder, message_id: str) -> Reminder:
    reminder.status = ReminderStatus.SENT
    reminder.sent_at = timezone.now()
    reminder.message_id = message_id[:300]
    reminder.error = ""
    reminder.save(update_fields=["status", "sent_at", "message_id", "error"])
    return reminder


@transaction.atomic
def reminder_mark_failed(*, reminder: Reminder, error: str) -> Reminder:
    reminder.status = ReminderStatus.FAILED
    reminder.error = error[:2000]
    reminder.save(update_fields=["status", "error"])
    return reminder


@transaction.atomic
def reminders_abandon_stale(*, now: dt.datetime | None = None) -> int:
    """Mark reminders left "being sent" by a run that stopped as failed, so they are retried."""
    before = (now or timezone.now()) - ABANDONED_AFTER
    return Reminder.objects.filter(status=ReminderStatus.SENDING, created_at__lt=before).update(
        status=ReminderStatus.FAILED,
        error="The run stopped before the mail server confirmed this e-mail.",
    )


# --- The daily run -----------------------------------------------------------------------------


@dataclass
class Outcome:
    person: User
    kind: str
    subject: str
    responses: int
    status: str  # a ReminderStatus value, or "dry run"
    error: str = ""


@dataclass
class RunReport:
    today: dt.date
    dry_run: bool
    outcomes: list[Outcome] = field(default_factory=list)
    without_email: list[User] = field(default_factory=list)

    def count(self, status: str, kind: str | None = None) -> int:
        return sum(
            1 for o in self.outcomes if o.status == status and (kind is None or o.kind == kind)
        )

    @property
    def failed(self) -> int:
        return self.count(ReminderStatus.FAILED)


def _deliver(reminder: Reminder, message: EmailMultiAlternatives, connection) -> tuple[str, str]:
    """Send one e-mail; the log says sent only once the mail server has accepted it."""
    try:
        if connection.send_messages([message]) != 1:
            raise RuntimeError("The e-mail backend did not send the message.")
    except Exception as exc:  # any failure is recorded and retried on the next run
        log.warning("Reminder %s to %s not sent: %s", reminder.pk, reminder.to_address, exc)
        with contextlib.suppress(Exception):  # closing a broken connection may fail too
            connection.close()  # start afresh for the next message
        reminder_mark_failed(reminder=reminder, error=f"{type(exc).__name__}: {exc}")
        return ReminderStatus.FAILED, str(exc)
    reminder_mark_sent(reminder=reminder, message_id=emails.message_id(message))
    return ReminderStatus.SENT, ""


def _lock(person: User) -> None:
    """Hold the person's row until the transaction ends: one run at a time per person."""
    User.objects.select_for_update().filter(pk=person.pk).values_list("pk", flat=True).first()


def reminders_send(*, today: dt.date, dry_run: bool = False, connection=None) -> RunReport:
    """Send every owner the digest they are owed, and each liaison lead their weekly summary.

    With `dry_run`, work out and report the same, but send and record nothing.
    """
    if not settings.OVERSIGHT_BASE_URL:
        raise ImproperlyConfigured(
            "Set OVERSIGHT_BASE_URL to the address people open Oversight at, "
            "e.g. https://oversight.example.police.uk, so the e-mails can link to it."
        )
    weekday = weekday_number(settings.OVERSIGHT_REMIND_WEEKLY_DAY)
    due_soon_days = settings.OVERSIGHT_REMIND_DUE_SOON_DAYS
    intervals = Intervals.from_settings()
    report = RunReport(today=today, dry_run=dry_run)
    if not dry_run:
        reminders_abandon_stale()
        connection = connection or get_connection(fail_silently=False)

    for owner in selectors.owners_to_remind():
        if not owner.email:
            if selectors.digest_lines(owner, today=today, due_soon_days=due_soon_days):
                report.without_email.append(owner)
            continue
        reminder = None
        with transaction.atomic():
            if not dry_run:
                _lock(owner)
            lines = selectors.digest_owed(
                owner, today=today, due_soon_days=due_soon_days, intervals=intervals
            )
            if not lines:
                continue
            message = emails.digest_message(
                person=owner, lines=lines, today=today, due_soon_days=due_soon_days
            )
            if not dry_run:
                reminder = reminder_record(
                    person=owner,
                    kind=ReminderKind.DIGEST,
                    for_date=today,
                    subject=str(message.subject),
                    items=[(ln.response, due.reason, due.on) for ln in lines for due in ln.reasons],
                )
        report.outcomes.append(
            _send_or_report(owner, ReminderKind.DIGEST, message, len(lines), connection, reminder)
        )

    start = week_start(today, weekday)
    for liaison in selectors.liaison_leads():
        if not liaison.email:
            if today == start:
                report.without_email.append(liaison)
            continue
        reminder = None
        with transaction.atomic():
            if not dry_run:
                _lock(liaison)
            if not selectors.weekly_summary_owed(liaison, today=today, week_start=start):
                continue
            summary = selectors.weekly_summary(
                liaison, today=today, stale_days=settings.OVERSIGHT_REMIND_STALE_DAYS
            )
            message = emails.weekly_message(person=liaison, summary=summary)
            items = summary.items()
            if not dry_run:
                reminder = reminder_record(
                    person=liaison,
                    kind=ReminderKind.WEEKLY_SUMMARY,
                    for_date=today,
                    subject=str(message.subject),
                    items=items,
                    summary=summary.figures(),
                )
        report.outcomes.append(
            _send_or_report(
                liaison,
                ReminderKind.WEEKLY_SUMMARY,
                message,
                len({r.pk for r, _, _ in items}),
                connection,
                reminder,
            )
        )
    return report


def _send_or_report(
    person: User,
    kind: str,
    message: EmailMultiAlternatives,
    responses: int,
    connection,
    reminder: Reminder | None,
) -> Outcome:
    """Send a recorded reminder; with none recorded (a dry run), only say what it would be."""
    if reminder is None:
        return Outcome(person, kind, str(message.subject), responses, "dry run")
    status, error = _deliver(reminder, message, connection)
    return Outcome(person, kind, str(message.subject), responses, status, error)
