"""The paper as one HTML document: the download, and the source of the PDF (WeasyPrint), so
the PDF says exactly what the preview says."""

from __future__ import annotations

import base64

from django.template.loader import render_to_string
from markupsafe import Markup

from oversight.papers.documents import markup
from oversight.papers.documents.model import CHART_CAPTION, PaperDocument


def section_html(text: str) -> Markup:
    return Markup(markup.to_html(text))  # raw HTML in the text is escaped by the parser


def chart_data_uri(svg: str | None) -> str:
    if not svg:
        return ""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def build_html(paper: PaperDocument, *, for_pdf: bool = False) -> str:
    return render_to_string(
        "papers/document.html",
        {
            "paper": paper,
            "sections": [
                {"section": s, "html": section_html(s.text), "chart": chart_data_uri(s.chart_svg)}
                for s in paper.sections
            ],
            "for_pdf": for_pdf,
            "CHART_CAPTION": CHART_CAPTION,
        },
    )


def build_pdf(paper: PaperDocument) -> bytes:
    from weasyprint import HTML

    return HTML(string=_numbered_from(build_html(paper, for_pdf=True))).write_pdf()


def _numbered_from(page: str) -> str:
    """WeasyPrint ignores <ol start>: say it with a counter (the PDF only; browsers and
    Word number such lists themselves, and the pages' CSP allows no style attributes)."""
    import re

    return re.sub(
        r'<ol start="(\d+)"',
        lambda m: f'<ol start="{m[1]}" style="counter-reset: list-item {int(m[1]) - 1}"',
        page,
    )
