"""Fixtures for the import tests: an organisation with its people, and a stand-in reader."""

from __future__ import annotations

import sys

import pytest

from oversight.accounts.models import Role
from tests.factories import OrganisationFactory, UserFactory
from tests.ingest.builders import FakeReader


@pytest.fixture
def org(db):
    return OrganisationFactory(name="Home Force Police")


@pytest.fixture
def liaison(org):
    return UserFactory(
        organisation=org, role=Role.LIAISON, username="lee", first_name="Lee", last_name="Liaison"
    )


@pytest.fixture
def owner(org):
    return UserFactory(
        organisation=org, role=Role.OWNER, username="olivia", first_name="Olivia", last_name="Owen"
    )


@pytest.fixture
def reader(monkeypatch):
    """Replaces the readers with a stand-in: set `reader.build = lambda data, name, cmap: …`."""
    fake = FakeReader()
    monkeypatch.setitem(sys.modules, "oversight.ingest.readers", fake.module)
    return fake
