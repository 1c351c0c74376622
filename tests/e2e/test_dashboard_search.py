"""The executive opens the dashboard from home, follows a figure to the register, and searches
from the header; the dashboard, the filtered register and the results pass axe-core."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_dashboard_figures_and_search(app, demo):
    call_command("snapshot", backfill=True, stdout=io.StringIO())
    app.sign_in("executive")
    app.page.get_by_role("link", name="see the dashboard").click()
    expect(app.page.get_by_role("heading", level=1, name="Dashboard")).to_be_visible()
    expect(app.page.locator("#by-rag")).to_contain_text("Amber")
    expect(
        app.page.get_by_role("img", name=re.compile("^Open responses by RAG rating"))
    ).to_be_visible()
    expect(app.page.locator("#trend-table")).to_be_attached()
    app.assert_accessible("dashboard")

    overdue = app.page.locator(".app-figure-card a", has_text="Overdue")
    figure = overdue.locator(".app-card__figure").inner_text()
    overdue.click()
    expect(app.page.locator("table.app-table--register caption")).to_contain_text(
        f"{figure} responses matching the filters"
    )
    expect(app.page.locator("#filter-summary")).to_contain_text("Overdue")
    app.assert_accessible("register-from-dashboard")

    app.page.get_by_label("Search recommendations, updates, inspections and reports").first.fill(
        "cyber-enabled flag"
    )
    app.page.locator("header").get_by_role("button", name="Search").click()
    expect(
        app.page.get_by_role("heading", name=re.compile("results for ‘cyber-enabled flag’"))
    ).to_be_visible()
    first = app.page.locator(".app-search-result").first
    expect(first).to_contain_text("Recommendation 9159: Hate Crime")
    expect(first.locator("mark").first).to_have_text("cyber")
    expect(app.page.locator(".app-search-result", has_text="Update of 1 July 2022")).to_be_visible()
    app.assert_accessible("search-results")
