"""/health/: what a load balancer asks each app server. It answers without signing in and
without the database, and says nothing about the record."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_health_answers_ok_without_signing_in_or_the_database(client):
    with CaptureQueriesContext(connection) as queries:
        answer = client.get("/health/")
    assert answer.status_code == 200
    assert answer.content == b"OK\n"
    assert answer["Content-Type"].startswith("text/plain")
    assert "no-cache" in answer["Cache-Control"]
    assert len(queries) == 0
    assert "sessionid" not in answer.cookies


@pytest.mark.django_db
def test_health_takes_no_writes(client):
    assert client.post("/health/").status_code == 405
    assert client.head("/health/").status_code == 200
