"""Dates that people write vaguely, such as "W/C 4th April" or "summer 2022".

Committee papers rarely give exact days. A :class:`PartialDate` keeps three
things: the first day of the range the date may fall in (``on``), how precise
the writer was (``precision``) and the words as written (``text``). The words
are always shown back to people; the range is only used to sort and filter.

:func:`parse_partial_date` reads the common wordings. Anything it does not
recognise becomes "to be confirmed" with the words kept: it never guesses.
Qualifiers such as "early", "late" or "later in" are accepted because they only
narrow a range that is still correct ("later in 2022" is somewhere in 2022).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models

MONTH_NAMES: tuple[str, ...] = tuple(calendar.month_name[1:])
"""English month names, January first, independent of the server's locale."""

_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(MONTH_NAMES, start=1):
    _MONTHS[_name.lower()] = _number
    _MONTHS[_name[:3].lower()] = _number
_MONTHS["sept"] = 9
MONTH_PATTERN = "|".join(sorted(_MONTHS, key=len, reverse=True))
"""A regular-expression alternation matching any month name or abbreviation."""

_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


class Precision(models.TextChoices):
    """How precisely a date was written."""

    DAY = "day", "Exact day"
    WEEK = "week", "Week commencing"
    MONTH = "month", "Month"
    SEASON = "season", "Season"
    YEAR = "year", "Year"
    TBC = "tbc", "To be confirmed"


def month_number(name: str) -> int | None:
    """Return 1-12 for an English month name or abbreviation ("Sept." too), else None."""
    return _MONTHS.get(name.lower().rstrip("."))


def last_day_of_month(year: int, month: int) -> date:
    """Return the last day of the given month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def _season_name(month: int) -> str:
    if month in (3, 4, 5):
        return "Spring"
    if month in (6, 7, 8):
        return "Summer"
    if month in (9, 10, 11):
        return "Autumn"
    return "Winter"


def _range_end(on: date, precision: Precision) -> date:
    """Last day of the range starting at ``on`` (may raise on dates near 9999)."""
    if precision == Precision.DAY:
        return on
    if precision == Precision.WEEK:
        return on + timedelta(days=6)
    if precision == Precision.MONTH:
        return last_day_of_month(on.year, on.month)
    if precision == Precision.SEASON:
        if on.month == 12:  # winter runs December to February of the next year
            return last_day_of_month(on.year + 1, 2)
        if on.month in (1, 2):  # a winter that started the December before
            return last_day_of_month(on.year, 2)
        end_month = {"Spring": 5, "Summer": 8, "Autumn": 11}[_season_name(on.month)]
        return last_day_of_month(on.year, end_month)
    return date(on.year, 12, 31)  # YEAR, and TBC when the year is known


@dataclass(frozen=True)
class PartialDate:
    """A date known only to a day, week, month, season, year or not at all.

    ``on`` is the first day of the range the date may fall in, and is None only
    when nothing is known. ``text`` is the wording as a person wrote it.
    """

    on: date | None
    precision: Precision
    text: str = ""

    def __post_init__(self) -> None:
        # Accept plain strings from the database ("month") as well as members.
        object.__setattr__(self, "precision", Precision(self.precision))

    @property
    def end(self) -> date | None:
        """The last day of the range, or None when nothing is known."""
        if self.on is None:
            return None
        try:
            return _range_end(self.on, self.precision)
        except (OverflowError, ValueError):
            return date.max

    def display(self) -> str:
        """The text as written when there is one, otherwise a tidy description."""
        return self.text if self.text.strip() else format_partial_date(self.on, self.precision)

    @property
    def sort_key(self) -> tuple[bool, date, date, str]:
        """Sort by start then end (narrower first); unknown dates sort last."""
        return (self.on is None, self.on or date.max, self.end or date.max, self.text)

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls inside the range. Unknown dates contain nothing."""
        end = self.end
        return self.on is not None and end is not None and self.on <= day <= end

    def overlaps(self, start: date, end: date) -> bool:
        """Whether the range shares any day with ``start``-``end`` (both inclusive).

        Unknown dates overlap nothing, and neither does a period whose start is
        after its end.
        """
        own_end = self.end
        if self.on is None or own_end is None or start > end:
            return False
        return self.on <= end and start <= own_end


def format_partial_date(on: date | None, precision: Precision | str) -> str:
    """Describe a date at the given precision in plain English.

    >>> format_partial_date(date(2022, 4, 4), Precision.WEEK)
    'Week commencing 4 April 2022'
    >>> format_partial_date(None, Precision.TBC)
    'Date to be confirmed'
    """
    if on is None:
        return "Date to be confirmed"
    precision = Precision(precision)
    day = f"{on.day} {MONTH_NAMES[on.month - 1]} {on.year}"
    if precision == Precision.DAY:
        return day
    if precision == Precision.WEEK:
        return f"Week commencing {day}"
    if precision == Precision.MONTH:
        return f"{MONTH_NAMES[on.month - 1]} {on.year}"
    if precision == Precision.SEASON:
        year = on.year - 1 if on.month in (1, 2) else on.year
        return f"{_season_name(on.month)} {year}"
    if precision == Precision.YEAR:
        return str(on.year)
    return f"{on.year} \u2013 date to be confirmed"


# --- Parsing -----------------------------------------------------------------

_FLAGS = re.ASCII | re.IGNORECASE
_M = rf"(?:{MONTH_PATTERN})\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\s+)?"
_TBC_WORDS = r"(?:tbc|tba|tbd|to\s+be\s+(?:confirmed|arranged|decided|agreed))"
_TBC_SUFFIX = re.compile(rf"^(?P<rest>.*?)\s*-?\s*(?:date\s+|day\s+)?{_TBC_WORDS}$", _FLAGS)
_TBC_PREFIX = re.compile(rf"^(?:date\s+)?{_TBC_WORDS}\s*-?\s*(?P<rest>.*)$", _FLAGS)
_FILLER = re.compile(
    r"^(?:(?:published|publication|in|on|during|due|expected|planned|scheduled|provisionally"
    r"|approximately|approx|around|circa|date|meeting)\s+)+",
    _FLAGS,
)
_QUALIFIER = (
    r"(?:(?:the\s+)?(?:early|mid|middle|late|later|end|start|beginning)(?:\s+(?:of|in))?[\s-]+)?"
)
_WEEK_PREFIX = re.compile(
    r"^(?:w\s*/\s*[cb]|wc|wb|week\s+(?:commencing|beginning|starting))\s*(?P<rest>.+)$", _FLAGS
)
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$", _FLAGS)
_NUMERIC = re.compile(r"^(?P<d>\d{1,2})([/.])(?P<m>\d{1,2})\2(?P<y>\d{4}|\d{2})$", _FLAGS)
_DAY_MONTH = re.compile(
    rf"^{_WEEKDAY}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m>{_M})(?:\s+(?P<y>\d{{4}}))?$",
    _FLAGS,
)
_MONTH_DAY_YEAR = re.compile(
    rf"^{_WEEKDAY}(?P<m>{_M})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<y>\d{{4}})$", _FLAGS
)
_MONTH = re.compile(rf"^{_QUALIFIER}(?P<m>{_M})(?:\s+(?P<y>\d{{4}}))?$", _FLAGS)
_SEASON = re.compile(
    rf"^{_QUALIFIER}(?P<s>spring|summer|autumn|fall|winter)"
    r"(?:\s+(?P<y>\d{4})(?:\s*[/-]\s*(?P<y2>\d{4}|\d{2}))?)?$",
    _FLAGS,
)
_YEAR = re.compile(rf"^{_QUALIFIER}(?P<y>\d{{4}})$", _FLAGS)


def _normalise(text: str) -> str:
    """Lower-case, plain hyphens, no brackets or commas, single spaces."""
    text = re.sub("[\u2010-\u2015\u2212]", "-", text.lower())
    text = re.sub(r"[(),:;\[\]]", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .-")


def _year(value: str | None, reference: date) -> int:
    if value is None:
        return reference.year
    return 2000 + int(value) if len(value) == 2 else int(value)


def _read_day(core: str, reference: date) -> date | None:
    """Read an exact day ("4 April", "2022-04-04", "04/04/2022"), or None."""
    for pattern in (_ISO, _NUMERIC, _DAY_MONTH, _MONTH_DAY_YEAR):
        if found := pattern.match(core):
            month = found["m"]
            number = int(month) if month.isascii() and month.isdigit() else month_number(month)
            return date(_year(found["y"], reference), number or 0, int(found["d"]))
    return None


def _read(core: str, reference: date) -> tuple[date, Precision] | None:
    """Read the date in normalised text with no "TBC" words, or return None."""
    if found := _WEEK_PREFIX.match(core):
        day = _read_day(found["rest"], reference)
        return (day, Precision.WEEK) if day else None
    if day := _read_day(core, reference):
        return day, Precision.DAY
    if found := _MONTH.match(core):
        number = month_number(found["m"]) or 0
        return date(_year(found["y"], reference), number, 1), Precision.MONTH
    if found := _SEASON.match(core):
        year = _year(found["y"], reference)
        following = found["y2"]
        # Only a winter spans two years: "winter 2022/23" or "winter 2022-2023".
        if following is not None and (
            found["s"].lower() != "winter" or following != str(year + 1)[-len(following) :]
        ):
            return None
        return date(year, _SEASON_START[found["s"].lower()], 1), Precision.SEASON
    if found := _YEAR.match(core):
        return date(int(found["y"]), 1, 1), Precision.YEAR
    return None


def parse_partial_date(text: str, *, reference: date) -> PartialDate:
    """Read a vaguely written date such as "W/C 4th April" or "October – Date TBC".

    ``reference`` supplies the year when the text gives none (usually the date
    of the paper). The text is kept exactly as given, apart from surrounding
    spaces. "TBC" after a month or season means only the day is unknown, so the
    precision stays at month or season; after a bare year it gives precision
    TBC with the year known. Unrecognised or impossible dates ("31 February")
    give precision TBC and no date. This function never raises.
    """
    written = (text or "").strip()
    try:
        core = _normalise(written)
        tbc = False
        for pattern in (_TBC_SUFFIX, _TBC_PREFIX):
            if found := pattern.match(core):
                core, tbc = found["rest"].strip(" .-"), True
        core = _FILLER.sub("", core).strip()
        result = _read(core, reference) if core else None
    except (ValueError, OverflowError):
        result = None
    if result is None:
        return PartialDate(None, Precision.TBC, written)
    on, precision = result
    if tbc and precision == Precision.YEAR:
        precision = Precision.TBC
    return PartialDate(on, precision, written)
