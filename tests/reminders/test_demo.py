"""On the demo (the two committee papers of 2022): the expected digests go out."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command

from oversight.accounts.models import User
from oversight.recommendations import selectors as rec
from tests.reminders.conftest import BASE_URL

MONDAY = dt.date(2022, 7, 4)  # the week before the July 2022 committee


@pytest.fixture
def demo(db):
    from oversight.demo.load import load_demo

    load_demo()


def linked(message) -> set[int]:
    return {int(pk) for pk in re.findall(r"/recommendations/responses/(\d+)/", message.body)}


def test_the_demo_owner_and_liaison_get_the_digests_the_record_calls_for(demo):
    call_command("remind", "--today", MONDAY.isoformat(), stdout=io.StringIO())
    owner = User.objects.get(username="owner")
    liaison = User.objects.get(username="liaison")
    by_address = {m.to[0]: m for m in mail.outbox}
    assert len(by_address) == len(mail.outbox)  # one e-mail each

    digest = by_address[owner.email]
    mine = rec.my_open_responses(owner)
    horizon = MONDAY + dt.timedelta(days=14)
    expected = (
        set(rec.overdue(mine, MONDAY).values_list("pk", flat=True))
        | set(rec.reviews_due(mine, MONDAY).values_list("pk", flat=True))
        | {r.pk for r in mine if r.due_on and MONDAY <= r.due_on <= horizon}
    )
    assert expected and linked(digest) == expected
    for pk in expected:  # each response once
        assert digest.body.count(f"{BASE_URL}/recommendations/responses/{pk}/") == 1
    assert "Recommendation 9159: Hate Crime" in digest.body

    weekly = by_address[liaison.email]
    assert "weekly summary" in weekly.subject
    overdue = rec.overdue(rec.responses_for(liaison), MONDAY).count()
    assert f"* Overdue: {overdue}\n" in weekly.body
    assert f"{overdue} overdue" in weekly.subject

    mail.outbox.clear()
    call_command("remind", "--today", MONDAY.isoformat(), stdout=io.StringIO())
    assert mail.outbox == []
