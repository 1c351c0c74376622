"""`oversight remind` against a real SMTP server (aiosmtpd) on the loopback interface."""

from __future__ import annotations

import datetime as dt
import email
import io
import re
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.core.management import CommandError, call_command

from oversight.reminders.models import Reminder, ReminderStatus
from tests.reminders.conftest import BASE_URL, MONDAY


class Mailbox:
    """An SMTP handler that keeps every message, and refuses the addresses in `refuse`."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if m["X-Envelope-To"] == address]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def mailbox(settings):
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    yield box
    controller.stop()


def remind(day: dt.date) -> str:
    out = io.StringIO()
    call_command("remind", "--today", day.isoformat(), stdout=out, stderr=out)
    return out.getvalue()


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def test_the_digests_arrive_once_and_a_second_run_sends_nothing(world, mailbox):
    remind(MONDAY)
    assert sorted(m["X-Envelope-To"] for m in mailbox.messages) == [
        "alice@example.org",
        "bob@example.org",
        "dan@example.org",
        "liz@example.org",
        "oscar@example.org",
    ]
    (alice,) = mailbox.to("alice@example.org")
    assert alice["Subject"] == (
        "OFFICIAL-SENSITIVE: Oversight reminder: 1 overdue, 1 due soon, 1 review due"
    )
    assert alice["From"] == "Oversight <oversight@example.police.uk>"
    text = text_of(alice)
    links = re.findall(rf"{re.escape(BASE_URL)}/recommendations/responses/(\d+)/", text)
    assert sorted(map(int, links)) == sorted([world.overdue.pk, world.soon.pk, world.review.pk])
    for heading in ("Overdue", "Due in the next 14 days", "Review due"):
        assert f"\n{heading}\n" in text
    assert "Recommendation 1001: Theme 1001" in text
    assert "Was due on 21 May 2022 · In progress · RAG: Amber" in text
    assert f"{BASE_URL}/reminders/" in text
    html = alice.get_body(("html",)).get_content()
    assert html.count(f'href="{BASE_URL}/recommendations/responses/{world.soon.pk}/"') == 1

    (bob,) = mailbox.to("bob@example.org")
    assert f"/recommendations/responses/{world.bobs.pk}/" in text_of(bob)
    assert f"/recommendations/responses/{world.overdue.pk}/" not in text_of(bob)
    (dan,) = mailbox.to("dan@example.org")
    assert f"/responses/{world.dans.pk}/" in text_of(dan)
    assert "Theme 1001" not in text_of(dan)  # nothing of another force

    logged = Reminder.objects.get(person=world.alice)
    assert logged.status == ReminderStatus.SENT
    assert logged.message_id == alice["Message-ID"].strip()

    before = len(mailbox.messages)
    output = remind(MONDAY)
    assert len(mailbox.messages) == before
    assert "0 digests and 0 weekly summaries sent" in output


def test_a_refused_address_is_logged_as_not_sent_and_retried_the_next_day(world, mailbox):
    mailbox.refuse = {"bob@example.org"}
    with pytest.raises(CommandError, match="1 could not be sent"):
        remind(MONDAY)
    assert mailbox.to("bob@example.org") == []
    assert len(mailbox.to("alice@example.org")) == 1  # the others went
    failed = Reminder.objects.get(person=world.bob)
    assert failed.status == ReminderStatus.FAILED and "Mailbox unavailable" in failed.error

    mailbox.refuse = set()
    remind(MONDAY + dt.timedelta(days=1))
    assert len(mailbox.to("bob@example.org")) == 1
    assert len(mailbox.to("alice@example.org")) == 1  # not again


def test_no_mail_server_means_nothing_is_marked_sent(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _free_port()  # nothing listens there
    settings.EMAIL_TIMEOUT = 5
    with pytest.raises(CommandError, match="5 could not be sent"):
        remind(MONDAY)
    assert set(Reminder.objects.values_list("status", flat=True)) == {ReminderStatus.FAILED}
