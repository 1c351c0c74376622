"""A liaison lead manages their organisation on pages of the service (no admin): invites
people, changes their role, deactivates them; keeps portfolios, boards and committees."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from oversight.accounts import services
from oversight.accounts.models import Board, Portfolio, Role, User
from oversight.papers.models import Committee
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def org(db):
    home = OrganisationFactory(name="Home Force Police")
    return {
        "home": home,
        "liaison": UserFactory(organisation=home, role=Role.LIAISON, username="lee"),
        "owner": UserFactory(organisation=home, role=Role.OWNER, username="olu"),
        "other": UserFactory(
            organisation=OrganisationFactory(name="Other Force Police"), role=Role.LIAISON
        ),
    }


def _invite(client, **fields):
    data = {
        "username": "sam.smith",
        "first_name": "Sam",
        "last_name": "Smith",
        "email": "sam.smith@home.police.uk",
        "job_title": "PPU lead",
        "role": Role.OWNER,
        **fields,
    }
    return client.post(reverse("organisation:person-invite"), data)


def _stamp(page) -> int:
    return int(re.search(r'name="expected" value="(\d+)"', page.content.decode()).group(1))


def test_an_invited_person_chooses_a_password_from_the_e_mail_and_signs_in(
    client, org, django_capture_on_commit_callbacks
):
    client.force_login(org["liaison"])
    with django_capture_on_commit_callbacks(execute=True):
        answer = _invite(client)
    assert answer.status_code == 302
    person = User.objects.get(username="sam.smith")
    assert (person.organisation, person.role, person.has_usable_password()) == (
        org["home"],
        Role.OWNER,
        False,
    )
    assert person.history.latest("history_date").history_user == org["liaison"]
    assert "Invited as recommendation owner" in person.history.latest().history_change_reason
    (message,) = mail.outbox
    assert message.to == ["sam.smith@home.police.uk"]
    link = re.search(r"http://testserver(/account/set-password/\S+)", message.body).group(1)
    assert "sam.smith" in message.body and "OFFICIAL-SENSITIVE" in message.body

    client.logout()
    form = client.get(link, follow=True)
    assert "Choose your password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a long pass phrase", "new_password2": "a long pass phrase"},
    )
    assert done.status_code == 302
    signed_in = client.post(
        reverse("accounts:sign-in"), {"username": "sam.smith", "password": "a long pass phrase"}
    )
    assert signed_in.status_code == 302 and client.session.get("_auth_user_id") == str(person.pk)
    client.logout()
    assert "This link has expired" in client.get(link, follow=True).content.decode()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"username": ""}, "Enter a username"),
        ({"username": "lee"}, "There is already a person with the username lee"),
        ({"username": "LEE"}, "There is already a person with the username LEE"),
        ({"username": "sam smith"}, "A username can have only letters"),
        ({"email": ""}, "Enter their e-mail address"),
        ({"email": "not-an-address"}, "Enter an e-mail address like"),
        ({"role": "admin"}, "Choose a role from the list"),
        ({"first_name": "", "last_name": ""}, "Enter their first name or last name"),
    ],
)
def test_a_bad_invitation_says_what_is_wrong_and_adds_no_one(client, org, fields, message):
    client.force_login(org["liaison"])
    count = User.objects.count()
    answer = _invite(client, **fields)
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert User.objects.count() == count and not mail.outbox


def test_a_role_change_is_in_the_trail_and_a_stale_form_is_refused(client, org):
    client.force_login(org["liaison"])
    owner = org["owner"]
    url = reverse("organisation:person-edit", args=[owner.pk])
    stamp = _stamp(client.get(url))
    data = {
        "first_name": owner.first_name,
        "last_name": owner.last_name,
        "email": owner.email,
        "job_title": "",
        "role": Role.EXECUTIVE,
        "expected": stamp,
    }
    assert client.post(url, data).status_code == 302
    owner.refresh_from_db()
    assert owner.role == Role.EXECUTIVE
    row = owner.history.latest()
    assert row.history_change_reason == "Changed: role Recommendation owner → Executive"
    assert row.history_user == org["liaison"]

    stale = client.post(url, {**data, "role": Role.VIEWER})  # the same, older stamp
    assert stale.status_code == 409
    assert "changed this record while you were editing it" in stale.content.decode()
    owner.refresh_from_db()
    assert owner.role == Role.EXECUTIVE


def test_deactivating_needs_a_reason_keeps_the_person_and_ends_their_access(client, org):
    owner = org["owner"]
    client.force_login(owner)
    client.force_login(org["liaison"])
    url = reverse("organisation:person-deactivate", args=[owner.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Left the force"}).status_code == 302
    owner.refresh_from_db()
    assert not owner.is_active and User.objects.filter(pk=owner.pk).exists()
    assert owner.history.latest().history_change_reason == "Deactivated: Left the force"
    other_client = client.__class__()
    other_client.force_login(owner)
    assert other_client.get(reverse("dashboards:home")).status_code == 302  # signed out
    page = client.get(reverse("organisation:people")).content.decode()
    assert "Deactivated" in page
    assert (
        client.post(reverse("organisation:person-reactivate", args=[owner.pk])).status_code == 302
    )
    owner.refresh_from_db()
    assert owner.is_active


def test_a_liaison_cannot_deactivate_themselves_or_change_their_own_role(org):
    liaison = org["liaison"]
    with pytest.raises(ValueError, match="cannot deactivate yourself"):
        services.person_deactivate(person=liaison, actor=liaison, reason="x")
    with pytest.raises(ValueError, match="cannot change your own role"):
        services.person_change(
            person=liaison,
            actor=liaison,
            role=Role.VIEWER,
            first_name="",
            last_name="",
            job_title="",
            email="",
            expected=None,
        )
    liaison.refresh_from_db()
    assert liaison.is_active and liaison.role == Role.LIAISON


def test_another_organisations_liaison_and_other_roles_are_refused_by_the_services(org):
    for actor in (org["other"], org["owner"]):
        with pytest.raises(PermissionDenied):
            services.person_deactivate(person=org["owner"], actor=actor, reason="x")
        with pytest.raises(PermissionDenied):
            services.portfolio_create(organisation=org["home"], actor=actor, name="Crime")
    operator = User.objects.create_superuser("op", "op@example.org", "x" * 12)
    operator.organisation, operator.role = org["home"], Role.VIEWER
    operator.save()
    with pytest.raises(PermissionDenied, match="someone who runs Oversight"):
        services.person_deactivate(person=operator, actor=org["liaison"], reason="x")


def test_portfolios_boards_and_committees_are_added_and_renamed_once_per_name(client, org):
    client.force_login(org["liaison"])
    add = reverse("organisation:portfolio-add")
    assert client.post(add, {"name": "Public Protection", "person": "ACC Bell"}).status_code == 302
    again = client.post(add, {"name": "public  protection"})
    assert again.status_code == 400
    assert "There is already a portfolio called public protection" in again.content.decode()
    portfolio = Portfolio.objects.get(organisation=org["home"])
    assert portfolio.lead == "ACC Bell"
    assert portfolio.history.latest().history_user == org["liaison"]

    assert client.post(reverse("organisation:board-add"), {"name": "FEB"}).status_code == 302
    board = Board.objects.get(organisation=org["home"])
    url = reverse("organisation:board-edit", args=[board.pk])
    stamp = _stamp(client.get(url))
    data = {"name": "Force Executive Board", "person": "CC", "expected": stamp}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "name": "Stale"}).status_code == 409
    board.refresh_from_db()
    assert (board.name, board.chair) == ("Force Executive Board", "CC")

    committees = reverse("papers:committee-add")
    assert (
        client.post(committees, {"name": "Joint Audit Committee", "short_name": "JAC"}).status_code
        == 302
    )
    committee = Committee.objects.get(organisation=org["home"])
    edit = reverse("papers:committee-edit", args=[committee.pk])
    stamp = _stamp(client.get(edit))
    renamed = client.post(edit, {"name": "Audit Committee", "short_name": "AC", "expected": stamp})
    assert renamed.status_code == 302
    committee.refresh_from_db()
    assert committee.name == "Audit Committee"
    assert "Audit Committee" in client.get(reverse("papers:committees")).content.decode()


def test_an_issued_paper_keeps_the_committee_name_it_was_issued_with(db):
    from oversight.demo.load import load_demo
    from oversight.papers.documents.build import paper_document
    from oversight.papers.models import Paper

    load_demo()
    paper = Paper.objects.filter(status="issued").first()
    committee = paper.meeting.committee
    before = paper_document(paper).committee
    liaison = User.objects.get(username="liaison")
    from oversight.papers.services import committee_change

    committee_change(
        committee=committee, actor=liaison, name="Renamed Committee", short_name="RC", expected=None
    )
    paper.refresh_from_db()
    assert paper_document(paper).committee == before != "Renamed Committee"
