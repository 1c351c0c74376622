"""Work out when a recommendation is due from the way its deadline is written.

Inspection reports word deadlines in a few set ways:

* relative to publication: "Within three months, chief constables should…";
* immediate: "Immediately, police and prosecutors should…", "With immediate effect";
* a fixed date: "By 31 March 2023", "Not later than 31 March 2015", "by March 2023";
* or no deadline at all.

:func:`compute_deadline` turns the wording into a :class:`Deadline` with a due
date and a plain-English explanation. Relative deadlines count from the
report's publication date. Wording that looks like a deadline but cannot be
read exactly (for example "within three to six months" or "by the end of the
financial year") is marked as not recognised and never guessed.

A relative phrase only counts when it leads the text (or a clause set off by
punctuation) or says it runs from publication, because wording in the middle of
a sentence, such as "victims are contacted within 28 days", is usually about
something else. Such wording is marked as not recognised so a person checks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import models

from oversight.rules.partial_dates import (
    MONTH_PATTERN,
    Precision,
    format_partial_date,
    last_day_of_month,
    month_number,
)

_WORDS = [
    *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen", "twenty"),
]
NUMBER_WORDS: dict[str, int] = {word: n for n, word in enumerate(_WORDS, start=1)}
NUMBER_WORDS |= {f"twenty-{word}": 20 + n for n, word in enumerate(_WORDS[:4], start=1)}
NUMBER_WORDS |= {"a": 1, "an": 1}

_FLAGS = re.IGNORECASE | re.ASCII
_NUMBER = r"\d{1,3}|twenty[-\s]+(?:one|two|three|four)\b|" + "|".join(
    sorted((w for w in NUMBER_WORDS if not w.startswith("twenty-")), key=len, reverse=True)
)
_M = rf"(?:{MONTH_PATTERN})\.?"
_LABEL = r"(?:(?:deadline|timescale|timeframe|target|due|when)\s*[:\-\u2013]\s*)?"
_LEAD = re.compile(rf"^\s*{_LABEL}[\W_]*$", _FLAGS)
_AFTER_PUNCTUATION = re.compile(
    r"[,;:(\-\u2013\u2014]\s*$|\brecommends?\s+that\s+$|\bto\s+[a-z]+\s+$", re.I
)

_RELATIVE = re.compile(
    rf"\bwithin\s+(?:the\s+next\s+|a\s+period\s+of\s+)?(?P<num>{_NUMBER})\s+"
    r"(?:calendar\s+)?(?P<unit>day|week|month|year)s?\b"
    # not a range ("within six months to a year", "… or …"); "within six months to explain"
    # is a deadline
    rf"(?!\s*(?:-|\u2013|or\b|to\s+(?:the\s+|a\s+|an\s+)?(?:{_NUMBER}|a|an)\b))",
    _FLAGS,
)
_FROM_PUBLICATION = re.compile(
    r"^\s+(?:of|from|after)\s+(?:the\s+)?(?:date\s+of\s+)?(?:the\s+)?"
    r"(?:publication|publishing|this\s+report|the\s+report)",
    _FLAGS,
)
_IMMEDIATE = re.compile(
    r"\bwith\s+immediate\s+effect\b|\bimmediately\b"
    r"(?!\s+(?:after|before|following|upon|on|when|once|if|that)\b)",
    _FLAGS,
)
_SHOULD = re.compile(r"\b(?:should|must|will|to)\s+$", _FLAGS)
_IMMEDIATE_ALONE = re.compile(r"^\W*immediate\W*$", _FLAGS)
_FIXED = re.compile(
    r"\b(?:by|not\s+later\s+than|no\s+later\s+than|on\s+or\s+before)\s+(?:the\s+)?(?:"
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m1>{_M}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_M})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<d3>\d{1,2})/(?P<m3>\d{1,2})/(?P<y3>\d{4})"
    r"|(?P<y4>\d{4})-(?P<m4>\d{2})-(?P<d4>\d{2})"
    rf"|(?:end\s+of\s+)?(?P<m5>{_M})\s+(?P<y5>\d{{4}})"
    r"|end\s+of\s+(?:the\s+year\s+)?(?P<y6>\d{4})"
    r")(?![\d/-])",
    _FLAGS,
)
_DEADLINE_LIKE = re.compile(
    rf"^\s*{_LABEL}[\W_]*(?:within|by|before|until|till|not\s+later|no\s+later|later\s+than"
    r"|as\s+soon\s+as|asap|immediate(?:ly)?|deadline|due|on\s+or\s+before|in\s+the\s+next"
    r"|over\s+the\s+next|end\s+of)\b"
    r"|\b(?:within|by|before|until|later\s+than)\s+(?:\S+\s+){0,3}?"
    rf"(?:days?|weeks?|months?|years?|quarters?|end|hours?|{MONTH_PATTERN}|\d{{4}})\b"
    r"|\bas\s+soon\s+as\s+(?:reasonably\s+)?(?:possible|practicable)\b",
    _FLAGS,
)


class DeadlineKind(models.TextChoices):
    """The way a recommendation's deadline is written."""

    RELATIVE = "relative", "Relative to publication"
    FIXED = "fixed", "Fixed date"
    IMMEDIATE = "immediate", "Immediately"
    NONE = "none", "No deadline stated"
    UNKNOWN = "unknown", "Not recognised"


@dataclass(frozen=True)
class Deadline:
    """A deadline as written, what kind it is, and the date it falls due.

    ``text`` is the wording given (surrounding spaces removed). ``due_on`` is
    None when there is no deadline, the wording was not recognised, or the
    deadline counts from a publication date that is not known.
    ``explanation`` says in plain English how the due date was worked out.
    """

    text: str
    kind: DeadlineKind
    due_on: date | None
    explanation: str


@dataclass(frozen=True)
class _Found:
    kind: DeadlineKind
    match: re.Match[str]
    due: date | None = None  # fixed deadlines only
    note: str = ""


def _day(value: date) -> str:
    return format_partial_date(value, Precision.DAY)


def _leads(text: str, match: re.Match[str]) -> bool:
    """Whether the match starts the text, or a clause set off by punctuation."""
    before = text[: match.start()]
    return bool(_LEAD.match(before) or _AFTER_PUNCTUATION.search(before))


def _count(match: re.Match[str]) -> int:
    """The number in a relative phrase: "three", "twenty-four", "a" or digits."""
    number = NUMBER_WORDS.get(re.sub(r"[-\s]+", "-", match["num"].lower()))
    return number if number is not None else int(match["num"])


def _fixed_due(match: re.Match[str]) -> tuple[date, str] | None:
    """The date a fixed deadline names, and how it was read; None if impossible."""
    g = match.groupdict()
    try:
        for n in "1234":
            if g[f"y{n}"]:
                month = g[f"m{n}"]
                number = (
                    int(month) if month.isascii() and month.isdigit() else month_number(month) or 0
                )
                due = date(int(g[f"y{n}"]), number, int(g[f"d{n}"]))
                return due, f"Due by the date written, {_day(due)}"
        if g["y5"]:
            due = last_day_of_month(int(g["y5"]), month_number(g["m5"]) or 0)
            return due, f"Due by the end of the month written, {_day(due)}"
        due = date(int(g["y6"]), 12, 31)
        return due, f"Due by the end of the year written, {_day(due)}"
    except (ValueError, OverflowError):
        return None


def _find(text: str) -> _Found | None:
    """The earliest deadline phrase that can be read exactly, if any."""
    found: list[_Found] = []
    for match in _RELATIVE.finditer(text):
        from_publication = _FROM_PUBLICATION.match(text[match.end() :])
        if _count(match) >= 1 and (_leads(text, match) or from_publication):
            found.append(_Found(DeadlineKind.RELATIVE, match))
    for match in _IMMEDIATE.finditer(text):
        # "With immediate effect" counts anywhere; "immediately" must lead a
        # clause or follow "should"/"must", as in "forces should immediately…".
        if (
            match.group().lower() != "immediately"
            or _leads(text, match)
            or _SHOULD.search(text[: match.start()])
        ):
            found.append(_Found(DeadlineKind.IMMEDIATE, match))
    if alone := _IMMEDIATE_ALONE.match(text):
        found.append(_Found(DeadlineKind.IMMEDIATE, alone))
    for match in _FIXED.finditer(text):
        if read := _fixed_due(match):
            found.append(_Found(DeadlineKind.FIXED, match, *read))
    return min(found, key=lambda f: f.match.start(), default=None)


def _amount(number: int, unit: str) -> str:
    """ "Three months", "One year", "28 days"."""
    words = {n: w for w, n in NUMBER_WORDS.items() if w not in ("a", "an")}
    count = words.get(number, str(number))
    return f"{count} {unit}{'' if number == 1 else 's'}".capitalize()


def extract_deadline_text(text: str) -> str:
    """Return just the deadline phrase as written, or "" when there is none.

    >>> extract_deadline_text("Within three months Chief Constables ensure that…")
    'Within three months'
    """
    found = _find(text or "")
    return found.match.group().strip() if found else ""


def compute_deadline(text: str, published_on: date | None) -> Deadline:
    """Read a deadline's wording and work out when it falls due.

    ``text`` may be the deadline phrase alone ("Within six months") or a whole
    recommendation that starts with it. ``published_on`` is the report's
    publication date, from which relative and immediate deadlines count. Fixed
    dates stand regardless of publication.
    """
    written = (text or "").strip()
    found = _find(written)
    if found is None:
        if written and _DEADLINE_LIKE.search(written):
            return _unknown(written)
        return Deadline(written, DeadlineKind.NONE, None, "No deadline stated")
    if found.kind == DeadlineKind.FIXED:
        return Deadline(written, DeadlineKind.FIXED, found.due, found.note)
    if found.kind == DeadlineKind.IMMEDIATE:
        if published_on is None:
            note = "Immediately. Publication date not known, so no due date"
            return Deadline(written, DeadlineKind.IMMEDIATE, None, note)
        note = f"Immediately: due on publication, {_day(published_on)}"
        return Deadline(written, DeadlineKind.IMMEDIATE, published_on, note)
    amount, unit = _count(found.match), found.match["unit"].lower()
    period = _amount(amount, unit)
    if published_on is None:
        note = f"{period} from publication. Publication date not known, so no due date"
        return Deadline(written, DeadlineKind.RELATIVE, None, note)
    try:
        due = published_on + relativedelta(**{f"{unit}s": amount})
    except (ValueError, OverflowError):
        return _unknown(written)
    note = f"{period} from publication on {_day(published_on)}"
    return Deadline(written, DeadlineKind.RELATIVE, due, note)


def _unknown(written: str) -> Deadline:
    shown = written if len(written) <= 80 else written[:79].rstrip() + "\u2026"
    note = f"The wording \u201c{shown}\u201d was not recognised, so no due date was worked out"
    return Deadline(written, DeadlineKind.UNKNOWN, None, note)
