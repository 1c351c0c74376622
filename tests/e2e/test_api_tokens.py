"""API tokens in the browser: a demo person makes a token, sees it once, uses it, revokes it;
the tokens page and the API documentation page pass axe-core."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import ApiTokens

pytestmark = pytest.mark.e2e


def _api_status(base_url: str, secret: str) -> int:
    request = urllib.request.Request(
        base_url + "/api/v1/responses/?owner=me", headers={"Authorization": f"Bearer {secret}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert json.load(answer)["count"] > 0
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_owner_makes_sees_once_and_revokes_an_api_token(app, demo):
    tokens = ApiTokens(app)
    app.sign_in("owner")
    app.goto("/account/api-tokens/")
    expect(tokens.heading()).to_contain_text("API tokens")
    expect(app.page.get_by_text("You have no API tokens.")).to_be_visible()
    app.assert_accessible("api-tokens")

    secret = tokens.make("Power BI dashboard", lasts="In 30 days")
    assert secret.startswith("ovs_")
    app.assert_accessible("api-token-made")
    assert _api_status(app.base_url, secret) == 200

    app.page.get_by_role("link", name="Back to your API tokens").click()
    expect(tokens.row("Power BI dashboard")).to_contain_text("Active")
    assert secret not in app.page.content()  # shown once only

    tokens.revoke("Power BI dashboard")
    expect(app.page.get_by_text("It no longer works.")).to_be_visible()
    expect(tokens.row("Power BI dashboard")).to_contain_text("Revoked")
    assert _api_status(app.base_url, secret) == 401

    app.goto("/api/docs/")
    expect(app.page.get_by_role("heading", name="API documentation", level=1)).to_be_visible()
    expect(app.page.get_by_role("heading", name="Add an update to a response")).to_be_visible()
    app.assert_accessible("api-docs")
