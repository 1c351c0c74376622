"""Reports and findings, PEEL grades, the monitoring stage and the engagement log: written by the
liaison, audited, bad input refused with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from oversight.accounts.models import Organisation, Role
from oversight.conflicts import EditConflict
from oversight.inspections import services
from oversight.inspections.models import (
    Engagement,
    Finding,
    MonitoringStageChange,
    PeelAssessment,
    PeelCycle,
    PeelGrade,
    Report,
)
from oversight.inspections.services import Refused
from oversight.rules.partial_dates import Precision
from tests.factories import RecommendationFactory, ResponseFactory
from tests.inspections.conftest import when

pytestmark = pytest.mark.django_db


# --- Reports ---------------------------------------------------------------------------------


def test_a_report_from_an_inspection_is_about_the_force(inspection, force, liaison, hmicfrs):
    report = services.report_create(
        title="Digital forensics: the report",
        inspectorate=hmicfrs,
        organisation=force,
        inspection=inspection,
        published_on=dt.date(2022, 9, 1),
        actor=liaison,
    )
    assert report.history.get().history_user == liaison
    with pytest.raises(Refused, match="about your organisation"):
        services.report_create(
            title="National version",
            inspectorate=hmicfrs,
            organisation=None,
            inspection=inspection,
            actor=liaison,
        )


def test_a_report_is_published_by_an_inspectorate(force, liaison):
    kent = Organisation.objects.get(name="Kent Police")
    with pytest.raises(Refused, match="Kent Police is not an inspectorate"):
        services.report_create(title="X", inspectorate=kent, organisation=force, actor=liaison)
    with pytest.raises(Refused, match="Enter the title of the report"):
        services.report_create(title=" ", inspectorate=kent, organisation=force, actor=liaison)
    assert not Report.objects.exists()


def test_editing_a_report_uses_its_version(force, liaison, hmicfrs, ofsted):
    report = services.report_create(
        title="JTAI", inspectorate=hmicfrs, organisation=force, actor=liaison
    )
    arguments = {
        "actor": liaison,
        "title": "Solihull JTAI",
        "inspectorate": ofsted,
        "organisation": force,
        "published_on": dt.date(2022, 2, 21),
        "inspection": None,
        "summary": "",
        "url": "",
        "reference": "",
    }
    services.report_edit(report=report, expected_version=1, **arguments)
    with pytest.raises(EditConflict) as caught:
        services.report_edit(report=report, expected_version=1, **{**arguments, "title": "Late"})
    assert {"field": "Title", "old": "JTAI", "new": "Solihull JTAI"} in caught.value.changes
    assert Report.objects.get().title == "Solihull JTAI"


def test_a_national_report_others_respond_to_is_not_rewritten(force, other_force, liaison, hmicfrs):
    report = services.report_create(
        title="National thematic", inspectorate=hmicfrs, organisation=None, actor=liaison
    )
    recommendation = RecommendationFactory(report=report)
    ResponseFactory(organisation=other_force, recommendation=recommendation)
    assert services.report_shared_with_others(report, force.pk)
    with pytest.raises(PermissionDenied):
        services.findings_add(report=report, heading="", texts=["General"], actor=liaison)
    (own,) = services.findings_add(
        report=report,
        heading="About us",
        texts=["We were not visited"],
        organisation=force,
        actor=liaison,
    )
    assert own.organisation == force


def test_findings_are_added_changed_and_removed_with_their_history(force, liaison, hmicfrs):
    report = services.report_create(
        title="JTAI", inspectorate=hmicfrs, organisation=force, actor=liaison
    )
    first, second = services.findings_add(
        report=report, heading="Findings", texts=["One", "Two"], organisation=force, actor=liaison
    )
    assert (first.position, second.position) == (1, 2)
    services.finding_edit(
        finding=first, actor=liaison, heading="Findings", text="One, corrected", organisation=None
    )
    services.finding_delete(finding=second, actor=liaison)
    assert list(report.findings.values_list("text", flat=True)) == ["One, corrected"]
    assert Finding.history.filter(history_type="-").get().history_user == liaison
    with pytest.raises(Refused, match="Enter the finding"):
        services.finding_edit(
            finding=first, actor=liaison, heading="", text=" ", organisation=force
        )


# --- PEEL ------------------------------------------------------------------------------------


@pytest.fixture
def cycle(db):
    return PeelCycle.objects.get(slug="2023-25")


def test_the_cycles_and_their_areas_are_data(db):
    assert list(PeelCycle.objects.values_list("name", flat=True)) == [
        "2021/22",
        "2023–25",
        "2025–27",
    ]
    names = set(PeelCycle.objects.get(slug="2021-22").areas.values_list("name", flat=True))
    assert "Engaging with and treating the public with fairness and respect" in names
    assert "Police powers and public treatment" not in names


def test_grades_are_recorded_per_area(force, liaison, cycle):
    investigating = cycle.areas.get(theme="investigating")
    leadership = cycle.areas.get(theme="leadership")
    assessment = services.peel_assessment_create(
        organisation=force,
        cycle=cycle,
        actor=liaison,
        grades={investigating.pk: "requires_improvement", leadership.pk: ""},
    )
    assert {g.area.theme: g.grade for g in assessment.grades.all()} == {
        "investigating": "requires_improvement"
    }
    services.peel_assessment_edit(
        assessment=assessment,
        actor=liaison,
        expected_version=1,
        grades={investigating.pk: "adequate", leadership.pk: "good"},
        inspection=None,
        report=None,
        published_on=dt.date(2023, 9, 1),
        summary="",
    )
    grade = PeelGrade.objects.get(area=investigating)
    assert grade.grade == "adequate"
    assert grade.history.latest().history_change_reason == "Investigating crime: Adequate"


def test_bad_grades_are_refused(force, liaison, cycle):
    victims = cycle.areas.get(theme="victims")
    with pytest.raises(Refused, match="not graded in PEEL 2023–25"):
        services.peel_assessment_create(
            organisation=force, cycle=cycle, actor=liaison, grades={victims.pk: "good"}
        )
    other_cycle_area = PeelCycle.objects.get(slug="2021-22").areas.first()
    with pytest.raises(Refused, match="not part of PEEL 2023–25"):
        services.peel_assessment_create(
            organisation=force, cycle=cycle, actor=liaison, grades={other_cycle_area.pk: "good"}
        )
    with pytest.raises(Refused, match="Choose a grade for Investigating crime"):
        services.peel_assessment_create(
            organisation=force,
            cycle=cycle,
            actor=liaison,
            grades={cycle.areas.get(theme="investigating").pk: "superb"},
        )
    assert not PeelAssessment.objects.exists()


def test_one_assessment_per_cycle(force, liaison, cycle):
    services.peel_assessment_create(organisation=force, cycle=cycle, actor=liaison)
    with pytest.raises(Refused, match="already an assessment for PEEL 2023–25"):
        services.peel_assessment_create(organisation=force, cycle=cycle, actor=liaison)


# --- Monitoring stage and engagement log ----------------------------------------------------


def test_monitoring_stage_changes_are_recorded_with_their_letter(force, liaison, people):
    change = services.monitoring_stage_record(
        organisation=force,
        actor=liaison,
        stage="engage",
        started_on=dt.date(2022, 10, 12),
        letter="HM Inspector to the Chief Constable",
        letter_on=dt.date(2022, 10, 12),
    )
    assert change.history.get().history_change_reason == "Monitoring stage: Engage"
    with pytest.raises(Refused, match="Engage from 12 October 2022 is already recorded"):
        services.monitoring_stage_record(
            organisation=force, actor=liaison, stage="engage", started_on=dt.date(2022, 10, 12)
        )
    with pytest.raises(PermissionDenied):
        services.monitoring_stage_record(
            organisation=force,
            actor=people[Role.EXECUTIVE],
            stage="scan",
            started_on=dt.date(2023, 1, 1),
        )
    assert MonitoringStageChange.objects.count() == 1


def test_engagements_link_only_to_our_records(force, other_force, liaison, inspection):
    ours = ResponseFactory(organisation=force).recommendation
    theirs = ResponseFactory(organisation=other_force).recommendation
    engagement = services.engagement_record(
        organisation=force,
        actor=liaison,
        kind="data_return",
        when=when("Spring 2022", dt.date(2022, 3, 1), Precision.SEASON),
        subject="Spring Data Request",
        inspection=inspection,
        recommendation=ours,
    )
    assert engagement.when.display() == "Spring 2022"
    with pytest.raises(Refused, match="Choose a recommendation your organisation responds to"):
        services.engagement_record(
            organisation=force,
            actor=liaison,
            kind="letter",
            when=when("", None, Precision.TBC),
            subject="A letter",
            recommendation=theirs,
        )
    with pytest.raises(Refused, match="Enter what the contact was about"):
        services.engagement_record(
            organisation=force, actor=liaison, kind="call", when=when("", None), subject=""
        )
    assert Engagement.objects.count() == 1
