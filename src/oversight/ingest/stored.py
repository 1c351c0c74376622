"""An extraction back from the JSON a batch stores (the reverse of `Extraction.as_json`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from oversight.ingest.extraction import (
    ColumnMapping,
    Extraction,
    FoundInspection,
    FoundRecommendation,
    FoundReport,
    RowProblem,
    Source,
    StatusEvent,
)

DATE_FIELDS = {
    "date",
    "due_date",
    "start",
    "published_on",
    "revised_due_date",
    "progress_date",
    "report_published_on",
    "next_review",
    "closed_on",
}


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _build(cls, data: dict[str, Any], **nested):
    names = {f.name for f in dataclasses.fields(cls)}
    values = {}
    for key, value in (data or {}).items():
        if key not in names:
            continue  # a field a newer reader added: ignored, never a crash
        if key in nested:
            value = [_build(nested[key], item) for item in value or []]
        elif key in DATE_FIELDS:
            value = _date(value)
        values[key] = value
    return cls(**values)


def extraction_from_json(data: dict[str, Any]) -> Extraction:
    return Extraction(
        source=_build(Source, data.get("source") or {}),
        recommendations=[
            _build(FoundRecommendation, item, status_history=StatusEvent)
            for item in data.get("recommendations") or []
        ],
        inspections=[_build(FoundInspection, item) for item in data.get("inspections") or []],
        reports=[_build(FoundReport, item) for item in data.get("reports") or []],
        warnings=list(data.get("warnings") or []),
        row_problems=[_build(RowProblem, item) for item in data.get("row_problems") or []],
        columns=[_build(ColumnMapping, item) for item in data.get("columns") or []],
    )
