"""Extractions built by hand, in the shape the readers give, and a stand-in reader."""

from __future__ import annotations

import datetime as dt
import hashlib
import types
from collections.abc import Callable

from oversight.ingest.extraction import (
    ColumnMapping,
    Extraction,
    FoundInspection,
    FoundRecommendation,
    FoundReport,
    ItemKind,
    RowProblem,
    Source,
    SourceKind,
    StatusEvent,
)

HEADERS = ["Ref", "Recommendation", "Report", "Owner", "Due date", "RAG", "Status", "Update"]
FIELDS = [
    "reference",
    "text",
    "report_title",
    "owner",
    "due_date",
    "rag",
    "status",
    "progress",
]

REPORT = "Understanding the difference: the initial police response to hate crime"


def row(number: int, reference: str | None, text: str, **fields) -> FoundRecommendation:
    return FoundRecommendation(
        kind=fields.pop("kind", ItemKind.RECOMMENDATION),
        text=text,
        reference=reference,
        report_title=fields.pop("report_title", REPORT),
        row=number,
        **fields,
    )


def tracker(
    rows: list[FoundRecommendation],
    *,
    data: bytes = b"",
    problems: list[RowProblem] = (),
    warnings: list[str] = (),
    columns: list[ColumnMapping] | None = None,
    name: str = "tracker.csv",
) -> Extraction:
    return Extraction(
        source=Source(
            path=name,
            sha256=hashlib.sha256(data).hexdigest(),
            kind=SourceKind.TRACKER,
            format=name.rsplit(".", 1)[-1],
            name=name,
        ),
        recommendations=list(rows),
        row_problems=list(problems),
        warnings=list(warnings),
        columns=columns
        if columns is not None
        else [ColumnMapping(h, i, f) for i, (h, f) in enumerate(zip(HEADERS, FIELDS, strict=True))],
    )


def committee_paper(name: str = "jac-paper.txt") -> Extraction:
    return Extraction(
        source=Source(name, "0" * 64, SourceKind.COMMITTEE_PAPER, "txt", name),
        recommendations=[
            FoundRecommendation(
                kind=ItemKind.CAUSE_OF_CONCERN,
                text="The force is not doing enough to protect vulnerable people.",
                reference="C1",
                theme="Vulnerability",
                report_title="PEEL 2021/22: an inspection of the force",
            ),
            FoundRecommendation(
                kind=ItemKind.RECOMMENDATION,
                text="Within six months the force should review its safeguarding referrals.",
                reference="9301",
                theme="Vulnerability",
                deadline_text="Within six months",
                report_title="PEEL 2021/22: an inspection of the force",
                cause_of_concern="C1",
                status_history=[
                    StatusEvent(dt.date(2022, 5, 3), "3rd May 2022", "in-progress", "Plan agreed"),
                ],
            ),
            FoundRecommendation(
                kind=ItemKind.PROMISING_PRACTICE,
                text="The force's neighbourhood teams use problem-solving well.",
            ),
        ],
        inspections=[
            FoundInspection(
                title="Vetting, misconduct and misogyny",
                kind="national_thematic",
                when_text="W/C 4th April",
                start=dt.date(2022, 4, 4),
                precision="week",
                participants=["Thames Valley Police", "Nowhere Constabulary"],
            )
        ],
        reports=[
            FoundReport(
                title="PEEL 2021/22: an inspection of the force",
                published_on=dt.date(2022, 3, 1),
                published_text="1 March 2022",
                findings=["The force is good at investigating crime."],
            )
        ],
        warnings=["The date of the JTAI was not given"],
    )


class FakeReader:
    """Stands in for oversight.ingest.readers: returns what `build(data, name, column_map)`
    gives, or raises what it raises."""

    def __init__(self):
        self.build: Callable | None = None
        self.calls: list[dict] = []
        self.module = types.ModuleType("oversight.ingest.readers")
        self.module.read_file = self.read_file

    def read_file(self, path, *, name=None, column_map=None):
        data = path.read_bytes()
        self.calls.append({"name": name, "column_map": column_map, "data": data})
        extraction = self.build(data, name, column_map)
        extraction.source.sha256 = hashlib.sha256(data).hexdigest()
        return extraction
