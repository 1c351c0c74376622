"""A busy or missing database gives a clear "service unavailable" page (503), never a trace.

The app runs in its own process (tests/ops/probe.py: the production settings and middleware,
Django's test client) against a SQLite file that is missing or locked, and against a
PostgreSQL port with nothing listening.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError
from django.test import RequestFactory

from oversight.ops.middleware import unavailable
from tests.ops.helpers import ROOT, child_env

NEEDS_THE_DATABASE = {"sign in", "register", "home"}


def probe(database_url: str, tmp_path, settings_module: str = "oversight.config.settings"):
    done = subprocess.run(
        [sys.executable, "-m", "tests.ops.probe"],
        env=child_env(
            DATABASE_URL=database_url,
            DJANGO_SETTINGS_MODULE=settings_module,
            ALLOWED_HOSTS="testserver",
            OVERSIGHT_VAR_DIR=str(tmp_path / "var"),
            # plain static names: this process has not run collectstatic
            STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        ),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def assert_unavailable(answers) -> None:
    for answer in answers:
        body = answer["body"]
        assert answer["status"] in {200, 302, 503}, (answer["name"], answer["status"])
        assert "Traceback" not in body and "OperationalError" not in body
        if answer["name"] in NEEDS_THE_DATABASE:
            assert answer["status"] == 503, (answer["name"], answer["status"], body[:500])
            assert "Sorry, the service is unavailable" in body
            assert "<title>Service unavailable – Oversight</title>" in body
            assert "OFFICIAL-SENSITIVE" in body  # the service's own layout, not a bare page
            assert answer["headers"]["Retry-After"]
            assert "frame-ancestors 'none'" in answer["headers"]["Content-Security-Policy"]


@pytest.mark.slow
@pytest.mark.parametrize("how", ["file missing", "path unusable"])
def test_a_missing_sqlite_database(tmp_path, how):
    path = tmp_path / "gone" / "oversight.sqlite3"
    if how == "path unusable":
        path.mkdir(parents=True)  # a folder where the database file should be
    answers, log = probe(f"sqlite:///{path}", tmp_path)
    assert_unavailable(answers)
    assert "Database unavailable" in log  # logged for the people who run it
    assert ("no such table" in log) or ("unable to open database file" in log)


@pytest.mark.slow
def test_a_locked_sqlite_database(tmp_path):
    path = tmp_path / "oversight.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("CREATE TABLE django_session (session_key TEXT)")
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO django_session VALUES ('held')")  # and hold the lock
    try:
        answers, log = probe(f"sqlite:///{path}", tmp_path, "tests.ops.settings_busy")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_unavailable(answers)
    assert "database is locked" in log


@pytest.mark.slow
def test_a_postgresql_port_with_nothing_listening(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # free now; nothing listens on it
    answers, log = probe(f"postgres://postgres@127.0.0.1:{port}/oversight", tmp_path)
    assert_unavailable(answers)
    assert "Database unavailable" in log and str(port) in log


def test_the_page_renders_without_the_database():
    """No `db` fixture: any query would fail the page (and the plain fallback would show)."""
    request = RequestFactory().get("/recommendations/")
    answer = unavailable(request, OperationalError("database is locked"))
    page = answer.content.decode()
    assert answer.status_code == 503
    assert "Sorry, the service is unavailable" in page
    assert "OFFICIAL-SENSITIVE" in page and "govuk-template" in page
    assert "database is locked" not in page
    assert answer["Cache-Control"] == "no-store"


@pytest.mark.parametrize(("url", "status"), [("/busy/", 503), ("/closed/", 503), ("/fine/", 200)])
def test_views_failing_on_the_database_give_503(client, settings, url, status):
    settings.ROOT_URLCONF = "tests.ops.urls"
    assert client.get(url).status_code == status


def test_other_errors_are_still_500(client, settings):
    settings.ROOT_URLCONF = "tests.ops.urls"
    client.raise_request_exception = False
    answer = client.get("/broken/")
    assert answer.status_code == 500


def test_the_middleware_sits_outside_everything_that_reads_the_database():
    middleware = django_settings.MIDDLEWARE
    ours = middleware.index("oversight.ops.middleware.DatabaseUnavailableMiddleware")
    assert ours < middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert ours < middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
