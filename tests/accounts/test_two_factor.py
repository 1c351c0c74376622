"""Two-step verification (TOTP) for people who sign in with a password."""

from __future__ import annotations

import time

import pyotp
import pytest
from django.core.management import call_command
from django.urls import reverse

from oversight.accounts import two_factor
from oversight.accounts.models import Role, SingleSignOnIdentity, TwoFactor
from oversight.accounts.views import PENDING, SETUP_SECRET
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

T0 = 1_900_000_020.0  # the start of a 30-second step


@pytest.fixture
def clock(monkeypatch):
    """The clock codes are checked against, frozen; tests move it on by steps."""

    class Clock:
        at = T0

        def step(self, n: int = 1) -> None:
            self.at += n * two_factor.STEP_SECONDS

    frozen = Clock()
    monkeypatch.setattr(two_factor, "now", lambda: frozen.at)
    return frozen


@pytest.fixture
def person():
    return UserFactory(username="alex", role=Role.OWNER)


def code_for(secret: str, at: float) -> str:
    return pyotp.TOTP(secret).at(at)


def sign_in(client, username="alex", password="pass", **query):
    url = reverse("accounts:sign-in")
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.post(url, {"username": username, "password": password})


def signed_in(client) -> bool:
    return client.get(reverse("dashboards:home")).status_code == 200


def turn_on(client, person, clock) -> str:
    client.force_login(person)
    page = client.get(reverse("accounts:two-factor-set-up"))
    secret = client.session[SETUP_SECRET]
    answer = client.post(
        reverse("accounts:two-factor-set-up"), {"code": code_for(secret, clock.at)}
    )
    assert answer.status_code == 302
    client.post(reverse("accounts:sign-out"))
    assert page.status_code == 200
    return secret


def test_the_page_says_it_is_off_and_offers_to_set_it_up(client, person):
    client.force_login(person)
    page = client.get(reverse("accounts:two-factor")).content.decode()
    assert "Two-step verification" in page and "Off" in page
    assert reverse("accounts:two-factor-set-up") in page


def test_set_up_shows_the_secret_the_uri_and_a_qr_code(client, person):
    client.force_login(person)
    page = client.get(reverse("accounts:two-factor-set-up")).content.decode()
    secret = client.session[SETUP_SECRET]
    assert two_factor.spaced(secret) in page
    assert f"otpauth://totp/Oversight:alex?secret={secret}" in page
    assert 'src="data:image/svg+xml' in page
    # the same secret until it is confirmed, so a reload does not break the app's entry
    client.get(reverse("accounts:two-factor-set-up"))
    assert client.session[SETUP_SECRET] == secret
    assert not TwoFactor.objects.exists()


def test_set_up_needs_a_right_code(client, person, clock):
    client.force_login(person)
    client.get(reverse("accounts:two-factor-set-up"))
    secret = client.session[SETUP_SECRET]
    url = reverse("accounts:two-factor-set-up")
    empty = client.post(url, {"code": ""}).content.decode()
    assert "Enter the 6-digit code from your authenticator app" in empty
    assert "The code must be 6 digits" in client.post(url, {"code": "12ab"}).content.decode()
    wrong = code_for(secret, clock.at + 300)
    assert "That code is not right" in client.post(url, {"code": wrong}).content.decode()
    assert not TwoFactor.objects.exists()
    answer = client.post(url, {"code": code_for(secret, clock.at)}, follow=True)
    assert "Two-step verification is on" in answer.content.decode()
    saved = TwoFactor.objects.get(user=person)
    assert saved.secret == secret
    assert saved.history.first().history_change_reason == "Two-step verification turned on"
    assert SETUP_SECRET not in client.session


def test_signing_in_asks_for_a_code_before_the_session_is_signed_in(client, person, clock):
    secret = turn_on(client, person, clock)
    answer = sign_in(client)
    assert answer.status_code == 302 and answer["Location"] == reverse("accounts:sign-in-code")
    assert not signed_in(client)
    assert client.session[PENDING]["user"] == person.pk
    page = client.get(reverse("accounts:sign-in-code")).content.decode()
    assert "Enter the code from your authenticator app" in page

    clock.step()
    answer = client.post(reverse("accounts:sign-in-code"), {"code": code_for(secret, clock.at)})
    assert answer.status_code == 302 and answer["Location"] == reverse("dashboards:home")
    assert signed_in(client)
    assert PENDING not in client.session


def test_a_wrong_code_is_refused(client, person, clock):
    secret = turn_on(client, person, clock)
    sign_in(client)
    clock.step()
    wrong = code_for(secret, clock.at + 120)
    page = client.post(reverse("accounts:sign-in-code"), {"code": wrong})
    assert page.status_code == 200
    assert "That code is not right" in page.content.decode()
    assert not signed_in(client)


def test_a_code_is_used_once(client, person, clock):
    secret = turn_on(client, person, clock)
    # the code that confirmed the set-up cannot sign in
    sign_in(client)
    used = code_for(secret, clock.at)
    assert client.post(reverse("accounts:sign-in-code"), {"code": used}).status_code == 200
    assert not signed_in(client)
    # a new one can, once; within its 30 seconds (and the window either side) it is refused
    clock.step()
    fresh = code_for(secret, clock.at)
    assert client.post(reverse("accounts:sign-in-code"), {"code": fresh}).status_code == 302
    client.post(reverse("accounts:sign-out"))
    sign_in(client)
    page = client.post(reverse("accounts:sign-in-code"), {"code": fresh})
    assert "That code is not right" in page.content.decode()
    assert not signed_in(client)
    # an earlier code in the window is refused too: only later steps count
    assert client.post(reverse("accounts:sign-in-code"), {"code": used}).status_code == 200
    assert not signed_in(client)


def test_wrong_codes_lock_the_account_out_like_wrong_passwords(client, person, clock, settings):
    secret = turn_on(client, person, clock)
    sign_in(client)
    wrong = code_for(secret, clock.at + 600)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(reverse("accounts:sign-in-code"), {"code": wrong}).status_code == 200
    locked = client.post(reverse("accounts:sign-in-code"), {"code": wrong})
    assert locked.status_code == 429
    assert "Too many attempts to sign in" in locked.content.decode()
    # now even the right code, and the right password, are refused
    clock.step()
    right = client.post(reverse("accounts:sign-in-code"), {"code": code_for(secret, clock.at)})
    assert right.status_code == 429
    assert sign_in(client).status_code == 429
    assert not signed_in(client)


def test_the_code_page_without_a_password_first_goes_back_to_sign_in(client, person):
    answer = client.get(reverse("accounts:sign-in-code"))
    assert answer.status_code == 302 and answer["Location"] == reverse("accounts:sign-in")


def test_a_pending_sign_in_times_out(client, person, clock, settings):
    secret = turn_on(client, person, clock)
    sign_in(client)
    session = client.session
    session[PENDING] = {
        **session[PENDING],
        "at": time.time() - 60 * settings.OVERSIGHT_TWO_FACTOR_PENDING_MINUTES - 1,
    }
    session.save()
    clock.step()
    answer = client.post(reverse("accounts:sign-in-code"), {"code": code_for(secret, clock.at)})
    assert answer.status_code == 302 and answer["Location"] == reverse("accounts:sign-in")
    assert not signed_in(client)


def test_the_page_asked_for_is_kept_through_the_code(client, person, clock):
    secret = turn_on(client, person, clock)
    target = reverse("recommendations:register")
    sign_in(client, next=target)
    clock.step()
    answer = client.post(reverse("accounts:sign-in-code"), {"code": code_for(secret, clock.at)})
    assert answer["Location"] == target


def test_turning_it_off_needs_a_current_code(client, person, clock):
    secret = turn_on(client, person, clock)
    client.force_login(person)
    page = client.get(reverse("accounts:two-factor")).content.decode()
    assert "Turn off two-step verification" in page
    url = reverse("accounts:two-factor")
    wrong = code_for(secret, clock.at + 600)
    assert "That code is not right" in client.post(url, {"code": wrong}).content.decode()
    assert TwoFactor.objects.filter(user=person).exists()
    clock.step()
    answer = client.post(url, {"code": code_for(secret, clock.at)}, follow=True)
    assert "Two-step verification is off" in answer.content.decode()
    assert not TwoFactor.objects.filter(user=person).exists()
    deleted = TwoFactor.history.filter(user_id=person.pk).first()
    assert deleted.history_type == "-"
    assert deleted.history_change_reason == "Two-step verification turned off"
    assert deleted.history_user == person
    client.post(reverse("accounts:sign-out"))
    assert sign_in(client)["Location"] == reverse("dashboards:home")  # no code asked for


def test_people_who_sign_in_with_their_organisation_account_are_not_offered_it(client):
    person = UserFactory(username="sso-person")
    person.set_unusable_password()
    person.save()
    SingleSignOnIdentity.objects.create(user=person, issuer="https://idp", subject="1")
    client.force_login(person)
    page = client.get(reverse("accounts:two-factor")).content.decode()
    assert "You sign in with your organisation account" in page
    assert client.get(reverse("accounts:two-factor-set-up"))["Location"] == reverse(
        "accounts:two-factor"
    )


def test_a_liaison_lead_can_turn_it_off_for_someone_who_lost_their_phone(
    client, person, clock, capsys
):
    turn_on(client, person, clock)
    call_command("two_factor_off", "alex")
    assert "now off for alex" in capsys.readouterr().out
    assert not TwoFactor.objects.filter(user=person).exists()
    assert sign_in(client)["Location"] == reverse("dashboards:home")


def test_matching_step_accepts_one_step_either_side():
    secret = pyotp.random_base32()
    for offset in (-1, 0, 1):
        code = code_for(secret, T0 + offset * 30)
        assert two_factor.matching_step(secret, code, at=T0) == int(T0 // 30) + offset
    assert two_factor.matching_step(secret, code_for(secret, T0 + 60), at=T0) is None
    assert two_factor.matching_step(secret, "12 34 56", at=T0) in (None, int(T0 // 30))
    assert two_factor.matching_step(secret, "abcdef", at=T0) is None
