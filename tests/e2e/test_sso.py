"""Single sign-on in the browser, against the tests' own OpenID Connect provider: the sign-in
page's button, a mapped person signed in, an unmapped one refused; pages pass axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from oversight.accounts.oidc import BACKEND_PATH
from tests.accounts.oidc_provider import OIDCProvider

pytestmark = pytest.mark.e2e


@pytest.fixture
def provider(settings):
    running = OIDCProvider().start()
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = running.client_id
    settings.OIDC_RP_CLIENT_SECRET = running.client_secret
    settings.OIDC_OP_DISCOVERY = running.discovery_url
    settings.OVERSIGHT_OIDC_GROUP_MAP = {
        "wmp-liaison": {"organisation": "west-midlands-police", "role": "liaison"}
    }
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND_PATH]
    yield running
    running.stop()


def test_sign_in_with_an_organisation_account(app, demo, provider):
    from oversight.accounts.models import Organisation

    assert Organisation.objects.filter(slug="west-midlands-police").exists()
    provider.identity["groups"] = ["wmp-liaison"]
    app.goto("/account/sign-in/")
    button = app.page.get_by_role("button", name="Sign in with your organisation account")
    expect(button).to_be_visible()
    app.assert_accessible("sign-in-with-sso")
    button.click()
    expect(app.page.get_by_role("heading", name="What needs your attention")).to_be_visible()
    expect(app.page.get_by_text("Alex Jones (Liaison)")).to_be_visible()

    app.page.get_by_role("button", name="Sign out").click()
    provider.identity["groups"] = ["somebody-else"]
    app.page.get_by_role("button", name="Sign in with your organisation account").click()
    expect(app.page.get_by_text("Your account is not set up for Oversight.")).to_be_visible()
    app.check_styled()
    app.assert_accessible("sso-refused")
    app.failures[:] = [f for f in app.failures if "/account/oidc/callback/" not in f]
