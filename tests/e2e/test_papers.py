"""The committee paper in the browser, on the demo record: the liaison opens the July 2022
draft, edits a section, changes the standing text, issues the paper; a committee member (viewer)
reads the issued paper and downloads the Word file. Every page passes axe-core."""

from __future__ import annotations

import pytest
from docx import Document
from playwright.sync_api import expect

from tests.e2e.pages import Papers

pytestmark = pytest.mark.e2e


def test_liaison_edits_and_issues_the_july_paper_and_a_viewer_reads_it(app, demo):
    papers, page = Papers(app), app.page
    inspections = "HMICFRS inspections & other engagements"
    added = "The liaison lead will report on the ROCU inspection."
    app.sign_in("liaison")
    papers.open_section("Papers")
    expect(papers.heading()).to_have_text("Committee papers")
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
    papers.open_paper(1, "28 July 2022")
    expect(papers.section("peel")).to_contain_text("Recommendation 9159")
    app.assert_accessible("papers-draft-july")

    # edit the inspections section, then issue the paper
    papers.add_to_section(inspections, added, screenshot="papers-section-edit")
    expect(papers.section("inspections")).to_contain_text(added)
    papers.issue(screenshot="papers-issue-confirm")
    expect(page.get_by_role("button", name="Issue this paper")).to_have_count(0)
    app.assert_accessible("papers-issued-july")
    papers.sign_out()

    # a committee member reads the issued paper and downloads the Word file
    app.sign_in("viewer")
    papers.open_section("Papers")
    papers.open_paper(1, "28 July 2022")
    expect(papers.section("inspections")).to_contain_text(added)
    expect(papers.edit_link(inspections)).to_have_count(0)
    app.assert_accessible("papers-issued-viewer")
    with page.expect_download() as download:
        page.get_by_role("link", name="Word (.docx)").click()
    document = Document(download.value.path())
    text = "\n".join(p.text for p in document.paragraphs)
    assert added in text
    assert "Hate Crime (Recommendation 9159)." in text
