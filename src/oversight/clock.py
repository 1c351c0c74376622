"""What day it is, and when a change is recorded.

`today()` is the day every rule reads (overdue, reviews due, reminders, default dates, the
dates papers are issued): the real day, unless the instance is asked to run as at a fixed day
with the OVERSIGHT_TODAY setting (the demo runs as at a day of July 2022, before the July
committee, so it reads as the force's record did then; a system check warns wherever it is
set). `now()` is the moment a change is recorded at, on that day.

The trail (django-simple-history) dates every save with the real time. The demo is a force's
record of 2022 loaded today; written at today's date it would say "Created 2 December 2026"
and a paper about July 2022 drawn as at July 2022 would find nothing in it. So the demo
loader writes each thing inside `recorded_at(moment)`, the day the force would have entered
it, and the trail takes that date. Nothing else sets it: outside `recorded_at` the trail's
dates are the real time, and a person's change is always dated when it is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

# While recording as at a moment: [the moment the next change is recorded at]. Each change
# takes the next microsecond, so changes keep their order in the trail.
_RECORDED_AT: ContextVar[list[dt.datetime] | None] = ContextVar("recorded_at", default=None)
TICK = dt.timedelta(microseconds=1)


def fixed_today() -> dt.date | None:
    """The day set by OVERSIGHT_TODAY, or None (the real day)."""
    from django.conf import settings

    return getattr(settings, "OVERSIGHT_TODAY", None)


def is_real() -> bool:
    """Whether now is the real now (no recorded_at moment, no fixed day)."""
    return not _RECORDED_AT.get() and fixed_today() is None


def today() -> dt.date:
    """The day the rules read: OVERSIGHT_TODAY where it is set, else the real day."""
    return fixed_today() or timezone.localdate()


def now() -> dt.datetime:
    """The moment a change made now is recorded at: inside `recorded_at`, that moment; where
    OVERSIGHT_TODAY is set, the time of day now on that day; else now."""
    moment = _RECORDED_AT.get()
    if moment:
        return moment[0]
    fixed = fixed_today()
    if fixed is None:
        return timezone.now()
    local = timezone.localtime()
    return local.replace(year=fixed.year, month=fixed.month, day=fixed.day)


@contextmanager
def recorded_at(moment: dt.datetime) -> Iterator[None]:
    """Record every change made inside as made at `moment` (an aware datetime), in order."""
    if timezone.is_naive(moment):
        raise ValueError("recorded_at needs an aware datetime")
    token = _RECORDED_AT.set([moment])
    try:
        yield
    finally:
        _RECORDED_AT.reset(token)


def date_history_record(sender, history_instance, **kwargs) -> None:  # noqa: ANN001
    """simple-history's pre_create_historical_record: the trail's date while recorded_at."""
    moment = _RECORDED_AT.get()
    if moment:
        history_instance.history_date = moment[0]
        moment[0] += TICK
    elif fixed_today() is not None:
        history_instance.history_date = now()
