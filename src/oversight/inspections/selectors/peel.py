"""Reading PEEL: the cycles, this organisation's assessments, and its grades compared across
cycles (question areas lined up by theme, since their wording changes)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from oversight.accounts.models import User
from oversight.accounts.policies import organisation_id_of
from oversight.inspections.models import (
    Grade,
    PeelAssessment,
    PeelCycle,
    PeelGrade,
    PeelQuestionArea,
)

# Best first: a higher number is a better grade.
RANK = {
    Grade.OUTSTANDING: 5,
    Grade.GOOD: 4,
    Grade.ADEQUATE: 3,
    Grade.REQUIRES_IMPROVEMENT: 2,
    Grade.INADEQUATE: 1,
}


def cycles() -> QuerySet[PeelCycle]:
    return PeelCycle.objects.prefetch_related(
        Prefetch("areas", queryset=PeelQuestionArea.objects.order_by("position"))
    ).order_by("starts_on")


def assessments_for(user: User) -> QuerySet[PeelAssessment]:
    return (
        PeelAssessment.objects.filter(organisation_id=organisation_id_of(user))
        .select_related("cycle", "inspection", "report")
        .prefetch_related(Prefetch("grades", queryset=PeelGrade.objects.select_related("area")))
        .order_by("cycle__starts_on")
    )


def assessment_for(user: User, pk: int) -> PeelAssessment:
    return get_object_or_404(assessments_for(user), pk=pk)


@dataclass(frozen=True)
class Cell:
    text: str  # always words: the grade, or why there is none
    grade: str = ""
    area_name: str = ""  # the area's wording in this cycle
    change: str = ""  # e.g. "up from Adequate"


@dataclass
class Row:
    theme: str
    label: str
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Comparison:
    cycles: list[PeelCycle]
    assessments: dict[int, PeelAssessment]
    rows: list[Row]


def _change(previous: str, grade: str) -> str:
    if not previous or not grade or previous == grade:
        return ""
    direction = "up" if RANK[Grade(grade)] > RANK[Grade(previous)] else "down"
    return f"{direction} from {Grade(previous).label}"


def comparison(user: User) -> Comparison:
    """One row per question theme, one column per cycle, every cell in words."""
    all_cycles = list(cycles())
    assessments = {a.cycle_id: a for a in assessments_for(user)}
    themes: dict[str, str] = {}
    for cycle in reversed(all_cycles):  # the latest wording names the row
        for area in cycle.areas.all():
            themes.setdefault(area.theme, area.name)
    rows = []
    for theme, label in themes.items():
        row = Row(theme=theme, label=label)
        previous = ""
        for cycle in all_cycles:
            found = next((a for a in cycle.areas.all() if a.theme == theme), None)
            assessment = assessments.get(cycle.pk)
            if found is None:
                row.cells.append(Cell("Not part of this cycle"))
                continue
            area = found
            name = area.name if area.name != label else ""
            if not area.graded:
                row.cells.append(Cell("Not graded in this cycle", area_name=name))
                continue
            if assessment is None:
                row.cells.append(Cell("No assessment recorded", area_name=name))
                continue
            grade = next((g.grade for g in assessment.grades.all() if g.area_id == area.pk), "")
            if not grade:
                row.cells.append(Cell("No grade recorded", area_name=name))
                continue
            row.cells.append(Cell(Grade(grade).label, grade, name, _change(previous, grade)))
            previous = grade
        rows.append(row)
    return Comparison(all_cycles, assessments, rows)


@dataclass(frozen=True)
class LatestGrades:
    """The organisation's latest PEEL assessment, one line per question area, in words."""

    cycle: PeelCycle
    assessment: PeelAssessment
    lines: list[tuple[str, Cell]]

    @property
    def graded(self) -> bool:
        return any(cell.grade for _, cell in self.lines)


def latest_grades(user: User) -> LatestGrades | None:
    """The latest cycle the organisation has an assessment for, with each area's grade (and
    its change from the cycle before), or None when no assessment is recorded."""
    compared = comparison(user)
    recorded = [i for i, c in enumerate(compared.cycles) if c.pk in compared.assessments]
    if not recorded:
        return None
    at = recorded[-1]
    cycle = compared.cycles[at]
    lines = [
        (row.cells[at].area_name or row.label, row.cells[at])
        for row in compared.rows
        if row.cells[at].text != "Not part of this cycle"
    ]
    return LatestGrades(cycle, compared.assessments[cycle.pk], lines)
