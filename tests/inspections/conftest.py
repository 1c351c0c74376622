"""Fixtures for the inspection programme's tests: a force, its people, another force."""

from __future__ import annotations

import datetime as dt

import pytest

from oversight.accounts.models import Organisation, Role
from oversight.inspections import services
from oversight.rules.partial_dates import PartialDate, Precision
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def force(db):
    return OrganisationFactory(name="Home Force Police")


@pytest.fixture
def other_force(db):
    return OrganisationFactory(name="Other Force Police")


@pytest.fixture
def hmicfrs(db):
    return Organisation.objects.get(short_name="HMICFRS")


@pytest.fixture
def ofsted(db):
    return Organisation.objects.get(short_name="Ofsted")


@pytest.fixture
def people(force):
    return {
        role: UserFactory(
            organisation=force, role=role, first_name=role.title(), last_name="Person"
        )
        for role in (Role.LIAISON, Role.OWNER, Role.EXECUTIVE, Role.VIEWER)
    }


@pytest.fixture
def liaison(people):
    return people[Role.LIAISON]


@pytest.fixture
def other_liaison(other_force):
    return UserFactory(organisation=other_force, role=Role.LIAISON, first_name="Other")


def when(text: str, on: dt.date | None, precision: str = Precision.DAY) -> PartialDate:
    return PartialDate(on, Precision(precision), text)


@pytest.fixture
def inspection(force, liaison, hmicfrs):
    """Digital forensics, notified in March 2022 for the week commencing 4 April 2022."""
    return services.inspection_create(
        organisation=force,
        title="Thematic Inspection of Digital Forensics",
        kind="national_thematic",
        start=when("W/C 4th April", dt.date(2022, 4, 4), Precision.WEEK),
        lead_inspectorates=[hmicfrs],
        status_when=when("March 2022", dt.date(2022, 3, 1), Precision.MONTH),
        actor=liaison,
    )
