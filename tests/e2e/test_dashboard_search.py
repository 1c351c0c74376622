"""The executive opens the dashboard from home, follows a figure to the register, and searches
from the header; the dashboard, the filtered register and the results pass axe-core."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.pages import Dashboard, Responses, SearchResults

pytestmark = pytest.mark.e2e


def test_dashboard_figures_and_search(app, demo):
    call_command("snapshot", backfill=True, stdout=io.StringIO())
    dashboard, register, search = Dashboard(app), Responses(app), SearchResults(app)
    app.sign_in("executive")
    app.page.get_by_role("link", name="see the dashboard").click()
    expect(dashboard.heading()).to_have_text("Dashboard")
    expect(app.page.locator("#by-rag")).to_contain_text("Amber")
    expect(
        app.page.get_by_role("img", name=re.compile("^Open responses by RAG rating"))
    ).to_be_visible()
    expect(app.page.locator("#trend-table")).to_be_attached()
    app.assert_accessible("dashboard")

    figure = dashboard.follow_figure("Overdue")
    expect(register.register_table().locator("caption")).to_contain_text(
        f"{figure} responses matching the filters"
    )
    expect(register.filter_summary()).to_contain_text("Overdue")
    app.assert_accessible("register-from-dashboard")

    search.search_from_header("cyber-enabled flag")
    expect(search.heading_for("cyber-enabled flag")).to_be_visible()
    first = search.results().first
    expect(first).to_contain_text("Recommendation 9159: Hate Crime")
    expect(first.locator("mark").first).to_have_text("cyber")
    expect(search.results().filter(has_text="Update of 1 July 2022")).to_be_visible()
    app.assert_accessible("search-results")
