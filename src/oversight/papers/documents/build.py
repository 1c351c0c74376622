"""From a Paper (its sections and frozen facts) to the documents: Word, PDF and HTML."""

from __future__ import annotations

from oversight import charts
from oversight.papers.documents import html, word
from oversight.papers.documents.model import PaperDocument, Section
from oversight.papers.models import Paper, PaperStatus, WordTemplate
from oversight.papers.selectors import long_date

ANNEX_LETTERS = "ABCDEFGHIJ"


def paper_document(paper: Paper, *, png: bool = True) -> PaperDocument:
    """The paper as its documents draw it; the chart as SVG, and as PNG too with `png` (Word
    needs the PNG; the page, the PDF and the HTML only the SVG)."""
    committee = paper.meeting.committee
    drawn = paper.drawn or {}  # not paper.data: the facts may be megabytes (papers.selectors)
    sections: list[Section] = []
    number = annex = 0
    for s in paper.sections.all().order_by("position"):
        if s.is_annex:
            label = ANNEX_LETTERS[annex]
            annex += 1
        else:
            number += 1
            label = str(number)
        chart_png = svg = None
        alt = ""
        pairs = drawn.get("rag_counts")
        counts = dict(pairs) if pairs is not None else None  # in RAG order (compose.drawn)
        if s.key == "annex_rag" and counts is not None:
            if png:
                chart_png, svg = charts.rag_bar_chart(counts, title="Responses by RAG rating")
            else:
                svg = charts.rag_chart(counts, title="Responses by RAG rating").svg
            alt = "Responses by RAG rating: " + ", ".join(f"{k} {v}" for k, v in counts.items())
        sections.append(
            Section(
                number=label,
                key=s.key,
                heading=s.heading,
                text=s.text,
                is_annex=s.is_annex,
                chart_png=chart_png,
                chart_svg=svg,
                chart_alt=alt,
            )
        )
    # An issued paper keeps the committee's name as it was drawn (a committee may be renamed).
    frozen = drawn if paper.status == PaperStatus.ISSUED else {}
    return PaperDocument(
        organisation=committee.organisation.name,
        committee=frozen.get("committee") or committee.name,
        committee_short=frozen.get("committee_short") or committee.short_name or committee.name,
        meeting=long_date(paper.meeting.held_on),
        title=paper.title,
        status=paper.get_status_display(),
        version=paper.version,
        period=f"{long_date(paper.period_start)} to {long_date(paper.period_end)}",
        sections=sections,
    )


def export(paper: Paper, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file extension) of the paper in `fmt` (docx, pdf or html)."""
    document = paper_document(paper, png=fmt == "docx")
    if fmt == "docx":
        template = WordTemplate.objects.filter(
            organisation=paper.meeting.committee.organisation, is_active=True
        ).first()
        data = template.file.read() if template else None
        return (
            word.build_docx(document, template=data),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        )
    if fmt == "pdf":
        return html.build_pdf(document), "application/pdf", "pdf"
    if fmt == "html":
        return html.build_html(document).encode("utf-8"), "text/html; charset=utf-8", "html"
    raise ValueError(f"Unknown format {fmt!r}: choose docx, pdf or html")


def file_name(paper: Paper, ext: str) -> str:
    committee = paper.meeting.committee
    short = (committee.short_name or committee.name).replace(" ", "-")
    return f"{short}-HMICFRS-update-{paper.meeting.held_on:%Y-%m-%d}-v{paper.version}.{ext}"
