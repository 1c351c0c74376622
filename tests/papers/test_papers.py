"""Committee papers from the demo record: drawn, edited, issued (frozen), exported."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
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
    # a new version is drawn afresh, as at the end of its period: a change made since (and
    # this one not even in the trail) is not in it (test_papers_as_at covers each kind)
    assert "Renamed in the record" not in "".join(s.text for s in draft.sections.all())
    assert {s.key: s.text for s in draft.sections.all()} == before


def test_edits_are_kept_and_flagged_when_the_record_changes_under_them(july):
    paper, liaison = july
    section = paper.sections.get(key="inspections")
    services.section_edit(
        section=section,
        actor=liaison,
        text="Our own words.",
        heading=section.heading,
        expected=services.section_digest(section),
    )

    from oversight.clock import recorded_at
    from oversight.inspections.models import Inspection
    from oversight.inspections.services import inspection_debrief_record

    inspection = Inspection.objects.get(title__contains="Digital Forensics")
    # a note recorded before the meeting, after the draft was written
    with recorded_at(timezone.make_aware(dt.datetime(2022, 7, 20, 10))):
        inspection_debrief_record(
            inspection=inspection,
            actor=liaison,
            expected_version=inspection.version,
            strengths=inspection.debrief_strengths,
            areas_to_consider=inspection.debrief_areas_to_consider,
            notes="A new note.",
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


def test_word_numbers_each_item_once_and_indents_its_further_paragraphs(july):
    paper, _ = july
    document = Document(io.BytesIO(build.export(paper, "docx")[0]))
    paragraphs = document.paragraphs
    numbered = [p.text for p in paragraphs if p.style.name == "List Number"]
    concerns = [t for t in numbered if "(Recommendation " in t]
    # by theme, the committee's default: the order of the real July paper
    assert [t.split(" (Recommendation ")[1][:5].rstrip(")") for t in concerns] == [
        "9159",
        "10618",
        "9962",
        "8539",
        "9472",
    ]
    # the status line under each concern is part of its item, not a numbered item
    deadline_lines = [p for p in paragraphs if p.text.startswith("RAG:")]
    assert deadline_lines and {p.style.name for p in deadline_lines} == {"List Continue"}


def test_the_pdf_numbers_lists_as_the_word_file_does(july):
    import pdfplumber

    paper, _ = july
    with pdfplumber.open(io.BytesIO(build.export(paper, "pdf")[0])) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "2. Crimes Against Older People (Recommendation 10618)" in " ".join(text.split())
    assert "5. Stalking and Harassment (Recommendation 9472)" in " ".join(text.split())
    assert "Page 1 of" in text or "page 1 of" in text


def test_libreoffice_opens_the_word_file(july, tmp_path):
    """The committee's clerk may not use Microsoft Word: LibreOffice must open the file."""
    import shutil
    import subprocess

    office = shutil.which("libreoffice") or shutil.which("soffice")
    assert office, "LibreOffice is needed for this test: `make test` installs it"
    paper, _ = july
    source = tmp_path / "paper.docx"
    source.write_bytes(build.export(paper, "docx")[0])
    subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    from pypdf import PdfReader

    converted = PdfReader(tmp_path / "paper.pdf")
    assert len(converted.pages) >= 3
    assert "HMICFRS" in converted.pages[0].extract_text()


def test_two_people_editing_one_section_never_overwrite_each_other(july):
    from oversight.conflicts import EditConflict

    paper, liaison = july
    section = paper.sections.get(key="purpose")
    opened = services.section_digest(section)  # both open the form
    services.section_edit(
        section=section, actor=liaison, text="First words.", heading="Purpose", expected=opened
    )
    with pytest.raises(EditConflict):
        services.section_edit(
            section=section, actor=liaison, text="Second words.", heading="Purpose", expected=opened
        )
    section.refresh_from_db()
    assert section.text == "First words."


def test_line_breaks_sent_by_browsers_are_kept_as_paragraphs(july):
    paper, liaison = july
    section = paper.sections.get(key="purpose")
    services.section_edit(
        section=section,
        actor=liaison,
        text="One.\r\n\r\nTwo.",
        heading="Purpose",
        expected=services.section_digest(section),
    )
    section.refresh_from_db()
    assert section.text == "One.\n\nTwo."


def _template(header: str) -> bytes:
    document = Document()
    document.sections[0].header.paragraphs[0].text = header
    document.add_paragraph("This body is replaced by the paper.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_an_organisation_word_template_gives_the_header(july):
    from django.core.files.uploadedfile import SimpleUploadedFile

    paper, liaison = july
    services.word_template_upload(
        organisation=liaison.organisation,
        actor=liaison,
        upload=SimpleUploadedFile(
            "house.docx", _template("{{ organisation }} | {{ committee }} | {{ marking }}")
        ),
    )
    document = Document(io.BytesIO(build.export(paper, "docx")[0]))
    header = document.sections[0].header.paragraphs[0].text
    assert header.startswith("West Midlands Police | Joint Audit Committee | OFFICIAL")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "This body is replaced" not in text
    assert "Hate Crime (Recommendation 9159)." in text


def test_a_template_with_broken_placeholders_is_refused_at_upload(july):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from oversight.papers.models import WordTemplate
    from oversight.recommendations.filetypes import RefusedFile

    paper, liaison = july
    with pytest.raises(RefusedFile, match="placeholders"):
        services.word_template_upload(
            organisation=liaison.organisation,
            actor=liaison,
            upload=SimpleUploadedFile("broken.docx", _template("{{ organisation ")),
        )
    assert not WordTemplate.objects.exists()
    build.export(paper, "docx")  # exports still work


def test_the_paper_reports_the_current_peel_not_every_one_there_has_been():
    """The latest PEEL inspection begun by the end of the period, and those notified after it."""
    from oversight.inspections.models import InspectionKind, InspectionStatus
    from oversight.papers.selectors import _current_peel
    from tests.factories import InspectionFactory, OrganisationFactory

    force = OrganisationFactory()

    def peel(year: int, status: str, start: dt.date | None):
        return InspectionFactory(
            organisation=force,
            title=f"PEEL {year}",
            kind=InspectionKind.PEEL,
            status=status,
            start_on=start,
        )

    peel(2016, InspectionStatus.PUBLISHED, dt.date(2016, 3, 1))
    latest = peel(2021, InspectionStatus.PUBLISHED, dt.date(2021, 9, 1))
    coming = peel(2023, InspectionStatus.SCHEDULED, dt.date(2023, 5, 1))
    peel(2024, InspectionStatus.CANCELLED, dt.date(2024, 5, 1))
    from oversight.inspections.models import Inspection

    everything = list(Inspection.objects.filter(organisation=force).order_by("start_on"))
    assert _current_peel(everything, dt.date(2022, 7, 21)) == [latest, coming]
