"""Evidence file types: decided from the content, anything else refused with a plain reason."""

from __future__ import annotations

import contextlib
import gzip
import io
import struct
import tarfile
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oversight.recommendations import filetypes
from oversight.recommendations.filetypes import (
    Detected,
    FileKind,
    RefusedFile,
    detect,
    safe_download_name,
)

MB = 1024 * 1024
LIMIT = 25 * MB
HEAD = 64 * 1024


@pytest.fixture(autouse=True)
def _media_root():
    """These tests touch no storage: replaces the project-wide fixture that needs Django."""


def run(data: bytes, name: str = "file", *, max_size: int = LIMIT, size: int | None = None):
    return detect(
        data[:HEAD],
        name=name,
        size=len(data) if size is None else size,
        max_size=max_size,
        read_all=lambda: data,
    )


def refused(data: bytes, name: str = "file", **kwargs) -> str:
    with pytest.raises(RefusedFile) as caught:
        run(data, name, **kwargs)
    return str(caught.value)


# --- sample files, built here --------------------------------------------------------------

PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"xref\n0 3\n0000000000 65535 f \ntrailer << /Size 3 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n"
)
ENCRYPTED_TRAILER = b"trailer << /Size 3 /Root 1 0 R /Encrypt 4 0 R >>\nstartxref\n0\n%%EOF\n"
CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HH", 0x3E, 3) + bytes(488)
PNG = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 1, 1) + bytes(9)
JPEG = b"\xff\xd8\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01" + bytes(7) + b"\xff\xd9"
EML = (
    b"From: Jo Bloggs <jo@force.police.uk>\r\nTo: pa@force.police.uk\r\n"
    b"Subject: Custody audit results\r\nDate: Mon, 3 Mar 2025 09:00:00 +0000\r\n\r\n"
    b"Please find the results below.\r\n"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(44) + struct.pack("<I", 64)
EXE += b"PE\x00\x00" + bytes(200)


def make_zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx(**extra: bytes) -> bytes:
    members = {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:document/>"}
    return make_zip(members | extra)


def xlsx(**extra: bytes) -> bytes:
    members = {"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": b"<workbook/>"}
    return make_zip(members | extra)


# --- accepted ------------------------------------------------------------------------------


def test_pdf():
    assert run(PDF, "Custody audit.pdf") == Detected(
        "pdf", "PDF document", "application/pdf", ".pdf", encrypted=False
    )


def test_a_pdf_is_a_pdf_whatever_its_name():
    assert run(PDF, "scan").kind == FileKind.PDF


def test_encrypted_pdf_is_accepted_and_reported():
    assert run(PDF + ENCRYPTED_TRAILER).encrypted is True


def test_encryption_is_found_in_the_trailer_beyond_the_head():
    big = PDF + b"%" + b"x" * (200 * 1024) + b"\n" + ENCRYPTED_TRAILER
    assert run(big).encrypted is True
    assert run(PDF + b"%" + b"x" * (200 * 1024) + b"\n%%EOF\n").encrypted is False


def test_docx_and_xlsx():
    word = run(docx(), "plan.docx")
    assert (word.kind, word.label, word.extension) == ("docx", "Word document", ".docx")
    assert word.content_type.endswith("wordprocessingml.document")
    excel = run(xlsx(), "tracker")
    assert (excel.kind, excel.label, excel.extension) == ("xlsx", "Excel spreadsheet", ".xlsx")
    assert excel.content_type.endswith("spreadsheetml.sheet")


def test_a_large_docx_is_read_whole_for_its_central_directory():
    data = make_zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": b"<w:document/>",
            "word/media/image1.png": bytes(range(256)) * 1024,  # 256 KB, barely compressible
        },
        method=zipfile.ZIP_STORED,
    )
    assert len(data) > HEAD
    assert run(data).kind == "docx"


@pytest.mark.parametrize(
    ("name", "kind", "content_type"),
    [
        ("minutes.doc", "doc", "application/msword"),
        ("RETURNS.XLS", "xls", "application/vnd.ms-excel"),
        ("C:\\mail\\Re: audit.msg", "msg", "application/vnd.ms-outlook"),
    ],
)
def test_older_office_files_are_named_by_their_extension(name, kind, content_type):
    detected = run(OLE, name)
    assert (detected.kind, detected.content_type) == (kind, content_type)


def test_png_and_jpeg():
    assert run(PNG, "photo.jpg") == Detected.of(FileKind.PNG)
    assert run(JPEG, "photo") == Detected("jpeg", "JPEG image", "image/jpeg", ".jpg")


def test_email():
    detected = run(EML, "message.txt")
    assert (detected.kind, detected.content_type, detected.extension) == (
        "eml",
        "message/rfc822",
        ".eml",
    )


def test_email_with_a_date_but_no_subject():
    assert run(b"From: a@b.c\nDate: Tue, 4 Mar 2025 10:00:00 +0000\n\nHi\n").kind == "eml"


@pytest.mark.parametrize(
    "data",
    [
        b"Subject: no sender\nDate: Tue, 4 Mar 2025 10:00:00 +0000\n\nHi\n",
        b"From: a@b.c\nTo: d@e.f\n\nno subject or date\n",
        b"Notes from the meeting\nFrom: someone\nSubject: something\n",
    ],
)
def test_text_that_is_not_an_email_is_text(data):
    assert run(data, "notes.eml").kind == "text"


def test_csv_in_utf8_with_and_without_bom():
    data = "Force,Area,Status\nNorth,Custody – Cells,Open\n".encode()
    assert run(data, "export.csv") == Detected.of(FileKind.CSV, charset="utf-8")
    assert run(b"\xef\xbb\xbf" + data, "export.CSV").content_type == "text/csv; charset=utf-8"


def test_csv_in_windows_1252():
    data = "Name,Cost\nCafé,£12\n".encode("cp1252")
    detected = run(data, "costs.csv")
    assert (detected.kind, detected.content_type) == ("csv", "text/csv; charset=windows-1252")


@pytest.mark.parametrize("name", ["notes.txt", "notes", "notes.log", "notes.pdf", ""])
def test_text_is_text_whatever_the_extension(name):
    detected = run(b"Action plan agreed.\r\n\tOwner: DCI Smith\f\n", name)
    assert detected == Detected("text", "Text file", "text/plain; charset=utf-8", ".txt")


def test_a_head_cut_in_the_middle_of_a_character_is_still_utf8():
    data = "é".encode() * (HEAD // 2 + 10)
    head = b"a" + data[: HEAD - 1]  # ends halfway through "é"
    detected = detect(head, name="a.txt", size=HEAD + 100, max_size=LIMIT)
    assert detected.content_type == "text/plain; charset=utf-8"


def test_text_that_merely_starts_with_mz_is_not_a_program():
    assert run(b"MZ,Mozambique\nGB,United Kingdom\n", "countries.csv").kind == "csv"


def test_a_few_control_characters_are_tolerated():
    assert run(b"x" * 200 + b"\x1b").kind == "text"


# --- refused -------------------------------------------------------------------------------


def test_empty_file():
    assert refused(b"", "report.pdf") == "This file is empty."
    assert refused(b"   \r\n\t") == "This file is empty."
    assert refused(b"\xef\xbb\xbf") == "This file is empty."


def test_too_large():
    assert refused(PDF, max_size=LIMIT, size=LIMIT + 1) == (
        "This file is larger than the 25 MB limit."
    )
    assert run(PDF, size=LIMIT).kind == "pdf"
    assert "2.5 MB" in refused(PDF, max_size=int(2.5 * MB), size=3 * MB)


@pytest.mark.parametrize(
    "data",
    [
        EXE,
        b"\x7fELF\x02\x01\x01" + bytes(100),
        b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + bytes(100),
        b"\xca\xfe\xba\xbe" + bytes(100),
        b"#!/bin/sh\nrm -rf /\n",
    ],
)
def test_programs_are_refused_whatever_their_name(data):
    assert refused(data, "report.pdf") == (
        "This file looks like a program (an executable), which cannot be uploaded as evidence."
    )


def test_a_plain_zip_is_refused():
    assert refused(make_zip({"a.pdf": PDF, "b.txt": b"hello"}), "evidence.zip") == (
        "ZIP archives cannot be uploaded: upload the files inside them instead."
    )


def test_an_empty_zip_is_refused():
    assert "archives cannot be uploaded" in refused(make_zip({}))


def test_a_zip_named_docx_is_still_a_zip():
    assert "ZIP archives" in refused(make_zip({"word/document.xml": b"<w/>"}), "plan.docx")


def test_other_office_zips_are_not_accepted():
    pptx = make_zip({"[Content_Types].xml": CONTENT_TYPES, "ppt/presentation.xml": b"<p/>"})
    assert refused(pptx, "slides.pptx") == filetypes.UNKNOWN


def test_a_docx_holding_a_program_is_refused():
    assert "contains a program" in refused(docx(**{"word/embeddings/setup.EXE": EXE}))


def test_macros_are_refused():
    message = refused(docx(**{"word/vbaProject.bin": b"\x00" * 64}), "plan.docm")
    assert message.startswith("This file contains macros")
    macro_types = CONTENT_TYPES.replace(
        b"</Types>",
        b'<Override PartName="/xl/workbook.xml" ContentType="application/'
        b'vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>',
    )
    xlsm = make_zip({"[Content_Types].xml": macro_types, "xl/workbook.xml": b"<workbook/>"})
    assert refused(xlsm, "tracker.xlsm").startswith("This file contains macros")


def test_a_zip_bomb_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w") as member:
            for _ in range(60):
                member.write(bytes(MB))  # 60 MB of zeros, a few dozen KB compressed
    data = buffer.getvalue()
    assert len(data) < MB
    assert refused(data, "plan.docx") == filetypes.BOMB


def test_a_zip_with_too_many_members_is_refused():
    members = {f"word/part{i}.xml": b"" for i in range(filetypes.MAX_ZIP_MEMBERS)}
    assert refused(docx(**members)) == filetypes.BOMB


def test_a_damaged_zip_is_refused():
    assert refused(docx()[:-30], "plan.docx") == filetypes.DAMAGED
    assert refused(b"PK\x03\x04" + bytes(100)) == filetypes.DAMAGED


def test_an_older_office_file_needs_a_known_extension():
    assert refused(OLE, "slides.ppt") == filetypes.OLE_NAME
    assert refused(OLE, "protected.docx") == filetypes.OLE_NAME


def test_an_older_office_file_with_macros_is_refused():
    data = OLE + "_VBA_PROJECT_CUR".encode("utf-16-le") + bytes(100)
    assert refused(data, "returns.xls") == filetypes.MACROS


def tarball() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        info = tarfile.TarInfo("notes.txt")
        info.size = 5
        archive.addfile(info, io.BytesIO(b"hello"))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(gzip.compress(b"hello"), id="gzip"),
        pytest.param(b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(30), id="7z"),
        pytest.param(b"Rar!\x1a\x07\x01\x00" + bytes(30), id="rar"),
        pytest.param(tarball(), id="tar"),
    ],
)
def test_other_archives_are_refused(data):
    assert "archives cannot be uploaded" in refused(data, "notes.txt")


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html>\n<html><body>Hi</body></html>",
        b"\xef\xbb\xbf  <html><script>alert(1)</script></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg"/>',
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
        b"<script>alert(1)</script>",
        b"Meeting notes\n" * 50 + b"<SCRIPT src=x></SCRIPT>",
    ],
)
def test_web_pages_and_scripts_are_refused(data):
    assert refused(data, "notes.txt") == filetypes.WEB_PAGE


def test_a_script_tag_after_the_first_4kb_does_not_matter():
    assert run(b"Meeting notes\n" * 400 + b"<script>").kind == "text"


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        b"GIF89a\x01\x00\x01\x00" + bytes(20),
        "Report".encode("utf-16"),
        b"\x81\x8d\x8f\x90\x9d" * 10,  # neither UTF-8 nor Windows-1252
        b"abc\x01\x02\x03" * 20,  # too many control characters
    ],
)
def test_anything_else_is_unrecognised(data):
    assert refused(data, "report.pdf") == (
        "We could not tell what kind of file this is. Upload a PDF, Word, Excel, CSV, text, "
        "PNG, JPEG or email file."
    )


# --- download names ------------------------------------------------------------------------

PDF_FILE = Detected.of(FileKind.PDF)


@pytest.mark.parametrize(
    ("original", "detected", "expected"),
    [
        ("report.pdf.exe", PDF_FILE, "report.pdf"),
        ("report.pdf", PDF_FILE, "report.pdf"),
        ("REPORT.PDF", PDF_FILE, "REPORT.pdf"),
        ("report", PDF_FILE, "report.pdf"),
        ("report.exe", PDF_FILE, "report.pdf"),
        ("../../etc/passwd", PDF_FILE, "passwd.pdf"),
        ("C:\\Users\\jo\\Desktop\\Plan (v2).docx", Detected.of(FileKind.DOCX), "Plan (v2).docx"),
        ('Q1 "final"\r\n report;.pdf', PDF_FILE, "Q1 final report.pdf"),
        ("Résumé  Zoë\tÅsa.pdf", PDF_FILE, "Résumé Zoë Åsa.pdf"),
        ("invoice\u202efdp.exe", PDF_FILE, "invoicefdp.pdf"),
        ("photo.jpeg", Detected.of(FileKind.JPEG), "photo.jpg"),
        ("minutes.2024.03", Detected.of(FileKind.TEXT), "minutes.2024.03.txt"),
        ("", PDF_FILE, "evidence.pdf"),
        (".pdf", PDF_FILE, "evidence.pdf"),
        ('/"\x00/', PDF_FILE, "evidence.pdf"),
        ("报告.pdf", PDF_FILE, "evidence.pdf"),
    ],
)
def test_safe_download_name(original, detected, expected):
    assert safe_download_name(original, detected) == expected


def test_safe_download_names_are_at_most_120_characters():
    name = safe_download_name("a" * 300 + ".pdf", PDF_FILE)
    assert name == "a" * 116 + ".pdf"


# --- properties ----------------------------------------------------------------------------

ALL_KINDS = st.sampled_from([Detected.of(kind) for kind in FileKind])
MAGIC = st.sampled_from(
    [b"", b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\x89PNG\r\n\x1a\n"]
    + [b"\xef\xbb\xbf", b"From: a@b\nSubject: x\n", b"<svg", b"BZh9", b"MZ", b"\x1f\x8b"]
)
NAMES = st.one_of(st.text(), st.sampled_from(["a.doc", "a.xls", "a.msg", "a.csv", "x/.docx"]))
FAST = settings(max_examples=300, deadline=None, database=None)


@FAST
@given(magic=MAGIC, data=st.binary(), name=NAMES, max_size=st.integers(0, 2 * LIMIT))
def test_detect_only_ever_refuses(magic, data, name, max_size):
    content = magic + data
    try:
        detected = run(content, name, max_size=max_size)
    except RefusedFile as exc:
        assert str(exc)
    else:
        assert FileKind(detected.kind).extension == detected.extension


@FAST
@given(data=st.binary(), name=NAMES, size=st.integers(0, 2 * LIMIT))
def test_detect_only_ever_refuses_without_the_whole_file(data, name, size):
    try:
        detect(data, name=name, size=size, max_size=LIMIT)
    except RefusedFile as exc:
        assert str(exc)


@settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.data())
def test_a_damaged_docx_is_refused_or_accepted_never_crashes(data):
    content = bytearray(docx(**{"word/styles.xml": b"<w:styles/>" * 20}))
    for _ in range(data.draw(st.integers(1, 8))):
        content[data.draw(st.integers(0, len(content) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(content)))
    with contextlib.suppress(RefusedFile):
        run(bytes(content[:cut]), "plan.docx")


@FAST
@given(original=st.text(), detected=ALL_KINDS)
def test_safe_download_name_is_always_safe(original, detected):
    name = safe_download_name(original, detected)
    assert name and name.endswith(detected.extension) and len(name) <= 120
    assert not set(name) & set("/\\\"'`;:*?<>|")
    assert all(character.isprintable() for character in name)
    assert name == name.strip() and "  " not in name
    assert name[: -len(detected.extension)]  # never just the extension
