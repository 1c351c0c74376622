"""Single sign-on with OpenID Connect, against a small provider the tests start themselves."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.urls import reverse

from oversight.accounts.checks import check_single_sign_on
from oversight.accounts.models import Role, SingleSignOnIdentity, User
from oversight.accounts.oidc import BACKEND_PATH, NOT_SET_UP, placement_for
from tests.accounts.oidc_provider import OIDCProvider
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

GROUP_MAP = {
    "11111111-liaison": {"organisation": "home-force-police", "role": "liaison"},
    "22222222-owners": {"organisation": "home-force-police", "role": "owner"},
    "Oversight Executives": {"organisation": "home-force-police", "role": "executive"},
    "Oversight Readers": {"organisation": "home-force-police", "role": "viewer"},
    "other-force-readers": {"organisation": "other-force-police", "role": "viewer"},
}


@pytest.fixture(scope="session")
def provider():
    running = OIDCProvider().start()
    yield running
    running.stop()


@pytest.fixture
def sso(provider, settings):
    provider.reset()
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = provider.client_secret
    settings.OIDC_OP_DISCOVERY = provider.discovery_url
    settings.OVERSIGHT_OIDC_GROUP_MAP = GROUP_MAP
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND_PATH]
    OrganisationFactory(name="Home Force Police")
    OrganisationFactory(name="Other Force Police")
    return provider


def sso_sign_in(client, provider, next_url: str | None = None):
    """The whole code flow: our start page → the provider → our callback."""
    start_url = reverse("accounts:oidc-start")
    start = client.get(start_url, {"next": next_url} if next_url else {})
    assert start.status_code == 302
    to_provider = start["Location"]
    assert to_provider.startswith(f"{provider.url}/authorize?")
    back = requests.get(to_provider, allow_redirects=False, timeout=10)
    assert back.status_code == 302, back.text
    callback = urlsplit(back.headers["Location"])
    assert callback.path == reverse("accounts:oidc-callback")
    return client.get(f"{callback.path}?{callback.query}")


def signed_in(client) -> bool:
    return client.get(reverse("dashboards:home")).status_code == 200


def test_when_off_there_is_no_button_and_the_urls_are_not_found(client, settings):
    assert not settings.OIDC_ENABLED
    page = client.get(reverse("accounts:sign-in")).content.decode()
    assert "Sign in with your organisation account" not in page
    assert client.get(reverse("accounts:oidc-start")).status_code == 404
    assert client.get(reverse("accounts:oidc-callback"), {"code": "x"}).status_code == 404


def test_when_on_the_sign_in_page_offers_it_above_the_form(client, sso):
    page = client.get(reverse("accounts:sign-in")).content.decode()
    button = page.index("Sign in with your organisation account")
    assert button < page.index('name="username"')
    assert f'href="{reverse("accounts:oidc-start")}"' in page
    assert "govuk-button--secondary" in page


def test_mapped_group_creates_the_person_with_role_and_organisation(client, sso):
    sso.identity["groups"] = ["unrelated-group", "22222222-owners"]
    answer = sso_sign_in(client, sso)
    assert answer.status_code == 302 and answer["Location"] == reverse("dashboards:home")
    assert signed_in(client)
    person = User.objects.get(username="alex.jones@force.example")
    assert person.role == Role.OWNER
    assert person.organisation.slug == "home-force-police"
    assert (person.first_name, person.last_name) == ("Alex", "Jones")
    assert person.email == "alex.jones@force.example"
    assert not person.has_usable_password()
    identity = SingleSignOnIdentity.objects.get(user=person)
    assert (identity.issuer, identity.subject) == (sso.url, sso.identity["sub"])
    assert person.history.first().history_change_reason == "Person added"


def test_the_flow_uses_pkce_nonce_and_the_discovery_document(client, sso):
    sso.identity["groups"] = ["Oversight Readers"]
    start = client.get(reverse("accounts:oidc-start"))
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
    assert query["nonce"] and query["state"]
    assert query["scope"] == ["openid email profile"]
    back = requests.get(start["Location"], allow_redirects=False, timeout=10)
    callback = urlsplit(back.headers["Location"])
    assert client.get(f"{callback.path}?{callback.query}").status_code == 302
    assert {"POST /token", "GET /jwks", "GET /userinfo"} <= set(sso.requests)


def test_the_most_privileged_mapped_role_wins(client, sso):
    sso.identity["groups"] = ["Oversight Readers", "11111111-liaison", "22222222-owners"]
    sso_sign_in(client, sso)
    person = User.objects.get(username="alex.jones@force.example")
    assert person.role == Role.LIAISON
    assert client.get(reverse("organisation:people")).status_code == 200
    assert not person.is_staff and client.get("/admin/").status_code == 403  # operators only


def test_app_roles_claim_is_read_too(client, sso):
    sso.identity["groups"] = []
    sso.identity["roles"] = ["Oversight Executives"]
    sso_sign_in(client, sso)
    assert User.objects.get(username="alex.jones@force.example").role == Role.EXECUTIVE


def test_unmapped_groups_are_refused_and_no_person_is_created(client, sso):
    sso.identity["groups"] = ["some-other-group"]
    answer = sso_sign_in(client, sso)
    assert answer.status_code == 403
    page = answer.content.decode()
    assert "Your account is not set up for Oversight. Ask your HMICFRS liaison lead." in page
    assert not User.objects.filter(username="alex.jones@force.example").exists()
    assert not signed_in(client)


def test_a_group_map_naming_an_unknown_organisation_refuses(client, sso, settings):
    settings.OVERSIGHT_OIDC_GROUP_MAP = {"g": {"organisation": "nowhere", "role": "owner"}}
    sso.identity["groups"] = ["g"]
    answer = sso_sign_in(client, sso)
    assert answer.status_code == 403 and NOT_SET_UP in answer.content.decode()
    assert not User.objects.filter(username="alex.jones@force.example").exists()


def test_role_and_organisation_follow_the_groups_at_each_sign_in_and_are_audited(client, sso):
    sso.identity["groups"] = ["22222222-owners"]
    sso_sign_in(client, sso)
    client.post(reverse("accounts:sign-out"))

    sso.identity["groups"] = ["Oversight Executives"]
    assert sso_sign_in(client, sso).status_code == 302
    person = User.objects.get(username="alex.jones@force.example")
    assert person.role == Role.EXECUTIVE
    reasons = [h.history_change_reason for h in person.history.all()]
    assert any(
        r and "role Recommendation owner → Executive" in r and "Oversight Executives" in r
        for r in reasons
    ), reasons

    client.post(reverse("accounts:sign-out"))
    sso.identity["groups"] = ["other-force-readers"]
    sso_sign_in(client, sso)
    person.refresh_from_db()
    assert (person.role, person.organisation.slug) == (Role.VIEWER, "other-force-police")
    latest = person.history.exclude(history_change_reason=None).first()
    assert "organisation Home Force Police → Other Force Police" in latest.history_change_reason
    assert User.objects.filter(username="alex.jones@force.example").count() == 1


def test_losing_the_liaison_group_takes_away_managing_the_organisation(client, sso):
    sso.identity["groups"] = ["11111111-liaison"]
    sso_sign_in(client, sso)
    client.post(reverse("accounts:sign-out"))
    sso.identity["groups"] = ["Oversight Readers"]
    sso_sign_in(client, sso)
    person = User.objects.get(username="alex.jones@force.example")
    assert person.role == Role.VIEWER
    assert client.get(reverse("organisation:people")).status_code == 403


def test_a_person_who_loses_every_mapped_group_is_refused_and_left_unchanged(client, sso):
    sso.identity["groups"] = ["22222222-owners"]
    sso_sign_in(client, sso)
    client.post(reverse("accounts:sign-out"))
    sso.identity["groups"] = []
    assert sso_sign_in(client, sso).status_code == 403
    assert User.objects.get(username="alex.jones@force.example").role == Role.OWNER
    assert not signed_in(client)


@pytest.mark.parametrize(
    "breakage",
    ["tamper_signature", "sign_with_other_key", "audience", "issuer", "nonce_override"],
)
def test_a_bad_id_token_is_refused(client, sso, breakage):
    sso.identity["groups"] = ["11111111-liaison"]
    if breakage in ("tamper_signature", "sign_with_other_key"):
        setattr(sso, breakage, True)
    elif breakage == "audience":
        sso.audience = "some-other-application"
    elif breakage == "issuer":
        sso.issuer = "https://evil.example"
    else:
        sso.nonce_override = "not-the-nonce-we-sent"
    answer = sso_sign_in(client, sso)
    assert answer.status_code == 400
    assert "There was a problem signing you in" in answer.content.decode()
    assert not User.objects.filter(username="alex.jones@force.example").exists()
    assert not signed_in(client)


def test_a_callback_cannot_be_replayed(client, sso):
    sso.identity["groups"] = ["Oversight Readers"]
    start = client.get(reverse("accounts:oidc-start"))
    back = requests.get(start["Location"], allow_redirects=False, timeout=10)
    callback = urlsplit(back.headers["Location"])
    assert client.get(f"{callback.path}?{callback.query}").status_code == 302
    client.post(reverse("accounts:sign-out"))
    assert client.get(f"{callback.path}?{callback.query}").status_code == 400
    assert not signed_in(client)


def test_a_callback_without_our_state_is_refused(client, sso):
    answer = client.get(reverse("accounts:oidc-callback"), {"code": "abc", "state": "forged"})
    assert answer.status_code == 400
    assert not signed_in(client)


def test_the_provider_saying_no_is_shown_clearly(client, sso):
    start = client.get(reverse("accounts:oidc-start"))
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    answer = client.get(
        reverse("accounts:oidc-callback"), {"error": "access_denied", "state": state}
    )
    assert answer.status_code == 403
    assert "did not sign you in" in answer.content.decode()


def test_a_local_account_of_the_same_name_is_not_taken_over(client, sso):
    local = UserFactory(username="alex.jones@force.example", role=Role.VIEWER)
    sso.identity["groups"] = ["11111111-liaison"]
    answer = sso_sign_in(client, sso)
    assert answer.status_code == 403
    assert "signs in with a password" in answer.content.decode()
    local.refresh_from_db()
    assert local.role == Role.VIEWER and not hasattr(local, "sso_identity")


def test_a_person_added_without_a_password_is_linked(client, sso):
    from oversight.accounts.services import person_create

    home = OrganisationFactory(name="Home Force Police")
    added = person_create(
        organisation=home, username="alex.jones@force.example", password=None, role="viewer"
    )
    sso.identity["groups"] = ["22222222-owners"]
    assert sso_sign_in(client, sso).status_code == 302
    added.refresh_from_db()
    assert added.role == Role.OWNER and added.sso_identity.subject == sso.identity["sub"]


def test_an_inactive_person_is_refused(client, sso):
    sso.identity["groups"] = ["22222222-owners"]
    sso_sign_in(client, sso)
    client.post(reverse("accounts:sign-out"))
    User.objects.filter(username="alex.jones@force.example").update(is_active=False)
    answer = sso_sign_in(client, sso)
    assert answer.status_code == 403 and "not active" in answer.content.decode()
    assert not signed_in(client)


def test_next_page_is_kept_through_the_flow(client, sso):
    sso.identity["groups"] = ["Oversight Readers"]
    target = reverse("recommendations:register")
    assert sso_sign_in(client, sso, next_url=target)["Location"] == target
    assert sso_sign_in(client, sso, next_url="https://evil.example/")["Location"] == reverse(
        "dashboards:home"
    )


def test_endpoints_may_be_given_one_by_one_instead_of_discovery(client, sso, settings):
    settings.OIDC_OP_DISCOVERY = ""
    settings.OIDC_OP_ISSUER = sso.url
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{sso.url}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{sso.url}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{sso.url}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{sso.url}/jwks"
    sso.identity["groups"] = ["Oversight Readers"]
    assert sso_sign_in(client, sso).status_code == 302
    assert "GET /.well-known/openid-configuration" not in sso.requests
    assert signed_in(client)


def test_password_sign_in_still_works_when_sso_is_on(client, sso):
    UserFactory(username="local", role=Role.OWNER)
    answer = client.post(reverse("accounts:sign-in"), {"username": "local", "password": "pass"})
    assert answer.status_code == 302 and signed_in(client)


def test_placement_prefers_the_most_privileged_role():
    group_map = {
        "a": {"organisation": "x", "role": "viewer"},
        "b": {"organisation": "y", "role": "executive"},
        "c": {"organisation": "z", "role": "owner"},
        "bad": {"organisation": "z", "role": "superuser"},
    }
    assert placement_for(["a", "c"], group_map).role == "owner"
    best = placement_for(["a", "b", "c", "bad"], group_map)
    assert (best.organisation, best.role, best.group) == ("y", "executive", "b")
    assert placement_for(["bad", "nothing"], group_map) is None
    assert placement_for([], group_map) is None


def test_the_system_check_catches_a_bad_group_map(settings):
    settings.OIDC_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND_PATH]
    settings.OVERSIGHT_OIDC_GROUP_MAP = {"g": {"organisation": "x", "role": "admin"}}
    ids = {issue.id for issue in check_single_sign_on()}
    assert "oversight.E101" in ids
    settings.OVERSIGHT_OIDC_GROUP_MAP = {}
    assert "oversight.W102" in {issue.id for issue in check_single_sign_on()}
