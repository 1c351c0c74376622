"""Tests for reading and showing vaguely written dates."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oversight.rules.partial_dates import (
    PartialDate,
    Precision,
    format_partial_date,
    parse_partial_date,
)

REFERENCE = date(2022, 1, 10)
PRECISIONS = [Precision.DAY, Precision.WEEK, Precision.MONTH, Precision.SEASON, Precision.YEAR]


@pytest.mark.parametrize(
    ("text", "on", "precision"),
    [
        ("W/C 4th April", date(2022, 4, 4), Precision.WEEK),
        ("w/c 18 April 2022", date(2022, 4, 18), Precision.WEEK),
        ("week commencing 4 April 2022", date(2022, 4, 4), Precision.WEEK),
        ("Week beginning 3rd October 2022", date(2022, 10, 3), Precision.WEEK),
        ("4th April 2022", date(2022, 4, 4), Precision.DAY),
        ("21st February 2022", date(2022, 2, 21), Precision.DAY),
        ("Published 21st February 2022", date(2022, 2, 21), Precision.DAY),
        ("4 April", date(2022, 4, 4), Precision.DAY),
        ("Monday 4th April 2022", date(2022, 4, 4), Precision.DAY),
        ("April 4, 2022", date(2022, 4, 4), Precision.DAY),
        ("2022-04-04", date(2022, 4, 4), Precision.DAY),
        ("04/04/2022", date(2022, 4, 4), Precision.DAY),
        ("03/04/2022", date(2022, 4, 3), Precision.DAY),
        ("3/4/22", date(2022, 4, 3), Precision.DAY),
        ("October \u2013 Date TBC", date(2022, 10, 1), Precision.MONTH),
        ("October - date TBC", date(2022, 10, 1), Precision.MONTH),
        ("(October \u2013 Date TBC)", date(2022, 10, 1), Precision.MONTH),
        ("April \u2013 Date TBC", date(2022, 4, 1), Precision.MONTH),
        ("April 2022", date(2022, 4, 1), Precision.MONTH),
        ("Sept. 2023", date(2023, 9, 1), Precision.MONTH),
        ("May", date(2022, 5, 1), Precision.MONTH),
        ("end of March 2023", date(2023, 3, 1), Precision.MONTH),
        ("summer 2022", date(2022, 6, 1), Precision.SEASON),
        ("Spring 2020", date(2020, 3, 1), Precision.SEASON),
        ("In Spring 2020", date(2020, 3, 1), Precision.SEASON),
        ("autumn", date(2022, 9, 1), Precision.SEASON),
        ("winter 2022/23", date(2022, 12, 1), Precision.SEASON),
        ("later in 2022", date(2022, 1, 1), Precision.YEAR),
        ("late 2022", date(2022, 1, 1), Precision.YEAR),
        ("2022", date(2022, 1, 1), Precision.YEAR),
        ("2023 \u2013 date to be confirmed", date(2023, 1, 1), Precision.TBC),
    ],
)
def test_parse_recognised_wordings(text: str, on: date, precision: Precision) -> None:
    parsed = parse_partial_date(text, reference=REFERENCE)
    assert (parsed.on, parsed.precision) == (on, precision)
    assert parsed.text == text


@pytest.mark.parametrize(
    "text",
    ["date TBC", "TBC", "", "   ", "Date to be confirmed", "sometime", "31 February 2022",
     "4 April 2022 or later", "winter 2022/24", "summer 2022/23", "by 2023"],
)  # fmt: skip
def test_unrecognised_or_unknown_is_tbc_and_kept(text: str) -> None:
    parsed = parse_partial_date(text, reference=REFERENCE)
    assert parsed == PartialDate(None, Precision.TBC, text.strip())
    assert parsed.end is None


def test_text_is_stripped_but_otherwise_kept() -> None:
    assert parse_partial_date("  W/C 4th April \n", reference=REFERENCE).text == "W/C 4th April"


@pytest.mark.parametrize(
    ("on", "precision", "end"),
    [
        (date(2022, 4, 4), Precision.DAY, date(2022, 4, 4)),
        (date(2022, 4, 4), Precision.WEEK, date(2022, 4, 10)),
        (date(2024, 2, 1), Precision.MONTH, date(2024, 2, 29)),
        (date(2022, 3, 1), Precision.SEASON, date(2022, 5, 31)),
        (date(2022, 6, 1), Precision.SEASON, date(2022, 8, 31)),
        (date(2022, 9, 1), Precision.SEASON, date(2022, 11, 30)),
        (date(2023, 12, 1), Precision.SEASON, date(2024, 2, 29)),
        (date(2022, 1, 1), Precision.YEAR, date(2022, 12, 31)),
        (date(2022, 1, 1), Precision.TBC, date(2022, 12, 31)),
        (None, Precision.TBC, None),
    ],
)
def test_end_of_range(on: date | None, precision: Precision, end: date | None) -> None:
    assert PartialDate(on, precision).end == end


def test_end_never_overflows() -> None:
    assert PartialDate(date(9999, 12, 30), Precision.WEEK).end == date.max


@pytest.mark.parametrize(
    ("on", "precision", "expected"),
    [
        (date(2022, 4, 4), Precision.DAY, "4 April 2022"),
        (date(2022, 4, 4), Precision.WEEK, "Week commencing 4 April 2022"),
        (date(2022, 10, 1), Precision.MONTH, "October 2022"),
        (date(2022, 6, 1), Precision.SEASON, "Summer 2022"),
        (date(2022, 12, 1), Precision.SEASON, "Winter 2022"),
        (date(2022, 1, 1), Precision.YEAR, "2022"),
        (None, Precision.TBC, "Date to be confirmed"),
        (date(2022, 1, 1), Precision.TBC, "2022 \u2013 date to be confirmed"),
    ],
)
def test_format(on: date | None, precision: Precision, expected: str) -> None:
    assert format_partial_date(on, precision) == expected


def test_display_prefers_the_words_as_written() -> None:
    assert PartialDate(date(2022, 4, 4), Precision.WEEK, "W/C 4th April").display() == (
        "W/C 4th April"
    )
    assert PartialDate(date(2022, 4, 4), Precision.WEEK).display() == (
        "Week commencing 4 April 2022"
    )


def test_precision_accepts_plain_strings_from_the_database() -> None:
    assert PartialDate(date(2022, 4, 1), "month").precision is Precision.MONTH  # type: ignore[arg-type]


def test_sort_key_puts_unknown_last_and_narrower_first() -> None:
    dates = [
        PartialDate(None, Precision.TBC, "TBC"),
        PartialDate(date(2022, 4, 1), Precision.MONTH),
        PartialDate(date(2022, 1, 1), Precision.YEAR),
        PartialDate(date(2022, 4, 1), Precision.DAY),
    ]
    ordered = sorted(dates, key=lambda d: d.sort_key)
    assert [d.precision for d in ordered] == [
        Precision.YEAR,
        Precision.DAY,
        Precision.MONTH,
        Precision.TBC,
    ]


def test_contains_and_overlaps() -> None:
    week = PartialDate(date(2022, 4, 4), Precision.WEEK)
    assert week.contains(date(2022, 4, 10))
    assert not week.contains(date(2022, 4, 11))
    assert week.overlaps(date(2022, 4, 10), date(2022, 5, 1))
    assert not week.overlaps(date(2022, 4, 11), date(2022, 5, 1))
    assert not week.overlaps(date(2022, 5, 1), date(2022, 4, 1))
    unknown = PartialDate(None, Precision.TBC)
    assert not unknown.contains(date(2022, 4, 4))
    assert not unknown.overlaps(date.min, date.max)


# --- Properties ----------------------------------------------------------------

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(st.text(), dates)
def test_parse_never_raises_and_keeps_the_text(text: str, reference: date) -> None:
    parsed = parse_partial_date(text, reference=reference)
    assert parsed.text == text.strip()
    if parsed.on is None:
        assert parsed.precision == Precision.TBC


@given(st.text().filter(lambda t: t.strip()), dates)
def test_display_of_parsed_text_is_the_stripped_text(text: str, reference: date) -> None:
    assert parse_partial_date(text, reference=reference).display() == text.strip()


@given(st.dates(), st.sampled_from(list(Precision)))
def test_on_is_never_after_end(on: date, precision: Precision) -> None:
    partial = PartialDate(on, precision)
    assert partial.end is not None
    assert partial.on is not None and partial.on <= partial.end
    assert partial.contains(on)


@given(st.text(alphabet="0123456789 /-wcWC" + "aprilmayjunesummerwintertbc", max_size=30), dates)
def test_parsed_dates_start_on_or_before_their_end(text: str, reference: date) -> None:
    parsed = parse_partial_date(text, reference=reference)
    if parsed.on is not None:
        assert parsed.end is not None and parsed.on <= parsed.end


@given(dates, st.sampled_from([Precision.DAY, Precision.MONTH, Precision.YEAR]), dates)
def test_format_parse_round_trip(day: date, precision: Precision, reference: date) -> None:
    start = {
        Precision.DAY: day,
        Precision.MONTH: day.replace(day=1),
        Precision.YEAR: date(day.year, 1, 1),
    }[precision]
    parsed = parse_partial_date(format_partial_date(start, precision), reference=reference)
    assert (parsed.on, parsed.precision) == (start, precision)


@given(dates, st.sampled_from(PRECISIONS), dates)
def test_format_parse_round_trip_keeps_the_range(
    day: date, precision: Precision, reference: date
) -> None:
    original = PartialDate(day, precision)
    parsed = parse_partial_date(format_partial_date(day, precision), reference=reference)
    assert parsed.precision == precision
    assert parsed.end == original.end
