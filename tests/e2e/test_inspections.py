"""The inspection programme in the browser, on the demo record: the liaison records an inspection
with "date TBC" and moves it through to published; the forward look for 1 April 2022 lists what
the March 2022 paper lists as notified, and prints without the service's chrome; PEEL grades are
recorded and compared across cycles in words. Every page walked through passes axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import Inspection

pytestmark = pytest.mark.e2e

NOTIFIED_IN_MARCH_2022 = [
    "Diversity & Inclusion Workshop",
    "Thematic Inspection of Digital Forensics",
    "Police Super-complaint: Police use of Section 60 stop and search powers",
    "Thematic Inspection – Criminal Justice Outcomes",
    "Thematic Inspection of ROCU",
]


def test_liaison_records_an_inspection_with_date_tbc_and_moves_it_to_published(app, demo):
    programme = Inspection(app)
    app.sign_in("liaison")
    app.goto("/inspections/")
    app.assert_accessible("inspections-list-liaison")
    app.page.get_by_role("button", name="Record an inspection").click()
    expect(app.page.get_by_role("heading", level=1)).to_have_text("Record an inspection")
    app.assert_accessible("inspection-form")

    app.page.get_by_role("button", name="Record the inspection").click()
    programme.sent_back("/inspections/new/")
    summary = app.page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the title of the inspection")
    expect(summary).to_contain_text("Choose what kind of inspection it is")
    app.assert_accessible("inspection-form-errors")

    app.page.get_by_label("Title").fill("Thematic Inspection of Police Vetting")
    app.page.get_by_label("National thematic inspection").check()
    app.page.get_by_label("When", exact=True).fill("date TBC")
    app.page.get_by_label("When did it reach that step?").fill("21 March 2022")
    app.page.get_by_role("button", name="Record the inspection").click()
    expect(app.page.get_by_role("heading", level=1)).to_have_text(
        "Thematic Inspection of Police Vetting"
    )
    expect(programme.success()).to_contain_text("“date TBC” was understood as date to be confirmed")
    expect(app.page.get_by_text("Understood as date to be confirmed", exact=True)).to_be_visible()
    app.assert_accessible("inspection-recorded")

    app.page.get_by_role("button", name="Who takes part").click()
    app.assert_accessible("inspection-people-form")
    app.page.get_by_label("Kent Police", exact=True).check()
    app.page.get_by_label("Name as written for Kent Police (optional)").fill("Kent")
    app.page.get_by_label("Note on Kent Police (optional)").fill("Medway district")
    app.page.get_by_label("Sussex Police", exact=True).check()
    app.page.get_by_role("button", name="Save who takes part").click()
    expect(programme.success()).to_contain_text("Who takes part was saved.")
    expect(app.page.get_by_text("Kent (Medway district)")).to_be_visible()
    expect(app.page.get_by_text("Sussex Police")).to_be_visible()

    programme.move_on("Scheduled", "1 July 2022", screenshot="inspection-move-form")
    programme.move_on("Fieldwork", "W/C 5th September 2022")
    programme.move_on("Debriefed", "9 September 2022")

    app.page.get_by_role("button", name="Record the hot debrief").click()
    app.page.get_by_label("Strengths").fill("Vetting backlog cleared\nClear leadership")
    app.page.get_by_label("Areas to consider").fill("Re-vetting of staff in sensitive posts")
    app.assert_accessible("inspection-debrief-form")
    app.page.get_by_role("button", name="Save the hot debrief").click()
    expect(app.page.get_by_text("Vetting backlog cleared")).to_be_visible()

    app.page.get_by_role("link", name="Add a follow-up action").click()
    app.page.get_by_label("What is to be done").fill("Send the re-vetting plan to HMICFRS")
    app.page.get_by_label("Due (optional)").fill("by November 2022")
    app.assert_accessible("inspection-action-form")
    app.page.get_by_role("button", name="Add the action").click()
    expect(programme.success()).to_contain_text(
        "“by November 2022” was understood as November 2022"
    )

    programme.move_on("Awaiting report", "September 2022")
    programme.move_on("Published", "15 December 2022")
    expect(app.page.get_by_role("button", name="Move to the next step")).to_have_count(0)
    timeline = app.page.locator(".moj-timeline")
    for step in ("Notified", "Scheduled", "Fieldwork", "Debriefed", "Awaiting report", "Published"):
        expect(timeline.get_by_role("heading", name=step, exact=True)).to_be_visible()
    expect(timeline).to_contain_text("W/C 5th September 2022")
    app.assert_accessible("inspection-published")

    app.page.get_by_role("link", name="Record the report of this inspection").click()
    expect(app.page.get_by_label("Title")).to_have_value("Thematic Inspection of Police Vetting")
    app.page.get_by_label("Day").fill("15")
    app.page.get_by_label("Month").fill("12")
    app.page.get_by_label("Year").fill("2022")
    app.assert_accessible("report-form")
    app.page.get_by_role("button", name="Record the report").click()
    expect(programme.success()).to_contain_text("The report was recorded.")
    app.page.get_by_role("button", name="Add a finding").click()
    app.page.get_by_label("Heading (optional)").fill("In relation to West Midlands Police")
    app.page.get_by_label("Finding", exact=True).fill("Vetting decisions are well recorded.")
    app.page.get_by_role("button", name="Add the finding").click()
    expect(app.page.get_by_text("Vetting decisions are well recorded.")).to_be_visible()
    app.assert_accessible("report-recorded")

    app.page.get_by_role("link", name="Thematic Inspection of Police Vetting").click()
    app.page.get_by_role("link", name="See every change to this inspection").click()
    expect(app.page.get_by_role("heading", level=1)).to_have_text("History")
    expect(app.page.get_by_text("Moved to published: 15 December 2022").first).to_be_visible()
    app.assert_accessible("inspection-history")


def test_the_forward_look_for_april_2022_and_its_print_layout(app, demo):
    app.sign_in("viewer")
    app.goto("/inspections/forward-look/?from=2022-04-01")
    expect(app.page.get_by_role("heading", level=1)).to_have_text("Forward look")
    expect(app.page.get_by_text("As the record stood on 1 April 2022")).to_be_visible()
    notified = app.page.locator("table", has_text="notified or scheduled from 1 April 2022")
    titles = notified.locator("tbody tr td:first-child")
    expect(titles).to_have_text(NOTIFIED_IN_MARCH_2022)
    for written in ("W/C 4th April", "W/C 18th April", "April – Date TBC", "May – Date TBC"):
        expect(notified.get_by_text(written, exact=True)).to_be_visible()
    expect(notified.get_by_text("October – Date TBC", exact=True)).to_be_visible()
    expect(app.page.get_by_text("No inspection was in fieldwork on 1 April 2022.")).to_be_visible()
    published = app.page.locator("table", has_text="reports published from 1 January 2022")
    expect(published.locator("tbody tr")).to_have_count(2)
    app.assert_accessible("forward-look-2022-04-01")

    app.page.emulate_media(media="print")
    expect(app.page.locator(".moj-header")).to_be_hidden()
    expect(app.page.get_by_role("navigation", name="Inspection programme")).to_be_hidden()
    expect(app.page.get_by_role("button", name="Show")).to_be_hidden()
    expect(notified).to_be_visible()
    app.page.screenshot(path=str(_screenshots() / "forward-look-print.png"), full_page=True)
    app.page.emulate_media(media="screen")

    app.page.get_by_role("textbox", name="Look forward from").fill("28 July 2022")
    app.page.get_by_role("button", name="Show").click()
    expect(app.page.get_by_text("As the record stood on 28 July 2022")).to_be_visible()
    expect(app.page.get_by_role("link", name="Thematic Inspection of ROCU")).to_be_visible()
    app.assert_accessible("forward-look-2022-07-28")


def test_peel_grades_recorded_and_compared_across_cycles(app, demo):
    programme = Inspection(app)
    app.sign_in("liaison")
    app.goto("/inspections/peel/")
    expect(app.page.get_by_role("heading", level=1)).to_have_text("PEEL grades")
    app.assert_accessible("peel-before")
    app.page.get_by_role("button", name="Record PEEL grades").click()
    app.assert_accessible("peel-choose-cycle")
    app.page.get_by_label("PEEL 2023–25").check()
    app.page.get_by_role("button", name="Continue").click()
    expect(app.page.get_by_role("heading", level=1)).to_have_text("Record the PEEL 2023–25 grades")
    app.page.get_by_label("Investigating crime").select_option(label="Requires improvement")
    app.page.get_by_label("Leadership and force management").select_option(label="Good")
    app.assert_accessible("peel-form")
    app.page.get_by_role("button", name="Save the grades").click()
    expect(programme.success()).to_contain_text("The PEEL 2023–25 grades were recorded.")

    app.page.get_by_role("link", name="PEEL 2021/22").first.click()
    app.page.get_by_role("button", name="Change the grades").click()
    app.page.get_by_label("Investigating crime").select_option(label="Inadequate")
    app.page.get_by_role("button", name="Save the grades").click()

    table = app.page.locator("table", has_text="Grades by question and cycle")
    row = table.locator("tr", has=app.page.get_by_role("rowheader", name="Investigating crime"))
    expect(row.locator("td")).to_have_text(
        [
            re.compile("^Inadequate"),
            re.compile("^Requires improvement\\s*up from Inadequate"),
            "No assessment recorded",
        ]
    )
    leadership = table.locator(
        "tr", has=app.page.get_by_role("rowheader", name="Leadership and force management")
    )
    expect(leadership).to_contain_text("Asked as “Strategic planning, organisational management")
    app.assert_accessible("peel-comparison")


def test_monitoring_stage_and_engagement_log(app, demo):
    programme = Inspection(app)
    app.sign_in("liaison")
    app.goto("/inspections/engagements/")
    log = app.page.locator("table", has_text="latest first")
    expect(log.locator("strong", has_text="Spring Data Request")).to_have_text(
        "Spring Data Request: performance data for all portfolios"
    )
    app.assert_accessible("engagement-log")
    app.page.get_by_role("button", name="Log a contact").click()
    app.page.get_by_label("Letter", exact=True).check()
    app.page.get_by_label("When", exact=True).fill("W/C 4th July 2022")
    app.page.get_by_label("What it was about").fill("Notification of the ROCU inspection")
    app.page.get_by_label("Linked inspection (optional)").select_option(
        label="Thematic Inspection of ROCU"
    )
    app.assert_accessible("engagement-form")
    app.page.get_by_role("button", name="Log the contact").click()
    expect(programme.success()).to_contain_text("understood as week commencing 4 July 2022")

    app.goto("/inspections/monitoring/")
    app.assert_accessible("monitoring-empty")
    app.page.get_by_role("button", name="Record a change of stage").click()
    app.page.get_by_label("Scan", exact=True).check()
    app.page.get_by_label("Day").first.fill("1")
    app.page.get_by_label("Month").first.fill("4")
    app.page.get_by_label("Year").first.fill("2021")
    app.assert_accessible("monitoring-form")
    app.page.get_by_role("button", name="Save the stage").click()
    expect(app.page.get_by_text("since 1 April 2021")).to_be_visible()
    app.assert_accessible("monitoring")


def _screenshots():
    from tests.e2e.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
