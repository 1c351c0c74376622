"""API tokens in the browser: a demo person makes a token, sees it once, uses it, revokes it;
the tokens page and the API documentation page pass axe-core."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

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
    app.sign_in("owner")
    app.goto("/account/api-tokens/")
    expect(app.page.get_by_role("heading", name="API tokens", level=1)).to_be_visible()
    expect(app.page.get_by_text("You have no API tokens.")).to_be_visible()
    app.assert_accessible("api-tokens")

    app.page.get_by_label("Name").fill("Power BI dashboard")
    app.page.get_by_label("In 30 days").check()
    app.page.get_by_role("button", name="Make the token").click()
    expect(app.page.get_by_role("heading", name="Copy your new API token now")).to_be_visible()
    secret = app.page.get_by_label("Your new token").input_value()
    assert secret.startswith("ovs_")
    app.assert_accessible("api-token-made")
    assert _api_status(app.base_url, secret) == 200

    app.page.get_by_role("link", name="Back to your API tokens").click()
    row = app.page.get_by_role("row", name="Power BI dashboard")
    expect(row).to_contain_text("Active")
    assert secret not in app.page.content()  # shown once only

    row.get_by_role("link", name="Revoke").click()
    expect(
        app.page.get_by_role("heading", name="Revoke the token ‘Power BI dashboard’?")
    ).to_be_visible()
    app.page.get_by_role("button", name="Revoke the token").click()
    expect(app.page.get_by_text("It no longer works.")).to_be_visible()
    expect(app.page.get_by_role("row", name="Power BI dashboard")).to_contain_text("Revoked")
    assert _api_status(app.base_url, secret) == 401

    app.goto("/api/docs/")
    expect(app.page.get_by_role("heading", name="API documentation", level=1)).to_be_visible()
    expect(app.page.get_by_role("heading", name="Add an update to a response")).to_be_visible()
    app.assert_accessible("api-docs")
