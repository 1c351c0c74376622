"""People and a response for the service tests: one organisation, each role, and another
organisation's liaison. The services are called directly, as the views, the API and the
import call them."""

from __future__ import annotations

import pytest

from oversight.accounts.models import Role
from tests.factories import OrganisationFactory, RecommendationFactory, ResponseFactory, UserFactory


@pytest.fixture
def org(db):
    return OrganisationFactory(name="Home Force Police")


@pytest.fixture
def people(org):
    other = OrganisationFactory(name="Other Force Police")
    return {
        "liaison": UserFactory(organisation=org, role=Role.LIAISON),
        "owner": UserFactory(organisation=org, role=Role.OWNER),
        "executive": UserFactory(organisation=org, role=Role.EXECUTIVE),
        "viewer": UserFactory(organisation=org, role=Role.VIEWER),
        "stranger": UserFactory(organisation=other, role=Role.LIAISON),
    }


@pytest.fixture
def response(org, people):
    return ResponseFactory(
        organisation=org,
        owner=people["owner"],
        recommendation=RecommendationFactory(report__organisation=org),
    )


def reasons(record) -> list[str]:
    """The trail's reasons for a record, oldest first."""
    return [h.history_change_reason for h in record.history.order_by("history_id")]
