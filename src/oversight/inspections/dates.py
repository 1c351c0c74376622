"""Dates as people write them in the inspection programme: read them, and say back how they
were understood. Nothing is ever refused: words that are not a date are kept, "to be confirmed".
"""

from __future__ import annotations

import datetime as dt
import re

from oversight.dates import long_date
from oversight.rules.partial_dates import (
    PartialDate,
    Precision,
    format_partial_date,
    parse_partial_date,
)

# "by May 2022", "before the end of May": a deadline is read as the date it names.
_DEADLINE_WORDS = re.compile(
    r"^\s*(?:by|before|no\s+later\s+than|not\s+later\s+than|due)\s+", re.IGNORECASE
)
_TBC_WORDS = re.compile(
    r"\b(?:tbc|tba|tbd|to\s+be\s+(?:confirmed|arranged|decided|agreed))\b", re.IGNORECASE
)


def read_when(text: str | None, *, reference: dt.date) -> PartialDate:
    """Read a date as written ("W/C 4th April", "by May 2022"); the words are kept as given.

    `reference` gives the year when the words give none.
    """
    written = (text or "").strip()
    parsed = parse_partial_date(_DEADLINE_WORDS.sub("", written), reference=reference)
    return PartialDate(parsed.on, parsed.precision, written)


def reread_when(text: str | None, *, current: PartialDate | None, today: dt.date) -> PartialDate:
    """Read a date typed into a form that edits a record. Unchanged words keep what they were
    understood as (so "W/C 4th April" written in 2022 stays in 2022); changed words take their
    year from the date they replace, else from today."""
    written = (text or "").strip()
    if current is not None and written == current.text.strip():
        return current
    reference = current.on if current is not None and current.on else today
    return read_when(written, reference=reference)


def understood_as(when: PartialDate) -> str:
    """How the words were read, in a sentence's middle: "week commencing 4 April 2022"."""
    if when.on is None:
        if when.text.strip() and not _TBC_WORDS.search(when.text):
            return "date to be confirmed (the words are kept as written)"
        return "date to be confirmed"
    described = format_partial_date(when.on, when.precision)
    if when.precision not in (Precision.DAY, Precision.MONTH):
        described = described[0].lower() + described[1:]
    if when.precision in (Precision.MONTH, Precision.SEASON) and _TBC_WORDS.search(when.text):
        described += ", day to be confirmed"
    return described


def say_back(label: str, when: PartialDate) -> str:
    """ "When: “W/C 4th April” was understood as week commencing 4 April 2022." """
    if not when.text:
        return f"{label}: none given, so the date is to be confirmed."
    return f"{label}: “{when.text}” was understood as {understood_as(when)}."


def as_written(day: dt.date) -> str:
    """A day the way the papers write it, for a form's starting value: "4 April 2022"."""
    return f"{long_date(day)}"
