"""What a reader found in one file: the contract between the readers and the import.

Readers (`oversight.ingest.readers`) turn a file into an `Extraction`; the import
(`oversight.ingest.services`) turns an `Extraction` into records after a preview.
`Extraction.as_json()` is what `oversight ingest PATH --json` prints; docs/ingest.md
documents it field by field.

Never invent: a field that is not in the document is None (or an empty list), with a
`warnings` entry where it matters. Dates as written are kept beside the parsed ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


class SourceKind:
    """What kind of document a file was read as."""

    INSPECTION_REPORT = "inspection_report"
    REGISTER_PAGE = "register_page"
    COMMITTEE_PAPER = "committee_paper"
    TRACKER = "tracker"
    DOCUMENT = "document"  # none of those, but items were found in its text
    UNKNOWN = "unknown"


class ItemKind:
    """The kinds of recommendation, in the words of the JSON schema."""

    RECOMMENDATION = "recommendation"
    CAUSE_OF_CONCERN = "cause_of_concern"
    AREA_FOR_IMPROVEMENT = "area_for_improvement"
    NATIONAL_RECOMMENDATION = "national_recommendation"
    PROMISING_PRACTICE = "promising_practice"  # read and reported, not imported as a recommendation


@dataclass
class Source:
    path: str
    sha256: str
    kind: str  # a SourceKind value
    format: str  # pdf, html, docx, txt, xlsx, csv
    name: str = ""  # the file's own name, as shown to people
    # the force or fire and rescue service the document is about, as the reference list names
    # it, when the document names one; None for a national document or one that names none
    about: str | None = None


@dataclass
class StatusEvent:
    """One dated line of a status log: a status, a comment, or both."""

    date: dt.date | None
    date_text: str  # as written, e.g. "19th July 2018"
    status: str | None = None  # e.g. "awaiting-review"
    comment: str | None = None


@dataclass
class FoundRecommendation:
    kind: str  # an ItemKind value
    text: str
    reference: str | None = None  # the inspectorate's reference, e.g. "9159"
    number: str | None = None  # the number inside the report, e.g. "3"
    theme: str | None = None
    deadline_text: str | None = None  # as written, e.g. "By 31 March 2023"
    due_date: dt.date | None = None  # only when the deadline is a fixed date, or relative to a
    # known publication date
    audience: list[str] = field(default_factory=list)
    report_title: str | None = None
    cause_of_concern: str | None = None  # the reference or number of the concern it sits under
    progress: str | None = None  # a progress narrative (committee papers, trackers)
    owner: str | None = None  # trackers: the owner's name as written
    rag: str | None = None  # trackers: red/amber/green/blue
    status: str | None = None  # trackers: the status as written
    status_history: list[StatusEvent] = field(default_factory=list)
    row: int | None = None  # trackers: the spreadsheet row number (1 = header)
    # register pages: the cause of concern's own words, when the entry also gives the
    # recommendation made about it (then `text` is the recommendation)
    concern_text: str | None = None
    # trackers, as the register's own spreadsheet writes them
    revised_due_date: dt.date | None = None
    progress_date: dt.date | None = None  # the day the progress (latest update) was written
    portfolio: str | None = None
    board: str | None = None
    oversight_id: int | None = None  # the response's id in Oversight
    report_published_on: dt.date | None = None
    next_review: dt.date | None = None  # read, and shown; set in Oversight, not by an import
    closed_on: dt.date | None = None  # likewise: a closure is decided in Oversight


@dataclass
class FoundInspection:
    title: str
    kind: str | None = None  # an inspections InspectionKind value, or None
    when_text: str | None = None  # as written, e.g. "W/C 4th April"
    start: dt.date | None = None
    precision: str | None = None  # a rules.partial_dates Precision value
    participants: list[str] = field(default_factory=list)  # other organisations, as written
    notified: bool = False  # listed as notified for the coming months
    debrief: list[str] = field(default_factory=list)  # hot-debrief findings, as written


@dataclass
class FoundReport:
    title: str
    published_on: dt.date | None = None
    published_text: str | None = None  # as written
    reference: str | None = None
    findings: list[str] = field(default_factory=list)


@dataclass
class RowProblem:
    """A spreadsheet row that failed validation."""

    row: int
    column: str
    reason: str


@dataclass
class ColumnMapping:
    """Trackers: how one spreadsheet column was understood."""

    header: str  # as written in the header row
    index: int  # 0-based column position
    field: str | None  # a FoundRecommendation field name, or None when not understood


@dataclass
class Extraction:
    source: Source
    recommendations: list[FoundRecommendation] = field(default_factory=list)
    inspections: list[FoundInspection] = field(default_factory=list)
    reports: list[FoundReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    row_problems: list[RowProblem] = field(default_factory=list)
    columns: list[ColumnMapping] = field(default_factory=list)  # trackers only

    def as_json(self) -> dict[str, Any]:
        """Plain JSON-ready data; dates as ISO strings."""
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class UnreadableFile(Exception):
    """The file cannot be read at all: the message says why, in words a person understands."""
