"""The liaison imports a tracker: uploads it, checks the preview, skips a bad row, confirms,
and finds the new records in the register; the upload and preview pages pass axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import Import, Responses

pytestmark = pytest.mark.e2e

pytest.importorskip("oversight.ingest.readers")

TRACKER = (
    "Ref,Recommendation,Report,Owner,Due date,RAG,Status,Update\n"
    "E2E-1,The force should answer non-emergency calls within ten minutes.,Answering the call,"
    ",31/03/2024,Amber,In progress,Extra call handlers recruited.\n"
    "E2E-2,The force should publish call waiting times every month.,Answering the call,"
    ",next spring,Green,Open,\n"
    "E2E-3,The force should review abandoned calls every week.,Answering the call,"
    ",30/06/2024,Red,Open,\n"
)


def test_the_liaison_imports_a_tracker(app, demo, tmp_path):
    tracker = tmp_path / "contact tracker.csv"
    tracker.write_text(TRACKER, encoding="utf-8")
    imports, register = Import(app), Responses(app)
    app.sign_in("liaison")
    imports.open_section("Import")
    expect(imports.heading()).to_contain_text("Import a file")
    app.assert_accessible("ingest-upload")

    imports.upload(tracker)
    expect(imports.heading()).to_contain_text("Check what will be imported")
    expect(app.page.locator("#to-create caption")).to_contain_text("To be created (2)")
    expect(imports.row_problems()).to_contain_text("next spring")
    app.check_styled()
    app.assert_accessible("ingest-preview")

    imports.skip_row(3)
    imports.confirm()
    expect(imports.heading()).to_contain_text("What was imported")
    expect(app.page.locator("#summary")).to_contain_text("Imported: 2 recommendations created")
    expect(app.page.locator("#created")).to_contain_text("E2E-1")
    app.assert_accessible("ingest-result")

    app.page.get_by_role("link", name="See the recommendations register").click()
    expect(register.register_table()).to_contain_text("E2E-1")
    expect(register.register_table()).to_contain_text("E2E-3")
    expect(register.register_table()).not_to_contain_text("E2E-2")


def test_a_confirmed_import_shows_its_progress_then_what_was_imported(
    app, demo, tmp_path, settings
):
    """With the background worker as in production: the page waits, then turns into the result
    by itself (it refreshes every 2 seconds), without a click."""
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    tracker = tmp_path / "progress tracker.csv"
    tracker.write_text(
        "Ref,Recommendation,Report,Due date,RAG,Status\n"
        "P-1,The force should audit its crime recording every quarter.,Progress report,"
        "31/03/2024,Amber,Open\n",
        encoding="utf-8",
    )
    imports = Import(app)
    app.sign_in("liaison")
    imports.upload(tracker)
    imports.confirm()
    expect(imports.heading()).to_have_text("Importing progress tracker.csv")
    expect(app.page.get_by_role("status")).to_contain_text("Waiting for the background worker")
    app.assert_accessible("ingest-progress")

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    expect(imports.heading()).to_have_text("What was imported", timeout=10_000)
    expect(app.page.locator("#summary")).to_contain_text("Imported: 1 recommendation created")
