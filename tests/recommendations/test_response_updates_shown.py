"""The response page shows the newest 20 updates and says how many there are, with a link to
show them all: a response with years of updates stays a page a person can read (and a page
the server draws in the same time)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from oversight.accounts.models import Role
from tests.factories import (
    OrganisationFactory,
    RecommendationFactory,
    ResponseFactory,
    UpdateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def response():
    org = OrganisationFactory()
    owner = UserFactory(organisation=org, role=Role.OWNER)
    return ResponseFactory(
        organisation=org,
        owner=owner,
        recommendation=RecommendationFactory(report__organisation=org),
    )


def _updates(response, count: int) -> None:
    for number in range(count):
        UpdateFactory(
            response=response,
            written_on=dt.date(2020, 1, 1) + dt.timedelta(days=number),
            narrative=f"Progress number {number}.",
        )


def _page(client, response, query: str = ""):
    viewer = UserFactory(organisation=response.organisation, role=Role.VIEWER)
    client.force_login(viewer)
    answer = client.get(f"/recommendations/responses/{response.pk}/{query}")
    assert answer.status_code == 200
    return answer.content.decode()


def test_the_newest_twenty_are_shown_with_a_link_to_all(client, response):
    _updates(response, 26)
    page = _page(client, response)
    assert page.count('class="moj-timeline__item"') == 20
    assert "Progress number 25." in page and "Progress number 6." in page
    assert "Progress number 5." not in page
    assert "The newest 20 of 26 updates are shown." in page
    assert 'href="?updates=all">Show all 26 updates</a>' in page
    every = _page(client, response, "?updates=all")
    assert every.count('class="moj-timeline__item"') == 26
    assert "Show all" not in every and "Progress number 0." in every


def test_a_response_with_few_updates_shows_them_all_without_a_link(client, response):
    _updates(response, 3)
    page = _page(client, response)
    assert page.count('class="moj-timeline__item"') == 3
    assert "Show all" not in page


def test_the_page_reads_the_same_whatever_the_number_of_updates(client, response):
    _updates(response, 21)
    _page(client, response)
    with CaptureQueriesContext(connection) as few:
        _page(client, response)
    _updates(response, 60)
    with CaptureQueriesContext(connection) as many:
        page = _page(client, response)
    assert page.count('class="moj-timeline__item"') == 20
    assert len(many) == len(few)
