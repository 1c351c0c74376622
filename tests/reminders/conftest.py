"""A small record with fixed dates, and the settings the reminders read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from oversight.accounts.models import Role
from oversight.recommendations.models import (
    ClosureRequest,
    ExtensionRequest,
    Response,
    ResponseStatus,
)
from tests.factories import OrganisationFactory, ResponseFactory, UpdateFactory, UserFactory

MONDAY = dt.date(2022, 7, 4)
BASE_URL = "https://oversight.example.police.uk"


@pytest.fixture(autouse=True)
def _reminder_settings(settings):
    settings.OVERSIGHT_BASE_URL = BASE_URL
    settings.DEFAULT_FROM_EMAIL = "Oversight <oversight@example.police.uk>"
    settings.OVERSIGHT_EMAIL_MARKING = "OFFICIAL-SENSITIVE"
    settings.OVERSIGHT_REMIND_DUE_SOON_DAYS = 14
    settings.OVERSIGHT_REMIND_OVERDUE_EVERY_DAYS = 7
    settings.OVERSIGHT_REMIND_REVIEW_EVERY_DAYS = 7
    settings.OVERSIGHT_REMIND_STALE_DAYS = 90
    settings.OVERSIGHT_REMIND_WEEKLY_DAY = "monday"


@dataclass
class World:
    force: object
    other_force: object
    alice: object  # owner: one overdue (and review due), one due soon, one review due
    bob: object  # owner: one due in exactly 14 days; updated recently
    carol: object  # owner with no e-mail address: one overdue
    liz: object  # liaison lead of the force
    dan: object  # owner in the other force: one overdue
    oscar: object  # liaison lead of the other force
    overdue: Response
    soon: Response
    review: Response
    later: Response
    closed: Response
    revised: Response
    bobs: Response
    carols: Response
    dans: Response


def _response(org, owner, reference, due, **extra) -> Response:
    return ResponseFactory(
        organisation=org,
        owner=owner,
        recommendation__reference=reference,
        recommendation__theme=f"Theme {reference}",
        recommendation__due_on=due,
        **extra,
    )


@pytest.fixture
def world(db) -> World:
    force = OrganisationFactory(name="Home Force Police", short_name="Home Force")
    other = OrganisationFactory(name="Other Force Police", short_name="Other Force")
    alice = UserFactory(
        organisation=force, first_name="Alice", last_name="Able", email="alice@example.org"
    )
    bob = UserFactory(
        organisation=force, first_name="Bob", last_name="Baker", email="bob@example.org"
    )
    carol = UserFactory(organisation=force, first_name="Carol", last_name="Cole", email="")
    liz = UserFactory(
        organisation=force,
        role=Role.LIAISON,
        first_name="Liz",
        last_name="Lead",
        email="liz@example.org",
    )
    dan = UserFactory(
        organisation=other, first_name="Dan", last_name="Dee", email="dan@example.org"
    )
    oscar = UserFactory(
        organisation=other,
        role=Role.LIAISON,
        first_name="Oscar",
        last_name="Other",
        email="oscar@example.org",
    )
    UserFactory(organisation=force, role=Role.VIEWER, email="viewer@example.org")
    gone = UserFactory(organisation=force, email="gone@example.org", is_active=False)
    w = World(
        force=force,
        other_force=other,
        alice=alice,
        bob=bob,
        carol=carol,
        liz=liz,
        dan=dan,
        oscar=oscar,
        overdue=_response(
            force,
            alice,
            "1001",
            dt.date(2022, 5, 21),
            status=ResponseStatus.IN_PROGRESS,
            rag="amber",
            next_review_on=dt.date(2022, 7, 1),
        ),
        soon=_response(force, alice, "1002", dt.date(2022, 7, 10)),
        review=_response(force, alice, "1003", None, next_review_on=MONDAY),
        later=_response(force, alice, "1004", dt.date(2022, 9, 1)),
        closed=_response(force, alice, "1005", dt.date(2022, 5, 1), status=ResponseStatus.CLOSED),
        revised=_response(
            force, alice, "1006", dt.date(2022, 5, 1), revised_due_on=dt.date(2022, 12, 31)
        ),
        bobs=_response(force, bob, "2001", dt.date(2022, 7, 18)),
        carols=_response(force, carol, "3001", dt.date(2022, 6, 30)),
        dans=_response(other, dan, "4001", dt.date(2022, 6, 1)),
    )
    _response(force, gone, "5001", dt.date(2022, 6, 1))  # an inactive owner gets nothing
    UpdateFactory(response=w.bobs, written_on=dt.date(2022, 6, 1))
    UpdateFactory(response=w.overdue, written_on=dt.date(2022, 1, 10))
    ClosureRequest.objects.create(response=w.later, requested_by=alice, statement="Done")
    ExtensionRequest.objects.create(
        response=w.overdue,
        requested_by=alice,
        proposed_due_on=dt.date(2022, 10, 31),
        reason="Waiting for the new system",
    )
    return w
