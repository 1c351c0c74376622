"""Readers: turn one file into an :class:`~oversight.ingest.extraction.Extraction`.

:func:`read_file` is the only entry point. It works out the file's format from its content
(PDF, Word, Excel, HTML, CSV or text), reads its text, works out what kind of document it is
(an inspection report, an HMICFRS register page, a committee paper or a tracker) and hands it
to that kind's reader. Anything it cannot read raises :class:`UnreadableFile` with a message
for the person who uploaded it; nothing else escapes (the readers are fuzzed).

docs/ingest.md describes what each reader understands.
"""

from __future__ import annotations

import logging
import pathlib

from oversight.ingest.extraction import Extraction, ItemKind, Source, SourceKind, UnreadableFile
from oversight.ingest.readers import files, pdf, text
from oversight.ingest.readers.about import organisation_named, refers_to_itself
from oversight.ingest.readers.common import set_deadline
from oversight.ingest.readers.items import scan_items
from oversight.ingest.readers.paper import is_committee_paper, read_paper
from oversight.ingest.readers.phrasing import addressed_to_all, merge
from oversight.ingest.readers.register import is_register_page, read_register
from oversight.ingest.readers.report import is_inspection_report, read_report
from oversight.ingest.readers.tracker import read_tracker

__all__ = ["read_file", "UnreadableFile", "UNEXPECTED"]

logger = logging.getLogger(__name__)

UNEXPECTED = (
    "The file could not be read because of a fault in Oversight. The fault has been logged; "
    "please tell your administrator."
)


def read_file(
    path: pathlib.Path,
    *,
    name: str | None = None,
    column_map: dict[int, str] | None = None,
) -> Extraction:
    """Read one file.

    `name` is the file's own name as the person knows it (an upload is stored under another
    name); it defaults to the path's. `column_map` (trackers only) overrides how columns are
    understood: column index (0-based) → FoundRecommendation field name, or "" to ignore it.
    """
    path = pathlib.Path(path)
    shown = name or path.name
    data = files.read_bytes(path)
    fmt = files.sniff(data, shown, path)
    try:
        return _read(path, data, fmt, shown, column_map)
    except UnreadableFile:
        raise
    except RecursionError as error:
        raise UnreadableFile("The file is too deeply nested to be read.") from error
    except MemoryError as error:
        raise UnreadableFile("The file is too large to be read.") from error
    except Exception as error:  # a reader's fault: logged, and never shown as a crash
        logger.exception("Ingest reader failed on %s", shown)
        raise UnreadableFile(UNEXPECTED) from error


def _read(
    path: pathlib.Path,
    data: bytes,
    fmt: str,
    name: str,
    column_map: dict[int, str] | None,
) -> Extraction:
    source = Source(path=str(path), sha256=files.sha256_of(data), kind=SourceKind.UNKNOWN,
                    format=fmt, name=name)  # fmt: skip
    extraction = Extraction(source=source)
    warnings = extraction.warnings
    if fmt in (files.XLSX, files.CSV):
        source.kind = SourceKind.TRACKER
        read_tracker(path, data, fmt, extraction, column_map)
        return extraction
    if column_map:
        warnings.append("The column choices were ignored: only spreadsheets have columns.")

    page_title = None
    if fmt == files.PDF:
        paras, more = pdf.pdf_paragraphs(path)
        warnings.extend(more)
    elif fmt == files.DOCX:
        paras = text.docx_paragraphs(data, path)
    elif fmt == files.HTML:
        paras, page_title = text.html_paragraphs(files.decode(data) or "")
    else:
        paras = text.text_paragraphs(files.decode(data) or "")
    if not paras:
        raise UnreadableFile("The file has no text in it.")

    about = organisation_named(paras, page_title)
    source.about = about
    if is_register_page(paras):
        source.kind = SourceKind.REGISTER_PAGE
        extraction.recommendations.extend(read_register(paras, warnings))
    elif is_committee_paper(paras):
        source.kind = SourceKind.COMMITTEE_PAPER
        paper = read_paper(paras, name, warnings)
        extraction.recommendations.extend(paper.recommendations)
        extraction.inspections.extend(paper.inspections)
        extraction.reports.extend(paper.reports)
    elif is_inspection_report(paras):
        source.kind = SourceKind.INSPECTION_REPORT
        report, items = read_report(paras, page_title, warnings)
        extraction.reports.append(report)
        extraction.recommendations.extend(items)
    # Whatever the document is, its text is scanned for items the reader above did not take.
    report = extraction.reports[0] if extraction.reports else None
    more = scan_items(
        paras,
        report_title=(report.title or None) if report else page_title,
        national_document=about is None and not refers_to_itself(paras),
    )
    if source.kind == SourceKind.INSPECTION_REPORT:
        # A report: the scanner reads its items (the report reader's only where it found none,
        # keeping its promising practice)
        practice = [i for i in extraction.recommendations if i.kind == ItemKind.PROMISING_PRACTICE]
        found = merge(more, practice) if more else extraction.recommendations
    else:
        found = merge(extraction.recommendations, more)  # the reader's own (status logs…) first
    scanned = {id(item) for item in more}
    for item in found:
        if id(item) in scanned:
            set_deadline(item, report.published_on if report else None, warnings)
        if item.kind == ItemKind.RECOMMENDATION and addressed_to_all(item.text):
            item.kind = ItemKind.NATIONAL_RECOMMENDATION
    extraction.recommendations[:] = [item for item in found if item.text.strip()]
    if source.kind == SourceKind.UNKNOWN and extraction.recommendations:
        source.kind = SourceKind.DOCUMENT
    if source.kind == SourceKind.UNKNOWN and not extraction.recommendations:
        warnings.append(
            "This does not look like an inspection report, a register page, a committee paper "
            "or a tracker, and no recommendation, cause of concern or area for improvement was "
            "found in it."
        )
    return extraction
