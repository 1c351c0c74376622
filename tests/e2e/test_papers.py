"""The committee paper in the browser, on the demo record: the liaison opens the July 2022
draft, edits a section, changes the standing text, issues the paper; a committee member (viewer)
reads the issued paper and downloads the Word file. Every page passes axe-core."""

from __future__ import annotations

import pytest
from docx import Document
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_liaison_edits_and_issues_the_july_paper_and_a_viewer_reads_it(app, demo):
    page = app.page
    app.sign_in("liaison")
    page.get_by_role("link", name="Papers", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Committee papers")
    app.assert_accessible("papers-list")

    # the standing text: the words every paper repeats
    page.get_by_role("link", name="Change the standing text").click()
    app.assert_accessible("papers-standing-text")
    closing = page.get_by_label("What the committee is asked to do")
    expect(closing).to_have_value(
        "This report is submitted for the information of the Committee. The Committee are "
        "asked to note the contents of the report."
    )
    page.get_by_role("link", name="Cancel").click()

    # the July draft
    page.get_by_role("link", name="Version 1 of the paper for 28 July 2022").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("HMICFRS update")
    expect(page.locator("#section-peel")).to_contain_text("Recommendation 9159")
    app.assert_accessible("papers-draft-july")

    # edit the inspections section
    page.get_by_role("link", name="Edit HMICFRS inspections & other engagements").click()
    app.assert_accessible("papers-section-edit")
    text = page.get_by_label("Text")
    text.fill(text.input_value() + "\n\nThe liaison lead will report on the ROCU inspection.")
    page.get_by_role("button", name="Save the section").click()
    expect(page.locator("#section-inspections")).to_contain_text(
        "The liaison lead will report on the ROCU inspection."
    )

    # issue it
    page.get_by_role("button", name="Issue this paper").click()
    app.assert_accessible("papers-issue-confirm")
    page.get_by_role("button", name="Issue the paper").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.get_by_role("button", name="Issue this paper")).to_have_count(0)
    app.assert_accessible("papers-issued-july")
    page.get_by_role("button", name="Sign out").click()

    # a committee member reads the issued paper and downloads the Word file
    app.sign_in("viewer")
    page.get_by_role("link", name="Papers", exact=True).click()
    page.get_by_role("link", name="Version 1 of the paper for 28 July 2022").click()
    expect(page.locator("#section-inspections")).to_contain_text(
        "The liaison lead will report on the ROCU inspection."
    )
    expect(
        page.get_by_role("link", name="Edit HMICFRS inspections & other engagements")
    ).to_have_count(0)
    app.assert_accessible("papers-issued-viewer")
    with page.expect_download() as download:
        page.get_by_role("link", name="Word (.docx)").click()
    document = Document(download.value.path())
    text = "\n".join(p.text for p in document.paragraphs)
    assert "The liaison lead will report on the ROCU inspection." in text
    assert "Hate Crime (Recommendation 9159)." in text
