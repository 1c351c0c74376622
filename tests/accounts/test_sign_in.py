"""Signing in: wrong passwords, lockout, Argon2, sessions; production refuses unsafe settings."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.urls import reverse

from oversight.accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return UserFactory(username="alex", role=Role.OWNER)


def sign_in(client, username, password):
    return client.post(reverse("accounts:sign-in"), {"username": username, "password": password})


def test_sign_in_and_out(client, person):
    answer = sign_in(client, "alex", "pass")
    assert answer.status_code == 302
    assert client.get(reverse("dashboards:home")).status_code == 200
    client.post(reverse("accounts:sign-out"))
    assert client.get(reverse("dashboards:home")).status_code == 302


def test_empty_and_wrong_password_get_clear_messages(client, person):
    page = sign_in(client, "", "").content.decode()
    assert "Enter your username" in page and "Enter your password" in page
    page = sign_in(client, "alex", "nope").content.decode()
    assert "Enter a correct username and password" in page


def test_lockout_after_repeated_failures(client, person, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "alex", "wrong")
    locked = sign_in(client, "alex", "pass")  # even the right password is refused now
    assert locked.status_code == 429
    assert "Too many attempts to sign in" in locked.content.decode()
    assert client.get(reverse("dashboards:home")).status_code == 302


def test_a_success_resets_the_count(client, person, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "alex", "wrong")
    assert sign_in(client, "alex", "pass").status_code == 302
    client.post(reverse("accounts:sign-out"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "alex", "wrong")
    assert sign_in(client, "alex", "pass").status_code == 302


def test_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    person = UserFactory(password="a long passphrase")
    assert identify_hasher(person.password).algorithm == "argon2"


def test_session_expires_after_inactivity(client, person, settings):
    client.force_login(person)
    answer = client.get(reverse("dashboards:home"))
    cookie = answer.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_AGE <= 60 * 60


def _expiry(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_the_expiry_moves_on_at_most_once_a_minute(client, person, settings):
    """Pages do not write the session each time; the idle limit holds to within a minute."""
    from django.contrib.sessions.models import Session

    from oversight.config.middleware import TOUCHED

    client.force_login(person)
    client.get(reverse("dashboards:home"))
    first = _expiry(client)
    client.get(reverse("recommendations:register"))
    assert _expiry(client) == first  # no write within the minute

    session = client.session
    session[TOUCHED] = session[TOUCHED] - settings.SESSION_TOUCH_SECONDS
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=first - dt.timedelta(minutes=5)
    )
    client.get(reverse("dashboards:home"))
    assert _expiry(client) > first - dt.timedelta(minutes=5)  # moved on

    # Idle for longer than the limit: signed out, and sent to sign in.
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    )
    answer = client.get(reverse("dashboards:home"))
    assert answer.status_code == 302
    assert reverse("accounts:sign-in") in answer["Location"]


def test_anonymous_visits_store_no_session(client):
    from django.contrib.sessions.models import Session

    client.get(reverse("accounts:sign-in"))
    assert not Session.objects.exists()


def test_security_headers_on_every_page(client, person):
    client.force_login(person)
    answer = client.get(reverse("dashboards:home"))
    csp = answer["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert answer["X-Frame-Options"] == "DENY"
    assert answer["Referrer-Policy"] == "same-origin"
    assert "camera=()" in answer["Permissions-Policy"]
    assert answer["X-Content-Type-Options"] == "nosniff"


def _run_with(env: dict, *args: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return subprocess.run(
        [sys.executable, "-m", "oversight.cli", *args],
        env={**clean, "DJANGO_SETTINGS_MODULE": "oversight.config.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key_or_hosts():
    no_key = _run_with({"OVERSIGHT_ENV": "production", "ALLOWED_HOSTS": "x.example"}, "check")
    assert no_key.returncode != 0 and "SECRET_KEY must be set" in no_key.stderr
    no_hosts = _run_with({"OVERSIGHT_ENV": "production", "SECRET_KEY": "k" * 60}, "check")
    assert no_hosts.returncode != 0 and "ALLOWED_HOSTS must be set" in no_hosts.stderr


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _run_with(
        {
            "OVERSIGHT_ENV": "production",
            "SECRET_KEY": "s3cr3t-" + "x9Zq" * 15,
            "ALLOWED_HOSTS": "oversight.force.example",
            "OVERSIGHT_VAR_DIR": str(tmp_path),
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
