"""When a change is recorded: now, except while the demo writes its record as at its own dates.

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


def now() -> dt.datetime:
    """The moment a change made now is recorded at."""
    moment = _RECORDED_AT.get()
    return moment[0] if moment else timezone.now()


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
