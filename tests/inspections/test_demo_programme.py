"""The demo's inspection programme holds what sections 2–4 of both papers say: the dated steps,
the JTAI follow-up action, the Spring Data Request, and a forward look for April 2022 that lists
exactly what the March 2022 paper lists as notified."""

from __future__ import annotations

import datetime as dt

import pytest

from oversight.accounts.models import User
from oversight.demo.load import load_demo
from oversight.inspections import selectors
from oversight.inspections.models import Engagement, Inspection, PeelAssessment

pytestmark = pytest.mark.django_db

# March 2022, section 3: "We have received notifications of several further inspections from
# April 2022 onwards for:" (the stop and search super-complaint is recorded under the July
# paper's fuller title).
NOTIFIED_IN_MARCH = {
    "Thematic Inspection of Digital Forensics": "W/C 4th April",
    "Police Super-complaint: Police use of Section 60 stop and search powers": "W/C 18th April",
    "Diversity & Inclusion Workshop": "April – Date TBC",
    "Thematic Inspection – Criminal Justice Outcomes": "May – Date TBC",
    "Thematic Inspection of ROCU": "October – Date TBC",
}


@pytest.fixture
def viewer(db):
    load_demo()
    return User.objects.get(username="viewer")


def test_the_forward_look_for_april_2022_is_the_march_papers_list(viewer):
    look = selectors.forward_look(viewer, dt.date(2022, 4, 1))
    assert {r.inspection.title: r.inspection.when for r in look.coming} == NOTIFIED_IN_MARCH
    assert {r.status for r in look.coming} == {"notified"}
    assert look.date_passed == [] and look.fieldwork == []
    # March 2022, section 4: the two reports published since the last JAC.
    assert [r.published_on for r in look.published] == [dt.date(2022, 2, 21), dt.date(2022, 2, 24)]


def test_digital_forensics_is_in_fieldwork_that_week_then_debriefed(viewer):
    title = "Thematic Inspection of Digital Forensics"
    that_week = selectors.forward_look(viewer, dt.date(2022, 4, 5))
    assert [r.inspection.title for r in that_week.fieldwork] == [title]
    assert title not in {r.inspection.title for r in that_week.coming}
    # Fieldwork and hot debrief are both written "W/C 4th April": the debrief closes the week.
    forensics = Inspection.objects.get(title=title)
    assert selectors.status_as_of(forensics, dt.date(2022, 4, 9)) == "fieldwork"
    assert selectors.status_as_of(forensics, dt.date(2022, 4, 10)) == "debriefed"


def test_the_forward_look_for_the_july_2022_meeting(viewer):
    look = selectors.forward_look(viewer, dt.date(2022, 7, 28))
    assert [r.inspection.title for r in look.coming] == [
        "Force Management Statement",
        "Thematic Inspection of ROCU",
    ]
    # The July paper does not mention these again: they stay notified, their dates passed.
    assert {r.inspection.title for r in look.date_passed} == {
        "Diversity & Inclusion Workshop",
        "Thematic Inspection – Criminal Justice Outcomes",
    }
    # "Since the last JAC, there have been no new reports published by HMICFRS"
    assert look.published == []


def test_every_inspection_ends_at_its_status_with_dated_steps(viewer):
    for inspection in Inspection.objects.prefetch_related("events"):
        steps = list(inspection.events.all())
        assert steps, inspection.title
        assert steps[-1].status == inspection.status, inspection.title
        assert all(step.on is not None for step in steps), inspection.title
    forensics = Inspection.objects.get(title="Thematic Inspection of Digital Forensics")
    assert [(e.status, e.text) for e in forensics.events.all()] == [
        ("notified", "March 2022"),
        ("fieldwork", "W/C 4th April"),
        ("debriefed", "W/C 4th April"),
    ]
    jtai = Inspection.objects.get(kind="jtai")
    assert [(e.status, e.on) for e in jtai.events.all()] == [
        ("fieldwork", dt.date(2022, 1, 1)),
        ("published", dt.date(2022, 2, 21)),
    ]


def test_the_jtai_statement_of_proposed_actions_is_due_to_ofsted_by_may_2022(viewer):
    action = Inspection.objects.get(kind="jtai").actions.get()
    assert "statement of proposed actions" in action.text and "Ofsted" in action.text
    assert action.owner == "Solihull Local Authority"
    assert (action.due_text, action.due_on, action.done) == (
        "by May 2022",
        dt.date(2022, 5, 1),
        False,
    )


def test_the_spring_data_request_is_a_data_return_in_the_engagement_log(viewer):
    engagement = Engagement.objects.get()
    assert engagement.kind == "data_return"
    assert engagement.text == "Spring 2022"
    assert engagement.inspection.title == "Spring Data Request"
    assert "performance data for all portfolios" in engagement.summary


def test_peel_2021_22_is_recorded_without_grades_the_papers_do_not_give(viewer):
    assessment = PeelAssessment.objects.get()
    assert assessment.cycle.name == "2021/22"
    assert assessment.inspection.title == "2021 PEEL inspection"
    assert not assessment.grades.exists()
