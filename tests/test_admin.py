"""The Django admin is for the operators who run the instance (superusers) only.

Walks every URL of the admin, of every registered model (history views included), with each
role of the demo force, a liaison lead of a second force, a visitor and an operator, by GET and
by POST. An admin URL of a kind this file has no rule for fails the walk: a new one must say
who may open it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, reverse

from oversight.accounts.models import Organisation, Role, User
from tests.factories import OrganisationFactory, UserFactory

ROLES = [Role.LIAISON, Role.OWNER, Role.EXECUTIVE, Role.VIEWER]
OTHER = "liaison of another force"
ANON = "visitor"
OPERATOR = "operator"

# What each kind of model URL answers an operator (GET, POST); None: not asked.
EDITABLE = {  # organisations and people: the operator's own work
    "changelist": (200, None),
    "add": (200, 200),  # POST with nothing in it: the form again, with its errors
    "change": (200, 200),
    "delete": (403, 403),
    "history": (200, None),
    "simple_history": (200, 405),
    "redirect": (302, None),
    "password": (200, 200),
}
READ_ONLY = {  # everything else, workflow records included
    **EDITABLE,
    "add": (403, 403),
    "change": (200, 405),
}
SITE = {  # the admin's own pages, for an operator
    "index": (200, None),
    "app_list": (200, None),
    "jsi18n": (200, None),
    "password_change": (200, None),
    "password_change_done": (200, None),
    "autocomplete": (403, None),  # no field named: Django refuses
    "view_on_site": (404, None),  # no model here has a page of its own in the admin
    "logout": (None, 200),
    "login": (302, None),  # the service's sign-in, never the admin's own form
    "catch_all": (404, None),
}
EDITABLE_MODELS = {"accounts.Organisation", "accounts.User"}
# django-axes' sign-in attempts: an operator deletes one to let a locked-out person in again
# (asked by GET only here: a POST would delete it).
# Its own admin: a change form whose fields are all read-only (a POST saves nothing).
AXES = {**READ_ONLY, "delete": (200, None), "change": (200, 302)}
# django-tasks-db's own admin of background tasks: read-only, without history of its own.
TASKS = {**READ_ONLY, "change": (200, 403), "history": (200, None)}


def _kind(pattern: URLPattern) -> str | None:
    name = pattern.name or ""
    text = str(pattern.pattern)
    if name.endswith("_password_change"):
        return "password"
    for kind in ("changelist", "add", "change", "delete", "simple_history", "history"):
        if name.endswith("_" + kind):
            return kind
    if not name and text == "<path:object_id>/":
        return "redirect"
    return None


def admin_urls() -> list[tuple[str, str | None, URLPattern]]:
    """(kind, model label or None, pattern) for every URL of the admin site."""
    found = []
    for entry in admin.site.get_urls():
        if isinstance(entry, URLResolver):  # a model's URLs: walked below, with the model
            continue
        name = entry.name
        if name in SITE:
            found.append((name, None, entry))
        elif name is None and "(?P<url>" in str(entry.pattern):
            found.append(("catch_all", None, entry))
        else:
            found.append((f"unknown site URL {entry.pattern}", None, entry))
    for model, model_admin in admin.site._registry.items():
        for pattern in model_admin.get_urls():
            found.append(
                (_kind(pattern) or f"unknown {pattern.pattern}", model._meta.label, pattern)
            )
    return found


def test_every_admin_url_has_a_rule():
    unknown = [(kind, label) for kind, label, _ in admin_urls() if kind.startswith("unknown")]
    assert not unknown, f"admin URLs with no rule in tests/test_admin.py: {unknown}"
    assert len(admin_urls()) > 150


@pytest.fixture
def world(db, settings):
    from axes.models import AccessAttempt
    from django.core.files.base import ContentFile

    from oversight.demo.load import load_demo
    from oversight.papers.models import WordTemplate

    load_demo()
    home = Organisation.objects.get(slug="west-midlands-police")
    other = OrganisationFactory(name="Other Force Police")
    people = {role: User.objects.filter(organisation=home, role=role).first() for role in ROLES}
    people[OTHER] = UserFactory(organisation=other, role=Role.LIAISON)
    people[OPERATOR] = User.objects.create_superuser("operator", "op@example.org", "x" * 12)
    if not WordTemplate.objects.exists():
        template = WordTemplate(
            organisation=home, original_name="t.docx", sha256="0" * 64, uploaded_by=people[ROLES[0]]
        )
        template.file.save("t.docx", ContentFile(b"PK"), save=False)
        template.save()
    from oversight.inspections.models import MonitoringStageChange

    MonitoringStageChange.objects.create(
        organisation=home, stage="engage", started_on=dt.date(2021, 9, 30)
    )
    from oversight.recommendations.models import Response
    from oversight.recommendations.services import review_record
    from tests.factories import EvidenceFactory

    response = Response.objects.filter(organisation=home, status="in_progress").first()
    EvidenceFactory(response=response, uploaded_by=people[Role.OWNER])
    review_record(response=response, actor=people[Role.LIAISON], outcome="accepted")
    from oversight.recommendations.models import ClosureRequest, ExtensionRequest

    ExtensionRequest.objects.create(
        response=response,
        requested_by=people[Role.OWNER],
        proposed_due_on=dt.date(2030, 1, 1),
        reason="More time",
    )
    ClosureRequest.objects.create(
        response=response, requested_by=people[Role.OWNER], statement="Done"
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from oversight.ingest.services.background import import_batch

    import_batch.enqueue(0, 0)  # a background task, as the admin lists them (never run here)
    AccessAttempt.objects.create(
        username="someone", ip_address="127.0.0.1", user_agent="t", failures_since_start=1
    )
    return people


def _instance(label: str, people):
    """A record of the demo force for each registered model (organisations: the force)."""
    from django.apps import apps

    model = apps.get_model(label)
    if label == "accounts.Organisation":
        return people[Role.LIAISON].organisation
    if label == "accounts.User":
        return people[Role.VIEWER]
    if label == "axes.AccessLog":
        from axes.models import AccessLog

        return AccessLog.objects.first() or AccessLog.objects.create(
            username="someone", ip_address="127.0.0.1", user_agent="t"
        )
    if label == "axes.AccessFailureLog":
        from axes.models import AccessFailureLog

        return AccessFailureLog.objects.first() or AccessFailureLog.objects.create(
            username="someone", ip_address="127.0.0.1", user_agent="t", locked_out=False
        )
    found = model._default_manager.order_by("pk").first()
    assert found is not None, f"the walk needs a {label}"
    return found


def _url(kind: str, label: str | None, pattern: URLPattern, people) -> str:
    if label is None:
        if kind == "catch_all":
            return "/admin/no-such-page/"
        if kind == "app_list":
            return reverse("admin:app_list", kwargs={"app_label": "recommendations"})
        if kind == "view_on_site":
            return reverse("admin:view_on_site", args=[1, 1])
        return reverse(f"admin:{kind}")
    obj = _instance(label, people)
    if kind == "redirect":
        return f"/admin/{label.replace('.', '/').lower()}/{obj.pk}/"
    if kind in ("changelist", "add"):
        return reverse(f"admin:{pattern.name}")
    if kind == "simple_history":
        history_id = obj.history.order_by("-history_id").first().history_id
        return reverse(f"admin:{pattern.name}", args=[obj.pk, history_id])
    if kind == "password":
        return reverse(f"admin:{pattern.name}", args=[obj.pk])
    return reverse(f"admin:{pattern.name}", args=[obj.pk])


def _fingerprint():
    """Every history table's row count (any save writes one), and what people's accounts say
    (signing in writes a history row for the person: their last sign-in)."""
    from django.apps import apps

    counts = {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m.__name__.startswith("Historical") and m.__name__ != "HistoricalUser"
    }
    fields = ["username", "first_name", "organisation_id", "role", "is_active", "is_superuser"]
    return counts, list(User.objects.order_by("pk").values_list(*fields))


def test_nobody_but_an_operator_gets_anything_from_the_admin(client, world):
    people = world
    before = _fingerprint()
    checked = 0
    for kind, label, pattern in admin_urls():
        url = _url(kind, label, pattern, people)
        for who in [*ROLES, OTHER, ANON]:
            client.logout()
            if who != ANON:
                client.force_login(people[who])
            for method in ("get", "post"):
                answer = getattr(client, method)(url, {"first_name": "Changed", "is_active": ""})
                if who == ANON:  # to the service's sign-in (through the admin's, which sends on)
                    assert answer.status_code == 302, f"{method} {url} as a visitor"
                    location = answer["Location"]
                    if location.startswith(reverse("admin:login")):
                        location = client.get(location)["Location"]
                    assert location.startswith(reverse("accounts:sign-in")), url
                else:
                    assert answer.status_code == 403, (
                        f"{method.upper()} {url} as {who}: {answer.status_code}"
                    )
                checked += 1
    assert _fingerprint() == before, "something was saved through the admin"
    assert checked > 1500


def test_an_operator_reads_everything_and_changes_only_organisations_and_people(client, world):
    people = world
    client.force_login(people[OPERATOR])
    before = _fingerprint()
    for kind, label, pattern in admin_urls():
        if kind == "logout":
            continue
        if label is None:
            rules = SITE
        elif label.startswith("axes."):
            rules = AXES
        elif label.startswith("django_tasks"):
            rules = TASKS
        else:
            rules = EDITABLE if label in EDITABLE_MODELS else READ_ONLY
        get_status, post_status = rules[kind]
        url = _url(kind, label, pattern, people)
        if get_status is not None:
            answer = client.get(url)
            assert answer.status_code == get_status, f"GET {url}: {answer.status_code}"
        if post_status is not None:
            answer = client.post(url, {})
            assert answer.status_code == post_status, f"POST {url}: {answer.status_code}"
    assert _fingerprint() == before, "an empty or refused form saved something"


def test_history_in_the_admin_is_read_only_even_for_an_operator(client, world):
    """The attack: POST the history form of a record to rewrite it (it used to save)."""
    from oversight.recommendations.models import Update

    update = Update.objects.order_by("pk").first()
    history_id = update.history.order_by("-history_id").first().history_id
    url = reverse("admin:recommendations_update_simple_history", args=[update.pk, history_id])
    text = update.narrative
    for who in (Role.LIAISON, OTHER, OPERATOR):
        client.force_login(world[who])
        answer = client.post(url, {"narrative": "Rewritten", "response": update.response_id})
        assert answer.status_code in (403, 405), who
    update.refresh_from_db()
    assert update.narrative == text


def test_the_admin_sign_in_form_is_never_shown(client, world):
    """The admin's own sign-in would skip two-step verification and the lockout."""
    answer = client.get(reverse("admin:login"))
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("accounts:sign-in"))
    answer = client.post(reverse("admin:login"), {"username": "operator", "password": "x" * 12})
    assert answer.status_code == 302 and "_auth_user_id" not in client.session


def test_a_stale_admin_form_does_not_undo_a_later_save(client, world):
    people = world
    person = people[Role.VIEWER]
    client.force_login(people[OPERATOR])
    url = reverse("admin:accounts_user_change", args=[person.pk])
    page = client.get(url)
    stamp = page.context["adminform"].form.initial["loaded_change"]
    from oversight.accounts import services

    services.person_change(
        person=person,
        actor=people[Role.LIAISON],
        role=Role.OWNER,
        first_name="Renamed",
        last_name=person.last_name,
        job_title="",
        email=person.email,
        expected=None,
    )
    answer = client.post(
        url,
        {
            "username": person.username,
            "first_name": "Stale",
            "last_name": person.last_name,
            "email": person.email,
            "organisation": person.organisation_id,
            "role": Role.VIEWER,
            "is_active": "on",
            "date_joined_0": "2022-01-01",
            "date_joined_1": "00:00:00",
            "loaded_change": stamp,
        },
    )
    assert answer.status_code == 200
    assert "Someone else changed this record" in answer.content.decode()
    person.refresh_from_db()
    assert (person.first_name, person.role) == ("Renamed", Role.OWNER)


def test_an_operator_cannot_add_a_person_without_an_organisation(client, world):
    client.force_login(world[OPERATOR])
    count = User.objects.count()
    answer = client.post(
        reverse("admin:accounts_user_add"),
        {"username": "nobody", "password1": "a-long-password-1", "password2": "a-long-password-1"},
    )
    assert answer.status_code == 200
    assert "Choose the organisation the person belongs to" in answer.content.decode()
    assert User.objects.count() == count


def test_an_operator_adds_a_person_in_an_organisation_with_the_trail(client, world):
    client.force_login(world[OPERATOR])
    home = world[Role.LIAISON].organisation
    answer = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "first.liaison",
            "organisation": home.pk,
            "role": Role.LIAISON,
            "password1": "a-long-password-1",
            "password2": "a-long-password-1",
        },
    )
    assert answer.status_code == 302
    person = User.objects.get(username="first.liaison")
    assert person.organisation == home and person.role == Role.LIAISON and not person.is_staff
    row = person.history.latest("history_date")
    assert row.history_user == world[OPERATOR]
    assert "operator" in row.history_change_reason


def test_no_one_is_staff_but_operators(world):
    assert set(User.objects.filter(is_staff=True)) <= set(User.objects.filter(is_superuser=True))
