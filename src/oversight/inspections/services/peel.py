"""Recording this organisation's PEEL assessment in a cycle, and its grades."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import transaction

from oversight import audit
from oversight.accounts.models import Organisation, User
from oversight.conflicts import bump
from oversight.inspections.models import (
    Grade,
    Inspection,
    PeelAssessment,
    PeelCycle,
    PeelGrade,
    Report,
)
from oversight.inspections.services.access import checked, require_liaison
from oversight.inspections.services.inspections import Refused


def _check_links(
    organisation: Organisation, inspection: Inspection | None, report: Report | None
) -> None:
    if inspection is not None and inspection.organisation_id != organisation.pk:
        raise Refused("Choose an inspection of your organisation", "inspection")
    if report is not None and report.organisation_id not in (None, organisation.pk):
        raise Refused("Choose a report about your organisation", "report")


def _set_grades(assessment: PeelAssessment, grades: Mapping[int, str], actor: User | None) -> int:
    """Write the grade of each area named in `grades` ({area id: grade or ""}); returns how
    many changed. Areas of another cycle, unknown grades and grades for ungraded areas are
    refused."""
    areas = {a.pk: a for a in assessment.cycle.areas.all()}
    existing = {g.area_id: g for g in assessment.grades.all()}
    changed = 0
    for area_id, grade in grades.items():
        area = areas.get(int(area_id))
        if area is None:
            raise Refused(f"That question area is not part of PEEL {assessment.cycle.name}")
        grade = grade or ""
        if grade and grade not in Grade.values:
            raise Refused(f"Choose a grade for {area.name} from the list", f"area_{area.pk}")
        if grade and not area.graded:
            raise Refused(
                f"{area.name} is not graded in PEEL {assessment.cycle.name}", f"area_{area.pk}"
            )
        row = existing.get(area.pk)
        if row is None:
            if not grade:
                continue
            row = PeelGrade(assessment=assessment, area=area)
        elif row.grade == grade:
            continue
        row.grade = grade
        label = Grade(grade).label if grade else "not graded"
        audit.save(row, actor=actor, reason=f"{area.name}: {label}")
        changed += 1
    return changed


@transaction.atomic
def peel_assessment_create(
    *,
    organisation: Organisation,
    cycle: PeelCycle,
    actor: User | None,
    grades: Mapping[int, str] | None = None,
    inspection: Inspection | None = None,
    report: Report | None = None,
    published_on: dt.date | None = None,
    summary: str = "",
) -> PeelAssessment:
    """Record the organisation's assessment in a cycle (one per cycle), with its grades."""
    require_liaison(actor, organisation.pk)
    if PeelAssessment.objects.filter(organisation=organisation, cycle=cycle).exists():
        raise Refused(
            f"There is already an assessment for PEEL {cycle.name}: change its grades instead",
            "cycle",
        )
    _check_links(organisation, inspection, report)
    assessment = PeelAssessment(
        organisation=organisation,
        cycle=cycle,
        inspection=inspection,
        report=report,
        published_on=published_on,
        summary=summary.strip(),
    )
    audit.save(assessment, actor=actor, reason=f"PEEL {cycle.name} assessment recorded")
    _set_grades(assessment, grades or {}, actor)
    return assessment


@transaction.atomic
def peel_assessment_edit(
    *,
    assessment: PeelAssessment,
    actor: User,
    expected_version: int | None,
    grades: Mapping[int, str],
    inspection: Inspection | None,
    report: Report | None,
    published_on: dt.date | None,
    summary: str,
) -> PeelAssessment:
    """Record or correct the grades, and what the assessment came from."""
    require_liaison(actor, assessment.organisation_id)
    _check_links(assessment.organisation, inspection, report)
    current = checked(assessment, expected_version)
    current.inspection, current.report = inspection, report
    current.published_on, current.summary = published_on, summary.strip()
    _set_grades(current, grades, actor)
    return audit.save(bump(current), actor=actor, reason="PEEL assessment edited")
