"""A national recommendation that does not apply (#17.2): the liaison records it, with the
reason, from the report or the response page. It is on the register as "Does not apply":
never overdue, not chased, counted neither as open nor as closed, and not blue. Nothing is
done on it until it is taken on after all. The committee paper names it with its reason, as
at its period. Bad input changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from oversight import clock
from oversight.accounts.models import Role
from oversight.dashboards.selectors import dashboard
from oversight.recommendations import selectors, services
from oversight.recommendations.models import Response, ResponseStatus
from oversight.rules.rag import effective_rag
from tests.factories import (
    OrganisationFactory,
    RecommendationFactory,
    ResponseFactory,
    UserFactory,
)

REASON = "It is for forces with a port, and Home Force has none."


@pytest.fixture
def world(db):
    force = OrganisationFactory(name="Home Force Police", short_name="Home Force")
    other = OrganisationFactory(name="Other Force Police")
    long_ago = clock.today() - dt.timedelta(days=400)
    return {
        "force": force,
        "other": other,
        "liaison": UserFactory(organisation=force, role=Role.LIAISON),
        "owner": UserFactory(organisation=force, role=Role.OWNER),
        "viewer": UserFactory(organisation=force, role=Role.VIEWER),
        "other_liaison": UserFactory(organisation=other, role=Role.LIAISON),
        # national, and long overdue by its own date
        "national": RecommendationFactory(
            report__organisation=None, reference="9472", due_on=long_ago
        ),
    }


def _record(client, world, reason=REASON):
    client.force_login(world["liaison"])
    url = reverse("recommendations:not-applicable", args=[world["national"].pk])
    return client.post(url, {"reason": reason})


def test_the_liaison_records_that_it_does_not_apply_from_the_report(client, world):
    national = world["national"]
    client.force_login(world["liaison"])
    report = client.get(reverse("recommendations:report-detail", args=[national.report_id])).text
    url = reverse("recommendations:not-applicable", args=[national.pk])
    assert url in report and "It does not apply" in report
    page = client.get(url)
    assert page.status_code == 200 and "Why does it not apply to" in page.text
    answer = client.post(url, {"reason": REASON})
    response = Response.objects.get(organisation=world["force"], recommendation=national)
    assert answer.status_code == 302
    assert answer.url == reverse("recommendations:response-detail", args=[response.pk])
    assert response.status == ResponseStatus.NOT_APPLICABLE
    assert response.not_applicable_reason == REASON
    assert response.history.get().history_change_reason == f"Does not apply to Home Force: {REASON}"
    detail = client.get(answer.url).text
    assert "recorded as not applying to Home Force" in detail and REASON in detail
    assert "Take it on after all" in detail
    # nothing offered that the rules would refuse
    for action in ("Add an update", "Ask for closure", "Ask for more time", "Confirm the RAG"):
        assert action not in detail
    assert "Overdue" not in detail
    report = client.get(reverse("recommendations:report-detail", args=[national.report_id])).text
    assert "Does not apply" in report and REASON in report and url not in report
    # not twice
    assert client.get(url).status_code == 404


def test_it_is_neither_open_nor_closed_nor_overdue_nor_blue(client, world):
    _record(client, world)
    response = Response.objects.get(organisation=world["force"])
    user = world["liaison"]
    assert not response.is_closed and response.is_ended
    assert effective_rag(confirmed=response.rag, closed=response.is_closed) is None
    assert not selectors.responses_for(user).filter(selectors.OPEN_Q).exists()
    assert not selectors.overdue(selectors.responses_for(user), clock.today()).exists()
    assert not selectors.reviews_due(selectors.responses_for(user), clock.today()).exists()
    board = dashboard(user, today=clock.today())
    figures = {f.label: f.count for f in board.headline}
    assert figures["Open responses"] == 0 and figures["Overdue"] == 0
    assert figures["Closed this quarter"] == 0
    register = client.get(reverse("recommendations:register")).text
    assert "Does not apply" in register
    filtered = client.get(reverse("recommendations:register"), {"status": "not_applicable"})
    assert filtered.status_code == 200 and "9472" in filtered.text
    api = client.get("/api/v1/responses/", {"national": "true"}).json()
    assert api["results"][0]["status"] == "not_applicable"
    assert api["results"][0]["overdue"] is False


def test_nothing_is_done_on_it_until_it_is_taken_on_after_all(client, world):
    _record(client, world)
    response = Response.objects.get(organisation=world["force"])
    liaison, owner = world["liaison"], world["owner"]
    refusals = [
        lambda: services.update_add(
            response=response, author=liaison, written_on=clock.today(), narrative="Started"
        ),
        lambda: services.rag_confirm(
            response=response, actor=liaison, rag="green", expected_version=None
        ),
        lambda: services.closure_request(response=response, actor=liaison, statement="Done"),
        lambda: services.response_assign(response=response, actor=liaison, owner=owner, reason="x"),
        lambda: services.extension_request(
            response=response, actor=liaison, proposed_due_on=clock.today(), reason="More time"
        ),
    ]
    for refused in refusals:
        with pytest.raises(ValueError, match="recorded as not applying"):
            refused()
    assert Response.objects.get(pk=response.pk).version == response.version

    url = reverse("recommendations:take-on", args=[world["national"].pk])
    page = client.get(url).text
    assert "It is recorded as not applying" in page and REASON in page
    answer = client.post(url, {"version": "0", "owner": owner.pk, "sign_off": "chief_constable"})
    assert answer.status_code == 302
    response.refresh_from_db()
    assert response.status == ResponseStatus.OPEN and response.owner == owner
    assert response.not_applicable_reason == ""
    reasons = [h.history_change_reason for h in response.history.order_by("history_id")]
    assert reasons == [f"Does not apply to Home Force: {REASON}", "Taken on after all"]
    assert selectors.overdue(selectors.responses_for(liaison), clock.today()).exists()


def test_a_response_taken_on_but_not_started_may_be_set_aside_not_one_in_progress(client, world):
    national = world["national"]
    response = ResponseFactory(organisation=world["force"], recommendation=national)
    client.force_login(world["liaison"])
    detail = client.get(reverse("recommendations:response-detail", args=[response.pk])).text
    url = reverse("recommendations:not-applicable", args=[national.pk])
    assert url in detail
    assert client.post(url, {"reason": REASON}).status_code == 302
    response.refresh_from_db()
    assert response.status == ResponseStatus.NOT_APPLICABLE

    started = ResponseFactory(
        organisation=world["other"], recommendation=national, status=ResponseStatus.IN_PROGRESS
    )
    client.force_login(world["other_liaison"])
    assert client.get(url).status_code == 404
    with pytest.raises(ValueError, match="Work on it has started"):
        services.response_not_applicable(
            organisation=world["other"],
            recommendation=national,
            actor=world["other_liaison"],
            reason=REASON,
        )
    started.refresh_from_db()
    assert started.status == ResponseStatus.IN_PROGRESS


def test_bad_input_changes_nothing_and_only_the_liaison_for_national_ones(client, world):
    national = world["national"]
    url = reverse("recommendations:not-applicable", args=[national.pk])
    for bad in ("", "   ", "x" * 5001):
        answer = _record(client, world, reason=bad)
        assert answer.status_code == 400
        assert "There is a problem" in answer.text
    assert not Response.objects.exists()
    for who in ("owner", "viewer"):
        client.force_login(world[who])
        assert client.get(url).status_code == 403
        assert client.post(url, {"reason": REASON}).status_code == 403
    own = RecommendationFactory(report__organisation=world["force"])
    client.force_login(world["liaison"])
    own_url = reverse("recommendations:not-applicable", args=[own.pk])
    assert client.get(own_url).status_code == 404
    with pytest.raises(ValueError, match="Only a national recommendation"):
        services.response_not_applicable(
            organisation=world["force"], recommendation=own, actor=world["liaison"], reason=REASON
        )
    assert not Response.objects.exists()


def test_the_paper_names_it_with_its_reason_as_at_its_period(db):
    """Recorded today, after the July 2022 period: July's paper does not name it; a paper
    drawn as at today does, once, with the reason, and counts it nowhere."""
    from oversight.accounts.models import User
    from oversight.demo.load import load_demo
    from oversight.papers import compose
    from oversight.papers import selectors as paper_selectors
    from oversight.papers.models import Paper

    load_demo()
    liaison = User.objects.get(username="liaison")
    national = RecommendationFactory(
        report__organisation=None, reference="N-PORT", theme="Ports", text="Check the ports."
    )
    july = Paper.objects.filter(meeting__held_on=dt.date(2022, 7, 28)).first()
    start, end = dt.date(2022, 3, 24), dt.date(2022, 7, 28)
    before = paper_selectors.paper_facts(july.meeting, start, end)
    services.response_not_applicable(
        organisation=liaison.organisation, recommendation=national, actor=liaison, reason=REASON
    )
    assert paper_selectors.paper_facts(july.meeting, start, end) == before
    assert before["not_applying"] == []

    today = paper_selectors.paper_facts(july.meeting, start, dt.date.today())
    assert today["not_applying"] == [
        {"title": "Recommendation N-PORT", "theme": "Ports", "reason": REASON}
    ]
    assert all(r["reference"] != "N-PORT" for r in today["responses"].values())
    text = "\n".join(s.text for s in compose.compose(today))
    assert text.count("N-PORT") == 1
    assert "National recommendations that do not apply to" in text and REASON in text
