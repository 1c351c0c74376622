"""An import's plan, as data: what each found item would become (its action, its match,
the changes), the reports and inspections it would make, and the problems that block it.

Built by ingest.planning.build_plan; shown by the preview; carried out by
ingest.services.confirm. Only data and its own small questions: no database reads here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from oversight.ingest.extraction import (
    Extraction,
    FoundInspection,
    FoundRecommendation,
    FoundReport,
    ItemKind,
    RowProblem,
)
from oversight.ingest.models import ImportBatch
from oversight.inspections.choices import InspectionKind
from oversight.recommendations.choices import RecommendationKind

if TYPE_CHECKING:
    from oversight.accounts.models import Board, Organisation, Portfolio, User
    from oversight.inspections.models import Inspection, Report
    from oversight.recommendations.models import Recommendation, Response

# Plan actions for one found recommendation
CREATE = "create"  # a new recommendation and this organisation's response
TAKE_ON = "take_on"  # the recommendation exists (e.g. national): open our response to it
UPDATE = "update"  # our response exists and the file changes it
UNCHANGED = "unchanged"  # our response exists and the file says nothing new
NOT_IMPORTED = "not_imported"  # promising practice, or a repeat within the file

ACTION_LABELS = {
    CREATE: "To be created",
    TAKE_ON: "Existing recommendation: our response will be opened",
    UPDATE: "Will be updated",
    UNCHANGED: "No change",
    NOT_IMPORTED: "Not imported",
}


@dataclass
class PlannedUpdate:
    written_on: dt.date
    narrative: str
    undated: bool = False  # the file gives no date: imported as such, dated the day of import


@dataclass
class PlannedRecommendation:
    index: int
    found: FoundRecommendation
    action: str
    recommendation: Recommendation | None = None  # the match
    response: Response | None = None  # our existing response to the match
    how: str = ""  # how it matched, in words
    kind: str = RecommendationKind.RECOMMENDATION
    report_key: str = ""  # key into Plan.reports
    owner: User | None = None
    rag: str | None = None  # what the file says, in our values (None: says nothing)
    status: str | None = None
    due_on: dt.date | None = None  # a due date to set on our response (revised)
    portfolio: Portfolio | None = None
    board: Board | None = None
    updates: list[PlannedUpdate] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # for a match: what changes, in words
    notes: list[str] = field(default_factory=list)  # what was not understood

    @property
    def row(self) -> int | None:
        return self.found.row

    @property
    def label(self) -> str:
        found = self.found
        if found.reference:
            return found.reference
        if found.number:
            return f"No. {found.number}"
        return "–"

    @property
    def kind_label(self) -> str:
        if self.kind in RecommendationKind.values:
            return str(RecommendationKind(self.kind).label)
        return "Promising practice" if self.kind == ItemKind.PROMISING_PRACTICE else self.kind

    def as_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "row": self.row,
            "reference": self.found.reference,
            "action": self.action,
            "matches": self.recommendation.pk if self.recommendation else None,
            "response": self.response.pk if self.response else None,
            "how": self.how or None,
            "owner": self.owner.username if self.owner else None,
            "changes": self.changes,
            "notes": self.notes,
        }


@dataclass
class PlannedReport:
    key: str
    title: str
    report: Report | None  # the existing report, or None: to be created
    published_on: dt.date | None = None
    found: FoundReport | None = None

    @property
    def action(self) -> str:
        return UNCHANGED if self.report else CREATE

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "action": "existing" if self.report else CREATE,
            "matches": self.report.pk if self.report else None,
        }


@dataclass
class PlannedInspection:
    index: int
    found: FoundInspection
    inspection: Inspection | None  # the existing inspection, or None: to be created
    how: str = ""
    kind: str = InspectionKind.OTHER
    participants: list[tuple[Organisation, str]] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)  # participants named, not recognised

    @property
    def action(self) -> str:
        return UNCHANGED if self.inspection else CREATE

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.found.title,
            "action": "existing" if self.inspection else CREATE,
            "matches": self.inspection.pk if self.inspection else None,
            "how": self.how or None,
            "participants_not_recognised": self.not_found,
        }


@dataclass
class Plan:
    extraction: Extraction
    organisation: Organisation
    recommendations: list[PlannedRecommendation] = field(default_factory=list)
    reports: dict[str, PlannedReport] = field(default_factory=dict)
    inspections: list[PlannedInspection] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)  # stop any import, whatever is skipped
    already: ImportBatch | None = None  # the same file, imported before

    @property
    def about(self) -> str | None:
        """The force or service the document is about, where it names one."""
        return self.extraction.source.about

    @property
    def about_someone_else(self) -> str | None:
        """A warning when the document is about another force or service than the importer's."""
        about = self.about
        if about is None or _same_organisation(about, self.organisation):
            return None
        return (
            f"This document is about {about}, not {self.organisation.name}. Check it is the "
            f"right file: what you import goes into {self.organisation.name}’s record."
        )

    def with_action(self, *actions: str) -> list[PlannedRecommendation]:
        return [p for p in self.recommendations if p.action in actions]

    @property
    def to_create(self) -> list[PlannedRecommendation]:
        return self.with_action(CREATE)

    @property
    def matched(self) -> list[PlannedRecommendation]:
        return self.with_action(TAKE_ON, UPDATE, UNCHANGED)

    @property
    def not_imported(self) -> list[PlannedRecommendation]:
        return self.with_action(NOT_IMPORTED)

    @property
    def reports_to_create(self) -> list[PlannedReport]:
        return [r for r in self.reports.values() if r.report is None]

    @property
    def inspections_to_create(self) -> list[PlannedInspection]:
        return [i for i in self.inspections if i.inspection is None]

    @property
    def problem_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})

    def blocking_rows(self, skip_rows) -> list[int]:
        skipped = {int(r) for r in skip_rows}
        return [r for r in self.problem_rows if r not in skipped]

    @property
    def has_changes(self) -> bool:
        return bool(
            self.with_action(CREATE, TAKE_ON, UPDATE)
            or self.reports_to_create
            or self.inspections_to_create
        )

    def counts(self) -> dict[str, int]:
        return {
            "to_create": len(self.to_create),
            "to_take_on": len(self.with_action(TAKE_ON)),
            "to_update": len(self.with_action(UPDATE)),
            "unchanged": len(self.with_action(UNCHANGED)),
            "not_imported": len(self.not_imported),
            "reports_to_create": len(self.reports_to_create),
            "inspections_to_create": len(self.inspections_to_create),
            "row_problems": len(self.problem_rows),
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "organisation": self.organisation.name,
            "about": self.about,
            "about_warning": self.about_someone_else,
            "already_imported": (
                {
                    "on": self.already.decided_at.isoformat() if self.already.decided_at else None,
                    "batch": self.already.pk,
                }
                if self.already
                else None
            ),
            "counts": self.counts(),
            "recommendations": [p.as_json() for p in self.recommendations],
            "reports": [r.as_json() for r in self.reports.values()],
            "inspections": [i.as_json() for i in self.inspections],
            "row_problems": [
                {"row": p.row, "column": p.column, "reason": p.reason} for p in self.problems
            ],
            "warnings": self.warnings,
            "blockers": self.blockers,
        }


def _same_organisation(name: str, organisation: Organisation) -> bool:
    names = {organisation.name, organisation.short_name, *(organisation.aliases or [])}
    return name.casefold() in {n.casefold() for n in names if n}
