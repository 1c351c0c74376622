"""The tracker spreadsheet: every response, one row each, with stable column names.

Excel (.xlsx, written in constant memory by XlsxWriter: rows are streamed to a temporary file)
and CSV.
Column names never change: Power BI and Excel workbooks built on them keep working.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator

import xlsxwriter

from oversight.csv_cells import safe_text
from oversight.recommendations.choices import (
    CLOSED_STATUSES,
    ENDED_STATUSES,
    RecommendationKind,
    ResponseStatus,
)
from oversight.recommendations.selectors import latest_update_id, update_narratives
from oversight.rules.rag import is_overdue, rag_label

COLUMNS: list[tuple[str, int]] = [
    ("Reference", 12),
    ("Kind", 22),
    ("Theme", 24),
    ("Recommendation", 60),
    ("Report", 40),
    ("Published", 12),
    ("Deadline as written", 22),
    ("Due date", 12),
    ("Revised due date", 14),
    ("Overdue", 9),
    ("Owner", 22),
    ("Portfolio", 18),
    ("Board", 22),
    ("RAG", 16),
    ("Status", 22),
    ("Next review", 12),
    ("Closed on", 12),
    ("Latest update", 60),
    ("Latest update on", 14),
    ("Oversight ID", 12),
]
DATE_COLUMNS = {
    "Published",
    "Due date",
    "Revised due date",
    "Next review",
    "Closed on",
    "Latest update on",
}
WRAPPED_COLUMNS = {"Recommendation", "Latest update"}
RAG_FILLS = {
    "Red": ("D4351C", "FFFFFF"),
    "Amber": ("F47738", "0B0C0C"),
    "Green": ("00703C", "FFFFFF"),
    "Blue (complete)": ("1D70B8", "FFFFFF"),
}


# What the tracker reads of each response, as plain values in one query per chunk (no model
# objects: building seven of them a row was most of the CSV's time), and nothing else (a
# report's summary or a person's password hash would be read 60,000 times for nothing).
VALUE_FIELDS = (
    "pk",
    "rag",
    "status",
    "revised_due_on",
    "next_review_on",
    "closed_on",
    "recommendation__reference",
    "recommendation__number",
    "recommendation__kind",
    "recommendation__theme",
    "recommendation__text",
    "recommendation__deadline_text",
    "recommendation__due_on",
    "recommendation__report__title",
    "recommendation__report__published_on",
    "owner__username",
    "owner__first_name",
    "owner__last_name",
    "portfolio__name",
    "board__name",
    "latest_update_id",
)


# The national tracker (every organisation, for the instance's operators) starts with one
# more column; an organisation's own tracker keeps exactly COLUMNS.
ORGANISATION_COLUMN = ("Organisation", 30)


def rows(values: Iterable[tuple], *, today: dt.date) -> Iterator[list]:
    """One list of cells per response, in COLUMNS order (after the organisation's name, when
    the rows carry it), from `plain_values` rows. Dates stay dates."""
    kinds = {value: str(label) for value, label in RecommendationKind.choices}
    statuses = {value: str(label) for value, label in ResponseStatus.choices}
    fixed = len(VALUE_FIELDS)
    for row in values:
        (
            pk, rag, status, revised_due_on, next_review_on, closed_on, reference, number,
            kind, theme, text, deadline_text, due_on, report_title, published_on, username,
            first_name, last_name, portfolio, board, _,
        ) = row[:fixed]  # fmt: skip
        *before, narrative, written_on = row[fixed:]
        closed = status in CLOSED_STATUSES
        owner = f"{first_name} {last_name}".strip() or username if username else ""
        yield [
            *before,
            reference or (f"No. {number}" if number else ""),
            kinds.get(kind, kind),
            theme,
            text,
            report_title,
            published_on,
            deadline_text,
            due_on,
            revised_due_on,
            "Yes"
            if is_overdue(
                due_on=revised_due_on or due_on, closed=status in ENDED_STATUSES, today=today
            )
            else "No",
            owner,
            portfolio or "",
            board or "",
            rag_label("blue" if closed else rag),
            statuses.get(status, status),
            next_review_on,
            closed_on,
            narrative or "",
            written_on,
            pk,
        ]


def with_latest_updates(queryset):
    """The responses, each with the id of its latest update (one subquery)."""
    if "latest_update_id" in queryset.query.annotations:
        return queryset
    return queryset.annotate(latest_update_id=latest_update_id())


def plain_values(
    queryset, size: int = 2000, *, organisation: bool = False, progress=None
) -> Iterator[tuple]:
    """The tracker's values of each response (VALUE_FIELDS, then the organisation's name when
    asked, then its latest update's narrative and date): one query for the responses
    (streamed), one per chunk of `size` for the updates. `progress(rows)` after each chunk."""
    chunk: list[tuple] = []
    fields = (*VALUE_FIELDS, "organisation__name") if organisation else VALUE_FIELDS
    latest_at = len(VALUE_FIELDS) - 1
    done = 0

    def attach() -> Iterator[tuple]:
        nonlocal done
        ids = [row[latest_at] for row in chunk if row[latest_at]]
        latest = update_narratives(ids)
        for row in chunk:
            yield (*row, *latest.get(row[latest_at], ("", None)))
        done += len(chunk)
        if progress is not None:
            progress(done)

    for row in with_latest_updates(queryset).values_list(*fields).iterator(size):
        chunk.append(row)
        if len(chunk) >= size:
            yield from attach()
            chunk = []
    if chunk:
        yield from attach()


def write_xlsx(
    queryset,
    out,
    *,
    today: dt.date,
    title: str = "Responses",
    organisation: bool = False,
    progress=None,
) -> None:
    """Write the tracker to a binary file object: frozen header, filters, coloured and worded
    RAG cells, real Excel dates. Memory stays flat however many rows there are.

    XlsxWriter in constant-memory mode writes each row to a temporary file as it comes (about
    four times as fast as openpyxl's write-only mode for the same cells). Text is always written
    as text, so a cell that starts with "=" is never a formula.
    """
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_urls": False})
    sheet = book.add_worksheet(title[:31])
    sheet.freeze_panes(1, 0)
    header = book.add_format({"bold": True, "bg_color": "#F3F2F1"})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    rag_formats = {
        label: book.add_format({"bg_color": f"#{bg}", "font_color": f"#{fg}", "bold": True})
        for label, (bg, fg) in RAG_FILLS.items()
    }
    columns = [ORGANISATION_COLUMN, *COLUMNS] if organisation else COLUMNS
    names = [name for name, _ in columns]
    for index, (name, width) in enumerate(columns):
        sheet.set_column(index, index, width)
        sheet.write_string(0, index, name, header)
    rag_index = names.index("RAG")
    formats = [
        date if name in DATE_COLUMNS else wrap if name in WRAPPED_COLUMNS else None
        for name in names
    ]
    row = 0
    values_of = plain_values(queryset, organisation=organisation, progress=progress)
    for row, values in enumerate(rows(values_of, today=today), 1):
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, dt.date):
                sheet.write_datetime(row, col, value, formats[col])
            elif isinstance(value, str):
                style = rag_formats.get(value) if col == rag_index else formats[col]
                sheet.write_string(row, col, value, style)
            else:
                sheet.write_number(row, col, value, formats[col])
    sheet.autofilter(0, 0, row, len(columns) - 1)
    book.close()


def _csv_cell(value) -> str | int:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return safe_text(value) if isinstance(value, str) else value


def csv_lines(
    queryset, *, today: dt.date, organisation: bool = False, progress=None
) -> Iterator[str]:
    """CSV, one line at a time (for a streaming response). Dates as YYYY-MM-DD."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        value = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return value

    columns = [ORGANISATION_COLUMN, *COLUMNS] if organisation else COLUMNS
    writer.writerow([name for name, _ in columns])
    yield "\ufeff" + flush()  # a byte-order mark so that Excel reads UTF-8
    values_of = plain_values(queryset, organisation=organisation, progress=progress)
    for values in rows(values_of, today=today):
        writer.writerow([_csv_cell(v) for v in values])
        yield flush()
