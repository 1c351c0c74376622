"""Walks every URL pattern with every role, and a person of another organisation.

A URL pattern with no rule here makes the test fail: a new page must say who may see it.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from oversight.accounts.models import Role
from tests.factories import InspectionFactory, OrganisationFactory, ResponseFactory, UserFactory

ROLES = [Role.LIAISON, Role.OWNER, Role.EXECUTIVE, Role.VIEWER]
ANON = "anonymous"
OTHER = "other organisation"
EVERYONE = {**{r: 200 for r in ROLES}, OTHER: 200, ANON: 302}
OWN_ORG_ONLY = {**{r: 200 for r in ROLES}, OTHER: 404, ANON: 302}

# url name -> (kwargs builder name, {who: expected status}, method)
RULES: dict[str, tuple[str | None, dict[str, int], str]] = {
    "dashboards:home": (None, EVERYONE, "get"),
    "accounts:sign-in": (None, {**{r: 302 for r in ROLES}, OTHER: 302, ANON: 200}, "get"),
    "accounts:sign-out": (None, {**{r: 302 for r in ROLES}, OTHER: 302, ANON: 302}, "post"),
    "recommendations:register": (None, EVERYONE, "get"),
    "recommendations:response-detail": ("response", OWN_ORG_ONLY, "get"),
    "inspections:list": (None, EVERYONE, "get"),
    "inspections:detail": ("inspection", OWN_ORG_ONLY, "get"),
    "inspections:report-list": (None, EVERYONE, "get"),
    "inspections:report-detail": ("report", OWN_ORG_ONLY, "get"),
}
ADMIN_REFUSED_TO_LIAISON = {
    "admin:autocomplete",  # no field named in the query
    "admin:accounts_organisation_add",  # the reference list of organisations is not theirs to edit
}
ADMIN_RULE = {Role.LIAISON: 200, Role.OWNER: 302, Role.EXECUTIVE: 302, Role.VIEWER: 302,
              OTHER: 302, ANON: 302}


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


@pytest.fixture
def world(db):
    home = OrganisationFactory(name="Home Force Police")
    other = OrganisationFactory(name="Other Force Police")
    people = {role: UserFactory(organisation=home, role=role, is_staff=role == Role.LIAISON)
              for role in ROLES}
    people[OTHER] = UserFactory(organisation=other, role=Role.LIAISON, is_staff=True)
    from oversight.accounts.admin_permissions import grant_liaison_admin

    grant_liaison_admin(people[Role.LIAISON])
    grant_liaison_admin(people[OTHER])
    response = ResponseFactory(organisation=home, owner=people[Role.OWNER])
    response.recommendation.report.organisation = home
    response.recommendation.report.save()
    inspection = InspectionFactory(organisation=home)
    return {
        "people": people,
        "kwargs": {
            "response": {"pk": response.pk},
            "inspection": {"pk": inspection.pk},
            "report": {"pk": response.recommendation.report.pk},
        },
    }


def test_every_url_has_a_rule():
    missing = [
        name for name, _ in all_url_names()
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


def test_admin_is_for_the_liaison_only(client, world):
    admin_names = [(n, p) for n, p in all_url_names() if (n or "").startswith("admin:")]
    checked = 0
    for name, pattern in admin_names:
        if pattern.pattern.regex.groups:  # needs arguments: covered by the scoping test below
            continue
        if name in {"admin:login", "admin:logout"}:  # the admin's own sign-in and sign-out
            continue
        url = reverse(name)
        for who, status in ADMIN_RULE.items():
            client.logout()
            if who != ANON:
                client.force_login(world["people"][who])
            answer = client.get(url)
            if who == OTHER:
                status = 200  # a liaison of another organisation may use the admin …
            if name in ADMIN_REFUSED_TO_LIAISON and status == 200:
                status = 403
            assert answer.status_code == status, f"{name} as {who}: {answer.status_code}"
        checked += 1
    assert checked > 10


def test_admin_shows_a_liaison_only_their_organisation(client, world):
    client.force_login(world["people"][OTHER])  # … but sees none of this organisation's records
    pk = world["kwargs"]["response"]["pk"]
    answer = client.get(reverse("admin:recommendations_response_change", args=[pk]))
    assert answer.status_code == 302  # the admin's "does not exist" redirect
    listing = client.get(reverse("admin:recommendations_response_changelist"))
    assert listing.status_code == 200
    assert f"/{pk}/change/" not in listing.content.decode()
