"""The reads: the forward look as of a day (from the dated steps), PEEL compared across cycles,
the readable history, and everything scoped to the person's organisation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from oversight.inspections import selectors, services
from oversight.inspections.models import PeelCycle
from oversight.rules.partial_dates import PartialDate, Precision
from tests.factories import InspectionFactory, ReportFactory
from tests.inspections.conftest import when

pytestmark = pytest.mark.django_db


def move(inspection, liaison, status, text, on, precision=Precision.DAY):
    services.inspection_move(
        inspection=inspection,
        actor=liaison,
        expected_version=None,
        status=status,
        when=when(text, on, precision),
    )


def test_the_status_on_a_past_day_comes_from_the_dated_steps(inspection, liaison):
    move(inspection, liaison, "fieldwork", "W/C 4th April", dt.date(2022, 4, 4), Precision.WEEK)
    move(inspection, liaison, "debriefed", "8 April 2022", dt.date(2022, 4, 8))
    inspection.refresh_from_db()
    assert selectors.status_as_of(inspection, dt.date(2022, 2, 28)) is None
    assert selectors.status_as_of(inspection, dt.date(2022, 4, 1)) == "notified"
    assert selectors.status_as_of(inspection, dt.date(2022, 4, 5)) == "fieldwork"
    assert selectors.status_as_of(inspection, dt.date(2022, 7, 1)) == "debriefed"


def test_a_step_with_no_date_counts_from_the_day_it_was_recorded(inspection, liaison):
    move(inspection, liaison, "fieldwork", "date TBC", None, Precision.TBC)
    inspection.refresh_from_db()
    assert selectors.status_as_of(inspection, dt.date(2022, 4, 30)) == "notified"
    assert selectors.status_as_of(inspection, dt.date.today()) == "fieldwork"


def test_an_inspection_recorded_without_steps_has_its_status(force):
    inspection = InspectionFactory(organisation=force, status="scheduled")
    assert selectors.status_as_of(inspection, dt.date(2000, 1, 1)) == "scheduled"


def test_the_forward_look_as_of_a_day(force, other_force, liaison, inspection, hmicfrs):
    rocu = services.inspection_create(
        organisation=force,
        title="Thematic Inspection of ROCU",
        kind="rocu",
        start=when("October – Date TBC", dt.date(2022, 10, 1), Precision.MONTH),
        status_when=when("March 2022", dt.date(2022, 3, 1), Precision.MONTH),
        actor=liaison,
    )
    stale = services.inspection_create(
        organisation=force,
        title="Workshop that never happened",
        kind="workshop",
        start=when("February 2022", dt.date(2022, 2, 1), Precision.MONTH),
        status_when=when("January 2022", dt.date(2022, 1, 1), Precision.MONTH),
        actor=liaison,
    )
    later = services.inspection_create(
        organisation=force,
        title="Notified in May",
        kind="workshop",
        start=when("June 2022", dt.date(2022, 6, 1), Precision.MONTH),
        status_when=when("2 May 2022", dt.date(2022, 5, 2)),
        actor=liaison,
    )
    InspectionFactory(organisation=other_force, title="Someone else's")
    move(inspection, liaison, "fieldwork", "W/C 4th April", dt.date(2022, 4, 4), Precision.WEEK)
    recent = ReportFactory(organisation=force, published_on=dt.date(2022, 2, 21))
    ReportFactory(organisation=None, published_on=dt.date(2021, 12, 31))  # too long ago
    ReportFactory(organisation=other_force, published_on=dt.date(2022, 3, 1))  # not ours

    april = selectors.forward_look(liaison, dt.date(2022, 4, 1))
    assert [r.inspection for r in april.coming] == [inspection, rocu]
    assert {r.status for r in april.coming} == {"notified"}
    assert [r.inspection for r in april.date_passed] == [stale]
    assert april.fieldwork == []
    assert april.published == [recent]
    assert april.since == dt.date(2022, 1, 1)

    may = selectors.forward_look(liaison, dt.date(2022, 5, 2))
    assert [r.inspection for r in may.coming] == [later, rocu]
    assert [r.inspection for r in may.fieldwork] == [inspection]


def test_peel_grades_compared_across_cycles_in_words(force, liaison):
    first, second = PeelCycle.objects.get(slug="2021-22"), PeelCycle.objects.get(slug="2023-25")
    for cycle, grade in ((first, "adequate"), (second, "good")):
        area = cycle.areas.get(theme="investigating")
        services.peel_assessment_create(
            organisation=force, cycle=cycle, actor=liaison, grades={area.pk: grade}
        )
    comparison = selectors.comparison(liaison)
    assert [c.name for c in comparison.cycles] == ["2021/22", "2023–25", "2025–27"]
    rows = {row.theme: row for row in comparison.rows}
    investigating = rows["investigating"].cells
    assert [c.text for c in investigating] == ["Adequate", "Good", "No assessment recorded"]
    assert investigating[1].change == "up from Adequate"
    public = rows["public-treatment"]
    assert public.label == "Police powers and public treatment"
    assert public.cells[0].area_name == (
        "Engaging with and treating the public with fairness and respect"
    )
    assert rows["crime-recording"].cells[0].text == "Not part of this cycle"
    assert rows["victims"].cells[1].text == "Not graded in this cycle"


def test_the_history_names_who_changed_what(inspection, liaison, hmicfrs, ofsted):
    services.inspection_edit(
        inspection=inspection,
        actor=liaison,
        expected_version=inspection.version,
        title="Digital forensics",
        kind="national_thematic",
        summary="",
        start=PartialDate(dt.date(2022, 4, 11), Precision.WEEK, "W/C 11th April"),
        end=None,
    )
    entries = selectors.inspection_history(inspection)
    edit = next(e for e in entries if e["reason"] == "Inspection edited")
    assert edit["who"] == liaison.display_name
    assert {"field": "When", "old": "W/C 4th April", "new": "W/C 11th April"} in edit["changes"]
    assert {c["field"] for c in edit["changes"]} == {"Title", "When"}  # not the worked-out date
    assert any(e["subject"].startswith("Step: Notified") for e in entries)


def test_another_organisations_records_are_not_found(inspection, other_liaison):
    with pytest.raises(Http404):
        selectors.inspection_detail(other_liaison, inspection.pk)
    with pytest.raises(Http404):
        selectors.event_for(other_liaison, inspection.events.get().pk)
    assert not selectors.forward_look(other_liaison, dt.date(2022, 4, 1)).coming
