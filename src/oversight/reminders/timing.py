"""The rules of reminding, as plain functions: when a reason is owed again, and which week a
weekly summary belongs to. See docs/reminders.md ("Never the same reminder twice").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from oversight.reminders.models import Reason

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@dataclass(frozen=True)
class Intervals:
    """How many days before the same (person, response, reason, date) is reminded again.

    None means never again: a response due soon is reminded once for each due date.
    """

    overdue: int | None = 7
    review_due: int | None = 7
    due_soon: int | None = None

    @classmethod
    def from_settings(cls) -> Intervals:
        return cls(
            overdue=settings.OVERSIGHT_REMIND_OVERDUE_EVERY_DAYS,
            review_due=settings.OVERSIGHT_REMIND_REVIEW_EVERY_DAYS,
            due_soon=None,
        )

    def every(self, reason: str) -> int | None:
        return {
            Reason.OVERDUE: self.overdue,
            Reason.REVIEW_DUE: self.review_due,
            Reason.DUE_SOON: self.due_soon,
        }.get(reason)


def is_owed(
    *, reason: str, last_reminded: dt.date | None, today: dt.date, intervals: Intervals
) -> bool:
    """Whether a person is owed a reminder of a response for a reason and date.

    `last_reminded` is the latest day a reminder with the same person, response, reason and
    date (due date, or next review date) was sent; None if never. Never reminded: owed.
    Reminded before: owed again only once the reason's interval has passed (never, for a
    response due soon: once for each due date).
    """
    if last_reminded is None:
        return True
    every = intervals.every(reason)
    if every is None:
        return False
    return (today - last_reminded).days >= max(every, 1)


def weekday_number(name: str | int) -> int:
    """Monday is 0. Accepts a name ("monday", "Mon") or a number 0–6."""
    text = str(name).strip().lower()
    if text.isascii() and text.isdigit() and int(text) < 7:
        return int(text)
    for number, day in enumerate(WEEKDAYS):
        if len(text) >= 3 and day.startswith(text):
            return number
    raise ValueError(
        f"OVERSIGHT_REMIND_WEEKLY_DAY must be a day of the week such as 'monday', not {name!r}"
    )


def week_start(today: dt.date, weekday: int) -> dt.date:
    """The latest summary day on or before `today`: the week a weekly summary belongs to."""
    return today - dt.timedelta(days=(today.weekday() - weekday) % 7)
