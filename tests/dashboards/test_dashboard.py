"""The dashboard: every figure is the register's count when its link is followed, figures are
the organisation's own, and the page reads well for every role."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from oversight.accounts.models import Board, Portfolio, Role
from oversight.dashboards import selectors
from oversight.recommendations.models import RecommendationKind, ResponseStatus
from tests.dashboards.helpers import figure_links, register_count, register_rows
from tests.factories import OrganisationFactory, ResponseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """One force with responses in every state the dashboard counts, and another force."""
    today = timezone.localdate()
    days = dt.timedelta
    force = OrganisationFactory(name="Home Force Police")
    other = OrganisationFactory(name="Other Force Police")
    liaison = UserFactory(organisation=force, role=Role.LIAISON)
    owner = UserFactory(organisation=force, role=Role.OWNER, first_name="Sam", last_name="Cole")
    crime = Portfolio.objects.create(organisation=force, name="Crime")
    board = Board.objects.create(organisation=force, name="Crime Board")

    def response(ref, **kw):
        rec = {k.removeprefix("rec_"): kw.pop(k) for k in list(kw) if k.startswith("rec_")}
        return ResponseFactory(
            organisation=kw.pop("organisation", force),
            owner=kw.pop("owner", owner),
            recommendation__reference=ref,
            **{f"recommendation__{k}": v for k, v in rec.items()},
            **kw,
        )

    response("1001", rec_due_on=today - days(10), rag="red", portfolio=crime, board=board)
    response("1002", rec_due_on=today + days(10), rag="amber", status=ResponseStatus.IN_PROGRESS)
    response(
        "1003",
        rec_due_on=today + days(60),
        rag="green",
        next_review_on=today - days(1),
        rec_kind=RecommendationKind.CAUSE_OF_CONCERN,
    )
    # revised due date wins over the computed one: due in 20 days, not overdue
    response("1004", rec_due_on=today - days(100), revised_due_on=today + days(20), owner=None)
    response("1005", rec_due_on=None, status=ResponseStatus.READY_FOR_CLOSURE, board=board)
    # closed this quarter, and closed long ago
    response("1006", status=ResponseStatus.CLOSED, closed_on=today, rag="blue")
    response("1007", status=ResponseStatus.CLOSED, closed_on=today - days(400))
    # another force's responses are never counted
    response("2001", organisation=other, owner=None, rec_due_on=today - days(5), rag="red")
    return {"liaison": liaison, "owner": owner, "today": today}


def test_every_figure_is_the_registers_count_when_followed(client, world):
    client.force_login(world["liaison"])
    page = client.get(reverse("dashboards:dashboard"))
    assert page.status_code == 200
    links = figure_links(page.content.decode())
    assert len(links) >= 20
    followed = {}
    for text, figure, href in links:
        register = client.get(href)
        assert register.status_code == 200, href
        assert register_count(register.content.decode()) == figure, f"{text} → {href}"
        followed[href] = figure
    # and the figures are the ones this force's record gives (not only self-consistent)
    q = world["today"]
    first, last = selectors.quarter_of(q)
    assert followed["/recommendations/?status=any_open"] == 5
    assert followed["/recommendations/?overdue=1"] == 1
    assert followed["/recommendations/?due_within=30"] == 2
    assert followed["/recommendations/?due_within=90"] == 3
    assert followed["/recommendations/?review_due=1"] == 1
    assert followed[f"/recommendations/?closed_from={first}&closed_to={last}"] == 1
    assert followed["/recommendations/?status=any_open&rag=none"] == 2
    assert followed["/recommendations/?status=any_open&owner=none"] == 1
    assert followed["/recommendations/?status=any_open&kind=cause_of_concern"] == 1


def test_a_followed_figure_lists_exactly_those_responses(client, world):
    client.force_login(world["liaison"])
    html = client.get("/recommendations/?due_within=30").content.decode()
    assert sorted(register_rows(html)) == ["1002", "1004"]
    assert "Open and due in the next 30 days" in html  # the filter summary says why
    html = client.get("/recommendations/?status=any_open&owner=none").content.decode()
    assert register_rows(html) == ["1004"]


def test_figures_are_the_organisations_own(client, world):
    other = UserFactory(organisation=OrganisationFactory(name="Other Force Police"))
    client.force_login(other)
    links = {href: n for _, n, href in figure_links(client.get("/dashboard/").content.decode())}
    assert links["/recommendations/?overdue=1"] == 1  # 2001 only
    assert links["/recommendations/?status=any_open"] == 1


def test_figures_come_from_few_queries(world):
    with CaptureQueriesContext(connection) as queries:
        board = selectors.dashboard(world["liaison"], today=world["today"])
    assert board.headline[0].count == 5
    assert len(queries) <= 10, [q["sql"][:120] for q in queries]


@pytest.mark.parametrize("role", [Role.LIAISON, Role.OWNER, Role.EXECUTIVE, Role.VIEWER])
def test_home_links_to_the_dashboard_for_every_role(client, world, role):
    person = UserFactory(organisation=world["liaison"].organisation, role=role)
    client.force_login(person)
    home = client.get(reverse("dashboards:home")).content.decode()
    assert 'href="/dashboard/"' in home
    dashboard = client.get("/dashboard/").content.decode()
    assert "Open responses by RAG rating" in dashboard
    assert 'alt="Open responses by RAG rating: Red 1, Amber 1, Green 1' in dashboard


def test_the_trend_shows_snapshots_and_this_month(client, world):
    from django.core.management import call_command

    call_command("snapshot", backfill=True, stdout=io.StringIO())
    client.force_login(world["liaison"])
    html = client.get("/dashboard/?trend=all").content.decode()
    today = world["today"]
    assert f"{today:%b %Y} (today)" in html
    assert "(reconstructed)" in html
    assert 'alt="Open, overdue and closed, month by month' in html


def test_home_shows_the_first_ten_of_a_queue_and_links_to_the_rest(client, settings):
    import datetime as dt

    from oversight.accounts.models import Role
    from tests.factories import OrganisationFactory, ResponseFactory, UserFactory

    force = OrganisationFactory()
    liaison = UserFactory(organisation=force, role=Role.LIAISON)
    for n in range(12):
        ResponseFactory(
            organisation=force,
            recommendation__reference=f"80{n:02d}",
            recommendation__due_on=dt.date(2020, 1, 1 + n),
        )
    client.force_login(liaison)
    page = client.get("/").content.decode()
    assert "See all 12 overdue responses" in page
    assert page.count('href="/recommendations/?overdue=1"') >= 2  # the card and "See all"
    assert "8000" in page and "8011" not in page  # the ten due soonest


def test_the_figures_follow_the_record_at_once(client, world):
    """The dashboard is cached, keyed on the record: a response or a recommendation saved
    changes the figures on the next view."""
    from oversight.recommendations.models import Response

    client.force_login(world["liaison"])

    def overdue() -> int:
        links = dict(
            (href, n) for _, n, href in figure_links(client.get("/dashboard/").content.decode())
        )
        return links["/recommendations/?overdue=1"]

    assert overdue() == 1  # 1001
    late = Response.objects.get(recommendation__reference="1002")
    late.recommendation.due_on = world["today"] - dt.timedelta(days=1)
    late.recommendation.save()
    assert overdue() == 2
    Response.objects.filter(recommendation__reference="1001").get().delete()
    assert overdue() == 1
