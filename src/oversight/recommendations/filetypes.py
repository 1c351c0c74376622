"""What kind of evidence file is this? Decided from the content, never from the name alone.

Only a short list of kinds is accepted (PDF, Word, Excel, Outlook, CSV, text, PNG, JPEG, email);
everything else is refused with a reason a person who is not technical can act on.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from enum import StrEnum

MB = 1024 * 1024
MAX_ZIP_MEMBERS = 5_000
ZIP_RATIO, ZIP_ALLOWANCE = 20, 50 * MB  # a ZIP may expand to 20 times its size, plus 50 MB
MAX_NAME = 120


class FileKind(StrEnum):
    """An accepted kind: its value is the short code; a label for people; how to store/serve it."""

    label: str
    content_type: str
    extension: str

    def __new__(cls, code: str, label: str, content_type: str, extension: str) -> FileKind:
        member = str.__new__(cls, code)
        member._value_ = code
        member.label, member.content_type, member.extension = label, content_type, extension
        return member

    PDF = ("pdf", "PDF document", "application/pdf", ".pdf")
    DOCX = (
        "docx",
        "Word document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    )
    XLSX = (
        "xlsx",
        "Excel spreadsheet",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".xlsx",
    )
    DOC = ("doc", "Word document (older format)", "application/msword", ".doc")
    XLS = ("xls", "Excel spreadsheet (older format)", "application/vnd.ms-excel", ".xls")
    MSG = ("msg", "Outlook email", "application/vnd.ms-outlook", ".msg")
    CSV = ("csv", "CSV spreadsheet", "text/csv", ".csv")
    TEXT = ("text", "Text file", "text/plain", ".txt")
    PNG = ("png", "PNG image", "image/png", ".png")
    JPEG = ("jpeg", "JPEG image", "image/jpeg", ".jpg")
    EML = ("eml", "Email", "message/rfc822", ".eml")


@dataclass(frozen=True)
class Detected:
    kind: str  # a FileKind value: "pdf", "docx", ...; FileKind(kind) gives the rest
    label: str  # "PDF document", "Word document", ...
    content_type: str  # "application/pdf"; text kinds carry a charset
    extension: str  # ".pdf": the extension to use when serving
    encrypted: bool = False  # PDFs only: protected by a password or permissions

    @classmethod
    def of(cls, kind: FileKind, *, charset: str = "", encrypted: bool = False) -> Detected:
        content_type = f"{kind.content_type}; charset={charset}" if charset else kind.content_type
        return cls(kind.value, kind.label, content_type, kind.extension, encrypted)


class RefusedFile(ValueError):
    """The file cannot be uploaded; str(exc) is the reason, written for a person."""


ALLOWED = "Upload a PDF, Word, Excel, CSV, text, PNG, JPEG or email file."
EMPTY = "This file is empty."
UNKNOWN = f"We could not tell what kind of file this is. {ALLOWED}"
PROGRAM = "This file looks like a program (an executable), which cannot be uploaded as evidence."
ARCHIVE = "ZIP archives cannot be uploaded: upload the files inside them instead."
OTHER_ARCHIVE = "Compressed archives cannot be uploaded: upload the files inside them instead."
PROGRAM_INSIDE = "This file contains a program (an executable), so it cannot be uploaded."
MACROS = (
    "This file contains macros, which cannot be uploaded as evidence. Save it as an ordinary "
    "Word or Excel file (.docx or .xlsx) and upload that instead."
)
BOMB = "This file would become far too large when opened, so it cannot be uploaded safely."
DAMAGED = "This file seems to be damaged, so we could not check it. Try saving it again."
OLE_NAME = (
    "Older Office files can only be uploaded as Word (.doc), Excel (.xls) or Outlook (.msg) "
    "files. If the file has a password, remove it and upload the file again."
)
WEB_PAGE = (
    "This file looks like a web page or script, which could run in a web browser, so it cannot "
    f"be uploaded. {ALLOWED}"
)

# Linux, Mach-O (both word sizes and byte orders, and universal), scripts
_EXECUTABLE_MAGIC = (b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe")
_EXECUTABLE_MAGIC += (b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
# gzip, 7-Zip, RAR, xz, Zstandard, empty or spanned ZIP
_ARCHIVE_MAGIC = (b"\x1f\x8b", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07", b"\xfd7zXZ\x00")
_ARCHIVE_MAGIC += (b"\x28\xb5\x2f\xfd", b"PK\x05\x06", b"PK\x07\x08")
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_KINDS = {".doc": FileKind.DOC, ".xls": FileKind.XLS, ".msg": FileKind.MSG}
_OLE_MACROS = "_VBA_PROJECT".encode("utf-16-le")  # a stream name in the file's directory
_PROGRAM_SUFFIXES = {".exe", ".dll", ".com", ".scr", ".pif", ".cpl", ".msi", ".bat", ".cmd"}
_PROGRAM_SUFFIXES |= {".ps1", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".hta", ".jar", ".sh", ".app"}
_PROGRAM_SUFFIXES |= {".lnk", ".reg", ".so", ".dylib"}
_WEB_STARTS = ("<!doctype html", "<html", "<head", "<body", "<svg", "<!doctype svg", "<script")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # not \t \n \f \r
_HEADER_LINE = re.compile(rb"(?:From |[!-9;-~]+:)")  # a field name and a colon (or mbox "From ")
_EXTENSION_LIKE = re.compile(r"[A-Za-z0-9]{0,4}[A-Za-z][A-Za-z0-9]{0,4}")


def detect(
    head: bytes,
    *,
    name: str,
    size: int,
    max_size: int,
    read_all: Callable[[], bytes] | None = None,
) -> Detected:
    """The kind of an uploaded file, from its first 64 KB (`head`); raises RefusedFile.

    `read_all` returns the whole content: used only when a ZIP, an Office file or a PDF's trailer
    needs a look beyond `head`.
    """
    size = max(size, len(head))
    if size > max_size:  # first: a file over its limit arrives with its bytes dropped
        raise RefusedFile(f"This file is larger than the {_megabytes(max_size)} limit.")
    if not head:
        raise RefusedFile(EMPTY)
    complete = len(head) >= size

    def whole() -> bytes:
        return head if complete or read_all is None else read_all()

    windows_program = head[:2] == b"MZ" and b"\x00" in head[:64]  # its header always has NULs
    if windows_program or head.startswith(_EXECUTABLE_MAGIC):
        raise RefusedFile(PROGRAM)
    if head.startswith(b"%PDF-"):
        tail = b"" if complete or read_all is None else read_all()[-64 * 1024 :]
        return Detected.of(FileKind.PDF, encrypted=b"/Encrypt" in head or b"/Encrypt" in tail)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Detected.of(FileKind.PNG)
    if head.startswith(b"\xff\xd8\xff"):
        return Detected.of(FileKind.JPEG)
    if head.startswith(_ZIP):
        if not complete and read_all is None:
            raise RefusedFile(DAMAGED)
        return Detected.of(_zip_kind(whole()))
    if head.startswith(_OLE):
        kind = _OLE_KINDS.get(_extension(name))
        if kind is None:
            raise RefusedFile(OLE_NAME)
        if _OLE_MACROS in whole():
            raise RefusedFile(MACROS)
        return Detected.of(kind)
    if head.startswith(_ARCHIVE_MAGIC) or head[257:262] == b"ustar" or _is_bzip2(head):
        raise RefusedFile(OTHER_ARCHIVE)
    return _text(head, name=name, complete=complete)


def _megabytes(limit: int) -> str:
    if limit < MB:
        return f"{max(limit, 0) // 1024} KB"
    return f"{limit // MB} MB" if limit % MB == 0 else f"{limit / MB:.1f} MB"


def _is_bzip2(head: bytes) -> bool:
    return head.startswith(b"BZh") and head[3:10] in {
        bytes([level]) + b"1AY&SY" for level in b"123456789"
    }


def _extension(name: str) -> str:
    base = re.split(r"[/\\]", name or "")[-1].rstrip(" .").lower()
    stem, dot, suffix = base.rpartition(".")
    return f".{suffix}" if dot and stem else ""


def _zip_kind(data: bytes) -> FileKind:
    """Word or Excel (Office Open XML), or refused: any other ZIP, macros, programs, bombs."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            expanded = sum(member.file_size for member in members)
            if len(members) > MAX_ZIP_MEMBERS or expanded > ZIP_RATIO * len(data) + ZIP_ALLOWANCE:
                raise RefusedFile(BOMB)
            names = {member.filename.lower(): member for member in members}
            if any(name.rsplit("/", 1)[-1] == "vbaproject.bin" for name in names):
                raise RefusedFile(MACROS)
            if any(_extension(name) in _PROGRAM_SUFFIXES for name in names):
                raise RefusedFile(PROGRAM_INSIDE)
            types = names.get("[content_types].xml")
            if types is None:
                raise RefusedFile(ARCHIVE)
            with archive.open(types) as stream:
                declared = stream.read(MB).lower()  # never more than the member really holds
            if b"macroenabled" in declared or b"vbaproject" in declared:
                raise RefusedFile(MACROS)
            if "word/document.xml" in names:
                return FileKind.DOCX
            if "xl/workbook.xml" in names:
                return FileKind.XLSX
            raise RefusedFile(UNKNOWN)  # PowerPoint, Visio...: Office, but not accepted
    except RefusedFile:
        raise
    except Exception as exc:  # zipfile fails in many ways on a broken or hostile file
        raise RefusedFile(DAMAGED) from exc


def _decode(head: bytes, *, complete: bool) -> tuple[str, str] | None:
    """The text and its charset (UTF-8, with or without BOM, or Windows-1252); None if binary."""
    if b"\x00" in head:
        return None
    body = head.removeprefix(codecs.BOM_UTF8)
    try:  # the head may end in the middle of a character
        return codecs.getincrementaldecoder("utf-8")().decode(body, final=complete), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return head.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return None


def _text(head: bytes, *, name: str, complete: bool) -> Detected:
    decoded = _decode(head, complete=complete)
    if decoded is None:
        raise RefusedFile(UNKNOWN)
    text, charset = decoded
    if len(_CONTROL.findall(text)) * 100 >= max(len(text), 1):
        raise RefusedFile(UNKNOWN)
    start = text[:4096].lstrip("\ufeff \t\r\n\f").lower()
    if (
        start.startswith(_WEB_STARTS)
        or "<script" in start
        or (start.startswith("<?xml") and "<svg" in start)
    ):
        raise RefusedFile(WEB_PAGE)
    if complete and not text.strip():
        raise RefusedFile(EMPTY)
    if _is_email(head.removeprefix(codecs.BOM_UTF8)):
        return Detected.of(FileKind.EML)
    kind = FileKind.CSV if _extension(name) == ".csv" else FileKind.TEXT
    return Detected.of(kind, charset=charset)


def _is_email(head: bytes) -> bool:
    """RFC 5322 headers first, with a From and a Subject or a Date."""
    if not _HEADER_LINE.match(head):
        return False
    try:
        headers = BytesHeaderParser().parsebytes(head)
        return bool(headers["From"]) and bool(headers["Subject"] or headers["Date"])
    except Exception:  # a strange header must not stop an upload: it is then plain text
        return False


def _name_character(character: str) -> str:
    if character.isspace():
        return " "
    if character.isascii():
        return character if character.isalnum() or character in " .-_()" else " "
    if character.isalpha() and "\u00c0" <= character <= "\u024f":  # common accented letters
        return character
    return "" if unicodedata.category(character) in {"Cc", "Cf"} else " "


def safe_download_name(original: str, detected: Detected) -> str:
    """A name for Content-Disposition: no path, no quotes or control characters, at most 120
    characters, never empty, and ending with the detected extension ("report.pdf.exe" holding a
    PDF becomes "report.pdf")."""
    extension = detected.extension
    base = unicodedata.normalize("NFC", re.split(r"[/\\]", original or "")[-1])
    cleaned = " ".join("".join(_name_character(c) for c in base).split())
    stem, dot, suffix = cleaned.rpartition(".")
    if dot and stem.strip(" .") and _EXTENSION_LIKE.fullmatch(suffix):
        cleaned = stem  # the extension given is replaced by the detected one...
    if cleaned.lower().endswith(extension):
        cleaned = cleaned[: -len(extension)]  # ...unless the one before it was right already
    cleaned = cleaned.strip(" .")[: MAX_NAME - len(extension)].rstrip(" .")
    return (cleaned or "evidence") + extension
