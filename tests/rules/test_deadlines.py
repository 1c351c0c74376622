"""Tests for working out when a recommendation is due."""

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from oversight.rules.deadlines import (
    Deadline,
    DeadlineKind,
    compute_deadline,
    extract_deadline_text,
)

PUBLISHED = date(2018, 7, 19)
CYBER = (
    "Within three months Chief Constables ensure that the Home Office cyber-enabled flag is "
    "used by forces to identify all cyber-enabled crimes."
)


def test_within_three_months_from_19_july_2018() -> None:
    assert compute_deadline("Within three months", PUBLISHED) == Deadline(
        text="Within three months",
        kind=DeadlineKind.RELATIVE,
        due_on=date(2018, 10, 19),
        explanation="Three months from publication on 19 July 2018",
    )


@pytest.mark.parametrize(
    ("text", "due_on"),
    [
        ("within six months", date(2019, 1, 19)),
        ("Within 6 months", date(2019, 1, 19)),
        ("WITHIN TWELVE MONTHS", date(2019, 7, 19)),
        ("within one year", date(2019, 7, 19)),
        ("within a year", date(2019, 7, 19)),
        ("within 28 days", date(2018, 8, 16)),
        ("within two weeks", date(2018, 8, 2)),
        ("within twenty-four months", date(2020, 7, 19)),
        ("Within the next 3 months", date(2018, 10, 19)),
        (CYBER, date(2018, 10, 19)),
        ("Recommendation 2: Within three months, forces should…", date(2018, 10, 19)),
        ("Chief constables should, within six months, review their policy", date(2019, 1, 19)),
        ("Forces should review this within six months of publication", date(2019, 1, 19)),
    ],
)
def test_relative_deadlines(text: str, due_on: date) -> None:
    deadline = compute_deadline(text, PUBLISHED)
    assert (deadline.kind, deadline.due_on) == (DeadlineKind.RELATIVE, due_on)
    assert deadline.text == text


def test_relative_deadline_without_publication_date_has_no_due_date() -> None:
    deadline = compute_deadline("Within three months", None)
    assert (deadline.kind, deadline.due_on) == (DeadlineKind.RELATIVE, None)
    assert "Publication date not known, so no due date" in deadline.explanation


@pytest.mark.parametrize(
    "text",
    ["Immediately", "With immediate effect", "Immediately, police and prosecutors should…",
     "Forces should immediately stop this practice", "with immediate effect, forces should"],
)  # fmt: skip
def test_immediate_deadlines(text: str) -> None:
    deadline = compute_deadline(text, date(2022, 2, 21))
    assert (deadline.kind, deadline.due_on) == (DeadlineKind.IMMEDIATE, date(2022, 2, 21))
    assert deadline.explanation == "Immediately: due on publication, 21 February 2022"


def test_immediate_without_publication_date() -> None:
    deadline = compute_deadline("Immediately", None)
    assert (deadline.kind, deadline.due_on) == (DeadlineKind.IMMEDIATE, None)
    assert "Publication date not known, so no due date" in deadline.explanation


@pytest.mark.parametrize(
    ("text", "due_on"),
    [
        ("By 31 March 2023", date(2023, 3, 31)),
        ("by 31st March 2023", date(2023, 3, 31)),
        ("Not later than 31 March 2015", date(2015, 3, 31)),
        ("no later than 1 April 2024", date(2024, 4, 1)),
        ("by the end of March 2023", date(2023, 3, 31)),
        ("by March 2023", date(2023, 3, 31)),
        ("by February 2024", date(2024, 2, 29)),
        ("by the end of 2023", date(2023, 12, 31)),
        ("By 31/03/2023", date(2023, 3, 31)),
        ("By 31 March 2023, chief constables should publish their plans", date(2023, 3, 31)),
        ("Forces should have finished the review by 31 March 2023.", date(2023, 3, 31)),
    ],
)
def test_fixed_deadlines_ignore_publication(text: str, due_on: date) -> None:
    for published in (PUBLISHED, None):
        deadline = compute_deadline(text, published)
        assert (deadline.kind, deadline.due_on) == (DeadlineKind.FIXED, due_on)
        assert deadline.explanation.startswith("Due by the")


def test_fixed_deadline_explanation() -> None:
    assert compute_deadline("By 31 March 2023", PUBLISHED).explanation == (
        "Due by the date written, 31 March 2023"
    )


@pytest.mark.parametrize(
    "text",
    ["", "   ", "Chief constables should review their policies.", "N/A",
     "Consistency within forces is needed and supported by the College of Policing."],
)  # fmt: skip
def test_no_deadline(text: str) -> None:
    assert compute_deadline(text, PUBLISHED) == Deadline(
        text.strip(), DeadlineKind.NONE, None, "No deadline stated"
    )


@pytest.mark.parametrize(
    "text",
    ["Within three to six months", "By the end of the financial year", "within 10 working days",
     "By 31 February 2023", "Within a reasonable time", "As soon as possible", "By 2023",
     "Within 0 months", "later than planned",
     "Forces should ensure victims are contacted within 28 days of reporting."],
)  # fmt: skip
def test_unknown_wording_is_kept_and_not_guessed(text: str) -> None:
    deadline = compute_deadline(text, PUBLISHED)
    assert (deadline.kind, deadline.due_on, deadline.text) == (DeadlineKind.UNKNOWN, None, text)
    assert deadline.explanation == (
        f"The wording \u201c{text}\u201d was not recognised, so no due date was worked out"
    )


def test_unknown_explanation_shortens_long_text() -> None:
    text = "Within a reasonable time " + "and so on " * 20
    deadline = compute_deadline(text, PUBLISHED)
    assert deadline.kind == DeadlineKind.UNKNOWN
    assert deadline.text == text.strip()
    assert len(deadline.explanation) < 160


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (CYBER, "Within three months"),
        ("Immediately, police and prosecutors should…", "Immediately"),
        ("By 31 March 2023, chief constables should…", "By 31 March 2023"),
        ("With immediate effect, forces should stop", "With immediate effect"),
        ("Not later than 31 March 2015 the force should…", "Not later than 31 March 2015"),
        ("Forces should, within six months, review", "within six months"),
        ("Chief constables should review their policies.", ""),
        ("Within three to six months", ""),
        ("within six months to a year, the force should", ""),
        ("asked chief constables to write within six months to explain how", "within six months"),
        ("", ""),
    ],
)
def test_extract_deadline_text(text: str, phrase: str) -> None:
    assert extract_deadline_text(text) == phrase


# --- Properties ----------------------------------------------------------------

published_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
units = st.sampled_from(["day", "week", "month", "year"])


@given(published_dates, st.integers(min_value=1, max_value=999), units)
def test_relative_deadline_is_always_after_publication(
    published: date, amount: int, unit: str
) -> None:
    deadline = compute_deadline(f"Within {amount} {unit}s", published)
    assert deadline.kind == DeadlineKind.RELATIVE
    assert deadline.due_on is not None and deadline.due_on > published
    assert deadline.due_on == published + relativedelta(**{f"{unit}s": amount})


@given(published_dates, st.integers(min_value=1, max_value=120), st.integers(1, 120))
def test_relative_deadline_is_monotonic_in_months(published: date, a: int, b: int) -> None:
    first = compute_deadline(f"within {min(a, b)} months", published).due_on
    second = compute_deadline(f"within {max(a, b)} months", published).due_on
    assert first is not None and second is not None
    assert first <= second
    if a != b:
        assert first < second


WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen", "twenty", "twenty-one", "twenty-two", "twenty-three",
         "twenty-four"]  # fmt: skip


@given(published_dates, st.integers(min_value=1, max_value=24))
def test_number_words_match_digits(published: date, amount: int) -> None:
    in_words = compute_deadline(f"Within {WORDS[amount - 1]} months", published)
    in_digits = compute_deadline(f"Within {amount} months", published)
    assert in_words.due_on == in_digits.due_on
    assert in_words.explanation == in_digits.explanation


@given(st.text(), st.none() | published_dates)
def test_compute_deadline_never_raises_and_keeps_the_text(text: str, published: date) -> None:
    deadline = compute_deadline(text, published)
    assert deadline.text == text.strip()
    assert deadline.explanation
    if deadline.kind in (DeadlineKind.NONE, DeadlineKind.UNKNOWN):
        assert deadline.due_on is None
