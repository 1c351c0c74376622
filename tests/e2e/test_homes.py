"""Each demo person's home, in a browser, with the demo on its own day (20 July 2022, before the
July committee): what waits for them is there, each item leads to where it is done, and axe-core
finds nothing (#17.1, #17.3)."""

from __future__ import annotations

import pytest

from oversight.demo.facts import DEMO_TODAY
from tests.e2e.pages import Layout


@pytest.fixture
def on_its_day(settings, demo):
    settings.OVERSIGHT_TODAY = DEMO_TODAY


def test_the_liaisons_home_leads_to_the_evidence_check_and_the_july_paper(app, on_its_day):
    page = app.page
    app.sign_in("liaison")
    app.assert_accessible("home-liaison")
    assert page.get_by_role("heading", name="Evidence checks waiting (1)").is_visible()
    assert page.get_by_text("waiting 8 days (since 12 July 2022)").is_visible()
    assert page.get_by_text("Joint Audit Committee, 28 July 2022").is_visible()
    assert page.get_by_text("The paper: Draft, version 1.").is_visible()
    assert page.get_by_text("Reviews due", exact=True).last.is_visible()
    page.locator("#evidence_checks + table").get_by_role("link").first.click()
    page.wait_for_load_state()
    assert page.get_by_label("Evidence checked: send for sign-off").is_visible()
    assert page.get_by_role("button", name="Record the decision").is_visible()
    app.assert_accessible("home-liaison-evidence-check")
    app.goto("/")
    page.get_by_role("link", name="Review and issue the draft").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("HMICFRS update")


def test_the_executives_home_leads_to_the_sign_off_and_the_extension(app, on_its_day):
    page = app.page
    app.sign_in("executive")
    app.assert_accessible("home-executive")
    assert page.get_by_role("heading", name="Closures to sign off (1)").is_visible()
    assert page.get_by_role("heading", name="Extensions to decide (1)").is_visible()
    assert page.get_by_text("waiting 9 days (since 11 July 2022)").is_visible()
    assert page.get_by_text("waiting 5 days (since 15 July 2022)").is_visible()
    assert page.get_by_text("You do not own any open responses").count() == 0
    page.locator("#sign_offs + table").get_by_role("link").first.click()
    page.wait_for_load_state()
    assert page.get_by_label("Sign off: close the response").is_visible()
    app.assert_accessible("home-executive-sign-off")
    app.goto("/")
    page.locator("#extensions + table").get_by_role("link").first.click()
    page.wait_for_load_state()
    assert page.get_by_text("31 December 2022").first.is_visible()
    app.assert_accessible("home-executive-extension")


def test_the_owners_home_lists_their_responses(app, on_its_day):
    page = app.page
    app.sign_in("owner")
    app.assert_accessible("home-owner")
    assert page.get_by_text("Your open responses", exact=True).first.is_visible()
    assert page.get_by_role("link", name="Recommendation 9159").first.is_visible()


def test_the_viewers_home_has_the_latest_paper_and_the_figures(app, on_its_day):
    page = app.page
    app.sign_in("viewer")
    app.assert_accessible("home-viewer")
    assert page.get_by_text("You do not own any open responses").count() == 0
    assert page.get_by_role("heading", name="The record today").is_visible()
    assert page.get_by_text("The paper has not been issued yet").is_visible()
    page.get_by_role("link", name="HMICFRS update, 24 March 2022").click()
    page.wait_for_load_state()
    app.assert_accessible("home-viewer-paper")


def test_the_liaison_takes_on_a_national_recommendation_from_its_report(app, on_its_day):
    from oversight.recommendations.models import Response
    from tests.factories import RecommendationFactory

    national = RecommendationFactory(
        report__organisation=None, reference="7777", text="Forces should do a national thing."
    )
    page = app.page
    app.sign_in("liaison")
    app.goto(f"/inspections/reports/{national.report_id}/")
    page.get_by_role("link", name="Take it on").click()
    page.wait_for_load_state()
    app.assert_accessible("take-on-national")
    page.get_by_label("Owner").select_option(label="Jordan Reid – Crime portfolio lead")
    page.get_by_role("button", name="Take it on").click()
    page.wait_for_load_state()
    assert page.get_by_text("Recommendation 7777 was taken on.").is_visible()
    assert Response.objects.get(recommendation=national).owner.username == "owner"


def test_the_liaison_records_a_national_recommendation_does_not_apply(app, on_its_day):
    from oversight.recommendations.models import Response
    from tests.factories import RecommendationFactory

    national = RecommendationFactory(
        report__organisation=None, reference="7778", text="Forces with a port should act."
    )
    page = app.page
    app.sign_in("liaison")
    app.goto(f"/inspections/reports/{national.report_id}/")
    page.get_by_role("link", name="It does not apply").click()
    page.wait_for_load_state()
    app.assert_accessible("not-applicable-national")
    page.get_by_role("button", name="Record that it does not apply").click()
    page.wait_for_load_state()
    Layout(app).sent_back(f"/recommendations/{national.pk}/not-applicable/")
    app.assert_accessible("not-applicable-national-errors")
    assert page.locator(".govuk-error-summary").is_visible()
    page.get_by_label("Why does it not apply").fill("The force has no port.")
    page.get_by_role("button", name="Record that it does not apply").click()
    page.wait_for_load_state()
    assert page.get_by_text("was recorded as not applying").is_visible()
    app.assert_accessible("not-applicable-response")
    assert Response.objects.get(recommendation=national).status == "not_applicable"


def test_the_liaison_records_the_revisit_of_a_cause_of_concern(app, on_its_day):
    from oversight.recommendations.models import Recommendation, Response

    concern = Recommendation.objects.filter(kind="cause_of_concern").order_by("pk").first()
    own = Response.objects.get(recommendation=concern)
    page = app.page
    app.sign_in("liaison")
    app.goto(f"/recommendations/responses/{own.pk}/")
    page.get_by_role("link", name="Record the inspectorate's revisit").click()
    page.wait_for_load_state()
    app.assert_accessible("concern-revisit")
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("6")
    page.get_by_label("Year").fill("2022")
    page.get_by_label("What the inspectorate found").fill("Good progress; it remains open.")
    page.get_by_role("button", name="Record the revisit").click()
    page.wait_for_load_state()
    assert page.get_by_text("The revisit of").is_visible()
    assert page.get_by_text("14 June 2022: Good progress; it remains open.").is_visible()
    app.assert_accessible("concern-revisited")
