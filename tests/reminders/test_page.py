"""The reminders page: each person sees what was sent to them; a liaison, their organisation's."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.urls import reverse

from oversight.config.jinja2 import long_date
from oversight.reminders.models import Reminder, ReminderStatus
from tests.factories import UserFactory
from tests.reminders.conftest import MONDAY


def page(client, person) -> str:
    client.force_login(person)
    answer = client.get(reverse("reminders:list"))
    assert answer.status_code == 200
    return " ".join(answer.content.decode().split())  # whitespace as a reader sees it


def run(world):
    call_command("remind", "--today", MONDAY.isoformat(), stdout=io.StringIO())


def test_an_owner_sees_their_own_reminders_only(client, world):
    run(world)
    html = page(client, world.alice)
    assert "The reminders Oversight has e-mailed to you" in html
    assert "1 reminder<" in html
    sent_at = Reminder.objects.get(person=world.alice).sent_at
    assert long_date(sent_at) in html  # when it really went (the run was "as on" 4 July 2022)
    assert "Reminder of your responses" in html
    assert "1 overdue, 1 due soon, 1 review due" in html
    assert f'href="/recommendations/responses/{world.soon.pk}/"' in html
    assert "Recommendation 1002: Theme 1002</a>: due soon (10 July 2022)" in html
    assert "Recommendation 1001: Theme 1001</a>: overdue (21 May 2022), review due" in html
    assert "Weekly summary" not in html
    assert "bob@example.org" not in html and "Recommendation 2001" not in html


def test_a_liaison_sees_every_reminder_of_their_organisation(client, world):
    run(world)
    html = page(client, world.liz)
    assert "to the people of your organisation" in html
    assert "3 reminders<" in html  # Alice, Bob, and Liz's own summary; Carol has no address
    for who in ("alice@example.org", "bob@example.org", "liz@example.org"):
        assert who in html
    assert "Weekly summary" in html
    assert "3 overdue, 2 reviews due, 2 requests waiting" in html
    assert "dan@example.org" not in html and "Recommendation 4001" not in html


def test_another_organisation_sees_none_of_them(client, world):
    run(world)
    html = page(client, world.oscar)
    assert "alice@example.org" not in html and "Recommendation 1001" not in html
    assert "oscar@example.org" in html
    stranger = UserFactory(organisation=world.other_force, email="s@example.org")
    assert "No reminders have been sent to you yet." in page(client, stranger)


def test_a_reminder_that_could_not_be_sent_says_so(client, world):
    run(world)
    Reminder.objects.filter(person=world.bob).update(
        status=ReminderStatus.FAILED, sent_at=None, error="Connection refused"
    )
    html = page(client, world.bob)
    assert "Not sent" in html and "It is tried again on the next run." in html


def test_the_page_states_each_interval_as_set(client, world, settings):
    settings.OVERSIGHT_REMIND_OVERDUE_EVERY_DAYS = 7
    settings.OVERSIGHT_REMIND_REVIEW_EVERY_DAYS = 14
    html = page(client, world.alice)
    assert "are overdue: at most once every 7 days" in html
    assert "are due a review: at most once every 14 days" in html
