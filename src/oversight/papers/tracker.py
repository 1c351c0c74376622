"""The tracker spreadsheet: every response, one row each, with stable column names.

Excel (.xlsx, written in constant memory: rows are streamed to a temporary file) and CSV.
Column names never change: Power BI and Excel workbooks built on them keep working.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections.abc import Iterable, Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from oversight.recommendations.models import Response
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
RAG_FILLS = {
    "Red": ("D4351C", "FFFFFF"),
    "Amber": ("F47738", "0B0C0C"),
    "Green": ("00703C", "FFFFFF"),
    "Blue (complete)": ("1D70B8", "FFFFFF"),
}


def rows(responses: Iterable[Response], *, today: dt.date) -> Iterator[list]:
    """One list of values per response, in COLUMNS order. Dates stay dates."""
    for r in responses:
        rec = r.recommendation
        latest = r.latest_update_cached if hasattr(r, "latest_update_cached") else None
        rag = "blue" if r.is_closed else r.rag
        yield [
            rec.reference or (f"No. {rec.number}" if rec.number else ""),
            rec.get_kind_display(),
            rec.theme,
            rec.text,
            rec.report.title,
            rec.report.published_on,
            rec.deadline_text,
            rec.due_on,
            r.revised_due_on,
            "Yes" if is_overdue(due_on=r.due_on, closed=r.is_closed, today=today) else "No",
            r.owner.display_name if r.owner else "",
            r.portfolio.name if r.portfolio else "",
            r.board.name if r.board else "",
            rag_label(rag),
            r.get_status_display(),
            r.next_review_on,
            r.closed_on,
            latest.narrative if latest else "",
            latest.written_on if latest else None,
            r.pk,
        ]


def with_latest_updates(queryset):
    """The responses with their latest update attached, in one extra query per chunk."""
    from django.db.models import OuterRef, Subquery

    from oversight.recommendations.models import Update

    latest = Update.objects.filter(response=OuterRef("pk")).order_by("-written_on", "-id")
    return queryset.select_related(
        "recommendation__report", "owner", "portfolio", "board"
    ).annotate(
        latest_update_id=Subquery(latest.values("id")[:1]),
    )


def _attach_latest(chunk: list[Response]) -> None:
    from oversight.recommendations.models import Update

    ids = [r.latest_update_id for r in chunk if getattr(r, "latest_update_id", None)]
    updates = Update.objects.in_bulk(ids)
    for r in chunk:
        r.latest_update_cached = updates.get(getattr(r, "latest_update_id", None))


def _chunks(queryset, size: int = 2000) -> Iterator[Response]:
    chunk: list[Response] = []
    for response in queryset.iterator(chunk_size=size):
        chunk.append(response)
        if len(chunk) >= size:
            _attach_latest(chunk)
            yield from chunk
            chunk = []
    if chunk:
        _attach_latest(chunk)
        yield from chunk


def write_xlsx(queryset, out, *, today: dt.date, title: str = "Responses") -> None:
    """Write the tracker to a binary file object: frozen header, filters, coloured and worded
    RAG cells, real Excel dates. Memory stays flat however many rows there are."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    for index, (_, width) in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header = []
    for name, _ in COLUMNS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F3F2F1")
        header.append(cell)
    sheet.append(header)
    rag_index = [n for n, _ in COLUMNS].index("RAG")
    wrap = Alignment(wrap_text=True, vertical="top")
    count = 0
    fills = {
        k: (PatternFill("solid", fgColor=bg), Font(color=fg, bold=True))
        for k, (bg, fg) in RAG_FILLS.items()
    }
    for values in rows(_chunks(with_latest_updates(queryset)), today=today):
        cells = []
        for i, value in enumerate(values):
            cell = WriteOnlyCell(sheet, value=value)
            name = COLUMNS[i][0]
            if name in DATE_COLUMNS and value:
                cell.number_format = "DD/MM/YYYY"
            elif name in {"Recommendation", "Latest update"}:
                cell.alignment = wrap
            if i == rag_index and value in fills:
                cell.fill, cell.font = fills[value]
            cells.append(cell)
        sheet.append(cells)
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count + 1}"
    book.save(out)


def xlsx_bytes(queryset, *, today: dt.date) -> bytes:
    with tempfile.TemporaryFile() as handle:
        write_xlsx(queryset, handle, today=today)
        handle.seek(0)
        return handle.read()


def csv_lines(queryset, *, today: dt.date) -> Iterator[str]:
    """CSV, one line at a time (for a streaming response). Dates as YYYY-MM-DD."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        value = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return value

    writer.writerow([name for name, _ in COLUMNS])
    yield "\ufeff" + flush()  # a byte-order mark so that Excel reads UTF-8
    for values in rows(_chunks(with_latest_updates(queryset)), today=today):
        writer.writerow(
            [v.isoformat() if isinstance(v, dt.date) else ("" if v is None else v) for v in values]
        )
        yield flush()
