"""Fixtures for the operations tests: a populated instance reachable by subprocesses, and an
empty one to restore into. They follow the suite's database: SQLite, or PostgreSQL when the
suite runs with DATABASE_URL."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from tests.ops.helpers import Instance, drop_pg_database, new_pg_database, pdf, pg_server


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: starts real processes (a few seconds each); still in the normal run"
    )


@pytest.fixture
def populated(transactional_db, settings):
    """The demo, plus updates with evidence files written through the service (committed)."""
    from oversight.accounts.models import User
    from oversight.demo.load import load_demo
    from oversight.recommendations.models import Response
    from oversight.recommendations.services import evidence_add, update_add

    load_demo()
    owner = User.objects.get(username="owner")
    liaison = User.objects.get(username="liaison")
    responses = list(Response.objects.filter(owner=owner).order_by("pk")[:2])
    assert responses, "the demo owner owns no response"
    for number, response in enumerate(responses, start=1):
        update_add(
            response=response,
            author=owner,
            written_on=dt.date(2022, 7, number),
            narrative=f"Progress note {number} for the backup tests.",
            proposed_rag="amber",
            files=[
                (SimpleUploadedFile(f"Board minutes {number}.pdf", pdf(f"minutes {number}")), "")
            ],
        )
    evidence_add(
        response=responses[0],
        actor=liaison,
        upload=SimpleUploadedFile("Action plan.pdf", pdf("action plan")),
        description="The action plan",
    )
    return {"owner": owner, "liaison": liaison, "responses": responses}


@pytest.fixture
def source(populated, tmp_path, settings) -> Instance:
    """The populated test database as an instance another process can use.

    SQLite: the suite's in-memory database copied to a file (online backup API). PostgreSQL:
    the test database itself (its data is committed: transactional_db)."""
    media = Path(settings.MEDIA_ROOT)
    var = tmp_path / "source-var"
    if connection.vendor == "sqlite":
        path = tmp_path / "source" / "oversight.sqlite3"
        path.parent.mkdir(parents=True)
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
        return Instance("sqlite", str(path), media, var)
    return Instance(
        "postgresql",
        connection.settings_dict["NAME"],
        media,
        var,
        pg=pg_server(connection.settings_dict),
    )


@pytest.fixture
def empty_instance(tmp_path):
    """A fresh, empty instance: no database file (or an empty PostgreSQL database), no files."""
    media = tmp_path / "restored-media"
    var = tmp_path / "restored-var"
    if connection.vendor == "sqlite":
        yield Instance("sqlite", str(tmp_path / "restored" / "oversight.sqlite3"), media, var)
        return
    server = pg_server(connection.settings_dict)
    maintenance = connection.settings_dict["NAME"]
    name = new_pg_database(server, maintenance, "oversight_restore")
    try:
        yield Instance("postgresql", name, media, var, pg=server)
    finally:
        drop_pg_database(server, maintenance, name)
