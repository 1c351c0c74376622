"""A paper for a force with a national-scale record stays readable: past a limit, counts by
area and the longest overdue in full, with the full list left to the tracker spreadsheet."""

from __future__ import annotations

import re

from oversight.papers import compose
from oversight.papers.compose import ANNEX_LIMIT, DETAIL_LIMIT, REPORT_DETAIL_LIMIT

THEMES = ["Custody", "Vetting", "Child protection", "Hate crime"]
CLOSED = ["closed", "closed_by_inspectorate", "superseded"]


def item(n: int, *, overdue: bool, closed_on: str | None = None, national: bool = True) -> dict:
    return {
        "id": n,
        "reference": f"R{n:04d}",
        "number": None,
        "title": f"Recommendation {n}",
        "kind": "recommendation",
        "theme": THEMES[n % len(THEMES)],
        "text": f"The text of recommendation {n}.",
        "national": national,
        "audience": [],
        "deadline_text": "",
        "due_on": f"2021-{1 + n % 12:02d}-{1 + n % 28:02d}",
        "report_id": 7,
        "rag": "red" if n % 3 == 0 else "amber",
        "rag_label": "Red" if n % 3 == 0 else "Amber",
        "status": "closed" if closed_on else "in_progress",
        "status_label": "Closed" if closed_on else "In progress",
        "closed_on": closed_on,
        "overdue": overdue,
        "owner": f"Owner {n % 5}",
        "portfolio": "",
        "portfolio_lead": "",
        "board": "",
        "narrative": f"Progress on {n}.",
        "narrative_on": "2022-06-01",
        "next_steps": "",
        "created_on": "2020-01-01",
    }


def facts(concerns: int, overdue: int, closed: int, report_recs: int) -> dict:
    responses = {}
    for n in range(overdue):  # the force's own items (national ones are not listed overdue)
        responses[str(n)] = item(n, overdue=True, national=False)
    for n in range(overdue, overdue + closed):
        responses[str(n)] = item(n, overdue=False, closed_on="2022-05-01")
    concern_items = [item(1000 + n, overdue=n % 2 == 0) for n in range(concerns)]
    return {
        "organisation": "Home Force Police",
        "organisation_short": "Home Force",
        "committee_short": "JAC",
        "standing": {},
        "peel": [],
        "concerns": concern_items,
        "inspections": [],
        "notified": [],
        "reports": [
            {
                "id": 7,
                "title": "A national thematic",
                "published_on": "2022-05-02",
                "summary": "",
                "findings": [],
                "recommendations": [item(2000 + n, overdue=False) for n in range(report_recs)],
            }
        ],
        "responses": responses,
        "period_start": "2022-03-25",
        "period_end": "2022-07-21",
        "closed_statuses": CLOSED,
        "previous": None,
    }


def sections(f: dict) -> dict[str, str]:
    return {s.key: s.text for s in compose.compose(f)}


def numbered_items(text: str) -> list[str]:
    return re.findall(r"^\d+\. \*\*", text, re.M)


def total_row(text: str) -> list[str]:
    row = next(line for line in text.splitlines() if line.startswith("| **Total**"))
    return re.findall(r"\*\*(\d+)\*\*", row)


def test_a_few_concerns_are_each_set_out_in_full():
    text = sections(facts(concerns=DETAIL_LIMIT, overdue=3, closed=2, report_recs=3))["peel"]
    assert len(numbered_items(text)) == DETAIL_LIMIT
    assert "| Area |" not in text
    assert "Progress on 1000." in text


def test_many_concerns_are_counted_by_area_and_the_longest_overdue_set_out():
    f = facts(concerns=300, overdue=3, closed=2, report_recs=3)
    text = sections(f)["peel"]
    assert "There are currently 300 causes of concern and national recommendations" in text
    assert len(numbered_items(text)) == DETAIL_LIMIT  # the longest overdue only
    # the table adds up to the record: 300 items, 300 open, 150 overdue
    assert total_row(text)[:3] == ["300", "300", "150"]
    for theme in THEMES:
        assert f"| {theme} | 75 | 75 |" in text
    # the ones set out are overdue, earliest due date first
    overdue = sorted(
        (c for c in f["concerns"] if c["overdue"]), key=lambda c: (c["due_on"], c["reference"])
    )
    shown = re.findall(r"\(Recommendation (R\d+)\)", text)
    assert shown == [c["reference"] for c in overdue[:DETAIL_LIMIT]]
    assert "tracker spreadsheet" in text


def test_a_report_with_many_recommendations_is_summarised():
    small = sections(facts(concerns=0, overdue=0, closed=0, report_recs=REPORT_DETAIL_LIMIT))
    assert small["reports"].count("The text of recommendation") == REPORT_DETAIL_LIMIT
    big = sections(facts(concerns=0, overdue=0, closed=0, report_recs=200))["reports"]
    assert "200 recommendations of this report apply to Home Force Police" in big
    assert "The text of recommendation" not in big
    assert total_row(big)[0] == "200"


def test_long_annexes_show_the_first_rows_and_the_count_by_area():
    s = sections(facts(concerns=0, overdue=400, closed=120, report_recs=0))
    overdue = s["annex_overdue"]
    assert "400 responses are overdue, by area:" in overdue
    assert total_row(overdue)[:3] == ["400", "400", "400"]
    rows = [line for line in overdue.splitlines() if line.startswith("| R0")]
    assert len(rows) == ANNEX_LIMIT
    closed = s["annex_closed"]
    assert "120 responses were closed in the period, by area:" in closed
    assert len([line for line in closed.splitlines() if line.startswith("| R0")]) == ANNEX_LIMIT
    short = sections(facts(concerns=0, overdue=ANNEX_LIMIT, closed=0, report_recs=0))
    assert "by area" not in short["annex_overdue"]


def test_word_tables_size_columns_by_their_words_and_repeat_their_head():
    """In Word, a column is at least as wide as its longest word (headings such as "Overdue"
    are never broken), figures are right-aligned, the head row repeats on each page and no
    row splits across pages."""
    import io

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    from oversight.papers.documents import word
    from oversight.papers.documents.model import PaperDocument, Section

    text = sections(facts(concerns=0, overdue=400, closed=0, report_recs=0))["annex_overdue"]
    paper = PaperDocument(
        organisation="Home Force Police",
        committee="Joint Audit Committee",
        committee_short="JAC",
        meeting="28 July 2022",
        title="HMICFRS update",
        status="Draft",
        version=1,
        period="24 March 2022 to 28 July 2022",
        sections=[Section(number="A", key="annex_overdue", heading="Overdue", text=text)],
    )
    table = Document(io.BytesIO(word.build_docx(paper))).tables[0]
    head = [cell.text for cell in table.rows[0].cells]
    assert head[:4] == ["Area", "Items", "Open", "Overdue"]
    widths = [column.width for column in table.columns]
    char, padding = word.TABLE_CHAR, word.TABLE_PADDING
    for name, width in zip(head, widths, strict=True):
        assert width >= padding + max(len(w) for w in name.split()) * char, name
    assert widths[0] > widths[1]  # the names get the room, the figures stay narrow
    assert table.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


def test_national_recommendations_past_their_dates_are_counted_not_listed_as_overdue():
    f = facts(concerns=0, overdue=3, closed=0, report_recs=0)
    f["responses"]["900"] = item(900, overdue=True, national=True)
    f["responses"]["901"] = item(901, overdue=True, national=True)
    overdue = sections(f)["annex_overdue"]
    assert len([line for line in overdue.splitlines() if line.startswith("| R0")]) == 3
    assert "R0900" not in overdue and "R0901" not in overdue
    assert "2 national recommendations are past the date the inspectorate first set" in overdue
