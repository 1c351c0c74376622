"""Turn a document into paragraphs: PDF (PDFium, through pypdfium2), Word (python-docx), HTML
(BeautifulSoup) and plain text.

Readers work on a list of :class:`Para`: one paragraph of text each, with its list marker
("1.)", "•") apart from its words, and whether it is a heading. Word and HTML say where their
paragraphs and headings are; plain text and PDF only have lines, so paragraphs are rebuilt
from the way the lines are laid out (see :func:`paragraphs_from_lines`).
"""

from __future__ import annotations

import pathlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from oversight.ingest.extraction import UnreadableFile
from oversight.ingest.readers.files import MAX_CHARS, MAX_PARAGRAPHS, check_zip

MAX_PARAGRAPH_CHARS = 20_000
_SPACES = re.compile(r"\s+")
# A list marker at the start of a line: "1.)", "1.", "2)", "(a)", "a)", "•", "-".
MARKER = re.compile(
    r"^\s*(?P<marker>\(?\d{1,3}\s*\.?\s*\)|\d{1,3}\.(?!\d)|\([a-z]\)|[a-z]\)|"
    r"[•▪●◦‣∙·*■□►▶➢➤✓✔\uf0b7\uf0a7\uf076\uf0d8]|[-–](?=\s)|o(?=\s{2,}|\t))"
    r"\s*"
)
ENDS_SENTENCE = re.compile(r"[.!?:;][\"”’')\]]*\s*$")
_CONNECTORS = {"also", "and", "or", "plus"}
# A labelled item starts a paragraph even when the line before it is long.
_LABELLED = re.compile(
    r"^(?:recommendation|cause\s+(?:of|for)\s+concern|area\s+for\s+improvement)\s+\d{1,3}\b",
    re.I,
)
# A line that opens an item starts a paragraph, whatever the line before it.
_OPENS_ITEM = re.compile(
    r"^(?:(?:we|hmic(?:frs)?)\s+(?:also\s+)?recommends?\b|"
    r"(?:by|within|no\s+later\s+than|not\s+later\s+than)\s[^,]{3,40},\s+\S+(?:\s+\S+){0,4}\s+should\b|"
    r"(?:cause\s+of\s+concern|area\s+for\s+improvement|action\s+for\s+further\s+improvement|"
    r"afi)\b)",
    re.I,
)
# "The Service Should make sure …" after a gap or a finished sentence: a new item, however the
# page capitalises it (a wrapped line rarely opens with a capital "The" before "should")
_OPENS_SHOULD = re.compile(
    r"^(?-i:The)\s+(?:force|service|constabulary|fire\s+and\s+rescue\s+service)\s+should\b", re.I
)
# "The four recommendations in the report are" (and no colon): the items start on the next line
_ANNOUNCING_END = re.compile(
    r"\b(?:recommendations?|causes?\s+of\s+concern|areas?\s+for\s+improvement)\b.{0,80}"
    r"\b(?:are|were|include|included|as\s+follows)\s*$",
    re.I,
)
_CONTINUES = re.compile(r"(?:,|\b(?:and|or|of|the|to|a|an|in|for|with|by|on|at|from))\s*$", re.I)


@dataclass
class Para:
    """One paragraph: its words, its list marker, its heading level (0 = title)."""

    text: str
    marker: str | None = None
    heading: int | None = None  # None: not a heading; 1-6 as in HTML; 9: a heading of unknown level
    hard: bool = False  # set off from what comes before by more space than usual

    def __post_init__(self) -> None:
        # No real paragraph is this long; the cap bounds the time every pattern can take.
        self.text = self.text[:MAX_PARAGRAPH_CHARS]

    @property
    def number(self) -> str | None:
        """The number in the marker ("1.)" → "1"), or None."""
        if self.marker and (
            found := re.search(r"\d+|(?<=\()[a-z](?=\))|^[a-z](?=\))", self.marker)
        ):
            return found.group()
        return None


def clean(text: str) -> str:
    """Single spaces, no spaces around the ends."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


def split_marker(text: str) -> tuple[str | None, str]:
    """Split a list marker from the start of a paragraph's text."""
    if found := MARKER.match(text):
        rest = text[found.end() :]
        if rest or found.group("marker") not in "-–":
            return found.group("marker").replace(" ", ""), rest
    return None, text


# --- Plain text and PDF: rebuild paragraphs from lines ----------------------------------------


def _is_bare_marker(line: str) -> bool:
    marker, rest = split_marker(line.strip())
    return marker is not None and not rest.strip()


def _looks_like_heading(line: str, width: int) -> bool:
    """A short line with no sentence ending: "Recommendations", "2. HMICFRS INSPECTIONS"."""
    text = line.strip()
    if not text or len(text) > max(width * 0.6, 30) or ENDS_SENTENCE.search(text.rstrip(":")):
        return False
    if _CONTINUES.search(text) or text.endswith(("-", "–", "(")):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and (letters[0].isupper() or text.lower() in _CONNECTORS)


def _is_caps_heading(line: str) -> bool:
    text = line.strip()
    letters = [ch for ch in text if ch.isalpha()]
    return (
        len(letters) >= 4
        and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)
        and len(text) < 120
        and not text.endswith((".", ","))
    )


_HYPHENATED = re.compile(r"(?<=[a-z])[\u00ad\u2010-](?=\s*$)")
_HYPHENATED_WORD = re.compile(r"\b([A-Za-z]+)-([a-z]+)\b")
# Second halves that make a compound, not a word broken in two: "risk-based", "force-wide".
_COMPOUND_ENDS = frozenset(
    {"based", "led", "related", "focused", "wide", "term", "level", "specific", "owned"}
    | {"funded", "driven", "making", "free", "friendly", "centred", "centered", "up"}
    | {"facing", "minded", "scale"}
)


def hyphenated_words(text: str) -> frozenset[str]:
    """The words a document writes with a hyphen in the middle of a line ("risk-based")."""
    return frozenset(f"{a}-{b}".lower() for a, b in _HYPHENATED_WORD.findall(text))


def _join_lines(lines: list[str], hyphenated: frozenset[str] = frozenset()) -> str:
    """Lines joined with a space; a word hyphenated across a line end (“com-” “prehensive”)
    is made whole again. A soft or typesetter's hyphen (U+00AD, U+2010) always goes; a plain
    one only before a lower-case letter, and it stays where the word has a hyphen of its own
    (“up-to-” “date”), where the document writes the word with a hyphen elsewhere, and where
    the second half makes a compound (“risk-” “based”)."""
    joined = lines[0] if lines else ""
    for line in lines[1:]:
        end = _HYPHENATED.search(joined)
        if end is not None and line[:1].islower():
            hyphen = joined[end.start()]
            head = joined[: end.start()]
            last_word = head.rsplit(" ", 1)[-1]
            first_word = re.match(r"[a-z]*", line).group()  # type: ignore[union-attr]
            keep = hyphen == "-" and (
                "-" in last_word
                or f"{last_word}-{first_word}".lower() in hyphenated
                or first_word in _COMPOUND_ENDS
            )
            joined = head + ("-" if keep else "") + line
        else:
            joined = f"{joined} {line}"
    return joined


def paragraphs_from_lines(text: str) -> list[Para]:
    """Paragraphs from wrapped lines.

    A new paragraph starts at a list marker, a heading, or after a line that ends a sentence
    and is either short or followed by more blank space than the document's usual. Runs of
    bare markers ("1.)" "2.)" … with their words further down, as PDF columns come out) are
    given to the paragraphs that follow them, one each.
    """
    raw = text[:MAX_CHARS].replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    # (line, blank lines before it, whether one of those blank lines held spaces)
    lines: list[tuple[str, int, bool]] = []
    gap, spaced = 0, False
    for line in raw:
        if not line.strip():
            gap += 1
            spaced = spaced or bool(line)
            continue
        lines.append((line.rstrip(), gap, spaced))
        gap, spaced = 0, False
    if not lines:
        return []
    lengths = sorted(len(line.strip()) for line, _, _ in lines)
    width = max(lengths[int(len(lengths) * 0.9)] if lengths else 80, 40)
    # Some documents (copied from Word or PDF) put a blank line after every line: there a
    # blank line means nothing, and only wider gaps part paragraphs.
    long_open = [
        lines[i + 1][1] > 0
        for i in range(len(lines) - 1)
        if len(lines[i][0].strip()) >= width * 0.75 and not ENDS_SENTENCE.search(lines[i][0])
    ]
    double_spaced = len(long_open) >= 3 and sum(long_open) > 0.5 * len(long_open)
    usual_gap = 1 if double_spaced else 0
    hyphenated = hyphenated_words(text[:MAX_CHARS])

    paras: list[Para] = []
    current: list[str] = []
    pending: list[str] = []  # bare markers waiting for their words
    hard = False

    def flush() -> None:
        nonlocal current
        if current:
            # a table cell's bar goes
            joined = re.sub(r"\s*\|\s*$", "", _join_lines(current, hyphenated))
            marker, rest = split_marker(joined.strip())  # before spaces are tidied: "o   Item"
            words, rest = clean(joined), clean(rest)
            if pending and marker is None:
                marker = pending.pop(0)
            paras.append(Para(rest or words, marker, hard=hard))
            current = []

    previous = ""
    for line, gap, spaced in lines:
        stripped = line.strip()
        if _is_bare_marker(stripped):
            flush()
            pending.append(split_marker(stripped)[0] or "")
            previous = ""
            continue
        numbered_heading = re.match(r"^\d{1,2}\.$", previous.strip()) and _is_caps_heading(stripped)
        ends = bool(ENDS_SENTENCE.search(previous))
        short = len(previous.strip()) < width * 0.75
        big_gap = gap > usual_gap or spaced
        new = (
            not current
            or split_marker(stripped)[0] is not None
            or _is_caps_heading(stripped)
            or _is_caps_heading(previous)
            or _LABELLED.match(stripped) is not None
            or _OPENS_ITEM.match(stripped) is not None
            or _ANNOUNCING_END.search(previous) is not None
            or previous.rstrip().endswith("|")  # a cell of a table set out as text
            or (
                _looks_like_heading(previous, width)
                and current == [previous]
                and not stripped[:1].islower()
            )
            or stripped.lower() in _CONNECTORS
            or (ends and (short or big_gap or bool(pending)))
            or (_OPENS_SHOULD.match(stripped) is not None and (gap > 0 or ends))
            # a page with a blank line after every line: a short heading-like line ("Action
            # Taken", "Status: In Progress") after a gap is not the end of the line before
            or (
                double_spaced
                and gap > 0
                and len(stripped.split()) <= 4
                and _looks_like_heading(stripped, width)
                and not _looks_like_heading(previous, width)
            )
            or (big_gap and not double_spaced)
            or (_looks_like_heading(stripped, width) and (ends or big_gap))
        )
        if numbered_heading and current:
            current.append(stripped)
            previous = stripped
            continue
        if new:
            flush()
            hard = spaced or gap > max(usual_gap, 1)
        current.append(stripped)
        previous = stripped
        if len(paras) >= MAX_PARAGRAPHS:
            break
    flush()
    paras = _rejoin_connectors(paras)
    for para in paras:
        if _is_caps_heading(para.text) or _looks_like_heading(para.text, width):
            para.heading = 9
        # "2. WEST MIDLANDS POLICE PEEL INSPECTION": the number is part of the heading.
        if para.marker and _is_caps_heading(para.text):
            para.heading = 9
    return paras


def _rejoin_connectors(paras: list[Para]) -> list[Para]:
    """A lone "and" after a list item ending "…;" (a PDF wrapped "; and" onto a line of its
    own) goes back on the end of that item, so the list goes on."""
    kept: list[Para] = []
    for para in paras:
        last = kept[-1] if kept else None
        if (
            last is not None
            and para.marker is None
            and para.text.lower() in _CONNECTORS
            and last.marker is not None
            and last.text.rstrip().endswith((";", ","))
        ):
            last.text = f"{last.text} {para.text}"
            continue
        kept.append(para)
    return kept


# --- Format readers ----------------------------------------------------------------------


def text_paragraphs(text: str) -> list[Para]:
    return paragraphs_from_lines(text)


def docx_paragraphs(data: bytes, path: pathlib.Path) -> list[Para]:
    """Paragraphs and table cells of a Word document, in document order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_zip(data, path).close()
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises many kinds of error on damaged files
        raise UnreadableFile("The Word document is damaged and could not be read.") from error
    paras: list[Para] = []
    numbers: dict[str, int] = {}
    total = 0

    def add_paragraph(paragraph: Paragraph) -> None:
        nonlocal total
        text = clean(paragraph.text)
        if not text:
            return
        total += len(text)
        try:
            style = (paragraph.style.name or "") if paragraph.style is not None else ""
        except Exception:  # a damaged style part
            style = ""
        heading = None
        if style == "Title":
            heading = 0
        elif found := re.match(r"Heading (\d)", style):
            heading = int(found.group(1))
            numbers.clear()
        marker, rest = split_marker(text)
        if marker is None and style.startswith("List Number"):
            numbers[style] = numbers.get(style, 0) + 1
            marker, rest = f"{numbers[style]}.", text
        elif marker is None and style.startswith("List Bullet"):
            marker, rest = "•", text
        elif not style.startswith("List"):
            numbers.clear()
        paras.append(Para(rest or text, marker, heading))

    def walk(parent: Iterable) -> None:
        for child in parent:
            if len(paras) >= MAX_PARAGRAPHS or total > MAX_CHARS:
                return
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                add_paragraph(Paragraph(child, document))
            elif tag == "tbl":
                table = Table(child, document)
                for row in table.rows:
                    seen: set[int] = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # a merged cell is listed once per column
                            continue
                        seen.add(id(cell._tc))
                        walk(cell._tc.iterchildren())

    try:
        walk(document.element.body.iterchildren())
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile("The Word document is damaged and could not be read.") from error
    return paras


_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "li", "ul",
    "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "td", "th", "caption", "blockquote",
    "pre", "figure", "figcaption", "title", "h1", "h2", "h3", "h4", "h5", "h6", "address", "hr",
    "form", "fieldset", "legend", "details", "summary",
}  # fmt: skip


def html_paragraphs(text: str) -> tuple[list[Para], str | None]:
    """Paragraphs of a web page and its <title>.

    The tree is walked once, without changing it (changing a deep bs4 tree costs time in
    proportion to its depth at every change): block elements start and end paragraphs,
    headings and list items carry their level and marker.
    """
    from bs4 import BeautifulSoup, NavigableString, Tag
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    soup = BeautifulSoup(text[:MAX_CHARS], "html.parser")
    title_tag = soup.find("title")
    title = clean(title_tag.get_text()) or None if title_tag else None
    skipped = {"script", "style", "noscript", "template", "svg", "title", "head"}
    ignored = (Comment, Declaration, Doctype, ProcessingInstruction)
    paras: list[Para] = []
    buffer: list[str] = []
    state: dict[str, object] = {"heading": None, "marker": None}

    def flush() -> None:
        words = clean("".join(buffer))
        buffer.clear()
        if not words:
            return  # an empty heading or list item gives its marker to the next words
        heading, marker = state["heading"], state["marker"]
        if marker is None and heading is None:
            marker, rest = split_marker(words)
            words = rest or words
        paras.append(Para(words, marker, heading))  # type: ignore[arg-type]
        state["heading"] = state["marker"] = None

    positions: dict[int, int] = {}  # list items seen so far in each <ol>

    def li_marker(tag: Tag) -> str:
        parent = tag.parent
        if parent is None or parent.name != "ol":
            return "•"
        try:
            start = int(str(parent.get("start", "1")))
        except ValueError:
            start = 1
        position = positions.get(id(parent), 0)
        positions[id(parent)] = position + 1
        return f"{start + position}."

    stack: list = [iter(soup.contents)]
    closing: list[str | None] = []
    while stack and len(paras) < MAX_PARAGRAPHS:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            if closing and closing.pop():
                flush()
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, ignored):
                buffer.append(str(node))
            continue
        if not isinstance(node, Tag) or node.name in skipped:
            continue
        name = node.name
        if name == "br":
            flush()
            continue
        block = name in _BLOCKS
        if block:
            flush()
            if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
                state["heading"] = int(name[1])
            elif name == "li":
                state["marker"] = li_marker(node)
        stack.append(iter(node.contents))
        closing.append(name if block else None)
    flush()
    return paras, title
