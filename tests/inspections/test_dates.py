"""Dates as people write them: read without refusing anything, and said back."""

from __future__ import annotations

import datetime as dt

import pytest

from oversight.inspections.dates import as_written, read_when, reread_when, say_back, understood_as
from oversight.rules.partial_dates import PartialDate, Precision

MARCH_2022 = dt.date(2022, 3, 1)


@pytest.mark.parametrize(
    ("written", "on", "precision", "understood"),
    [
        ("4 April 2022", dt.date(2022, 4, 4), Precision.DAY, "4 April 2022"),
        ("W/C 4th April", dt.date(2022, 4, 4), Precision.WEEK, "week commencing 4 April 2022"),
        (
            "October – Date TBC",
            dt.date(2022, 10, 1),
            Precision.MONTH,
            "October 2022, day to be confirmed",
        ),
        ("summer 2022", dt.date(2022, 6, 1), Precision.SEASON, "summer 2022"),
        ("date TBC", None, Precision.TBC, "date to be confirmed"),
        ("by May 2022", dt.date(2022, 5, 1), Precision.MONTH, "May 2022"),
        ("", None, Precision.TBC, "date to be confirmed"),
        (
            "after the Commonwealth Games",
            None,
            Precision.TBC,
            "date to be confirmed (the words are kept as written)",
        ),
    ],
)
def test_read_when_keeps_the_words_and_says_how_it_understood_them(
    written, on, precision, understood
):
    when = read_when(written, reference=MARCH_2022)
    assert (when.on, when.precision, when.text) == (on, precision, written)
    assert understood_as(when) == understood


def test_say_back_quotes_the_words():
    when = read_when("W/C 4th April", reference=MARCH_2022)
    assert say_back("When", when) == (
        "When: “W/C 4th April” was understood as week commencing 4 April 2022."
    )
    assert say_back("Due", read_when("", reference=MARCH_2022)) == (
        "Due: none given, so the date is to be confirmed."
    )


def test_unchanged_words_keep_their_year_when_a_record_is_edited_years_later():
    stored = PartialDate(dt.date(2022, 4, 4), Precision.WEEK, "W/C 4th April")
    today = dt.date(2026, 11, 23)
    assert reread_when("W/C 4th April", current=stored, today=today) is stored
    changed = reread_when("W/C 11th April", current=stored, today=today)
    assert changed.on == dt.date(2022, 4, 11)  # the year of the date it replaces
    assert reread_when("W/C 11th April", current=None, today=today).on == dt.date(2026, 4, 11)


def test_as_written():
    assert as_written(dt.date(2022, 4, 4)) == "4 April 2022"
