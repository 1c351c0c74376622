"""The inspection programme's pages: who may use each, bad input answered 400 with the GOV.UK
error summary and nothing written, a stale save answered 409 naming what changed, and good
input doing what it says (and saying back how a date was understood)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from oversight.accounts.models import Organisation, Role
from oversight.inspections import services
from oversight.inspections.models import (
    Engagement,
    Finding,
    FollowUpAction,
    Inspection,
    InspectionEvent,
    MonitoringStageChange,
    PeelAssessment,
    PeelCycle,
    Report,
)
from tests.factories import ResponseFactory

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


def messages_of(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


@pytest.fixture
def as_liaison(client, liaison):
    client.force_login(liaison)
    return client


def test_everyone_in_the_organisation_reads_but_only_the_liaison_records(
    client, people, inspection
):
    for role, user in people.items():
        client.force_login(user)
        assert client.get(reverse("inspections:detail", args=[inspection.pk])).status_code == 200
        page = text_of(client.get(reverse("inspections:list")))
        assert ("Record an inspection" in page) == (role == Role.LIAISON)
        answer = client.post(
            reverse("inspections:move", args=[inspection.pk]),
            {"status": "fieldwork", "when": "W/C 4th April 2022"},
        )
        if role != Role.LIAISON:
            assert answer.status_code == 403
    assert InspectionEvent.objects.filter(status="fieldwork").count() == 1  # the liaison's


def test_another_organisations_inspection_is_not_found(client, other_liaison, inspection):
    client.force_login(other_liaison)
    for name in ("inspections:detail", "inspections:edit", "inspections:move"):
        assert client.get(reverse(name, args=[inspection.pk])).status_code == 404


def test_an_empty_inspection_form_is_answered_with_the_error_summary(as_liaison):
    answer = as_liaison.post(reverse("inspections:add"), {})
    assert answer.status_code == 400
    page = text_of(answer)
    assert "There is a problem" in page
    assert 'href="#id_title">Enter the title of the inspection' in page
    assert "Choose what kind of inspection it is" in page
    assert page.startswith("<!DOCTYPE html>") and "<title>Error: " in page
    assert not Inspection.objects.exists()


def test_recording_an_inspection_with_date_tbc_says_how_it_was_understood(as_liaison, hmicfrs):
    answer = as_liaison.post(
        reverse("inspections:add"),
        {
            "title": "Thematic inspection of police vetting",
            "kind": "national_thematic",
            "when": "date TBC",
            "status": "notified",
            "status_when": "21 March 2022",
            "lead_inspectorates": [str(hmicfrs.pk)],
        },
    )
    inspection = Inspection.objects.get()
    assert answer.status_code == 302
    assert answer.url == reverse("inspections:detail", args=[inspection.pk])
    (message,) = messages_of(answer)
    assert "When: “date TBC” was understood as date to be confirmed." in message
    assert "Notified: “21 March 2022” was understood as 21 March 2022." in message
    assert (inspection.start_text, inspection.start_on) == ("date TBC", None)
    assert inspection.events.get().on == dt.date(2022, 3, 21)
    page = text_of(as_liaison.get(answer.url))
    assert "Understood as date to be confirmed" in page


def test_a_move_dated_before_the_step_before_it_is_refused(as_liaison, inspection):
    answer = as_liaison.post(
        reverse("inspections:move", args=[inspection.pk]),
        {"version": inspection.version, "status": "fieldwork", "when": "1 January 2022"},
    )
    assert answer.status_code == 400
    assert 'href="#id_when">The date, 1 January 2022, is before the step before it' in text_of(
        answer
    )
    assert inspection.events.count() == 1


def test_moving_to_a_step_not_offered_is_refused(as_liaison, inspection):
    answer = as_liaison.post(
        reverse("inspections:move", args=[inspection.pk]),
        {"version": inspection.version, "status": "notified", "when": "today"},
    )
    assert answer.status_code == 400
    assert "Choose one of the steps listed" in text_of(answer)


def test_a_stale_edit_gets_a_409_naming_what_changed(as_liaison, inspection, liaison):
    stale = inspection.version
    services.inspection_edit(
        inspection=inspection,
        actor=liaison,
        expected_version=stale,
        title="Digital forensics (renamed)",
        kind="national_thematic",
        summary="",
        start=inspection.start,
        end=None,
    )
    answer = as_liaison.post(
        reverse("inspections:edit", args=[inspection.pk]),
        {
            "version": stale,
            "title": "My title",
            "kind": "national_thematic",
            "when": "W/C 4th April",
        },
    )
    assert answer.status_code == 409
    page = text_of(answer)
    assert "Someone else changed this" in page
    assert "Title: Thematic Inspection of Digital Forensics → Digital forensics (renamed)" in page
    assert Inspection.objects.get().title == "Digital forensics (renamed)"


def test_editing_keeps_the_year_of_unchanged_words(as_liaison, inspection):
    as_liaison.post(
        reverse("inspections:edit", args=[inspection.pk]),
        {
            "version": inspection.version,
            "title": "Digital forensics",
            "kind": "national_thematic",
            "when": "W/C 4th April",
        },
    )
    inspection.refresh_from_db()
    assert (inspection.title, inspection.start_on) == ("Digital forensics", dt.date(2022, 4, 4))


def test_who_takes_part_from_the_reference_list(as_liaison, inspection, hmicfrs, people):
    met = Organisation.objects.get(name="Metropolitan Police Service")
    kent = Organisation.objects.get(name="Kent Police")
    page = text_of(as_liaison.get(reverse("inspections:people", args=[inspection.pk])))
    assert "Home Force Police" not in page.split("Other organisations taking part")[1]
    answer = as_liaison.post(
        reverse("inspections:people", args=[inspection.pk]),
        {
            "version": inspection.version,
            "lead_inspectorates": [str(hmicfrs.pk)],
            "participants": [str(met.pk), str(kent.pk)],
            f"name_{met.pk}": "Metropolitan Police Service",
            f"note_{met.pk}": "South Central BCU",
            f"name_{kent.pk}": "Kent",
            "force_lead": str(people[Role.OWNER].pk),
            "hmicfrs_contact": "Force liaison lead",
        },
    )
    assert answer.status_code == 302
    inspection.refresh_from_db()
    assert {str(p) for p in inspection.participants.all()} == {
        "Metropolitan Police Service (South Central BCU)",
        "Kent",
    }
    assert inspection.force_lead == people[Role.OWNER]


def test_the_debrief_and_a_follow_up_action(as_liaison, inspection):
    answer = as_liaison.post(
        reverse("inspections:debrief", args=[inspection.pk]),
        {"version": inspection.version, "strengths": "", "areas_to_consider": "", "notes": ""},
    )
    assert answer.status_code == 400
    assert "Enter at least one strength, area to consider or note" in text_of(answer)
    as_liaison.post(
        reverse("inspections:debrief", args=[inspection.pk]),
        {"version": inspection.version, "strengths": "Cloud storage\nLeadership", "notes": ""},
    )
    assert Inspection.objects.get().debrief_strengths == ["Cloud storage", "Leadership"]
    answer = as_liaison.post(
        reverse("inspections:action-add", args=[inspection.pk]),
        {"text": "Statement of proposed actions", "owner": "Solihull", "due": "by May 2022"},
    )
    assert "Due: “by May 2022” was understood as May 2022." in messages_of(answer)[-1]
    action = FollowUpAction.objects.get()
    assert (action.due_on, action.due_text) == (dt.date(2022, 5, 1), "by May 2022")
    page = text_of(as_liaison.get(reverse("inspections:detail", args=[inspection.pk])))
    assert "by May 2022" in page and "Not yet" in page


def test_a_report_recorded_from_its_inspection(as_liaison, inspection, hmicfrs, force):
    form = as_liaison.get(reverse("inspections:report-add") + f"?inspection={inspection.pk}")
    assert 'value="Thematic Inspection of Digital Forensics"' in form.content.decode()
    answer = as_liaison.post(
        reverse("inspections:report-add"),
        {
            "title": "Digital forensics: the report",
            "inspectorate": str(hmicfrs.pk),
            "about": "own",
            "inspection": str(inspection.pk),
            "published_on-day": "1",
            "published_on-month": "9",
            "published_on-year": "2022",
        },
    )
    report = Report.objects.get()
    assert answer.status_code == 302
    assert (report.organisation, report.inspection) == (force, inspection)
    answer = as_liaison.post(
        reverse("inspections:finding-add", args=[report.pk]),
        {"heading": "In relation to us", "text": "Good capability", "about": "own"},
    )
    assert Finding.objects.get().organisation == force
    assert "Good capability" in text_of(as_liaison.get(answer.url))


def test_a_bad_report_form_changes_nothing(as_liaison, hmicfrs):
    answer = as_liaison.post(
        reverse("inspections:report-add"),
        {
            "inspectorate": str(hmicfrs.pk),
            "published_on-day": "31",
            "published_on-month": "2",
            "published_on-year": "2022",
            "url": "not a link",
        },
    )
    assert answer.status_code == 400
    page = text_of(answer)
    for message in (
        "Enter the title of the report",
        "Choose whether the report is about your organisation or national",
        "The publication date must be a real date",
        "Enter the link as a web address",
    ):
        assert message in page
    assert not Report.objects.exists()


def test_a_national_report_others_respond_to_cannot_be_edited(
    as_liaison, liaison, other_force, hmicfrs
):
    report = services.report_create(
        title="National", inspectorate=hmicfrs, organisation=None, actor=liaison
    )
    ResponseFactory(organisation=other_force, recommendation__report=report)
    assert as_liaison.get(reverse("inspections:report-edit", args=[report.pk])).status_code == 403
    page = text_of(as_liaison.get(reverse("recommendations:report-detail", args=[report.pk])))
    assert "Edit the report" not in page and "Add a finding" in page


def test_recording_peel_grades_and_comparing_them(as_liaison):
    choose = text_of(as_liaison.get(reverse("inspections:peel-record")))
    assert "Which PEEL cycle are the grades from?" in choose and "PEEL 2025–27" in choose
    url = reverse("inspections:peel-record") + "?cycle=2023-25"
    form = form_page = as_liaison.get(url).content.decode()
    assert form.count('<select class="govuk-select" id="id_area_') == 9
    assert "Not graded in this cycle." in form_page  # the victims' question
    investigating = PeelCycle.objects.get(slug="2023-25").areas.get(theme="investigating")
    answer = as_liaison.post(url, {f"area_{investigating.pk}": "excellent"})
    assert answer.status_code == 400
    assert "Choose a grade for Investigating crime" in text_of(answer)
    answer = as_liaison.post(url, {f"area_{investigating.pk}": "requires_improvement"})
    assert answer.status_code == 302
    assert PeelAssessment.objects.get().grades.get().grade == "requires_improvement"
    page = text_of(as_liaison.get(reverse("inspections:peel")))
    assert "Requires improvement" in page and "Not graded in this cycle" in page
    assert as_liaison.get(url).status_code == 302  # already recorded: change it instead


def test_the_forward_look_takes_a_date_as_written(as_liaison, inspection):
    page = text_of(as_liaison.get(reverse("inspections:forward-look") + "?from=2022-04-01"))
    assert "As the record stood on 1 April 2022" in page
    assert "Thematic Inspection of Digital Forensics" in page
    page = text_of(as_liaison.get(reverse("inspections:forward-look") + "?from=April 2022"))
    assert "As the record stood on 1 April 2022" in page
    answer = as_liaison.get(reverse("inspections:forward-look") + "?from=whenever")
    assert answer.status_code == 400
    assert "Enter the date to look forward from" in text_of(answer)


def test_logging_a_contact_linked_to_a_recommendation(as_liaison, force):
    recommendation = ResponseFactory(organisation=force).recommendation
    form = as_liaison.get(
        reverse("inspections:engagement-add") + f"?recommendation={recommendation.pk}"
    )
    assert f'<option value="{recommendation.pk}" selected>' in form.content.decode()
    answer = as_liaison.post(
        reverse("inspections:engagement-add"),
        {
            "kind": "meeting",
            "when": "W/C 18th April 2022",
            "subject": "Quarterly liaison meeting",
            "recommendation": str(recommendation.pk),
        },
    )
    assert answer.status_code == 302
    assert Engagement.objects.get().recommendation == recommendation
    assert "Quarterly liaison meeting" in text_of(as_liaison.get(answer.url))
    answer = as_liaison.post(reverse("inspections:engagement-add"), {"when": "today"})
    assert answer.status_code == 400
    assert Engagement.objects.count() == 1


def test_the_monitoring_stage(as_liaison):
    answer = as_liaison.post(
        reverse("inspections:monitoring-add"),
        {"stage": "engage", "started_on-day": "12", "started_on-month": "13"},
    )
    assert answer.status_code == 400
    assert "The date the stage started must include a year" in text_of(answer)
    as_liaison.post(
        reverse("inspections:monitoring-add"),
        {
            "stage": "engage",
            "started_on-day": "12",
            "started_on-month": "10",
            "started_on-year": "2022",
            "letter": "HM Inspector to the Chief Constable",
        },
    )
    assert MonitoringStageChange.objects.get().stage == "engage"
    page = text_of(as_liaison.get(reverse("inspections:monitoring")))
    assert "Now: <strong>Engage</strong>, since 12 October 2022." in page


def test_history_pages(as_liaison, inspection, liaison):
    page = text_of(as_liaison.get(reverse("inspections:history", args=[inspection.pk])))
    assert "Inspection recorded" in page and liaison.display_name in page


def test_the_inspection_list_comes_in_pages_of_fifty(client, db):
    from oversight.accounts.models import Role
    from tests.factories import InspectionFactory, OrganisationFactory, UserFactory

    force = OrganisationFactory()
    for n in range(52):
        InspectionFactory(organisation=force, title=f"Inspection number {n:02d}")
    client.force_login(UserFactory(organisation=force, role=Role.VIEWER))
    first = client.get("/inspections/").content.decode()
    assert "52 inspections, latest first" in first
    assert first.count("Inspection number") == 50
    assert "govuk-pagination__next" in first
    second = client.get("/inspections/?page=2").content.decode()
    assert second.count("Inspection number") == 2
