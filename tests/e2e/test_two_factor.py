"""Two-step verification in the browser: a demo person sets it up with an authenticator app
(pyotp stands in for the phone) and signs in with a code; every page passes axe-core."""

from __future__ import annotations

import time

import pyotp
import pytest
from playwright.sync_api import expect

from tests.e2e.pages import TwoFactor

pytestmark = pytest.mark.e2e


def test_owner_sets_up_two_step_verification_and_signs_in_with_a_code(app, demo):
    two_factor = TwoFactor(app)
    app.sign_in("owner")
    app.goto("/account/two-step-verification/")
    expect(app.page.get_by_role("heading", name="Two-step verification", level=1)).to_be_visible()
    app.assert_accessible("two-factor-off")

    app.page.get_by_role("button", name="Set up two-step verification").click()
    expect(app.page.get_by_role("heading", name="Set up two-step verification")).to_be_visible()
    expect(app.page.get_by_role("img", name="QR code")).to_be_visible()
    secret = two_factor.secret()
    app.page.get_by_text("Show the setup address").click()
    expect(app.page.locator("#two-factor-uri")).to_contain_text(f"secret={secret}")
    app.assert_accessible("two-factor-set-up")

    two_factor.turn_on("000000")
    expect(two_factor.error_summary()).to_contain_text("That code is not right")
    app.assert_accessible("two-factor-set-up-error")

    totp = pyotp.TOTP(secret)
    two_factor.turn_on(totp.now())
    expect(app.page.get_by_text("Two-step verification is on.")).to_be_visible()
    app.assert_accessible("two-factor-on")

    two_factor.sign_out()
    app.sign_in("owner")
    expect(
        app.page.get_by_role("heading", name="Enter the code from your authenticator app")
    ).to_be_visible()
    app.check_styled()
    app.assert_accessible("sign-in-code")

    # the code that turned it on is spent: the next step's code is accepted (one step ahead)
    two_factor.enter_sign_in_code(totp.at(time.time() + 30))
    expect(app.page.get_by_role("heading", name="What needs your attention")).to_be_visible()
