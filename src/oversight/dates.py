"""Dates as people write them in the committee papers: "21 February 2022"."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def long_date(value: dt.date | dt.datetime | str | None, empty: str = "") -> str:
    """21 February 2022; a moment also gets its local time ("… at 14:05"); an ISO date (as
    stored in an issued paper's facts) is read first; nothing gives `empty`."""
    if not value:
        return empty
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value.day} {value:%B %Y} at {value:%H:%M}"
    return f"{value.day} {value:%B %Y}"
