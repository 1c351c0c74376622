"""Walks every URL pattern with every role, and a person of another organisation.

A URL pattern with no rule here makes the test fail: a new page must say who may see it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from oversight.accounts.models import Role
from oversight.recommendations.models import ClosureRequest, ExtensionRequest, RecommendationKind
from tests.factories import (
    EvidenceFactory,
    InspectionFactory,
    OrganisationFactory,
    RecommendationFactory,
    ResponseFactory,
    UserFactory,
)

ROLES = [Role.LIAISON, Role.OWNER, Role.EXECUTIVE, Role.VIEWER]
ANON = "anonymous"
OTHER = "other organisation"
EVERYONE = {**{r: 200 for r in ROLES}, OTHER: 200, ANON: 302}
OWN_ORG_ONLY = {**{r: 200 for r in ROLES}, OTHER: 404, ANON: 302}
# the owner here owns the response; OTHER is a liaison of another organisation
CONTRIBUTE = {
    Role.LIAISON: 200,
    Role.OWNER: 200,
    Role.EXECUTIVE: 403,
    Role.VIEWER: 403,
    OTHER: 404,
    ANON: 302,
}
LIAISON_OBJECT = {
    Role.LIAISON: 200,
    Role.OWNER: 403,
    Role.EXECUTIVE: 403,
    Role.VIEWER: 403,
    OTHER: 404,
    ANON: 302,
}
LIAISON_PAGE = {
    Role.LIAISON: 200,
    Role.OWNER: 403,
    Role.EXECUTIVE: 403,
    Role.VIEWER: 403,
    OTHER: 200,
    ANON: 302,
}

# url name -> (kwargs builder name, {who: expected status}, method)
RULES: dict[str, tuple[str | None, dict[str, int], str]] = {
    "dashboards:home": (None, EVERYONE, "get"),
    "accounts:sign-in": (None, {**{r: 302 for r in ROLES}, OTHER: 302, ANON: 200}, "get"),
    "ops:health": (None, {**{r: 200 for r in ROLES}, OTHER: 200, ANON: 200}, "get"),
    "accounts:sign-out": (None, {**{r: 302 for r in ROLES}, OTHER: 302, ANON: 302}, "post"),
    "recommendations:register": (None, EVERYONE, "get"),
    "recommendations:response-detail": ("response", OWN_ORG_ONLY, "get"),
    "recommendations:mine": (None, EVERYONE, "get"),
    "recommendations:response-history": ("response", OWN_ORG_ONLY, "get"),
    "recommendations:recommendation-history": ("recommendation", OWN_ORG_ONLY, "get"),
    "recommendations:update-add": ("response", CONTRIBUTE, "get"),
    "recommendations:evidence-add": ("response", CONTRIBUTE, "get"),
    # viewers read the record, not the files, unless their organisation lets them
    "recommendations:evidence-download": ("evidence", {**OWN_ORG_ONLY, Role.VIEWER: 403}, "get"),
    "recommendations:response-reopen": ("response", LIAISON_OBJECT, "get"),
    "recommendations:evidence-withdraw": ("evidence", CONTRIBUTE, "get"),
    "recommendations:recommendation-add": (None, LIAISON_PAGE, "get"),
    "recommendations:recommendation-edit": ("recommendation", LIAISON_OBJECT, "get"),
    "recommendations:response-edit": ("response", LIAISON_OBJECT, "get"),
    "recommendations:rag-confirm": ("response", LIAISON_OBJECT, "get"),
    "recommendations:review-add": ("response", LIAISON_OBJECT, "get"),
    "recommendations:due-date-set": ("undated", LIAISON_OBJECT, "get"),
    "recommendations:reviews-due": (None, LIAISON_PAGE, "get"),
    "recommendations:reassign": (None, LIAISON_PAGE, "get"),
    "recommendations:concern-discharge": ("concern", LIAISON_OBJECT, "get"),
    # a national recommendation is every organisation's to take on: the other one's liaison too
    "recommendations:take-on": ("national", {**LIAISON_OBJECT, OTHER: 200}, "get"),
    "recommendations:not-applicable": ("national", {**LIAISON_OBJECT, OTHER: 200}, "get"),
    "recommendations:concern-revisit": ("concern", LIAISON_OBJECT, "get"),
    "recommendations:extension-request": ("response", CONTRIBUTE, "get"),
    "recommendations:extension-list": (None, EVERYONE, "get"),
    "recommendations:extension-decide": ("extension", OWN_ORG_ONLY, "get"),
    "recommendations:closure-request": ("response", CONTRIBUTE, "get"),
    "recommendations:closure-list": (None, EVERYONE, "get"),
    "recommendations:closure-detail": ("closure", OWN_ORG_ONLY, "get"),
    "inspections:list": (None, EVERYONE, "get"),
    "inspections:detail": ("inspection", OWN_ORG_ONLY, "get"),
    "inspections:report-list": (None, EVERYONE, "get"),
    "recommendations:report-detail": ("report", OWN_ORG_ONLY, "get"),
    # the report's old address sends everyone on; the page itself then decides (above)
    "inspections:report-detail": (
        "report",
        {**{r: 302 for r in ROLES}, OTHER: 302, ANON: 302},
        "get",
    ),
    # the Import pages' old address (/ingest/…) sends everyone on to /import/…
    "ingest-old": ("old_address", {**{r: 302 for r in ROLES}, OTHER: 302, ANON: 302}, "get"),
}


def _app_rules() -> None:
    """Apps may keep their rules beside their tests: tests/<app>/url_rules.py defines
    `rules(OWN_ORG_ONLY=…, EVERYONE=…, CONTRIBUTE=…, LIAISON_OBJECT=…, LIAISON_PAGE=…)`
    returning {url name: (object kind, {who: status}, method)}."""
    import importlib

    for app in ("inspections", "papers", "dashboards", "accounts", "ingest", "api", "reminders"):
        try:
            module = importlib.import_module(f"tests.{app}.url_rules")
        except ModuleNotFoundError:
            continue
        RULES.update(
            module.rules(
                EVERYONE=EVERYONE,
                OWN_ORG_ONLY=OWN_ORG_ONLY,
                CONTRIBUTE=CONTRIBUTE,
                LIAISON_OBJECT=LIAISON_OBJECT,
                LIAISON_PAGE=LIAISON_PAGE,
                ROLES=ROLES,
                OTHER=OTHER,
                ANON=ANON,
            )
        )


_app_rules()


def all_url_names() -> list[tuple[str, URLPattern]]:
    found: list[tuple[str, URLPattern]] = []

    def walk(patterns, namespace: str | None):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern):
                name = f"{namespace}:{p.name}" if namespace else p.name
                found.append((name, p))

    walk(get_resolver().url_patterns, None)
    return found


OBJECT_BUILDERS = {}  # kind -> function(home organisation, people) -> kwargs; apps add theirs


def _app_builders() -> None:
    import importlib

    for app in ("inspections", "papers", "dashboards", "accounts", "ingest", "api", "reminders"):
        try:
            module = importlib.import_module(f"tests.{app}.url_rules")
        except ModuleNotFoundError:
            continue
        OBJECT_BUILDERS.update(getattr(module, "BUILDERS", {}))


_app_builders()


@pytest.fixture
def world(db):
    home = OrganisationFactory(name="Home Force Police")
    other = OrganisationFactory(name="Other Force Police")
    people = {role: UserFactory(organisation=home, role=role) for role in ROLES}
    people[OTHER] = UserFactory(organisation=other, role=Role.LIAISON)
    response = ResponseFactory(organisation=home, owner=people[Role.OWNER])
    response.recommendation.report.organisation = home
    response.recommendation.report.save()
    inspection = InspectionFactory(organisation=home)
    report = response.recommendation.report
    undated = ResponseFactory(
        organisation=home,
        owner=people[Role.OWNER],
        recommendation__report=report,
        recommendation__due_on=None,
        recommendation__deadline_text="",
    )
    concern = RecommendationFactory(report=report, kind=RecommendationKind.CAUSE_OF_CONCERN)
    ResponseFactory(organisation=home, recommendation=concern, owner=people[Role.OWNER])
    evidence = EvidenceFactory(response=response, uploaded_by=people[Role.OWNER])
    extension = ExtensionRequest.objects.create(
        response=response,
        requested_by=people[Role.OWNER],
        proposed_due_on=dt.date(2030, 1, 1),
        reason="More time",
    )
    closure = ClosureRequest.objects.create(
        response=undated, requested_by=people[Role.OWNER], statement="Done"
    )
    return {
        "people": people,
        "kwargs": {
            "recommendation": {"pk": response.recommendation.pk},
            "undated": {"pk": undated.pk},
            "concern": {"pk": concern.pk},
            "national": {"pk": RecommendationFactory(report__organisation=None).pk},
            "evidence": {"pk": evidence.pk},
            "extension": {"pk": extension.pk},
            "closure": {"pk": closure.pk},
            "response": {"pk": response.pk},
            **{kind: build(home, people) for kind, build in OBJECT_BUILDERS.items()},
            "inspection": {"pk": inspection.pk},
            "report": {"pk": response.recommendation.report.pk},
            "old_address": {"rest": "1/result/"},
        },
    }


def test_every_url_has_a_rule():
    """Every URL but the admin's (walked, URL by URL, in tests/test_admin.py)."""
    missing = [
        name
        for name, _ in all_url_names()
        if name not in RULES and not (name or "").startswith("admin:")
    ]
    assert not missing, f"URL patterns with no permission rule: {missing}"


@pytest.mark.parametrize("name", sorted(RULES))
def test_each_role_gets_the_expected_answer(client, world, name):
    builder, expected, method = RULES[name]
    url = reverse(name, kwargs=world["kwargs"][builder] if builder else None)
    for who, status in expected.items():
        client.logout()
        if who != ANON:
            client.force_login(world["people"][who])
        answer = getattr(client, method)(url)
        assert answer.status_code == status, f"{name} as {who}: {answer.status_code} != {status}"


MUTATING = [
    name
    for name, (_, rule, _) in RULES.items()
    if rule in (CONTRIBUTE, LIAISON_OBJECT, LIAISON_PAGE)
] + ["recommendations:extension-decide", "recommendations:closure-detail"]


@pytest.mark.parametrize("name", sorted(MUTATING))
def test_a_viewer_can_change_nothing(client, world, name):
    builder = RULES[name][0]
    url = reverse(name, kwargs=world["kwargs"][builder] if builder else None)
    client.force_login(world["people"][Role.VIEWER])
    before = _counts()
    answer = client.post(
        url,
        {
            "note": "x",
            "action": "check",
            "decision": "approve",
            "narrative": "x",
            "proposed_rag": "green",
            "reason": "x",
        },
    )
    assert answer.status_code == 403, f"{name}: {answer.status_code}"
    assert _counts() == before


def _counts():
    from oversight.recommendations.models import Evidence, Response, Review, Update

    return [
        m.history.count()
        for m in (Response, Update, Evidence, Review, ExtensionRequest, ClosureRequest)
    ]


def _posts_to_itself(html: str, url: str) -> bool:
    """Whether the page holds a form that posts back to its own address."""
    import re

    for form in re.finditer(r"<form\b[^>]*>", html):
        tag = form.group(0)
        if not re.search(r'method="post"', tag, re.I):
            continue
        action = re.search(r'action="([^"]*)"', tag)
        if action is None or action.group(1) in ("", url):
            return True
    return False


# Form pages whose form the liaison does not see here, and what their POST answers instead.
POST_ELSEWHERE = {
    "accounts:two-factor": 302,  # the form to turn it off shows only while it is on
    "recommendations:extension-decide": 403,  # the decision is an executive's
    "recommendations:closure-detail": 403,  # likewise
    "recommendations:response-reopen": 400,  # not closed here: the page says so, nothing changes
}


@pytest.mark.parametrize("name", sorted(n for n, rule in RULES.items() if rule[2] == "get"))
def test_a_page_that_only_shows_refuses_post_with_405(client, world, name):
    """A read-only page answers POST with 405 (Method Not Allowed), never with the page."""
    builder = RULES[name][0]
    url = reverse(name, kwargs=world["kwargs"][builder] if builder else None)
    client.force_login(world["people"][Role.LIAISON])
    page = client.get(url)
    if (
        page.status_code != 200
        or page.get("Content-Type", "").startswith("text/html")
        and (_posts_to_itself(page.content.decode(), url))
    ):
        return  # a form page: its POST is the form's (tested with the form)
    answer = client.post(url, {})
    assert answer.status_code == POST_ELSEWHERE.get(name, 405), f"POST {url}: {answer.status_code}"


@pytest.mark.parametrize("name", sorted(RULES))
def test_no_page_or_download_of_the_record_is_kept_by_a_browser(client, world, name):
    builder, _, method = RULES[name]
    url = reverse(name, kwargs=world["kwargs"][builder] if builder else None)
    for who in (Role.LIAISON, ANON):
        client.logout()
        if who != ANON:
            client.force_login(world["people"][who])
        answer = getattr(client, method)(url)
        assert "no-store" in answer.get("Cache-Control", ""), (
            f"{name} as {who}: {answer.status_code}"
        )


def test_static_files_are_still_cached(client, world):
    answer = client.get("/static/css/app.css")
    assert answer.status_code == 200
    assert "no-store" not in answer.get("Cache-Control", "")
