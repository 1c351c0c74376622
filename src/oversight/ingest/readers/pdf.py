"""PDFs as HMICFRS, forces and councils publish them: the words of each page and where they
are (PDFium, through pypdfium2), lines in reading order (two columns one after the other),
running headers, footers and page numbers left out, and a sentence that runs over a page
break kept whole; then paragraphs rebuilt from the lines as for plain text."""

from __future__ import annotations

import logging
import pathlib
import re

from oversight.ingest.extraction import UnreadableFile
from oversight.ingest.readers.files import MAX_CHARS, MAX_PDF_PAGES
from oversight.ingest.readers.text import ENDS_SENTENCE, Para, paragraphs_from_lines


def pdf_paragraphs(path: pathlib.Path) -> tuple[list[Para], list[str]]:
    """Paragraphs of a PDF, with blank lines put back where the lines are far apart."""
    import pypdf
    import pypdfium2 as pdfium

    warnings: list[str] = []
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(str(path), strict=False)
        encrypted = reader.is_encrypted
        if encrypted and not reader.decrypt(""):
            raise UnreadableFile(
                "The PDF is protected with a password. Save a copy without a password and "
                "upload that."
            )
    except UnreadableFile:
        raise
    except Exception as error:  # pypdf raises many kinds of error on damaged files
        raise UnreadableFile("The PDF is damaged and could not be read.") from error
    pages_lines: list[tuple[float, list[dict]]] = []  # (page width, its lines in reading order)
    total = 0
    try:
        # PDFium (through pypdfium2) for the words and where they are: fifty times faster than
        # pdfminer on a long report, so a 100-page PEEL report reads in about a second
        document = pdfium.PdfDocument(str(path), password="" if encrypted else None)
        try:
            count = len(document)
            if count > MAX_PDF_PAGES:
                warnings.append(f"Only the first {MAX_PDF_PAGES} of {count} pages were read.")
            for number in range(min(count, MAX_PDF_PAGES)):
                page = document[number]
                width = float(page.get_width())
                lines = _page_lines(page)
                page.close()
                pages_lines.append((width, _reading_order(lines, width)))
                total += sum(len(line["text"]) for line in lines)
                if total > MAX_CHARS:
                    warnings.append(
                        "Only the first part of the document was read: it is very long."
                    )
                    break
        finally:
            document.close()
    except UnreadableFile:
        raise
    except Exception as error:  # PDFium raises PdfiumError on damaged files
        raise UnreadableFile("The PDF is damaged and could not be read.") from error
    text = "\n".join(_page_text(pages_lines))
    if not text.strip():
        raise UnreadableFile(
            "The PDF has no text in it (it may be a scanned image). Upload a version with text."
        )
    return paragraphs_from_lines(text), warnings


def _page_lines(page) -> list[dict]:  # noqa: ANN001 - a pypdfium2 PdfPage
    """A page's lines, top to bottom: {"text", "x0", "x1", "top", "bottom"} with top and bottom
    measured down from the top of the page. PDFium gives runs of text (a line, or part of one
    where the font changes); runs side by side at the same height are one line."""
    height = float(page.get_height())
    textpage = page.get_textpage()
    runs = []
    try:
        for index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(index)
            words = textpage.get_text_bounded(left, bottom, right, top)
            words = words.replace("\r", " ").replace("\n", " ").replace("\x02", "-")
            if not words.strip():
                continue
            # the run's height from its font, not its letters ("cern." is shorter than "Cause"):
            # the gap between lines then tells a new paragraph from the next line of this one
            first = textpage.get_index(left + 0.5, (top + bottom) / 2, 2, 2)
            if first is not None and first >= 0:
                _, font_bottom, _, font_top = textpage.get_charbox(first, loose=True)
                top, bottom = max(top, font_top), min(bottom, font_bottom)
            runs.append([words, left, right, height - top, height - bottom])
    finally:
        textpage.close()
    runs.sort(key=lambda run: (run[3], run[1]))
    lines: list[list] = []
    for run in runs:
        line = next(
            (
                ln
                for ln in reversed(lines[-3:])
                if abs((ln[3] + ln[4]) / 2 - (run[3] + run[4]) / 2) < 0.4 * (run[4] - run[3])
                # beside it, and close: not across the gap between two columns
                and (
                    -1 <= run[1] - ln[2] <= 1.5 * (run[4] - run[3])
                    or -1 <= ln[1] - run[2] <= 1.5 * (run[4] - run[3])
                )
            ),
            None,
        )
        if line is None:
            lines.append(list(run))
            continue
        parts = sorted([line, run], key=lambda part: part[1])
        gap = parts[1][1] - parts[0][2]
        joint = "" if gap < 0.15 * (run[4] - run[3]) else " "
        line[0] = (
            parts[0][0].rstrip() + joint + parts[1][0].lstrip()
            if joint
            else (parts[0][0] + parts[1][0])
        )
        line[1], line[2] = min(line[1], run[1]), max(line[2], run[2])
        line[3], line[4] = min(line[3], run[3]), max(line[4], run[4])
    lines.sort(key=lambda ln: (ln[3], ln[1]))
    return [
        {
            "text": re.sub(r"\s+", " ", ln[0]).strip(),
            "x0": ln[1],
            "x1": ln[2],
            "top": ln[3],
            "bottom": ln[4],
        }
        for ln in lines
    ]


_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)


def _reading_order(lines: list[dict], width: float) -> list[dict]:
    """A page's lines in the order they are read: on a page of two columns, the lines across
    the top, then the left column, then the right."""
    middle = width / 2
    left = [ln for ln in lines if float(ln["x1"]) <= middle + 5]
    right = [ln for ln in lines if float(ln["x0"]) >= middle - 5]
    if len(lines) < 8 or len(left) < 0.3 * len(lines) or len(right) < 0.3 * len(lines):
        return lines
    in_columns = {id(ln) for ln in left} | {id(ln) for ln in right}
    first_column_top = min(float(ln["top"]) for ln in left + right)
    across = [ln for ln in lines if id(ln) not in in_columns]
    top = [ln for ln in across if float(ln["top"]) < first_column_top]
    rest = [ln for ln in across if float(ln["top"]) >= first_column_top]
    by_top = lambda found: sorted(found, key=lambda ln: float(ln["top"]))  # noqa: E731
    return by_top(top) + by_top(left) + by_top(right) + by_top(rest)


def _page_text(pages: list[tuple[float, list[dict]]]) -> list[str]:
    """The lines of every page, without its running header and footer (a line at the top or
    bottom of several pages, page numbers aside) or its page number; a sentence that runs on
    over a page break stays one paragraph."""

    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", text.strip().lower())

    edges: dict[str, int] = {}
    for _, lines in pages:
        for line in {shape(ln["text"]) for ln in lines[:2] + lines[-2:]}:
            edges[line] = edges.get(line, 0) + 1
    repeated = {line for line, n in edges.items() if n >= 2 and len(pages) >= 2}
    chunks: list[str] = []
    for _, lines in pages:
        kept = []
        for index, line in enumerate(lines):
            at_edge = index < 2 or index >= len(lines) - 2
            words = line["text"].strip()
            if at_edge and (shape(words) in repeated or _PAGE_NUMBER.match(words)):
                continue
            kept.append(line)
        previous_bottom = None
        for line in kept:
            top, bottom = float(line["top"]), float(line["bottom"])
            height = max(bottom - top, 1.0)
            if previous_bottom is not None and top - previous_bottom > 0.6 * height:
                chunks.append("")
            chunks.append(line["text"])
            previous_bottom = bottom
        if kept and ENDS_SENTENCE.search(kept[-1]["text"]):
            chunks.append("")  # a page that ends a sentence ends its paragraph
    return chunks
