"""What a file is, by its content: size limits, format sniffing, hashing and ZIP safety.

Nothing here trusts the file's name: a PDF is a file that starts like a PDF. The name is only
a tie-breaker between CSV and plain text.
"""

from __future__ import annotations

import hashlib
import pathlib
import zipfile

from django.conf import settings

from oversight.ingest.extraction import UnreadableFile

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Bounds that keep one file's reading time small, whatever the file holds.
MAX_CHARS = 2_000_000  # characters of text read from any document
MAX_PDF_PAGES = 300
MAX_PARAGRAPHS = 20_000
MAX_ROWS = 20_000  # spreadsheet rows read
MAX_COLUMNS = 60
# ZIP containers (docx, xlsx): refuse anything that expands far beyond its size.
MAX_ZIP_MEMBERS = 5_000
MAX_ZIP_EXPANDED = 200 * 1024 * 1024
MAX_ZIP_RATIO = 150

PDF, DOCX, XLSX, HTML, CSV, TXT = "pdf", "docx", "xlsx", "html", "csv", "txt"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def max_bytes() -> int:
    """The largest file accepted (setting OVERSIGHT_IMPORT_MAX_BYTES, default 20 MB): the same
    limit for the readers as for the import page and command."""
    try:
        return int(getattr(settings, "OVERSIGHT_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))
    except (TypeError, ValueError):
        return DEFAULT_MAX_BYTES


def _size_words(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    return f"{max(size // 1024, 1)} KB"


def read_bytes(path: pathlib.Path) -> bytes:
    """The file's bytes, refusing missing, empty and over-large files."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise UnreadableFile("The file could not be opened.") from error
    if not path.is_file():
        raise UnreadableFile("This is not a file.")
    if size == 0:
        raise UnreadableFile("The file is empty.")
    limit = max_bytes()
    if size > limit:
        raise UnreadableFile(
            f"The file is too large ({_size_words(size)}). "
            f"Files up to {_size_words(limit)} can be read."
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableFile("The file could not be opened.") from error
    if len(data) > limit:  # the file grew while being read
        raise UnreadableFile(
            f"The file is too large. Files up to {_size_words(limit)} can be read."
        )
    return data


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_zip(data: bytes, path: pathlib.Path) -> zipfile.ZipFile:
    """Open a ZIP container safely: refuse damaged archives and zip bombs."""
    try:
        archive = zipfile.ZipFile(path)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        raise UnreadableFile(
            "The file is damaged: it could not be opened as a document."
        ) from error
    if len(members) > MAX_ZIP_MEMBERS:
        raise UnreadableFile("The file holds too many parts to be a normal document.")
    expanded = 0
    for member in members:
        expanded += member.file_size
        if member.flag_bits & 0x1:
            raise UnreadableFile("The file is protected with a password. Save a copy without one.")
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > MAX_ZIP_RATIO:
            raise UnreadableFile(
                "The file expands to far more than its size (a 'zip bomb'), so it was not read."
            )
    if expanded > MAX_ZIP_EXPANDED:
        raise UnreadableFile(
            "The file expands to far more than its size (a 'zip bomb'), so it was not read."
        )
    return archive


def sniff(data: bytes, name: str, path: pathlib.Path) -> str:
    """The file's format, from its content: pdf, docx, xlsx, html, csv or txt."""
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        with check_zip(data, path) as archive:
            names = set(archive.namelist())
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
        raise UnreadableFile(
            "This is a ZIP archive, not a Word document or Excel workbook. "
            "Upload a PDF, Word (.docx), web page (.html), text, Excel (.xlsx) or CSV file."
        )
    if data.startswith(_OLE_MAGIC):
        raise UnreadableFile(
            "This is an older Word or Excel file (.doc or .xls), or one protected with a "
            "password. Save it as .docx or .xlsx without a password and upload it again."
        )
    text = decode(data)
    if text is None:
        raise UnreadableFile(
            "This type of file is not supported. Upload a PDF, Word (.docx), web page (.html), "
            "text, Excel (.xlsx) or CSV file."
        )
    start = text[:2048].lstrip().lower()
    if start.startswith(("<!doctype html", "<html", "<?xml")) or any(
        tag in start for tag in ("<body", "<head", "<h1", "<p>", "<div", "<table")
    ):
        return HTML
    if name.lower().endswith((".csv", ".tsv")):
        return CSV
    return TXT


def decode(data: bytes) -> str | None:
    """The bytes as text (UTF-8, UTF-16 with a byte order mark, else Windows-1252), or None
    when they are not text at all."""
    text: str | None = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                return None
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if "\x00" in sample or controls > max(len(sample) // 100, 2):
        return None
    return text
