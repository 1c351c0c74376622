"""Tracker spreadsheets (xlsx, csv): one recommendation per row.

The header row is found even when it is not the first (title rows and blank rows above it),
and each header is mapped to a field by its common spellings, in any order (see
``HEADERS``). Merged cells are read as the value of their top-left cell; blank rows are
skipped. Rows that fail validation — no text, a date that cannot be read, a RAG word that is
not red, amber, green or blue, a type that is not known — become a ``RowProblem`` and are
not read as recommendations: nothing is guessed. ``Extraction.columns`` says how each header
was understood (field None when it was not), so that a person can map the rest.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import pathlib
import re
from typing import Any

from oversight.ingest.extraction import (
    ColumnMapping,
    Extraction,
    FoundRecommendation,
    ItemKind,
    RowProblem,
    UnreadableFile,
)
from oversight.ingest.readers.common import audience_from_text
from oversight.ingest.readers.files import MAX_COLUMNS, MAX_ROWS, check_zip, decode
from oversight.rules.deadlines import DeadlineKind, compute_deadline
from oversight.rules.rag import rag_word

# Field → header spellings (lower case, punctuation as spaces). Exact matches win; then a
# header that starts with one of the spellings.
HEADERS: dict[str, tuple[str, ...]] = {
    "reference": (
        "ref", "reference", "rec no", "rec number", "rec ref", "ref no", "reference number",
        "recommendation number", "recommendation no", "recommendation ref", "hmicfrs ref",
        "hmicfrs reference", "id", "no", "number", "urn",
    ),
    "text": (
        "recommendation", "recommendation text", "text", "description", "detail", "details",
        "recommendation afi", "recommendation description", "wording", "recommendation wording",
        "area for improvement", "action", "finding",
    ),
    "report_title": (
        "report", "report title", "report name", "inspection", "inspection report",
        "source", "source report", "inspection title",
    ),
    "owner": ("owner", "lead", "action owner", "responsible officer", "lead officer", "owner lead"),
    "due_date": (
        "due date", "deadline", "target date", "due", "due by", "completion date",
        "target completion date", "target", "date due",
    ),
    "rag": ("rag", "rag status", "rating", "rag rating", "rag rated"),
    "status": ("status", "current status", "progress status"),
    "progress": (
        "update", "latest update", "progress", "progress update", "comments", "commentary",
        "notes", "latest position", "current position",
    ),
    "theme": ("theme", "area", "category", "subject"),
    "kind": ("type", "kind", "recommendation type", "category type"),
    "audience": ("audience", "for", "addressed to"),
    "cause_of_concern": ("cause of concern", "linked concern", "concern"),
    "number": ("report number", "number in report", "rec number in report"),
    "deadline_text": ("deadline as written", "deadline wording", "deadline text", "timescale"),
    "report_published_on": ("published", "published on", "publication date", "date published",
                            "report published"),
    "revised_due_date": ("revised due date", "revised deadline", "new due date", "revised date",
                         "extended to", "extended due date"),
    "portfolio": ("portfolio", "business area", "directorate"),
    "board": ("board", "governance board", "governance", "oversight board"),
    "next_review": ("next review", "next review date", "review date", "next review due"),
    "closed_on": ("closed on", "date closed", "closure date", "closed date"),
    "progress_date": ("latest update on", "update date", "date of update", "last updated",
                      "updated on", "date of last update"),
    "oversight_id": ("oversight id",),
    # worked out by Oversight from the rest (understood, and not imported)
    "derived": ("overdue", "days overdue", "is overdue"),
}  # fmt: skip
DATE_FIELDS = (
    "report_published_on",
    "revised_due_date",
    "next_review",
    "closed_on",
    "progress_date",
)
FIELDS = set(HEADERS)

KIND_WORDS = {
    "recommendation": ItemKind.RECOMMENDATION, "rec": ItemKind.RECOMMENDATION,
    "cause of concern": ItemKind.CAUSE_OF_CONCERN, "coc": ItemKind.CAUSE_OF_CONCERN,
    "cause for concern": ItemKind.CAUSE_OF_CONCERN, "concern": ItemKind.CAUSE_OF_CONCERN,
    "area for improvement": ItemKind.AREA_FOR_IMPROVEMENT, "afi": ItemKind.AREA_FOR_IMPROVEMENT,
    "national recommendation": ItemKind.NATIONAL_RECOMMENDATION,
    "national": ItemKind.NATIONAL_RECOMMENDATION,
}  # fmt: skip
_NUMERIC_DATE = re.compile(r"^(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})$")
_HEADER_SCAN = 30  # rows searched for the header


def _key(value: Any) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", str(value).lower()).split())


def map_header(header: Any) -> str | None:
    key = _key(header) if header is not None else ""
    if not key:
        return None
    for field, spellings in HEADERS.items():
        if key in spellings:
            return field
    for field, spellings in HEADERS.items():
        if any(len(s) > 3 and key.startswith(s + " ") for s in spellings):
            return field
    return None


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return " ".join(str(value).split())


# --- reading rows --------------------------------------------------------------------------


def _xlsx_rows(path: pathlib.Path, data: bytes, warnings: list[str]) -> list[list[Any]]:
    """The rows of the sheet that looks most like a tracker, merged cells filled in."""
    import openpyxl

    check_zip(data, path).close()
    try:
        book = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of error on damaged files
        raise UnreadableFile("The Excel workbook is damaged and could not be read.") from error
    best: list[list[Any]] = []
    best_score = -1
    try:
        for sheet in book.worksheets[:20]:
            rows: list[list[Any]] = []
            for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
                rows.append(list(row))
                if len(rows) >= MAX_ROWS:
                    warnings.append(f"Only the first {MAX_ROWS} rows were read.")
                    break
            found = _find_header(rows)
            score = found[1] if found else 0
            if score > best_score:
                best_score = score
                best = _fill_merged(rows, _merged_ranges(path, sheet))
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile("The Excel workbook is damaged and could not be read.") from error
    finally:
        book.close()
    return best


_CELL = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")


def _cell_position(ref: str) -> tuple[int, int] | None:
    found = _CELL.match(ref)
    if not found:
        return None
    column = 0
    for ch in found.group(1):
        column = column * 26 + ord(ch) - 64
    return int(found.group(2)) - 1, column - 1


def _merged_ranges(path: pathlib.Path, sheet: Any) -> list[tuple[int, int, int, int]]:
    """Merged ranges of a read-only sheet, read from its XML (read-only sheets do not give
    them): (first row, first column, last row, last column), 0-based."""
    import zipfile

    name = getattr(sheet, "_worksheet_path", None)
    if not name:
        return []
    try:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read(name.lstrip("/")).decode("utf-8", "replace")
    except (KeyError, OSError, zipfile.BadZipFile, ValueError):
        return []
    ranges = []
    for found in re.finditer(r'<mergeCell\s+ref="([A-Z]{1,3}\d{1,7}):([A-Z]{1,3}\d{1,7})"', xml):
        start, end = _cell_position(found.group(1)), _cell_position(found.group(2))
        if start and end:
            ranges.append((start[0], start[1], end[0], end[1]))
        if len(ranges) > 10_000:
            break
    return ranges


def _fill_merged(rows: list[list[Any]], ranges: list[tuple[int, int, int, int]]) -> list[list[Any]]:
    for top, left, bottom, right in ranges:
        if top >= len(rows) or left >= MAX_COLUMNS:
            continue
        value = rows[top][left] if left < len(rows[top]) else None
        if bottom == top:
            continue  # merged across columns only (titles): the value stays in its cell
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            for c in range(left, min(right, MAX_COLUMNS - 1) + 1):
                while len(rows[r]) <= c:
                    rows[r].append(None)
                rows[r][c] = value
    return rows


def _csv_rows(data: bytes, warnings: list[str]) -> list[list[Any]]:
    text = decode(data)
    if text is None:
        raise UnreadableFile("The CSV file is not text, so it could not be read.")
    sample = text[:5000]
    delimiter = max(",;\t|", key=sample.count)
    rows: list[list[Any]] = []
    try:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        for row in reader:
            rows.append(row[:MAX_COLUMNS])
            if len(rows) >= MAX_ROWS:
                warnings.append(f"Only the first {MAX_ROWS} rows were read.")
                break
    except csv.Error as error:
        raise UnreadableFile(f"The CSV file could not be read: {error}.") from error
    return rows


def _find_header(rows: list[list[Any]]) -> tuple[int, int] | None:
    """The index of the header row and how many headers were understood."""
    best: tuple[int, int] | None = None
    for index, row in enumerate(rows[:_HEADER_SCAN]):
        fields = [map_header(value) for value in row if _cell_text(value)]
        known = {f for f in fields if f}
        if len(known) >= 2 and ("text" in known or len(known) >= 3):
            if best is None or len(known) > best[1]:
                best = (index, len(known))
            if "text" in known and len(known) >= 3:
                return best
    return best


# --- validating rows -----------------------------------------------------------------------


def read_date(value: Any) -> tuple[dt.date | None, str | None, str | None]:
    """(due date, deadline as written, problem) from a date cell."""
    if value is None or _cell_text(value) == "":
        return None, None, None
    if isinstance(value, dt.datetime):
        return value.date(), None, None
    if isinstance(value, dt.date):
        return value, None, None
    written = _cell_text(value)
    if isinstance(value, int | float):
        return None, written, f"“{written}” is a number, not a date"
    if found := _NUMERIC_DATE.match(written):
        year = int(found["y"]) + (2000 if len(found["y"]) == 2 else 0)
        try:
            return dt.date(year, int(found["m"]), int(found["d"])), written, None
        except ValueError:
            return None, written, f"“{written}” is not a real date (dates are read day first)"
    deadline = compute_deadline(written, None)
    if deadline.kind == DeadlineKind.FIXED:
        return deadline.due_on, written, None
    if deadline.kind in (DeadlineKind.RELATIVE, DeadlineKind.IMMEDIATE):
        return None, written, None
    prefixed = compute_deadline(f"by {written}", None)
    if prefixed.kind == DeadlineKind.FIXED:
        return prefixed.due_on, written, None
    return None, written, f"“{written}” could not be read as a date"


def read_tracker(
    path: pathlib.Path,
    data: bytes,
    fmt: str,
    extraction: Extraction,
    column_map: dict[int, str] | None,
) -> None:
    warnings = extraction.warnings
    rows = _xlsx_rows(path, data, warnings) if fmt == "xlsx" else _csv_rows(data, warnings)
    found = _find_header(rows)
    header_index = found[0] if found else None
    if header_index is None and not column_map:
        if not any(any(_cell_text(v) for v in row) for row in rows):
            raise UnreadableFile("The spreadsheet is empty.")
        warnings.append(
            "No header row was recognised (such as Ref, Recommendation, Due date, RAG). "
            "Choose what each column holds."
        )
        header_index = 0
    header = rows[header_index] if header_index is not None and rows else []
    width = max((len(r) for r in rows), default=0)
    header = list(header) + [None] * (width - len(header))
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for index, value in enumerate(header):
        field = map_header(value)
        if column_map is not None and index in column_map:
            field = column_map[index] or None
            if field is not None and field not in FIELDS:
                warnings.append(f"Column {index + 1}: “{field}” is not a field that can be read.")
                field = None
        if field in used:
            warnings.append(
                f"Column “{_cell_text(value)}” was ignored: another column already gives the "
                f"{field.replace('_', ' ')}."
            )
            field = None
        if field:
            used.add(field)
            mapping[index] = field
        if _cell_text(value) or field:
            extraction.columns.append(
                ColumnMapping(header=_cell_text(value), index=index, field=field)
            )
    if "text" not in used:
        warnings.append("No column holds the recommendation's text: choose one.")
        return
    label = {index: _cell_text(header[index]) or f"Column {index + 1}" for index in mapping}
    by_field = {field: index for index, field in mapping.items()}
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if not any(_cell_text(v) for v in row):
            continue
        item = _row(row, offset, mapping, label, by_field, extraction)
        if item is not None:
            extraction.recommendations.append(item)


def _row(
    row: list[Any],
    number: int,
    mapping: dict[int, str],
    label: dict[int, str],
    by_field: dict[str, int],
    extraction: Extraction,
) -> FoundRecommendation | None:
    values: dict[str, Any] = {}
    for index, field in mapping.items():
        values[field] = row[index] if index < len(row) else None
    problems: list[RowProblem] = []

    def problem(field: str, reason: str) -> None:
        problems.append(RowProblem(row=number, column=label[by_field[field]], reason=reason))

    text = _cell_text(values.get("text"))
    if not text:
        problem("text", "No recommendation text")
    item = FoundRecommendation(kind=ItemKind.RECOMMENDATION, text=text, row=number)
    for field in ("reference", "number", "theme", "owner", "status", "progress",
                  "report_title", "cause_of_concern", "portfolio", "board"):  # fmt: skip
        if field in values:
            setattr(item, field, _cell_text(values[field]) or None)
    for field in DATE_FIELDS:
        if field in values:
            day, written, trouble = read_date(values[field])
            if trouble:
                problem(field, trouble)
            setattr(item, field, day)
    if "oversight_id" in values and (words := _cell_text(values["oversight_id"])):
        if words.isascii() and words.isdigit() and len(words) <= 15:
            item.oversight_id = int(words)
        else:
            problem("oversight_id", f"“{words}” is not an Oversight ID (a number)")
    if "kind" in values and (words := _cell_text(values["kind"])):
        kind = KIND_WORDS.get(_key(words))
        if kind is None:
            problem("kind", f"“{words}” is not a known type (recommendation, cause of concern, "
                            "area for improvement)")  # fmt: skip
        else:
            item.kind = kind
    if "rag" in values and (words := _cell_text(values["rag"])):
        rag = rag_word(words)
        if rag is None:
            problem("rag", f"“{words}” is not a RAG rating (red, amber, green or blue)")
        item.rag = rag
    if "due_date" in values:
        due, written, trouble = read_date(values["due_date"])
        if trouble:
            problem("due_date", trouble)
        item.due_date, item.deadline_text = due, written
    if "deadline_text" in values and (words := _cell_text(values["deadline_text"])):
        item.deadline_text = words  # the deadline as the report wrote it, beside the due date
        if item.due_date is None:
            deadline = compute_deadline(words, item.report_published_on)
            item.due_date = deadline.due_on
    if "audience" in values and (words := _cell_text(values["audience"])):
        item.audience = [w.strip() for w in re.split(r"[,;/]", words) if w.strip()]
    elif text:
        item.audience = audience_from_text(text)
    if problems:
        extraction.row_problems.extend(problems)
        return None
    return item
