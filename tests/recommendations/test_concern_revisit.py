"""A cause of concern's steps on the page (#17.4): open → revisited (the revisit's date and
what the inspectorate found) → discharged (its date and the decision). Each step is a line
in the trail; bad dates and empty words change nothing; a cause of concern other
organisations respond to is not revisited or discharged by one of them, and its page does
not offer it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from oversight import clock
from oversight.accounts.models import Role
from oversight.recommendations import services
from oversight.recommendations.models import ConcernStatus, Recommendation, RecommendationKind
from tests.factories import OrganisationFactory, RecommendationFactory, ResponseFactory, UserFactory

FINDING = "Sufficient progress on recommendations 1 and 2; the cause of concern remains."


def _days(name: str, day: dt.date) -> dict[str, str]:
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }


@pytest.fixture
def world(db):
    force = OrganisationFactory(name="Home Force Police")
    published = clock.today() - dt.timedelta(days=300)
    concern = RecommendationFactory(
        kind=RecommendationKind.CAUSE_OF_CONCERN,
        concern_status=ConcernStatus.OPEN,
        report__organisation=force,
        report__published_on=published,
        reference="C1",
        theme="Crime recording",
    )
    response = ResponseFactory(organisation=force, recommendation=concern)
    return {
        "force": force,
        "concern": concern,
        "response": response,
        "published": published,
        "liaison": UserFactory(organisation=force, role=Role.LIAISON),
        "owner": UserFactory(organisation=force, role=Role.OWNER),
    }


def test_open_then_revisited_then_discharged_each_with_its_date(client, world):
    concern, liaison = world["concern"], world["liaison"]
    client.force_login(liaison)
    detail_url = reverse("recommendations:response-detail", args=[world["response"].pk])
    revisit_url = reverse("recommendations:concern-revisit", args=[concern.pk])
    discharge_url = reverse("recommendations:concern-discharge", args=[concern.pk])
    detail = client.get(detail_url).text
    assert revisit_url in detail and "revisit</a>" in detail

    revisited = clock.today() - dt.timedelta(days=30)
    answer = client.post(revisit_url, {"finding": FINDING, **_days("revisited_on", revisited)})
    assert answer.status_code == 302 and answer.url == detail_url
    concern.refresh_from_db()
    assert concern.concern_status == ConcernStatus.REVISITED
    assert (concern.revisited_on, concern.revisit_finding) == (revisited, FINDING)
    detail = client.get(detail_url).text
    assert "Revisited" in detail and FINDING in detail
    assert discharge_url in detail and revisit_url in detail  # a second revisit may come
    assert FINDING in client.get(discharge_url).text

    discharged = clock.today() - dt.timedelta(days=2)
    answer = client.post(
        discharge_url, {"note": "Letter of HMICFRS", **_days("discharged_on", discharged)}
    )
    assert answer.status_code == 302
    concern.refresh_from_db()
    assert concern.concern_status == ConcernStatus.DISCHARGED
    assert concern.discharged_on == discharged
    reasons = [h.history_change_reason for h in concern.history.order_by("history_id")][-2:]
    assert reasons == [
        f"Revisited by the inspectorate on {revisited.day} {revisited:%B %Y}: {FINDING}",
        f"Discharged by the inspectorate on {discharged.day} {discharged:%B %Y}: Letter of HMICFRS",
    ]
    detail = client.get(detail_url).text
    assert revisit_url not in detail and discharge_url not in detail  # nothing left to do
    with pytest.raises(ValueError, match="already discharged"):
        services.concern_revisit(concern=concern, actor=liaison, finding=FINDING)


BAD = [
    ({"finding": ""}, "Enter what the inspectorate found"),
    (
        {
            "finding": FINDING,
            "revisited_on-day": "31",
            "revisited_on-month": "2",
            "revisited_on-year": "2022",
        },
        "must be a real date",
    ),
    (
        {"finding": FINDING, **_days("revisited_on", clock.today() + dt.timedelta(days=3))},
        "today or in the past",
    ),
]


@pytest.mark.parametrize(("data", "message"), BAD)
def test_bad_revisits_are_explained_and_change_nothing(client, world, data, message):
    concern = world["concern"]
    client.force_login(world["liaison"])
    version = concern.version
    data = {**_days("revisited_on", clock.today()), **data}
    answer = client.post(reverse("recommendations:concern-revisit", args=[concern.pk]), data)
    assert answer.status_code == 400 and message in answer.text
    concern.refresh_from_db()
    assert (concern.concern_status, concern.version) == (ConcernStatus.OPEN, version)


def test_the_dates_follow_each_other(world):
    concern, liaison = world["concern"], world["liaison"]
    with pytest.raises(ValueError, match="after the report was published"):
        services.concern_revisit(
            concern=concern,
            actor=liaison,
            finding=FINDING,
            on=world["published"] - dt.timedelta(days=1),
        )
    services.concern_revisit(concern=concern, actor=liaison, finding=FINDING, on=clock.today())
    with pytest.raises(ValueError, match="on or after its revisit"):
        services.concern_discharge(
            concern=concern, actor=liaison, note="Letter", on=clock.today() - dt.timedelta(days=1)
        )
    assert Recommendation.objects.get(pk=concern.pk).concern_status == ConcernStatus.REVISITED


def test_only_the_liaison_and_not_for_a_concern_others_respond_to(client, world):
    concern = world["concern"]
    url = reverse("recommendations:concern-revisit", args=[concern.pk])
    client.force_login(world["owner"])
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"finding": FINDING, **_days("revisited_on", clock.today())}).status_code
        == 403
    )
    national = RecommendationFactory(
        kind=RecommendationKind.CAUSE_OF_CONCERN,
        concern_status=ConcernStatus.OPEN,
        report__organisation=None,
    )
    own = ResponseFactory(organisation=world["force"], recommendation=national)
    ResponseFactory(organisation=OrganisationFactory(), recommendation=national)
    client.force_login(world["liaison"])
    detail = client.get(reverse("recommendations:response-detail", args=[own.pk])).text
    assert reverse("recommendations:concern-revisit", args=[national.pk]) not in detail
    assert reverse("recommendations:concern-discharge", args=[national.pk]) not in detail
    with pytest.raises(PermissionDenied, match="nationally"):
        services.concern_revisit(concern=national, actor=world["liaison"], finding=FINDING)
    national.refresh_from_db()
    assert national.concern_status == ConcernStatus.OPEN


def test_the_paper_says_the_revisit_as_at_its_period(db):
    """Revisited today: the July 2022 paper's facts do not move; drawn as at today, the paper
    says when the inspectorate revisited and what it found, under the cause of concern."""
    from oversight.accounts.models import User
    from oversight.demo.load import load_demo
    from oversight.papers import compose
    from oversight.papers import selectors as paper_selectors
    from oversight.papers.models import Paper

    load_demo()
    liaison = User.objects.get(username="liaison")
    concern = Recommendation.objects.filter(kind=RecommendationKind.CAUSE_OF_CONCERN).first()
    july = Paper.objects.filter(meeting__held_on=dt.date(2022, 7, 28)).first()
    start, end = dt.date(2022, 3, 24), dt.date(2022, 7, 28)
    before = paper_selectors.paper_facts(july.meeting, start, end)
    services.concern_revisit(concern=concern, actor=liaison, finding=FINDING, on=clock.today())
    assert paper_selectors.paper_facts(july.meeting, start, end) == before
    today = paper_selectors.paper_facts(july.meeting, start, dt.date.today())
    text = "\n".join(s.text for s in compose.compose(today))
    assert f"The inspectorate revisited on {clock.today().day} " in text and FINDING in text
