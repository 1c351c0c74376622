"""What bench/measure.py runs for the targets that are not pages: the trackers and their raw
floors, the committee paper (Word, PDF, its facts), and the reading of a long report. Each
takes the measuring Context and returns what it made (bytes, rows)."""

from __future__ import annotations

import importlib
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import connection

from bench import data as benchdata

if TYPE_CHECKING:
    from bench.measure import Context


def _draft(ctx: Context):
    from oversight.papers.models import Paper, PaperStatus

    return (
        Paper.objects.filter(
            meeting__committee__organisation_id=ctx.org_id, status=PaperStatus.DRAFT
        )
        .select_related("meeting__committee__organisation")
        .order_by("-meeting__held_on")
        .first()
    )


# A response with its recommendation, report, owner, portfolio and board: the joins of the
# register's floor (bench/measure.py) and the tracker's.
RESPONSE_JOINS = """recommendations_response r
    JOIN recommendations_recommendation c ON c.id = r.recommendation_id
    JOIN inspections_report p ON p.id = c.report_id
    LEFT JOIN accounts_user u ON u.id = r.owner_id
    LEFT JOIN accounts_portfolio f ON f.id = r.portfolio_id
    LEFT JOIN accounts_board b ON b.id = r.board_id"""

TRACKER_SQL = (
    """
    SELECT r.id, r.rag, r.status, r.revised_due_on, r.next_review_on, r.closed_on,
           c.reference, c.number, c.kind, c.theme, c.text, c.deadline_text, c.due_on,
           p.title, p.published_on, u.username, u.first_name, u.last_name, f.name, b.name,
           l.narrative, l.written_on
    FROM """
    + RESPONSE_JOINS
    + """
    LEFT JOIN recommendations_update l ON l.id = (
        SELECT x.id FROM recommendations_update x WHERE x.response_id = r.id
        ORDER BY x.written_on DESC, x.id DESC LIMIT 1)
    ORDER BY c.reference, r.id"""
)


def _raw_rows():
    """The tracker's rows by one hand-written query, streamed (dates as the driver gives)."""
    with connection.cursor() as cur:
        cur.execute(TRACKER_SQL)
        while batch := cur.fetchmany(2000):
            yield from batch


def export_csv(ctx: Context) -> dict:
    from oversight.papers import tracker
    from oversight.recommendations.models import Response

    queryset = Response.objects.order_by("recommendation__reference", "pk")
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as handle:
        for line in tracker.csv_lines(queryset, today=benchdata.ANCHOR):
            handle.write(line)
        size = handle.tell()
    return {"bytes": size, "rows": queryset.count()}


def export_csv_floor(ctx: Context) -> dict:
    """The CSV's floor: the same rows by one query, written by csv.writer as they come."""
    import csv

    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        rows = 0
        for row in _raw_rows():
            writer.writerow(row)
            rows += 1
        size = handle.tell()
    return {"bytes": size, "rows": rows}


def export_xlsx_floor(ctx: Context) -> dict:
    """The Excel file's floor: the same rows by one query, each cell written by XlsxWriter in
    constant-memory mode with the type's own call (dates as dates), no formats."""
    import datetime as dt

    import xlsxwriter

    with tempfile.TemporaryFile() as handle:
        book = xlsxwriter.Workbook(handle, {"constant_memory": True, "strings_to_urls": False})
        sheet = book.add_worksheet("Responses")
        date = book.add_format({"num_format": "dd/mm/yyyy"})
        rows = 0
        for rows, row in enumerate(_raw_rows(), 1):
            for col, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, str) and len(value) == 10 and value[4] == "-":
                    value = dt.date.fromisoformat(value)  # SQLite gives dates as text
                if isinstance(value, dt.date):
                    sheet.write_datetime(rows, col, value, date)
                elif isinstance(value, str):
                    sheet.write_string(rows, col, value)
                else:
                    sheet.write_number(rows, col, value)
        book.close()
        size = handle.tell()
    return {"bytes": size, "rows": rows}


def export_xlsx(ctx: Context) -> dict:
    from oversight.papers import tracker
    from oversight.recommendations.models import Response

    queryset = Response.objects.order_by("recommendation__reference", "pk")
    with tempfile.TemporaryFile() as handle:
        tracker.write_xlsx(queryset, handle, today=benchdata.ANCHOR)
        size = handle.tell()
    return {"bytes": size, "rows": queryset.count()}


def _as_downloaded(ctx: Context):
    """The draft (ctx.draft_pk, found by bench.measure before the timing), read as the
    download reads it: papers.selectors.paper_for, its facts left unread."""
    from oversight.papers.selectors import paper_for

    return paper_for(ctx.users["bench-liaison"], ctx.draft_pk)


def export_docx(ctx: Context) -> dict:
    from oversight.papers.documents import build

    content, _, _ = build.export(_as_downloaded(ctx), "docx")
    return {"bytes": len(content)}


def export_pdf(ctx: Context) -> dict:
    """The PDF, with the seconds spent in WeasyPrint (reading the HTML and laying it out) told
    apart from the rest."""
    from weasyprint import HTML

    from oversight import charts
    from oversight.papers.documents import build

    originals = {"__init__": HTML.__init__, "write_pdf": HTML.write_pdf}
    inside = []

    def timed(name):
        def run(self, *args, **kwargs):
            started = time.perf_counter()
            try:
                return originals[name](self, *args, **kwargs)
            finally:
                inside.append(time.perf_counter() - started)

        return run

    for name in originals:
        setattr(HTML, name, timed(name))
    charts._bars.cache_clear()  # each download draws its chart, as a new paper's would
    try:
        started = time.perf_counter()
        content, _, _ = build.export(_as_downloaded(ctx), "pdf")
        total = time.perf_counter() - started
    finally:
        for name, original in originals.items():
            setattr(HTML, name, original)
    ctx.outside_weasyprint.append(total - sum(inside))
    return {"bytes": len(content)}


def paper_facts(ctx: Context) -> dict:
    from oversight.papers import selectors

    paper = _draft(ctx)
    facts = selectors.paper_facts(paper.meeting, paper.period_start, paper.period_end)
    return {"rows": len(facts["responses"])}


def long_report() -> Path:
    """A long inspection report as a PDF (made once, kept in var/bench/)."""
    from django.conf import settings

    path = Path(settings.VAR_DIR) / "bench" / "long-report.pdf"
    if path.exists():
        return path
    from weasyprint import HTML

    from bench.data.vocabulary import OUTCOMES, THEMES, THINGS

    parts = [
        "<h1>PEEL 2025: An inspection of Anyshire Constabulary</h1>",
        "<p>His Majesty's Inspectorate of Constabulary and Fire &amp; Rescue Services</p>",
    ]
    number = 0
    for chapter, theme in enumerate(THEMES, 1):
        parts.append(f"<h2>{chapter}. {theme}</h2>")
        for p in range(6):
            parts.append(
                f"<p>We found that the force should improve {THINGS[(chapter + p) % 10]} so "
                f"that {OUTCOMES[p % 6]}. " * 4 + "</p>"
            )
        for _ in range(3):
            number += 1
            parts.append(
                f"<h3>Area for improvement {number}</h3><p>The force should improve "
                f"{THINGS[number % 10]} so that {OUTCOMES[number % 6]}.</p>"
            )
        if chapter % 5 == 0:
            number += 1
            parts.append(
                f"<h3>Recommendation {number}</h3><p>By 31 March 2026, the force should "
                f"review {THINGS[number % 10]}.</p>"
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    HTML(string="<html><body>" + "\n".join(parts) + "</body></html>").write_pdf(path)
    return path


def ingest_long(ctx: Context) -> dict:
    readers = importlib.import_module("oversight.ingest.readers")
    path = long_report()
    extraction = readers.read_file(path)
    items = getattr(extraction, "recommendations", None)
    return {"bytes": path.stat().st_size, "rows": len(items) if items is not None else None}


def ingest_available() -> bool:
    try:
        readers = importlib.import_module("oversight.ingest.readers")
    except ImportError:
        return False
    return callable(getattr(readers, "read_file", None))
