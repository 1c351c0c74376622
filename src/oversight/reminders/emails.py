"""The e-mails: a digest for an owner and a weekly summary for a liaison lead, as plain text
with an HTML alternative, each with its own Message-ID."""

from __future__ import annotations

import datetime as dt
import re
from email.utils import make_msgid, parseaddr
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from oversight.reminders.models import Reason
from oversight.reminders.selectors import REASON_ORDER, Line, WeeklySummary

if TYPE_CHECKING:
    from oversight.accounts.models import User


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _subject(text: str) -> str:
    marking = settings.OVERSIGHT_EMAIL_MARKING
    return f"{marking}: {text}" if marking else text


def digest_sections(lines: list[Line], due_soon_days: int) -> list[tuple[str, list[Line]]]:
    """The lines under headings by their most pressing reason; empty headings left out."""
    headings = {
        Reason.OVERDUE: "Overdue",
        Reason.DUE_SOON: f"Due in the next {_plural(due_soon_days, 'day')}",
        Reason.REVIEW_DUE: "Review due",
    }
    return [
        (headings[reason], group)
        for reason in REASON_ORDER
        if (group := [line for line in lines if line.primary.reason == reason])
    ]


def digest_subject(lines: list[Line]) -> str:
    counts = {reason: 0 for reason in REASON_ORDER}
    for line in lines:
        counts[line.primary.reason] += 1
    parts = [
        f"{counts[Reason.OVERDUE]} overdue" if counts[Reason.OVERDUE] else "",
        f"{counts[Reason.DUE_SOON]} due soon" if counts[Reason.DUE_SOON] else "",
        _plural(counts[Reason.REVIEW_DUE], "review") + " due" if counts[Reason.REVIEW_DUE] else "",
    ]
    counted = ", ".join(p for p in parts if p)
    return _subject(f"{settings.OVERSIGHT_SERVICE_NAME} reminder: {counted}")


def weekly_subject(summary: WeeklySummary) -> str:
    parts = [
        f"{summary.overdue_count} overdue",
        _plural(summary.reviews_due_count, "review") + " due",
        _plural(summary.waiting_count, "request") + " waiting",
    ]
    name = summary.organisation.display_short_name
    return _subject(
        f"{settings.OVERSIGHT_SERVICE_NAME} weekly summary for {name}: {', '.join(parts)}"
    )


def _tidy(text: str) -> str:
    """Plain text as written by a template: no runs of blank lines, no trailing spaces."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def _message(*, person: User, subject: str, template: str, context: dict) -> EmailMultiAlternatives:
    sender_domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
    context = {
        **context,
        "person": person,
        "base_url": settings.OVERSIGHT_BASE_URL,
        "marking": settings.OVERSIGHT_EMAIL_MARKING,
        "service": settings.OVERSIGHT_SERVICE_NAME,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=_tidy(render_to_string(f"reminders/email/{template}.txt", context)),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
        headers={
            # Our own Message-ID, so it can be logged (and no slow look-up of the host name).
            "Message-ID": make_msgid("oversight", domain=sender_domain or "oversight.invalid"),
            "Auto-Submitted": "auto-generated",  # RFC 3834: no out-of-office replies
            "X-Auto-Response-Suppress": "All",
        },
    )
    message.attach_alternative(
        render_to_string(f"reminders/email/{template}.html", context).strip(), "text/html"
    )
    return message


def digest_message(
    *, person: User, lines: list[Line], today: dt.date, due_soon_days: int
) -> EmailMultiAlternatives:
    return _message(
        person=person,
        subject=digest_subject(lines),
        template="digest",
        context={
            "today": today,
            "sections": digest_sections(lines, due_soon_days),
            "count": len(lines),
        },
    )


def weekly_message(*, person: User, summary: WeeklySummary) -> EmailMultiAlternatives:
    return _message(
        person=person,
        subject=weekly_subject(summary),
        template="weekly",
        context={"summary": summary, "today": summary.today},
    )


def message_id(message: EmailMultiAlternatives) -> str:
    return message.extra_headers["Message-ID"]
