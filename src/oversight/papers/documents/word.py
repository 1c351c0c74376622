"""The Word (.docx) paper: real heading, list and table styles, numbered sections, the
organisation's name and the meeting in the header, page numbers in the footer, charts as
images. An organisation's own template (a .docx) gives the styles and header if uploaded."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from oversight.papers.documents import markup
from oversight.papers.documents.model import CHART_CAPTION, PaperDocument


def build_docx(paper: PaperDocument, *, template: bytes | None = None) -> bytes:
    document = _start(paper, template)
    title = document.add_paragraph(paper.title.upper(), style=_style(document, "Title"))
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    meta = document.add_paragraph(
        f"{paper.committee} · {paper.meeting} · covering {paper.period}"
        + ("" if paper.status == "Issued" else f" · {paper.status.upper()}")
    )
    meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for section in paper.sections:
        label = f"Annex {section.number}" if section.is_annex else section.number
        document.add_heading(f"{label}. {section.heading.upper()}", level=1)
        _add_markdown(document, section.text)
        if section.chart_png:
            document.add_picture(io.BytesIO(section.chart_png), width=Cm(14))
            caption = document.add_paragraph(CHART_CAPTION, style=_style(document, "Caption"))
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _start(paper: PaperDocument, template: bytes | None):
    if template:
        document = _from_template(template, paper)
    else:
        document = Document()
        _house_style(document)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    if not template:
        header = section.header.paragraphs[0]
        header.text = f"{paper.marking}\t\t{paper.header_text}"
        header.style = document.styles["Header"]
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{paper.title} · version {paper.version} · page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")
    return document


def _from_template(template: bytes, paper: PaperDocument):
    """Fill the template's placeholders ({{ organisation }}, {{ committee }}, {{ meeting }},
    {{ title }}) with docxtpl, keep its styles, headers and footers, and empty its body."""
    from docxtpl import DocxTemplate

    filled = DocxTemplate(io.BytesIO(template))
    filled.render(
        {
            "organisation": paper.organisation,
            "committee": paper.committee,
            "meeting": paper.meeting,
            "title": paper.title,
            "marking": paper.marking,
        },
        autoescape=True,
    )
    buffer = io.BytesIO()
    filled.save(buffer)
    document = Document(io.BytesIO(buffer.getvalue()))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def _house_style(document) -> None:
    styles = document.styles
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Caption", "Header"):
        style = styles[name]
        style.font.name = "Arial"
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), "Arial")
    styles["Normal"].font.size = Pt(11)
    styles["Title"].font.size = Pt(18)
    styles["Title"].font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
    for name, size in (("Heading 1", 13), ("Heading 2", 12), ("Heading 3", 11)):
        styles[name].font.size = Pt(size)
        styles[name].font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
        styles[name].font.bold = True


def _field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(end)


def _style(document, name: str, fallback: str = "Normal"):
    try:
        return document.styles[name]
    except KeyError:
        return document.styles[fallback]


def _add_markdown(document, text: str) -> None:
    """Walk the markdown-it tokens and add Word paragraphs, lists and tables."""
    tokens = markup.tokens(text)
    lists: list[dict] = []  # stack of {"ordered": bool, "num_id": int | None}
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            start = int(token.attrGet("start") or 1)
            lists.append(
                {
                    "ordered": ordered,
                    "num_id": _restart_numbering(document, start) if ordered else None,
                    "fresh": False,  # the next paragraph opens a list item
                }
            )
        elif kind == "list_item_open" and lists:
            lists[-1]["fresh"] = True
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "heading_open":
            inline = tokens[i + 1]
            level = min(int(token.tag[1]), 3)
            heading = document.add_heading(level=max(2, level - 1))
            _add_inline(heading, inline)
            i += 2
        elif kind == "paragraph_open":
            inline = tokens[i + 1]
            if lists:
                current = lists[-1]
                depth = " 2" if len(lists) > 1 else ""
                if current["fresh"]:
                    style = ("List Number" if current["ordered"] else "List Bullet") + depth
                    paragraph = document.add_paragraph(style=_style(document, style))
                    if current["num_id"] is not None:
                        _set_num(paragraph, current["num_id"], len(lists) - 1)
                    current["fresh"] = False
                else:  # a further paragraph of the same item: indented, not numbered
                    paragraph = document.add_paragraph(
                        style=_style(document, "List Continue" + depth)
                    )
            else:
                paragraph = document.add_paragraph()
            _add_inline(paragraph, inline)
            i += 2
        elif kind == "table_open":
            i = _add_table(document, tokens, i)
            continue
        i += 1


def _add_inline(paragraph, inline) -> None:
    bold = italic = False
    for child in inline.children or []:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("softbreak",):
            paragraph.add_run(" ")
        elif child.type == "hardbreak":
            paragraph.add_run().add_break()
        elif child.type in ("text", "code_inline"):
            run = paragraph.add_run(child.content)
            run.bold = bold or None
            run.italic = italic or None


TABLE_TEXT = Pt(10)  # nine columns of figures fit across an A4 page at 10 pt
TABLE_CHAR = Cm(0.23)  # the width of a character of TABLE_TEXT in bold Arial, or near it
TABLE_PADDING = Cm(0.45)  # a cell's margins, both sides


def _add_table(document, tokens, i: int) -> int:
    rows: list[list[tuple[bool, object, bool]]] = []
    row: list[tuple[bool, object, bool]] = []
    while tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            rows.append(row)
        elif token.type in ("th_open", "td_open"):
            right = "text-align:right" in (token.attrGet("style") or "")
            row.append((token.type == "th_open", tokens[i + 1], right))
        i += 1
    if rows:
        columns = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=columns)
        table.style = _style(document, "Table Grid")
        table.autofit = False
        widths = _column_widths(document, rows, columns)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid (LibreOffice reads it); Word reads each cell's
        # zip over rows and cells: table.cell(r, c) walks the whole grid each time (quadratic)
        for table_row, cells in zip(table.rows, rows, strict=False):
            _row_property(table_row, "w:cantSplit")  # a row is never split across pages
            if cells and cells[0][0]:
                _row_property(table_row, "w:tblHeader")  # the head repeats on each page
            for cell, width, (is_header, inline, right) in zip(
                table_row.cells, widths, cells, strict=False
            ):
                cell.width = width
                paragraph = cell.paragraphs[0]
                _add_inline(paragraph, inline)
                if right:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                for run in paragraph.runs:
                    run.font.size = TABLE_TEXT
                    if is_header:
                        run.bold = True
        document.add_paragraph()
    return i + 1


def _column_widths(document, rows, columns: int) -> list[int]:
    """Each column's width: at least its longest word (a heading such as "Overdue" is never
    broken), and the rest of the text width shared by how much text each column holds, so a
    column of numbers stays narrow and a column of names gets the room."""
    section = document.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    char, padding = TABLE_CHAR, TABLE_PADDING
    least = [padding + 3 * char] * columns
    wants = list(least)
    for cells in rows:
        for c, (_, inline, _) in enumerate(cells):
            text = "".join(t.content for t in inline.children or [] if t.type == "text")
            longest_word = max((len(w) for w in text.split()), default=0)
            least[c] = max(least[c], padding + longest_word * char)
            wants[c] = max(wants[c], least[c], padding + min(len(text), 40) * char)
    if sum(least) >= usable:
        # Too wide: the widest column gives way first (its long words wrap, not the headings).
        widest = least.index(max(least))
        others = sum(least) - least[widest]
        if others < usable - 4 * char:
            least[widest] = usable - others
            return [int(w) for w in least]
        return [int(usable * w / sum(least)) for w in least]
    spare, extra = usable - sum(least), [w - m for w, m in zip(wants, least, strict=True)]
    if sum(extra) <= spare:  # everything fits on one line: share out what is left by want
        return [int(usable * w / sum(wants)) for w in wants]
    return [int(m + spare * e / sum(extra)) for m, e in zip(least, extra, strict=True)]


def _row_property(table_row, tag: str) -> None:
    properties = table_row._tr.get_or_add_trPr()
    properties.append(OxmlElement(tag))


def _restart_numbering(document, start: int) -> int | None:
    """A new numbering instance for a numbered list, so each list starts again at `start`."""
    try:
        numbering = document.part.numbering_part.numbering_definitions._numbering
        style = document.styles["List Number"]
    except (KeyError, NotImplementedError):
        return None
    num_pr = style.element.pPr.numPr if style.element.pPr is not None else None
    if num_pr is None or num_pr.numId is None:
        return None
    base_num_id = num_pr.numId.val
    base = next(
        (n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(base_num_id)),
        None,
    )
    if base is None:
        return None
    abstract_id = base.find(qn("w:abstractNumId")).get(qn("w:val"))
    new_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(new_id))
    abstract = OxmlElement("w:abstractNumId")
    abstract.set(qn("w:val"), abstract_id)
    num.append(abstract)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start_override = OxmlElement("w:startOverride")
    start_override.set(qn("w:val"), str(start))
    override.append(start_override)
    num.append(override)
    numbering.append(num)
    return new_id


def _set_num(paragraph, num_id: int, level: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = p_pr.find(qn("w:numPr"))
    if num_pr is None:
        num_pr = OxmlElement("w:numPr")
        p_pr.append(num_pr)
    for child in list(num_pr):
        num_pr.remove(child)
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(num)


__all__ = ["build_docx"]
