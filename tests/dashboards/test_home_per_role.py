"""Each person's home shows what waits for them, and each item links to where it is done
(#17.1): the liaison's evidence checks, imports and next meeting; the executive's closures and
extensions with how long each has waited; the viewer's latest paper and figures."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from oversight.accounts.models import User
from oversight.recommendations.models import CLOSED_STATUSES, Response
from oversight.recommendations.services import (
    closure_check,
    closure_request,
    extension_request,
)


@pytest.fixture
def demo(db):
    from oversight.demo.load import load_demo

    load_demo()
    return {u.username: u for u in User.objects.filter(organisation__isnull=False)}


def _open(n: int) -> list[Response]:
    return list(
        Response.objects.exclude(status__in=CLOSED_STATUSES)
        .filter(closures__isnull=True, extensions__isnull=True)
        .order_by("pk")[:n]
    )


def _page(client, person) -> str:
    client.force_login(person)
    page = client.get(reverse("dashboards:home"))
    assert page.status_code == 200
    return page.content.decode()


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


def test_the_liaison_sees_evidence_checks_waiting_and_the_next_meeting(demo, client):
    liaison = demo["liaison"]
    first, second = _open(2)
    waiting = closure_request(response=first, actor=liaison, statement="Done: policy on file.")
    html = _page(client, liaison)
    assert "Evidence checks waiting (2)" in html  # the demo's own, and this one
    assert reverse("recommendations:closure-detail", args=[waiting.pk]) in _links(html)
    assert "since today" in html
    assert "Imports waiting (0)" in html and "No import is waiting" in html
    # the next meeting: the demo's meetings are in 2022, so none is planned from today
    assert "Next committee meeting" in html


def test_the_executive_sees_closures_and_extensions_to_decide_with_how_long(demo, client):
    liaison, executive = demo["liaison"], demo["executive"]
    first, second = _open(2)
    closure = closure_check(
        closure=closure_request(response=first, actor=liaison, statement="Done."), actor=liaison
    )
    extension = extension_request(
        response=second,
        actor=liaison,
        proposed_due_on=(second.due_on or dt.date.today()) + dt.timedelta(days=200),
        reason="The new system goes live next spring.",
    )
    type(extension).objects.filter(pk=extension.pk).update(
        requested_at=extension.requested_at - dt.timedelta(days=3)
    )
    html = _page(client, executive)
    assert "Closures to sign off (2)" in html  # the demo's own, and this one
    assert "Extensions to decide (2)" in html
    links = _links(html)
    assert reverse("recommendations:closure-detail", args=[closure.pk]) in links
    assert reverse("recommendations:extension-decide", args=[extension.pk]) in links
    assert "waiting 3 days" in html
    assert "You do not own any open responses" not in html


def test_the_viewer_sees_the_latest_issued_paper_and_the_figures_not_ownership(demo, client):
    from oversight.papers.models import Paper

    viewer = next(u for u in demo.values() if u.role == "viewer")
    html = _page(client, viewer)
    assert "You do not own any open responses" not in html
    issued = Paper.objects.filter(status="issued").latest("meeting__held_on")
    assert reverse("papers:detail", args=[issued.pk]) in _links(html)
    assert "The record today" in html and "Open responses" in html
    drafts = Paper.objects.filter(status="draft")
    assert all(reverse("papers:detail", args=[p.pk]) not in _links(html) for p in drafts)


def test_the_next_meeting_and_its_papers_state(demo, client):
    from oversight.papers.models import Committee
    from oversight.papers.services import meeting_create

    liaison = demo["liaison"]
    committee = Committee.objects.get(organisation=liaison.organisation)
    meeting = meeting_create(
        committee=committee, held_on=dt.date.today() + dt.timedelta(days=20), actor=liaison
    )
    html = _page(client, liaison)
    assert "The paper: Not started." in html
    assert reverse("papers:draft-create", args=[meeting.pk]) in _links(html)
    viewer = next(u for u in demo.values() if u.role == "viewer")
    assert "The paper has not been issued yet" in _page(client, viewer)
