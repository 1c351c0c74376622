"""Who is owed what, worked out from the record on a fixed day; and the rule that stops a
reminder being sent twice."""

from __future__ import annotations

import datetime as dt

import pytest

from oversight.reminders import selectors
from oversight.reminders.models import Reason
from oversight.reminders.timing import Intervals, is_owed, week_start, weekday_number
from tests.reminders.conftest import MONDAY

TUESDAY = MONDAY + dt.timedelta(days=1)


def reasons(lines):
    return {
        line.response.recommendation.reference: [(d.reason, d.on) for d in line.reasons]
        for line in lines
    }


def test_an_owners_digest_lists_overdue_due_soon_and_reviews_due_each_once(world):
    lines = selectors.digest_lines(world.alice, today=MONDAY, due_soon_days=14)
    assert reasons(lines) == {
        "1001": [(Reason.OVERDUE, dt.date(2022, 5, 21)), (Reason.REVIEW_DUE, dt.date(2022, 7, 1))],
        "1002": [(Reason.DUE_SOON, dt.date(2022, 7, 10))],
        "1003": [(Reason.REVIEW_DUE, MONDAY)],
    }
    # overdue first, then due soon, then reviews due
    assert [line.response.recommendation.reference for line in lines] == ["1001", "1002", "1003"]


def test_due_soon_counts_the_last_day_and_a_revised_date_wins(world):
    assert reasons(selectors.digest_lines(world.bob, today=MONDAY, due_soon_days=14)) == {
        "2001": [(Reason.DUE_SOON, dt.date(2022, 7, 18))]
    }
    assert selectors.digest_lines(world.bob, today=MONDAY, due_soon_days=13) == []
    # 1006 was due on 1 May 2022 but revised to 31 December 2022: not overdue, not due soon
    late_in_year = dt.date(2022, 12, 20)
    lines = reasons(selectors.digest_lines(world.alice, today=late_in_year, due_soon_days=14))
    assert lines["1006"] == [(Reason.DUE_SOON, dt.date(2022, 12, 31))]


def test_a_response_due_today_is_due_soon_not_overdue(world):
    lines = reasons(
        selectors.digest_lines(world.alice, today=dt.date(2022, 7, 10), due_soon_days=14)
    )
    assert lines["1002"] == [(Reason.DUE_SOON, dt.date(2022, 7, 10))]
    lines = reasons(
        selectors.digest_lines(world.alice, today=dt.date(2022, 7, 11), due_soon_days=14)
    )
    assert lines["1002"] == [(Reason.OVERDUE, dt.date(2022, 7, 10))]


def test_only_active_owners_of_open_responses_are_reminded(world):
    owners = set(selectors.owners_to_remind())
    assert owners == {world.alice, world.bob, world.carol, world.dan}


@pytest.mark.parametrize(
    "reason, last, today, owed",
    [
        (Reason.DUE_SOON, None, MONDAY, True),
        (Reason.DUE_SOON, MONDAY, MONDAY, False),
        (Reason.DUE_SOON, MONDAY, MONDAY + dt.timedelta(days=60), False),  # once per due date
        (Reason.OVERDUE, None, MONDAY, True),
        (Reason.OVERDUE, MONDAY, MONDAY, False),
        (Reason.OVERDUE, MONDAY, MONDAY + dt.timedelta(days=6), False),
        (Reason.OVERDUE, MONDAY, MONDAY + dt.timedelta(days=7), True),  # weekly
        (Reason.REVIEW_DUE, MONDAY, MONDAY + dt.timedelta(days=6), False),
        (Reason.REVIEW_DUE, MONDAY, MONDAY + dt.timedelta(days=7), True),
    ],
)
def test_the_same_reminder_is_owed_again_only_after_its_interval(reason, last, today, owed):
    intervals = Intervals(overdue=7, review_due=7)
    assert is_owed(reason=reason, last_reminded=last, today=today, intervals=intervals) is owed


def test_the_weekly_summary_day():
    assert weekday_number("monday") == 0
    assert weekday_number("Fri") == 4
    assert weekday_number("6") == 6
    with pytest.raises(ValueError, match="day of the week"):
        weekday_number("someday")
    assert week_start(MONDAY, 0) == MONDAY
    assert week_start(TUESDAY, 0) == MONDAY
    assert week_start(MONDAY - dt.timedelta(days=1), 0) == MONDAY - dt.timedelta(days=7)
    assert week_start(MONDAY, 4) == dt.date(2022, 7, 1)  # the Friday before


def test_the_weekly_summary_counts_the_organisation_from_the_record(world):
    s = selectors.weekly_summary(world.liz, today=MONDAY, stale_days=90)
    refs = lambda rs: sorted(r.recommendation.reference for r in rs)  # noqa: E731
    assert refs(s.overdue) == ["1001", "3001", "5001"]
    assert s.overdue_count == 3
    assert refs(s.reviews_due) == ["1001", "1003"]
    assert [c.response.recommendation.reference for c in s.closures] == ["1004"]
    assert [e.response.recommendation.reference for e in s.extensions] == ["1001"]
    stale = {o.person.first_name: (o.open_count, o.last_update) for o in s.stale_owners}
    assert stale["Alice"] == (6 - 1, dt.date(2022, 1, 10))  # five open: 1005 is closed
    assert stale["Carol"] == (1, None)
    assert "Bob" not in stale  # updated on 1 June 2022
    assert [p.first_name for p in s.owners_without_email] == ["Carol"]
    assert "4001" not in refs(s.overdue)  # the other force's record is not in it
