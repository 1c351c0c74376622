"""Committee papers from the demo record: drawn, edited, issued (frozen), exported."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from oversight.accounts.models import User
from oversight.demo.load import load_demo
from oversight.papers import services
from oversight.papers.documents import build
from oversight.papers.models import Paper, PaperStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def march():
    """The demo's March 2022 paper, issued."""
    load_demo()
    paper = Paper.objects.get(meeting__held_on=dt.date(2022, 3, 24))
    return paper, User.objects.get(username="liaison")


@pytest.fixture
def july():
    """The demo's July 2022 paper, a draft."""
    load_demo()
    paper = Paper.objects.get(meeting__held_on=dt.date(2022, 7, 28))
    return paper, User.objects.get(username="liaison")


def test_the_march_draft_holds_the_inspections_and_reports_of_the_paper(march):
    paper, _ = march
    text = "\n".join(s.text for s in paper.sections.all())
    for fact in [
        "Online Sexual Abuse and Sexual Exploitation of Children",
        "Dyfed Powys Police",
        "Serious Youth Violence",
        "South Central BCU",
        "Invisible survivors",
        "Thematic Inspection of Digital Forensics (W/C 4th April)",
        "October – Date TBC",
        "Solihull JTAI Report following the murder of Arthur Labinjo-Hughes. Published "
        "21 February 2022.",
        "Published 24 February 2022.",
        "Immediately, police and prosecutors should review",
    ]:
        assert fact in text.replace("\\", ""), fact


def test_an_issued_paper_does_not_change_when_the_record_does(march):
    paper, liaison = march
    assert paper.status == PaperStatus.ISSUED and paper.issued_by == liaison
    before = {s.key: s.text for s in paper.sections.all()}
    docx_before = build.export(paper, "html")[0]
    from oversight.inspections.models import Report

    Report.objects.filter(title__startswith="Solihull").update(title="Renamed in the record")
    with pytest.raises(ValueError, match="issued"):
        services.paper_regenerate(paper=paper, actor=liaison)
    paper.refresh_from_db()
    assert {s.key: s.text for s in paper.sections.all()} == before
    assert build.export(paper, "html")[0] == docx_before
    draft = services.paper_new_version(paper=paper, actor=liaison)
    assert draft.version == 2
    assert "Renamed in the record" in "".join(s.text for s in draft.sections.all())


def test_edits_are_kept_and_flagged_when_the_record_changes_under_them(july):
    paper, liaison = july
    section = paper.sections.get(key="inspections")
    services.section_edit(
        section=section,
        actor=liaison,
        text="Our own words.",
        heading=section.heading,
        expected_text=section.text,
    )

    from oversight.inspections.models import Inspection

    Inspection.objects.filter(title__contains="Digital Forensics").update(
        debrief_notes="A new note."
    )
    stale = services.paper_regenerate(paper=paper, actor=liaison)
    section.refresh_from_db()
    assert section.text == "Our own words."
    assert [s.key for s in stale] == ["inspections"]
    with pytest.raises(ValueError, match="changed under your edits"):
        services.paper_issue(paper=paper, actor=liaison)


def test_word_and_pdf_exports(march):
    paper, _ = march
    content, _, _ = build.export(paper, "docx")
    document = Document(io.BytesIO(content))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Heading 1", "List Number", "List Bullet"} <= styles
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "1. PURPOSE OF REPORT"
    assert "West Midlands Police" in document.sections[0].header.paragraphs[0].text
    assert len(document.inline_shapes) == 1  # the RAG chart
    pdf, content_type, _ = build.export(paper, "pdf")
    assert pdf.startswith(b"%PDF") and content_type == "application/pdf"
