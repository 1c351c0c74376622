"""PDFs laid out as HMICFRS and forces publish them: two columns, running headers and footers,
a page break in the middle of an item, bullets as glyphs. Made with WeasyPrint (a real PDF,
read by the real reader); none of them may split, join or lose an item."""

from __future__ import annotations

import pathlib

from weasyprint import HTML

from oversight.ingest.readers import read_file

ITEMS = [
    "By 31 March 2026, the force should make sure that its control room staff assess the "
    "risk to every caller using a structured process and record why they grade each call.",
    "The force should improve how it records crimes reported to it by partner agencies so "
    "that victims get the service they need and the crime data it publishes is accurate.",
    "Within six months, the force should review how it supervises investigations into "
    "domestic abuse so that every victim is kept informed as the investigation goes on.",
]


def _pdf(tmp_path: pathlib.Path, body: str, css: str = "") -> pathlib.Path:
    path = tmp_path / "report.pdf"
    style = f"""
      @page {{ size: A4; margin: 25mm 20mm;
        @top-center {{ content: "PEEL 2025: Anyshire Constabulary"; font: 9pt sans-serif }}
        @bottom-right {{ content: "Page " counter(page); font: 9pt sans-serif }} }}
      body {{ font: 11pt/1.4 sans-serif }} {css}"""
    html = f'<html lang="en"><head><style>{style}</style></head><body>{body}</body></html>'
    HTML(string=html).write_pdf(path)
    return path


def _texts(path: pathlib.Path) -> list[str]:
    return [item.text for item in read_file(path).recommendations]


def test_two_columns_are_read_one_after_the_other(tmp_path: pathlib.Path) -> None:
    filler = "<p>" + "We found the force works well with its partners in most areas. " * 6
    body = (
        "<h1>An inspection of Anyshire Constabulary</h1><div style='columns: 2; gap: 12mm'>"
        + "".join(
            f"{filler}</p><h3>Area for improvement {n}</h3><p>{text}</p>"
            for n, text in enumerate(ITEMS, 1)
        )
        + "</div>"
    )
    path = _pdf(tmp_path, body)
    assert _texts(path) == ITEMS


def test_an_item_across_a_page_break_stays_whole(tmp_path: pathlib.Path) -> None:
    # the first item starts at the foot of page 1, above the running footer, and ends on
    # page 2 under the running header
    long_item = ITEMS[0][:-1] + ", and it should " + ITEMS[1][len("The force should ") :]
    body = (
        "<p style='margin-top: 210mm'>We found the force works well with its partners.</p>"
        f"<h3>Area for improvement 1</h3><p>{long_item}</p>"
        f"<h3>Area for improvement 2</h3><p>{ITEMS[2]}</p>"
    )
    path = _pdf(tmp_path, body, "p { text-align: justify; hyphens: auto }")
    import pypdfium2

    pages = pypdfium2.PdfDocument(str(path))
    assert len(pages) == 2
    first, second = (pages[n].get_textpage().get_text_range() for n in (0, 1))
    assert "Area for improvement 1" in first and "publishes" in second  # it does break
    assert _texts(path) == [long_item, ITEMS[2]]


def test_bullets_as_glyphs_are_one_item_each(tmp_path: pathlib.Path) -> None:
    body = (
        "<h2>Cause of concern</h2><p>The force does not respond to calls for service quickly "
        "enough, and so it cannot be sure that vulnerable people are safe.</p>"
        "<h2>Recommendations</h2><p>Within three months, the force should:</p><ul>"
        "<li>answer emergency calls within the national standard;</li>"
        "<li>make sure it sends the right resources to incidents quickly; and</li>"
        "<li>monitor how it deals with repeat callers.</li></ul>"
    )
    found = read_file(_pdf(tmp_path, body)).recommendations
    assert [item.kind for item in found] == [
        "cause_of_concern", "recommendation", "recommendation", "recommendation"
    ]  # fmt: skip
    assert all(item.deadline_text == "Within three months" for item in found[1:])
    assert found[3].text.endswith("monitor how it deals with repeat callers.")
