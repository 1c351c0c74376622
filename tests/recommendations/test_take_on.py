"""A liaison takes on a national recommendation in the browser (#17.2): the report page offers
it where the organisation is not responding; the response opens with its owner, portfolio and
board, "Taken on" in the trail; bad input changes nothing; it cannot be taken on twice."""

from __future__ import annotations

import pytest
from django.urls import reverse

from oversight.accounts.models import Role
from oversight.recommendations.models import Response
from tests.factories import OrganisationFactory, RecommendationFactory, UserFactory


@pytest.fixture
def world(db):
    force = OrganisationFactory(name="Home Force Police")
    other = OrganisationFactory(name="Other Force Police")
    return {
        "force": force,
        "liaison": UserFactory(organisation=force, role=Role.LIAISON),
        "owner": UserFactory(organisation=force, role=Role.OWNER, first_name="Olive"),
        "viewer": UserFactory(organisation=force, role=Role.VIEWER),
        "stranger": UserFactory(organisation=other, role=Role.OWNER),
        "national": RecommendationFactory(report__organisation=None, reference="9472"),
    }


def test_the_liaison_takes_a_national_recommendation_on(client, world):
    national, liaison, owner = world["national"], world["liaison"], world["owner"]
    client.force_login(liaison)
    report = client.get(reverse("recommendations:report-detail", args=[national.report_id])).text
    url = reverse("recommendations:take-on", args=[national.pk])
    assert "Not responding" in report and url in report
    page = client.get(url)
    assert page.status_code == 200 and "National: made to every force or service" in page.text
    answer = client.post(url, {"version": "0", "owner": owner.pk, "sign_off": "chief_constable"})
    response = Response.objects.get(organisation=world["force"], recommendation=national)
    assert answer.status_code == 302
    assert answer.url == reverse("recommendations:response-detail", args=[response.pk])
    assert response.owner == owner and response.status == "open" and response.rag == ""
    assert response.history.get().history_change_reason == "Taken on: a national recommendation"
    # not twice: the page is gone for this organisation, the report shows the response
    assert client.get(url).status_code == 404
    report = client.get(reverse("recommendations:report-detail", args=[national.report_id])).text
    assert url not in report


def test_bad_input_changes_nothing(client, world):
    national, liaison = world["national"], world["liaison"]
    client.force_login(liaison)
    url = reverse("recommendations:take-on", args=[national.pk])
    for bad in (
        {"owner": world["stranger"].pk},  # another organisation's person
        {"owner": "٣"},
        {"owner": "9" * 40},
        {"sign_off": "whoever"},
        {"next_review_on-day": "99", "next_review_on-month": "1", "next_review_on-year": "2027"},
    ):
        answer = client.post(url, {"version": "0", "sign_off": "chief_constable", **bad})
        assert answer.status_code == 400, bad
    assert not Response.objects.exists()


def test_only_the_liaison_and_only_national_recommendations(client, world):
    national = world["national"]
    url = reverse("recommendations:take-on", args=[national.pk])
    for who in ("owner", "viewer"):
        client.force_login(world[who])
        assert client.get(url).status_code == 403
    own = RecommendationFactory(report__organisation=world["force"])
    client.force_login(world["liaison"])
    assert client.get(reverse("recommendations:take-on", args=[own.pk])).status_code == 404
    report = client.get(reverse("recommendations:report-detail", args=[national.report_id])).text
    client.force_login(world["viewer"])
    seen = client.get(reverse("recommendations:report-detail", args=[national.report_id])).text
    assert url in report and url not in seen
