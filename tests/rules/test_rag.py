"""Tests for RAG ratings and overdue recommendations."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oversight.rules.rag import (
    RAG_TAG_CLASSES,
    Rag,
    effective_rag,
    is_overdue,
    rag_label,
    rag_tag_class,
)

TODAY = date(2024, 5, 1)


@pytest.mark.parametrize(
    ("due_on", "closed", "expected"),
    [
        (date(2024, 4, 30), False, True),
        (date(2024, 5, 1), False, False),
        (date(2024, 5, 2), False, False),
        (date(2024, 4, 30), True, False),
        (None, False, False),
        (None, True, False),
    ],
)
def test_is_overdue(due_on: date | None, closed: bool, expected: bool) -> None:
    assert is_overdue(due_on=due_on, closed=closed, today=TODAY) is expected


@pytest.mark.parametrize("confirmed", [None, "", "red", "amber", "green", "blue"])
def test_closed_is_always_blue(confirmed: str | None) -> None:
    assert effective_rag(confirmed=confirmed, closed=True) == Rag.BLUE


@pytest.mark.parametrize(
    ("confirmed", "expected"),
    [("red", "red"), ("amber", "amber"), ("green", "green"), (None, None), ("", None)],
)
def test_open_shows_the_confirmed_rating(confirmed: str | None, expected: str | None) -> None:
    assert effective_rag(confirmed=confirmed, closed=False) == expected


def test_tag_classes() -> None:
    assert RAG_TAG_CLASSES == {
        "red": "govuk-tag--red",
        "amber": "govuk-tag--orange",
        "green": "govuk-tag--green",
        "blue": "govuk-tag--blue",
    }
    assert rag_tag_class(None) == "govuk-tag--grey"
    assert rag_tag_class("amber") == "govuk-tag--orange"


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("red", "Red"),
        (Rag.AMBER, "Amber"),
        ("green", "Green"),
        ("blue", "Blue (complete)"),
        (None, "Not rated"),
        ("", "Not rated"),
        ("purple", "purple"),
    ],
)
def test_rag_label(value: str | None, label: str) -> None:
    assert rag_label(value) == label


@given(st.none() | st.dates(), st.booleans(), st.dates())
def test_closed_or_undated_is_never_overdue(due_on: date | None, closed: bool, today: date) -> None:
    overdue = is_overdue(due_on=due_on, closed=closed, today=today)
    if closed or due_on is None:
        assert not overdue
    else:
        assert overdue == (today > due_on)
