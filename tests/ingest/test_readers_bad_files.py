"""Bad files get a clear message, and nothing but UnreadableFile."""

from __future__ import annotations

import io
import pathlib
import zipfile

import pytest

from oversight.ingest.extraction import UnreadableFile
from oversight.ingest.readers import read_file

FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures"


def write(tmp_path: pathlib.Path, name: str, data: bytes) -> pathlib.Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def message(path: pathlib.Path, **kwargs) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_file(path, **kwargs)
    return str(caught.value)


def test_empty_file(tmp_path: pathlib.Path) -> None:
    assert message(write(tmp_path, "empty.pdf", b"")) == "The file is empty."


def test_blank_text_file(tmp_path: pathlib.Path) -> None:
    assert message(write(tmp_path, "blank.txt", b"   \n\n\t \n")) == "The file has no text in it."


def test_huge_file(tmp_path: pathlib.Path, settings) -> None:
    settings.OVERSIGHT_IMPORT_MAX_BYTES = 1024
    path = write(tmp_path, "big.txt", b"Recommendations\n" * 200)
    assert "too large" in message(path)
    assert "1 KB" in message(path)


def test_not_a_supported_type(tmp_path: pathlib.Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    assert "not supported" in message(write(tmp_path, "report.pdf", png))


def test_old_office_file(tmp_path: pathlib.Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    assert ".docx or .xlsx" in message(write(tmp_path, "tracker.xls", ole))


def test_zip_that_is_not_a_document(tmp_path: pathlib.Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert "not a Word document or Excel workbook" in message(
        write(tmp_path, "x.zip", buffer.getvalue())
    )


def test_zip_bomb(tmp_path: pathlib.Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (20 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 100_000
    assert "zip bomb" in message(write(tmp_path, "bomb.docx", data))


def test_damaged_word_document(tmp_path: pathlib.Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "not xml at all")
        archive.writestr("word/document.xml", "<w:document")
    assert "Word document is damaged" in message(write(tmp_path, "r.docx", buffer.getvalue()))


def test_truncated_word_document(tmp_path: pathlib.Path) -> None:
    data = (FIXTURES / "peel-report.docx").read_bytes()
    assert "damaged" in message(write(tmp_path, "r.docx", data[: len(data) // 2]))


def test_damaged_workbook(tmp_path: pathlib.Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet")
    assert "workbook is damaged" in message(write(tmp_path, "t.xlsx", buffer.getvalue()))


def test_malformed_pdf(tmp_path: pathlib.Path) -> None:
    assert "PDF is damaged" in message(write(tmp_path, "r.pdf", b"%PDF-1.7\n1 0 obj << /Type"))


def test_truncated_pdf(tmp_path: pathlib.Path) -> None:
    data = (FIXTURES / "thematic-report.pdf").read_bytes()
    text = message(write(tmp_path, "r.pdf", data[: len(data) // 3]))
    assert "PDF" in text


def test_encrypted_pdf(tmp_path: pathlib.Path) -> None:
    import pypdf

    reader = pypdf.PdfReader(str(FIXTURES / "thematic-report.pdf"))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "protected with a password" in message(write(tmp_path, "r.pdf", buffer.getvalue()))


def test_pdf_with_no_text(tmp_path: pathlib.Path) -> None:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "no text" in message(write(tmp_path, "scan.pdf", buffer.getvalue()))


def test_text_that_is_no_known_kind(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "shopping.txt", b"Eggs\nMilk\nBread\n")
    extraction = read_file(path)
    assert extraction.source.kind == "unknown"
    assert extraction.recommendations == []
    assert "does not look like" in extraction.warnings[0]


def test_csv_without_a_header(tmp_path: pathlib.Path) -> None:
    extraction = read_file(write(tmp_path, "t.csv", b"1,2,3\n4,5,6\n"))
    assert extraction.source.kind == "tracker"
    assert extraction.recommendations == []
    assert any("No header row was recognised" in w for w in extraction.warnings)
    assert [c.field for c in extraction.columns] == [None, None, None]


def test_missing_file(tmp_path: pathlib.Path) -> None:
    assert message(tmp_path / "nothing.pdf") == "The file could not be opened."


def test_name_is_kept_and_content_decides_the_format(tmp_path: pathlib.Path) -> None:
    # An upload is stored under another name: the name given is shown, the content decides.
    path = write(tmp_path, "upload-1234", (FIXTURES / "thematic-report.html").read_bytes())
    extraction = read_file(path, name="Closing the gap.html")
    assert extraction.source.name == "Closing the gap.html"
    assert extraction.source.format == "html"
    assert extraction.source.path == str(path)
    assert len(extraction.recommendations) == 7
