"""The main path through the read-only pages, as each demo person: sign in, register, filter,
open a response; every page passes axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import Responses

pytestmark = pytest.mark.e2e


def test_sign_in_page_shows_demo_accounts_and_rejects_a_wrong_password(app, demo):
    app.goto("/account/sign-in/")
    expect(app.page.get_by_role("heading", name="Demo accounts")).to_be_visible()
    app.assert_accessible("sign-in")
    app.sign_in("liaison", "wrong")
    expect(app.page.get_by_text("There is a problem")).to_be_visible()
    expect(app.page.locator(".govuk-error-summary")).to_contain_text("Enter a correct username")
    app.assert_accessible("sign-in-error")


def test_liaison_opens_register_filters_it_and_opens_a_response(app, demo):
    register = Responses(app)
    app.sign_in("liaison")
    expect(app.page.get_by_role("heading", name="What needs your attention")).to_be_visible()
    app.assert_accessible("home-liaison")

    app.page.get_by_role("link", name="Recommendations").first.click()
    expect(app.page.get_by_role("heading", name="Recommendation register")).to_be_visible()
    for ref in ["9159", "10618", "9962", "8539", "9472"]:
        expect(register.reference_link(ref)).to_be_visible()
    app.assert_accessible("register")

    register.filter_by("Kind", "Cause of concern")
    expect(app.page.locator("caption")).to_contain_text("5 responses matching the filters")
    app.assert_accessible("register-filtered")

    register.reference_link("9159").click()
    expect(app.page.get_by_role("heading", level=1)).to_contain_text("Recommendation 9159")
    expect(app.page.get_by_text("cyber-enabled flag").first).to_be_visible()
    expect(app.page.get_by_text("Within three months").first).to_be_visible()
    expect(app.page.get_by_text("19 October 2018").first).to_be_visible()
    app.assert_accessible("response-9159")


@pytest.mark.parametrize("username", ["owner", "executive", "viewer"])
def test_each_demo_person_can_read_every_page(app, demo, username):
    app.sign_in(username)
    app.assert_accessible(f"home-{username}")
    for path, heading in [
        ("/recommendations/", "Recommendation register"),
        ("/inspections/", "Inspections"),
        ("/inspections/reports/", "Reports"),
    ]:
        app.goto(path)
        expect(app.page.get_by_role("heading", level=1)).to_have_text(heading)
    app.assert_accessible(f"reports-{username}")


def test_inspections_and_reports_pages(app, demo):
    app.sign_in("liaison")
    app.goto("/inspections/")
    expect(app.page.get_by_text("W/C 4th April")).to_be_visible()
    expect(app.page.get_by_text("October – Date TBC")).to_be_visible()
    app.assert_accessible("inspections")
    app.page.get_by_role("link", name=re.compile("Serious Youth Violence")).click()
    expect(app.page.get_by_text("Lambeth")).to_be_visible()
    app.assert_accessible("inspection-detail")
    app.goto("/inspections/reports/")
    app.assert_accessible("reports")
    app.page.get_by_role("link", name=re.compile("Solihull JTAI")).click()
    expect(app.page.get_by_text("In relation to West Midlands Police")).to_be_visible()
    app.assert_accessible("report-detail")
    app.goto("/inspections/reports/")
    app.page.get_by_role("link", name=re.compile("rape survivors")).click()
    expect(app.page.get_by_text("Immediately, police and prosecutors").first).to_be_visible()
    app.assert_accessible("report-rape-survivors")
