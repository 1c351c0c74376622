"""The demo on its own day (#17.3): OVERSIGHT_TODAY is the day every rule reads — overdue,
reviews due, the dates written on records and in the trail — and nothing runs on a fixed day
unless asked to (unset by default, a system check warns wherever it is set)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import checks

from oversight import clock
from oversight.demo.facts import DEMO_TODAY


def test_nothing_runs_on_a_fixed_day_unless_asked(settings):
    from django.utils import timezone

    assert settings.OVERSIGHT_TODAY is None
    assert clock.today() == timezone.localdate()
    assert abs((clock.now() - timezone.now()).total_seconds()) < 5
    assert not [m for m in checks.run_checks() if m.id == "oversight.W202"]


def test_a_fixed_day_is_read_by_the_rules_and_warned_about(settings):
    settings.OVERSIGHT_TODAY = dt.date(2022, 7, 20)
    assert clock.today() == dt.date(2022, 7, 20)
    assert clock.now().date() == dt.date(2022, 7, 20)
    warned = [m for m in checks.run_checks() if m.id == "oversight.W202"]
    assert warned and "20 July 2022" in warned[0].msg


@pytest.mark.django_db
def test_the_demo_on_its_day_reads_as_the_record_did_then(settings, client):
    from django.urls import reverse

    from oversight.accounts.models import User
    from oversight.demo.load import load_demo
    from oversight.recommendations.models import Response
    from oversight.recommendations.selectors import RegisterFilters, register
    from oversight.recommendations.services import update_add

    load_demo()
    settings.OVERSIGHT_TODAY = DEMO_TODAY
    liaison = User.objects.get(username="liaison")
    # overdue as on 20 July 2022: a date after it is not overdue yet, one before it is
    overdue = register(liaison, RegisterFilters(overdue=True), today=clock.today())
    everything = register(liaison, RegisterFilters(), today=clock.today())
    for response in everything:
        due = response.due_on
        assert (response in overdue) == (
            due is not None and due < DEMO_TODAY and not response.is_closed
        ), response
    # a change made in the demo today is dated on its day, on the record and in the trail
    response = Response.objects.get(recommendation__reference="9159")
    update = update_add(
        response=response, author=liaison, written_on=clock.today(), narrative="Checked today."
    )
    assert update.created_at.date() == DEMO_TODAY
    assert update.history.latest("history_date").history_date.date() == DEMO_TODAY
    # and the pages say so: the history, the home's waiting times
    client.force_login(liaison)
    page = client.get(reverse("recommendations:response-history", args=[response.pk])).text
    assert "20 July 2022" in page and str(dt.date.today().year) + "," not in page
    home = client.get(reverse("dashboards:home")).text
    assert "waiting 8 days (since 12 July 2022)" in home
