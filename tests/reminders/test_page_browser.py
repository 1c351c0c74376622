"""The reminders page in a browser, after a run on the demo: readable and accessible.

Uses the browser fixtures of tests/e2e (Debian's Chromium, axe-core)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tests.e2e.conftest import app, browser_type_launch_args, demo  # noqa: F401

pytestmark = pytest.mark.e2e


def test_the_liaison_reads_the_reminders_sent_in_their_organisation(app, demo):  # noqa: F811
    call_command("remind", "--today", "2022-07-04", stdout=io.StringIO())
    app.sign_in("liaison")
    app.goto("/reminders/")
    page = app.page
    assert page.get_by_role("heading", name="Reminders", level=1).is_visible()
    table = page.get_by_role("table")
    assert table.get_by_text("owner@example.org").is_visible()
    assert table.get_by_text("Weekly summary").is_visible()
    app.assert_accessible("reminders-liaison")
    page.get_by_role("link", name="Recommendation 9159").first.click()
    page.wait_for_load_state()
    assert "/recommendations/responses/" in page.url
