"""The API's lists answer in a fixed number of queries whatever the page size: at most 4 for
10, 50 or 500 responses (the person, the count, the page; their updates and evidence are not
read row by row)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oversight.accounts.models import Role
from tests.factories import (
    EvidenceFactory,
    OrganisationFactory,
    RecommendationFactory,
    ResponseFactory,
    UpdateFactory,
    UserFactory,
)

MAX_QUERIES = 4


@pytest.fixture
def record(db):
    org = OrganisationFactory(name="Big Force Police")
    owners = [UserFactory(organisation=org, role=Role.OWNER) for _ in range(5)]
    for number in range(520):
        response = ResponseFactory(
            organisation=org,
            owner=owners[number % 5],
            recommendation=RecommendationFactory(report__organisation=org),
        )
        if number % 4 == 0:
            update = UpdateFactory(response=response, author=owners[number % 5])
            EvidenceFactory(response=response, update=update)
    return UserFactory(organisation=org, role=Role.LIAISON)


@pytest.mark.parametrize("size", [10, 50, 500])
def test_the_response_list_takes_the_same_few_queries_at_any_page_size(
    client, record, size, token_for, bearer
):
    headers = bearer(token_for(record))
    client.get(reverse("api:response-list"), {"page_size": 1}, headers=headers)  # warm
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(reverse("api:response-list"), {"page_size": size}, headers=headers)
    assert answer.status_code == 200
    assert len(answer.json()["results"]) == size
    assert len(queries) <= MAX_QUERIES, [q["sql"][:120] for q in queries.captured_queries]


@pytest.mark.parametrize("size", [10, 500])
def test_signed_in_through_the_browser_too(client, record, size):
    client.force_login(record)
    client.get(reverse("api:response-list"), {"page_size": 1})
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(reverse("api:response-list"), {"page_size": size})
    assert answer.status_code == 200 and len(answer.json()["results"]) == size
    assert len(queries) <= MAX_QUERIES, [q["sql"][:120] for q in queries.captured_queries]
