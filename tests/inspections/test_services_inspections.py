"""Recording inspections and moving them through their lifecycle: every step dated and
audited; bad input refused with a clear message and nothing written; stale saves refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from oversight.accounts.models import Organisation, Role
from oversight.conflicts import EditConflict
from oversight.inspections import services
from oversight.inspections.models import (
    FollowUpAction,
    Inspection,
    InspectionEvent,
    InspectionParticipant,
)
from oversight.inspections.services import Refused
from oversight.rules.partial_dates import PartialDate, Precision
from tests.inspections.conftest import when

pytestmark = pytest.mark.django_db


def history_rows() -> int:
    return sum(
        m.history.count()
        for m in (Inspection, InspectionEvent, InspectionParticipant, FollowUpAction)
    )


def test_recording_an_inspection_dates_its_first_step_and_audits_it(inspection, liaison, hmicfrs):
    assert inspection.status == "notified"
    assert inspection.start_text == "W/C 4th April"
    assert list(inspection.lead_inspectorates.all()) == [hmicfrs]
    (event,) = inspection.events.all()
    assert (event.status, event.on, event.text) == ("notified", dt.date(2022, 3, 1), "March 2022")
    assert event.recorded_by == liaison
    created = inspection.history.earliest()
    assert created.history_user == liaison
    assert created.history_change_reason == "Inspection recorded"


def test_without_a_date_the_first_step_is_dated_today(force, liaison):
    inspection = services.inspection_create(
        organisation=force,
        title="Diversity & Inclusion Workshop",
        kind="workshop",
        start=PartialDate(None, Precision.TBC, "date TBC"),
        actor=liaison,
    )
    assert inspection.start_text == "date TBC" and inspection.start_on is None
    assert inspection.events.get().on is not None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "Enter the title of the inspection"),
        ({"kind": "picnic"}, "Choose what kind of inspection it is"),
        ({"status": "lost"}, "Choose the step the inspection has reached"),
    ],
)
def test_bad_details_are_refused_and_nothing_is_written(force, liaison, changes, message):
    before = history_rows()
    arguments = {
        "organisation": force,
        "title": "A thematic",
        "kind": "national_thematic",
        "start": PartialDate(None, Precision.TBC, ""),
        "actor": liaison,
        **changes,
    }
    with pytest.raises(Refused, match=message):
        services.inspection_create(**arguments)
    assert history_rows() == before
    assert not Inspection.objects.exists()


def test_the_force_itself_cannot_take_part_nor_a_force_lead(force, liaison):
    with pytest.raises(Refused, match="Your own organisation is the one inspected"):
        services.inspection_create(
            organisation=force,
            title="A thematic",
            kind="national_thematic",
            start=PartialDate(None, Precision.TBC, ""),
            participants=[(force, "", "")],
            actor=liaison,
        )
    kent = Organisation.objects.get(name="Kent Police")
    with pytest.raises(Refused, match="Kent Police is not an inspectorate"):
        services.inspection_create(
            organisation=force,
            title="A thematic",
            kind="national_thematic",
            start=PartialDate(None, Precision.TBC, ""),
            lead_inspectorates=[kent],
            actor=liaison,
        )
    assert not Inspection.objects.exists()


@pytest.mark.parametrize("role", [Role.OWNER, Role.EXECUTIVE, Role.VIEWER])
def test_only_the_liaison_records(force, people, role):
    with pytest.raises(PermissionDenied):
        services.inspection_create(
            organisation=force,
            title="A thematic",
            kind="national_thematic",
            start=PartialDate(None, Precision.TBC, ""),
            actor=people[role],
        )


def test_the_liaison_of_another_force_cannot_move_it(inspection, other_liaison):
    with pytest.raises(PermissionDenied):
        services.inspection_move(
            inspection=inspection,
            actor=other_liaison,
            expected_version=None,
            status="scheduled",
            when=when("1 March 2022", dt.date(2022, 3, 1)),
        )


STEPS = [
    ("scheduled", "14 March 2022", dt.date(2022, 3, 14), Precision.DAY),
    ("fieldwork", "W/C 4th April", dt.date(2022, 4, 4), Precision.WEEK),
    ("debriefed", "8 April 2022", dt.date(2022, 4, 8), Precision.DAY),
    ("awaiting_report", "May 2022", dt.date(2022, 5, 1), Precision.MONTH),
    ("published", "summer 2022", dt.date(2022, 6, 1), Precision.SEASON),
]


def test_each_move_through_the_lifecycle_is_dated_and_audited(inspection, liaison):
    for status, text, on, precision in STEPS:
        event = services.inspection_move(
            inspection=inspection,
            actor=liaison,
            expected_version=inspection.version,
            status=status,
            when=when(text, on, precision),
            note=f"Note on {status}",
        )
        inspection.refresh_from_db()
        assert inspection.status == status
        assert (event.status, event.on, event.text, event.note) == (
            status,
            on,
            text,
            f"Note on {status}",
        )
        latest = inspection.history.latest()
        assert latest.history_user == liaison
        assert latest.history_change_reason.startswith("Moved to ")
        assert text in latest.history_change_reason
    assert [e.status for e in inspection.events.all()] == [
        "notified",
        *[s for s, *_ in STEPS],
    ]
    assert inspection.debrief_on == dt.date(2022, 4, 8)
    assert inspection.version == 1 + len(STEPS)


def test_a_step_may_be_skipped_or_the_inspection_cancelled(inspection, liaison):
    services.inspection_move(
        inspection=inspection,
        actor=liaison,
        expected_version=None,
        status="cancelled",
        when=when("2 April 2022", dt.date(2022, 4, 2)),
    )
    inspection.refresh_from_db()
    assert inspection.status == "cancelled"
    with pytest.raises(Refused, match="it has no next step"):
        services.inspection_move(
            inspection=inspection,
            actor=liaison,
            expected_version=None,
            status="fieldwork",
            when=when("", None, Precision.TBC),
        )


def test_moving_back_is_refused_and_nothing_is_written(inspection, liaison):
    services.inspection_move(
        inspection=inspection,
        actor=liaison,
        expected_version=None,
        status="fieldwork",
        when=when("W/C 4th April", dt.date(2022, 4, 4), Precision.WEEK),
    )
    before = history_rows()
    with pytest.raises(Refused, match="can move only to: debriefed, awaiting report"):
        services.inspection_move(
            inspection=inspection,
            actor=liaison,
            expected_version=None,
            status="scheduled",
            when=when("5 April 2022", dt.date(2022, 4, 5)),
        )
    assert history_rows() == before
    assert Inspection.objects.get().status == "fieldwork"


def test_a_step_dated_before_the_one_before_it_is_refused(inspection, liaison):
    before = history_rows()
    with pytest.raises(Refused, match=r"before the step before it \(Notified, March 2022\)"):
        services.inspection_move(
            inspection=inspection,
            actor=liaison,
            expected_version=None,
            status="fieldwork",
            when=when("January 2022", dt.date(2022, 1, 1), Precision.MONTH),
        )
    assert history_rows() == before


def test_a_stale_move_is_a_conflict_naming_what_changed(inspection, liaison, ofsted):
    stale = inspection.version
    services.inspection_people_set(
        inspection=inspection,
        actor=liaison,
        expected_version=stale,
        lead_inspectorates=[ofsted],
        participants=[],
        participants_note="",
        force_lead=None,
        hmicfrs_contact="Sam at HMICFRS",
    )
    with pytest.raises(EditConflict) as caught:
        services.inspection_edit(
            inspection=inspection,
            actor=liaison,
            expected_version=stale,
            title="Digital forensics",
            kind="national_thematic",
            summary="",
            start=inspection.start,
            end=None,
        )
    changes = {c["field"]: (c["old"], c["new"]) for c in caught.value.changes}
    assert changes["HMICFRS liaison contact"] == ("(blank)", "Sam at HMICFRS")
    assert changes["Lead inspectorates"][1] == ofsted.name
    assert Inspection.objects.get().title == "Thematic Inspection of Digital Forensics"


def test_who_takes_part_is_kept_in_step_with_the_form(inspection, liaison, people):
    kent = Organisation.objects.get(name="Kent Police")
    met = Organisation.objects.get(name="Metropolitan Police Service")
    services.inspection_people_set(
        inspection=inspection,
        actor=liaison,
        expected_version=inspection.version,
        lead_inspectorates=[],
        participants=[(kent, "Kent", ""), (met, "", "South Central BCU")],
        participants_note="Chosen for their VRUs",
        force_lead=people[Role.OWNER],
        hmicfrs_contact="",
    )
    inspection.refresh_from_db()
    assert [str(p) for p in inspection.participants.all()] == [
        "Kent",
        "Metropolitan Police Service (South Central BCU)",
    ]
    assert inspection.force_lead == people[Role.OWNER]
    services.inspection_people_set(
        inspection=inspection,
        actor=liaison,
        expected_version=inspection.version,
        lead_inspectorates=[],
        participants=[(met, "The Met", "South Central BCU")],
        participants_note="",
        force_lead=None,
        hmicfrs_contact="",
    )
    assert [str(p) for p in inspection.participants.all()] == ["The Met (South Central BCU)"]
    removed = InspectionParticipant.history.filter(history_type="-").get()
    assert removed.organisation_id == kent.pk and removed.history_user == liaison


def test_our_lead_must_be_one_of_our_people(inspection, liaison, other_liaison):
    with pytest.raises(Refused, match="Choose our lead from the people in your organisation"):
        services.inspection_people_set(
            inspection=inspection,
            actor=liaison,
            expected_version=inspection.version,
            lead_inspectorates=[],
            participants=[],
            participants_note="",
            force_lead=other_liaison,
            hmicfrs_contact="",
        )


def test_the_hot_debrief_is_kept_as_lists(inspection, liaison):
    services.inspection_debrief_record(
        inspection=inspection,
        actor=liaison,
        expected_version=inspection.version,
        strengths="Cloud storage capability\n\n  Warwickshire collaboration  \n",
        areas_to_consider=["Retention of staff", ""],
        notes="They will seek our help to write the report.",
    )
    inspection.refresh_from_db()
    assert inspection.debrief_strengths == [
        "Cloud storage capability",
        "Warwickshire collaboration",
    ]
    assert inspection.debrief_areas_to_consider == ["Retention of staff"]
    with pytest.raises(Refused, match="Enter at least one strength"):
        services.inspection_debrief_record(
            inspection=inspection,
            actor=liaison,
            expected_version=inspection.version,
            strengths="\n",
            areas_to_consider="",
            notes=" ",
        )


def test_follow_up_actions_keep_their_due_date_as_written(inspection, liaison):
    action = services.action_add(
        inspection=inspection,
        actor=liaison,
        text="Statement of proposed actions to Ofsted",
        owner="Solihull Local Authority",
        due=when("by May 2022", dt.date(2022, 5, 1), Precision.MONTH),
    )
    assert (action.due_text, action.due_on, action.done) == (
        "by May 2022",
        dt.date(2022, 5, 1),
        False,
    )
    services.action_edit(
        action=action,
        actor=liaison,
        expected_version=action.version,
        text=action.text,
        owner=action.owner,
        due=action.due,
        done=True,
    )
    action.refresh_from_db()
    assert action.done and action.done_on is not None
    assert action.history.latest().history_change_reason == "Follow-up action done"
    with pytest.raises(Refused, match="Enter what is to be done"):
        services.action_add(inspection=inspection, actor=liaison, text="  ")


def test_correcting_a_step_keeps_it_between_its_neighbours(inspection, liaison):
    services.inspection_move(
        inspection=inspection,
        actor=liaison,
        expected_version=None,
        status="fieldwork",
        when=when("W/C 4th April", dt.date(2022, 4, 4), Precision.WEEK),
    )
    notified = inspection.events.get(status="notified")
    with pytest.raises(Refused, match="after the step that follows it"):
        services.inspection_step_edit(
            event=notified,
            actor=liaison,
            when=when("1 May 2022", dt.date(2022, 5, 1)),
            note="",
        )
    services.inspection_step_edit(
        event=notified,
        actor=liaison,
        when=when("21 March 2022", dt.date(2022, 3, 21)),
        note="Letter",
    )
    notified.refresh_from_db()
    assert (notified.on, notified.note) == (dt.date(2022, 3, 21), "Letter")
