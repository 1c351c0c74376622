"""Load the demo's inspection programme beyond the inspections themselves: the dated steps of
each inspection, follow-up actions, the engagement log and the PEEL assessment.

Called by :mod:`oversight.demo.load` inside its transaction, through the services.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from oversight.demo.facts import InspectionFact
from oversight.demo.facts_inspections import ENGAGEMENTS, PEEL_ASSESSMENTS
from oversight.inspections.choices import Grade
from oversight.inspections.dates import read_when
from oversight.inspections.models import Inspection, PeelCycle, PeelQuestionArea
from oversight.inspections.peel_data import load_peel_cycles
from oversight.inspections.services import (
    action_add,
    engagement_record,
    inspection_move,
    peel_assessment_create,
)

if TYPE_CHECKING:
    from oversight.demo.load import _Loader


def first_step(fact: InspectionFact) -> dict:
    """The arguments of inspection_create for the step an inspection was first recorded at."""
    if not fact.steps:
        return {"status": fact.status}
    step = fact.steps[0]
    return {"status": step.status, "status_when": step.when, "status_note": step.note}


def later_steps(loader: _Loader, fact: InspectionFact, inspection: Inspection) -> None:
    """Move the inspection through the rest of its dated steps, and add its actions."""
    for step in fact.steps[1:]:
        inspection_move(
            inspection=inspection,
            actor=loader.actor,
            expected_version=None,
            status=step.status,
            when=step.when,
            note=step.note,
        )
    inspection.refresh_from_db()
    if inspection.status != fact.status:
        raise ValueError(f"{fact.key}: its steps end at {inspection.status}, not {fact.status}")
    for action in fact.actions:
        action_add(
            inspection=inspection,
            actor=loader.actor,
            text=action.text,
            owner=action.owner,
            due=read_when(action.due, reference=fact.start.on or dt.date(2022, 1, 1)),
        )


def load_programme(loader: _Loader) -> None:
    # The PEEL cycles come with a migration; a flushed test database lacks them.
    load_peel_cycles(PeelCycle, PeelQuestionArea)
    for fact in ENGAGEMENTS:
        engagement_record(
            organisation=loader.force,
            actor=loader.actor,
            kind=fact.kind,
            when=fact.when,
            subject=fact.subject,
            with_whom=fact.with_whom,
            summary=fact.summary,
            inspection=loader.inspections[fact.inspection] if fact.inspection else None,
        )
    for fact in PEEL_ASSESSMENTS:
        cycle = PeelCycle.objects.get(slug=fact.cycle)
        areas = {a.theme: a.pk for a in cycle.areas.all()}
        peel_assessment_create(
            organisation=loader.force,
            cycle=cycle,
            actor=loader.actor,
            inspection=loader.inspections[fact.inspection] if fact.inspection else None,
            summary=fact.summary,
            grades={areas[theme]: Grade(grade) for theme, grade in fact.grades},
        )
