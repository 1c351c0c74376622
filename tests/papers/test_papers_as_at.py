"""A paper about a past period says what was true at the end of it, however often it is drawn.

The demo's record is written as at its own dates (March and July 2022). Each test draws a
paper, then changes the record today in a way a person can — close, extend, re-rate,
reassign, add an update, add a recommendation, correct a recommendation's words, move an
inspection on — through the services, and draws the paper again: nothing in it moves. Runs on
SQLite and on PostgreSQL (the suite's DATABASE_URL).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from oversight.accounts.models import User
from oversight.demo.load import load_demo
from oversight.inspections.dates import read_when
from oversight.inspections.models import Inspection, InspectionStatus, Report
from oversight.inspections.services import inspection_move
from oversight.papers import selectors, services
from oversight.papers.models import Paper
from oversight.recommendations.models import (
    CLOSED_STATUSES,
    Recommendation,
    RecommendationKind,
    Response,
    SignOff,
)
from oversight.recommendations.services import (
    closure_check,
    closure_inspectorate_decision,
    closure_request,
    closure_sign_off,
    closure_submit,
    extension_decide,
    extension_request,
    rag_confirm,
    recommendation_create,
    recommendation_edit,
    response_create,
    responses_reassign,
    update_add,
)

pytestmark = pytest.mark.django_db

MARCH = dt.date(2022, 3, 24)
JULY = dt.date(2022, 7, 28)


@pytest.fixture
def demo():
    load_demo()
    people = {u.username: u for u in User.objects.all()}
    return people


def _paper(held_on: dt.date) -> Paper:
    return Paper.objects.filter(meeting__held_on=held_on).order_by("-version").first()


def _drawn(paper: Paper) -> tuple[dict, dict]:
    paper.refresh_from_db()
    return {s.key: s.text for s in paper.sections.all()}, paper.data


def _response(reference: str) -> Response:
    return Response.objects.get(recommendation__reference=reference)


def _close(response: Response, people: dict) -> None:
    closure = closure_request(
        response=response, actor=people["liaison"], statement="Done, and the evidence is on file."
    )
    closure = closure_check(closure=closure, actor=people["liaison"])
    if response.sign_off == SignOff.INSPECTORATE:
        closure = closure_submit(closure=closure, actor=people["liaison"])
        closure_inspectorate_decision(closure=closure, actor=people["liaison"], accepted=True)
    else:
        closure_sign_off(closure=closure, actor=people["executive"])


def _change_everything(people: dict) -> None:
    """Today, every kind of change a person makes, each through its service."""
    liaison = people["liaison"]
    r9159 = _response("9159")
    _close(r9159, people)
    assert _response("9159").is_closed

    open_ones = [r for r in Response.objects.exclude(pk=r9159.pk) if not r.is_closed]
    extended, rerated, updated = open_ones[0], open_ones[1], open_ones[2]
    due = extended.due_on or dt.date(2022, 12, 31)
    extension = extension_request(
        response=extended, actor=liaison, proposed_due_on=due + dt.timedelta(days=400),
        reason="The new system goes live next year.",
    )  # fmt: skip
    extension_decide(extension=extension, actor=people["executive"], approve=True)

    rerated.refresh_from_db()
    new_rag = "red" if rerated.rag != "red" else "green"
    rag_confirm(response=rerated, actor=liaison, rag=new_rag, expected_version=rerated.version)

    owner = updated.owner
    stand_in = next(u for u in User.objects.filter(role="owner") if u != owner)
    responses_reassign(
        organisation=updated.organisation, from_owner=owner, to_owner=stand_in, actor=liaison
    )
    # an update written today about the period, dated inside it
    update_add(
        response=Response.objects.get(pk=updated.pk),
        author=liaison,
        written_on=JULY - dt.timedelta(days=3),
        narrative="Written later, about July: this must not appear in a paper about July.",
        proposed_rag="green",
    )
    # a recommendation added today to a report published in the period
    report = Report.objects.filter(published_on__lte=JULY, organisation__isnull=False).latest(
        "published_on"
    )
    added = recommendation_create(
        report=report,
        kind=RecommendationKind.RECOMMENDATION,
        text="Added later: the force should do something new.",
        reference="99999",
        actor=liaison,
    )
    response_create(
        organisation=report.organisation, recommendation=added, owner=owner, actor=liaison
    )
    # a recommendation's words corrected today
    corrected = Recommendation.objects.get(reference="9159")
    recommendation_edit(
        recommendation=corrected,
        actor=liaison,
        expected_version=corrected.version,
        report=corrected.report,
        kind=corrected.kind,
        text="Corrected later: words that were not the words in July.",
        reference=corrected.reference,
        theme=corrected.theme,
        audience=corrected.audience,
        deadline_text=corrected.deadline_text,
        cause_of_concern=corrected.cause_of_concern,
    )
    # an inspection moved on today
    notified = Inspection.objects.filter(status=InspectionStatus.NOTIFIED).first()
    if notified is not None:
        inspection_move(
            inspection=notified,
            actor=liaison,
            expected_version=notified.version,
            status=InspectionStatus.CANCELLED,
            when=read_when("today", reference=dt.date.today()),
            note="Cancelled later.",
        )


def test_the_july_paper_drawn_again_after_every_kind_of_change_says_the_same(demo):
    july = _paper(JULY)
    sections, data = _drawn(july)
    assert "9159" in sections["peel"]  # the causes of concern are told in the PEEL section
    _change_everything(demo)

    services.paper_regenerate(paper=july, actor=demo["liaison"])
    again, again_data = _drawn(july)
    assert again == sections
    assert again_data == data
    text = "\n".join(again.values())
    assert "Written later" not in text
    assert "Added later" not in text
    assert "Corrected later" not in text
    assert "Cancelled later" not in text
    assert _response("9159").is_closed
    assert data["responses"][str(_response("9159").pk)]["status"] not in CLOSED_STATUSES


def test_a_new_version_of_the_issued_march_paper_says_what_the_issued_one_said(demo):
    march = _paper(MARCH)
    issued, _ = _drawn(march)
    _change_everything(demo)
    draft = services.paper_new_version(paper=march, actor=demo["liaison"])
    again, _ = _drawn(draft)
    assert again == issued


def test_the_facts_as_at_the_end_of_a_period_leave_out_what_came_after(demo):
    """The facts at the end of the July period, drawn before and after: each response's
    status, RAG, due date, owner and latest update stay as they stood."""
    meeting = _paper(JULY).meeting
    start = MARCH
    before = selectors.paper_facts(meeting, start, JULY)
    _change_everything(demo)
    after = selectors.paper_facts(meeting, start, JULY)
    assert after == before
    # the same facts drawn as at today do see the changes: the record did change
    today = selectors.paper_facts(meeting, start, dt.date.today())
    assert today["responses"] != before["responses"]
    assert len(today["responses"]) == len(before["responses"]) + 1


def test_the_paper_page_says_as_at_which_day_and_what_came_later(demo):
    client = Client()
    client.force_login(demo["liaison"])
    page = client.get(f"/papers/{_paper(JULY).pk}/").content.decode()
    assert "As at" in page and "28 July 2022" in page
    assert "what is changed or added after it is not in this paper" in page
    assert "entered in Oversight after" not in page
    _change_everything(demo)
    page = client.get(f"/papers/{_paper(JULY).pk}/").content.decode()
    assert "1 recommendation was entered in Oversight after 28 July 2022" in page


def test_the_demo_history_is_dated_as_the_force_would_have_entered_it(demo):
    r9159 = _response("9159")
    first = r9159.history.order_by("history_date").first()
    assert first.history_date.date() == r9159.recommendation.report.published_on
    assert _paper(MARCH).issued_at.date() == MARCH - dt.timedelta(days=14)


def test_peel_grades_recorded_reach_the_paper_as_they_stood_at_its_period(demo):
    """Grades recorded for the PEEL inspection are in the paper's PEEL paragraph (#17.4);
    grades corrected after the period do not move it. The demo records none (no published
    source gives them in the papers): these are the test's own."""
    from oversight.clock import recorded_at
    from oversight.inspections.models import PeelAssessment
    from oversight.inspections.services import peel_assessment_edit

    liaison = demo["liaison"]
    assessment = PeelAssessment.objects.get(inspection__title="2021 PEEL inspection")
    areas = list(assessment.cycle.areas.filter(graded=True).order_by("position")[:2])

    def grade(values, when):
        with recorded_at(when):
            current = PeelAssessment.objects.get(pk=assessment.pk)
            peel_assessment_edit(
                assessment=current, actor=liaison, expected_version=current.version,
                grades={a.pk: v for a, v in zip(areas, values, strict=True)},
                inspection=current.inspection, report=current.report,
                published_on=current.published_on, summary=current.summary,
            )  # fmt: skip

    from django.utils import timezone

    grade(["good", "adequate"], timezone.make_aware(dt.datetime(2022, 6, 1, 9)))
    july = _paper(JULY)
    services.paper_regenerate(paper=july, actor=liaison)
    sections, _ = _drawn(july)
    assert f"{areas[0].name}: Good" in sections["peel"]
    assert f"{areas[1].name}: Adequate" in sections["peel"]
    grade(["inadequate", "outstanding"], timezone.now())  # corrected today
    services.paper_regenerate(paper=july, actor=liaison)
    again, _ = _drawn(july)
    assert again["peel"] == sections["peel"]
