"""The daily run through Django's e-mail backend (in memory here; tests/reminders/test_smtp.py
uses a real SMTP server): one digest each, nothing twice, failures retried."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from oversight.recommendations.models import ResponseStatus
from oversight.reminders.models import Reason, Reminder, ReminderItem, ReminderKind, ReminderStatus
from tests.reminders.conftest import BASE_URL, MONDAY


def remind(*args: str) -> str:
    out = io.StringIO()
    call_command("remind", *args, stdout=out, stderr=out)
    return out.getvalue()


def sent_to() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for message in mail.outbox:
        found.setdefault(message.to[0], []).append(message.subject)
    return found


def test_each_owner_gets_one_digest_and_the_liaison_a_weekly_summary(world):
    output = remind("--today", MONDAY.isoformat())
    assert sent_to() == {
        "alice@example.org": [
            "OFFICIAL-SENSITIVE: Oversight reminder: 1 overdue, 1 due soon, 1 review due"
        ],
        "bob@example.org": ["OFFICIAL-SENSITIVE: Oversight reminder: 1 due soon"],
        "dan@example.org": ["OFFICIAL-SENSITIVE: Oversight reminder: 1 overdue"],
        "liz@example.org": [
            "OFFICIAL-SENSITIVE: Oversight weekly summary for Home Force: "
            "3 overdue, 2 reviews due, 2 requests waiting"
        ],
        "oscar@example.org": [
            "OFFICIAL-SENSITIVE: Oversight weekly summary for Other Force: "
            "1 overdue, 0 reviews due, 0 requests waiting"
        ],
    }
    assert "Carol Cole (person" in output and "has no e-mail address" in output
    assert "3 digests and 2 weekly summaries sent" in output
    alice = next(m for m in mail.outbox if m.to == ["alice@example.org"])
    assert alice.body.count(f"{BASE_URL}/recommendations/responses/{world.overdue.pk}/") == 1
    assert "Also: review was due on 1 July 2022" in alice.body
    assert f"responses/{world.later.pk}/" not in alice.body  # due in September: not yet
    assert "Recommendation 1002: Theme 1002" in alice.body
    html = alice.alternatives[0][0]
    assert f'href="{BASE_URL}/recommendations/responses/{world.soon.pk}/"' in html
    assert alice.extra_headers["Auto-Submitted"] == "auto-generated"

    log = Reminder.objects.get(person=world.alice)
    assert log.status == ReminderStatus.SENT and log.message_id.endswith("@example.police.uk>")
    assert log.message_id == alice.extra_headers["Message-ID"]
    assert sorted(log.items.values_list("response__recommendation__reference", "reason")) == [
        ("1001", Reason.OVERDUE),
        ("1001", Reason.REVIEW_DUE),
        ("1002", Reason.DUE_SOON),
        ("1003", Reason.REVIEW_DUE),
    ]
    item = log.items.get(reason=Reason.OVERDUE)
    assert (item.response_status, item.rag) == (ResponseStatus.IN_PROGRESS, "amber")


def test_running_twice_on_the_same_day_sends_nothing_more(world):
    remind("--today", MONDAY.isoformat())
    first = len(mail.outbox)
    output = remind("--today", MONDAY.isoformat())
    assert len(mail.outbox) == first
    assert "0 digests and 0 weekly summaries sent" in output
    assert Reminder.objects.count() == first


def test_overdue_and_reviews_come_back_weekly_but_due_soon_once_per_due_date(world):
    remind("--today", MONDAY.isoformat())
    for day in range(1, 7):  # Tuesday to Sunday: nothing new
        mail.outbox.clear()
        remind("--today", (MONDAY + dt.timedelta(days=day)).isoformat())
        assert mail.outbox == [], day
    mail.outbox.clear()
    next_monday = MONDAY + dt.timedelta(days=7)
    remind("--today", next_monday.isoformat())
    alice = next(m for m in mail.outbox if m.to == ["alice@example.org"])
    # 1002 is now overdue (due 10 July): a new reason. 1001 and 1003 again after a week.
    assert alice.subject.endswith("2 overdue, 1 review due")
    assert "bob@example.org" not in sent_to()  # still due soon, same due date: already told

    # a new due date is a new reminder
    world.bobs.revised_due_on = next_monday + dt.timedelta(days=10)
    world.bobs.save()
    mail.outbox.clear()
    remind("--today", (next_monday + dt.timedelta(days=1)).isoformat())
    assert list(sent_to()) == ["bob@example.org"]


def test_a_failed_send_is_recorded_and_tried_again_on_the_next_run(world, settings):
    settings.EMAIL_BACKEND = "tests.reminders.test_sending.RefuseBob"
    with pytest.raises(CommandError, match="1 could not be sent and will be tried again"):
        remind("--today", MONDAY.isoformat())
    failed = Reminder.objects.get(person=world.bob)
    assert failed.status == ReminderStatus.FAILED
    assert "Refused bob@example.org" in failed.error
    assert failed.sent_at is None and failed.message_id == ""

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    remind("--today", (MONDAY + dt.timedelta(days=1)).isoformat())
    assert list(sent_to()) == ["bob@example.org"]
    assert Reminder.objects.filter(person=world.bob, status=ReminderStatus.SENT).count() == 1


class RefuseBob:
    """An e-mail backend whose server refuses one address."""

    def __init__(self, **kwargs):
        from django.core.mail.backends.locmem import EmailBackend

        self.inner = EmailBackend(**kwargs)

    def send_messages(self, messages):
        for message in messages:
            if "bob@example.org" in message.to:
                raise OSError("Refused bob@example.org")
        return self.inner.send_messages(messages)

    def close(self):
        pass


def test_the_weekly_summary_goes_on_its_day_and_after_a_failure_later_that_week(world, settings):
    tuesday = MONDAY + dt.timedelta(days=1)
    remind("--today", tuesday.isoformat())
    assert "liz@example.org" not in sent_to()
    settings.OVERSIGHT_REMIND_WEEKLY_DAY = "tuesday"
    mail.outbox.clear()
    remind("--today", tuesday.isoformat())
    assert "liz@example.org" in sent_to()
    mail.outbox.clear()
    remind("--today", (tuesday + dt.timedelta(days=1)).isoformat())
    assert "liz@example.org" not in sent_to()

    Reminder.objects.filter(kind=ReminderKind.WEEKLY_SUMMARY).update(status=ReminderStatus.FAILED)
    mail.outbox.clear()
    remind("--today", (tuesday + dt.timedelta(days=2)).isoformat())
    assert "liz@example.org" in sent_to()


def test_the_weekly_summary_names_what_is_waiting(world):
    remind("--today", MONDAY.isoformat())
    liz = next(m for m in mail.outbox if m.to == ["liz@example.org"])
    body = liz.body
    assert "This is the weekly summary for Home Force Police on 4 July 2022." in body
    assert "* Overdue: 3" in body and "* Reviews due: 2" in body
    assert "* Closure requests waiting: 1" in body and "* Extension requests waiting: 1" in body
    assert "Owners with no update in the last 90 days (3)" in body
    assert "Alice Able: 5 open · last update 10 January 2022" in body
    assert f"{BASE_URL}/recommendations/?owner={world.alice.pk}&status=any_open" in body
    assert "Owners with no e-mail address: they get no reminders\n" in body
    assert "4001" not in body  # the other force
    assert Reminder.objects.get(person=world.liz).summary["overdue"] == 3
    reasons = set(
        ReminderItem.objects.filter(reminder__person=world.liz).values_list("reason", flat=True)
    )
    assert reasons == {
        Reason.OVERDUE,
        Reason.REVIEW_DUE,
        Reason.CLOSURE_WAITING,
        Reason.EXTENSION_WAITING,
    }


def test_a_dry_run_sends_and_records_nothing(world):
    output = remind("--today", MONDAY.isoformat(), "--dry-run")
    assert mail.outbox == []
    assert Reminder.objects.count() == 0
    assert "Would send to Alice Able <alice@example.org>: digest, 3 responses" in output
    assert "3 digests and 2 weekly summaries would be sent (dry run)" in output


def test_links_need_the_base_url(world, settings):
    settings.OVERSIGHT_BASE_URL = ""
    with pytest.raises(CommandError, match="OVERSIGHT_BASE_URL"):
        remind("--today", MONDAY.isoformat())
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        remind("--today", "4/7/2022")
