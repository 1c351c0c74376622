"""HMICFRS inspection reports (PEEL, thematic, joint): the items a force has to act on.

Read (see docs/ingest.md):

* the report's title (the first title or top heading) and its publication date, from a line
  such as "Published: 14 June 2024" or a date standing alone near the top, kept as written;
* sections headed "Cause(s) of concern", "Recommendation(s)", "Area(s) for improvement" and
  "Innovative / Promising / Notable practice", and items labelled the same way inline
  ("Recommendation 3: By 31 March 2025, chief constables should…", "Area for improvement 2");
* numbered and bulleted items in those sections; a lead-in ending with a colon ("Within three
  months, the force should:") is put in front of each item under it, so the deadline wording
  stays with the item;
* audience headings ("For chief constables", "For the NPCC and the CPS") that apply to the
  items under them, until the next heading of a section;
* recommendations under a cause of concern are linked to it (its number);
* deadline wording inside the text, and the due date it gives from the publication date.
"""

from __future__ import annotations

import re

from oversight.ingest.extraction import FoundRecommendation, FoundReport, ItemKind
from oversight.ingest.readers.common import (
    audience_from_heading,
    audience_from_text,
    exact_date,
    find_full_date,
    set_deadline,
)
from oversight.ingest.readers.text import Para

CONCERN, RECOMMENDATION, AFI, PRACTICE = (
    ItemKind.CAUSE_OF_CONCERN,
    ItemKind.RECOMMENDATION,
    ItemKind.AREA_FOR_IMPROVEMENT,
    ItemKind.PROMISING_PRACTICE,
)
_PRACTICE_WORDS = r"(?:innovative|promising|notable|good)"
_SECTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"causes?\s+(?:of|for)\s+concern", re.I), CONCERN),
    (re.compile(r"(?:our\s+|national\s+)?recommendations", re.I), RECOMMENDATION),
    (re.compile(r"areas?\s+for\s+improvement", re.I), AFI),
    (
        re.compile(
            rf"{_PRACTICE_WORDS}(?:\s*(?:and|or|/)\s*{_PRACTICE_WORDS})?\s+practices?", re.I
        ),
        PRACTICE,
    ),
)
_LABEL = re.compile(
    rf"^(?P<label>cause\s+(?:of|for)\s+concern|recommendation|area\s+for\s+improvement|"
    rf"{_PRACTICE_WORDS}(?:\s*(?:and|or|/)\s*{_PRACTICE_WORDS})?\s+practice)"
    r"(?:\s+(?P<num>\d{1,3}|[A-Z]))?(?:\s*[:.\-–—]\s*|\s*$)(?P<rest>.*)$",
    re.I | re.S,
)
# Headings that close a section of items.
_STRUCTURAL = re.compile(
    r"(?:\d{1,2}\.?\s+)?(?:about\s+(?:the\s+data|this\s+(?:report|inspection))|annex(?:e)?\b.*|"
    r"appendix\b.*|introduction|summary|overview|contents|methodology|glossary|conclusions?|"
    r"next\s+steps|background|findings|our\s+findings|references|acknowledgements)",
    re.I,
)
_AUDIENCE = re.compile(r"^for\s+(?:the\s+|all\s+)?\S.{0,100}$", re.I)
_PUBLISHED = re.compile(
    r"\b(?:published(?:\s+on)?|publication\s+date|date\s+of\s+publication)\s*:?\s*(?P<date>.{6,40})",
    re.I,
)


def _section_of(text: str) -> str | None:
    words = text.strip().rstrip(":").strip()
    words = re.sub(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+|summary\s+of\s+)", "", words, flags=re.I)
    for pattern, kind in _SECTIONS:
        if pattern.fullmatch(words):
            return kind
    return None


def _label_kind(label: str) -> str:
    lower = label.lower()
    if "concern" in lower:
        return CONCERN
    if "improvement" in lower:
        return AFI
    if "practice" in lower:
        return PRACTICE
    return RECOMMENDATION


def _is_heading(para: Para) -> bool:
    if para.heading is not None and para.heading != 9:
        return True
    text = para.text
    return (
        para.heading == 9
        and para.marker is None
        and not text.endswith((":", ",", ";"))
        and len(text.split()) <= 10
        and text[:1].isupper()
    )


MAX_SCAN = 5000


def is_inspection_report(paras: list[Para]) -> bool:
    """A section heading of a report, or an item labelled as in one ("Area for improvement 2",
    "Recommendation 3: …")."""
    for para in paras[:MAX_SCAN]:
        if len(para.text) <= 80 and _section_of(para.text):
            return True
        found = _LABEL.match(para.text)
        if found and (
            found["num"] or (found["rest"] and found["label"].lower() != "recommendation")
        ):
            return True
    return False


def _title_and_date(paras: list[Para], page_title: str | None, warnings: list[str]) -> FoundReport:
    title = None
    for para in paras[:40]:
        if para.heading in (0, 1):
            title = para.text
            break
    if title is None and page_title:
        title = page_title
    if title is None:
        for para in paras[:5]:
            if len(para.text) <= 200 and not _section_of(para.text):
                title = para.text
                break
    report = FoundReport(title=title or "")
    if not title:
        warnings.append("The report's title was not found.")
    for para in paras[:40]:
        found = _PUBLISHED.search(para.text)
        if found and (dated := find_full_date(found["date"])):
            report.published_on, report.published_text = dated
            return report
    for para in paras[:12]:
        if (day := exact_date(para.text)) is not None:
            report.published_on, report.published_text = day, para.text
            return report
    warnings.append(
        "The report's publication date was not found: deadlines such as “within three "
        "months” have no due date."
    )
    return report


def read_report(
    paras: list[Para], page_title: str | None, warnings: list[str]
) -> tuple[FoundReport, list[FoundRecommendation]]:
    report = _title_and_date(paras, page_title, warnings)
    items: list[FoundRecommendation] = []
    section: str | None = None
    section_level: int | None = None
    audience: list[str] = []
    concern: FoundRecommendation | None = None
    concern_count = 0
    lead_in = ""
    pending: tuple[str, str | None] | None = None  # a label alone: (kind, number)
    last: FoundRecommendation | None = None
    national = False

    def add(kind: str, text: str, number: str | None) -> FoundRecommendation:
        nonlocal concern, concern_count, last
        if lead_in and text:
            text = f"{lead_in.rstrip(':').rstrip()} {text}"
        item = FoundRecommendation(kind=kind, text=text, number=number)
        item.report_title = report.title or None
        item.audience = list(audience) or audience_from_text(text)
        if kind == CONCERN:
            concern_count += 1
            concern = item
        elif kind == RECOMMENDATION and concern is not None:
            item.cause_of_concern = concern.number or f"#{concern_count}"
        if kind == RECOMMENDATION and national:
            item.kind = ItemKind.NATIONAL_RECOMMENDATION
        items.append(item)
        last = item
        return item

    for para in paras[:MAX_SCAN]:
        text = para.text
        heading = _is_heading(para)
        kind = _section_of(text) if len(text) <= 80 else None
        if kind is not None and (heading or para.marker is None):
            level = para.heading if para.heading not in (None, 9) else None
            sub = (
                kind == RECOMMENDATION
                and section == CONCERN
                and (level is None or section_level is None or level > section_level)
            )
            if not sub:
                concern = None if kind != CONCERN else concern
                section_level = level
                audience = []
            section, lead_in, pending, last = kind, "", None, None
            continue
        if section is None:
            continue
        if heading and _AUDIENCE.match(text) and not re.search(r"\bshould\b", text, re.I):
            audience = audience_from_heading(text)
            national = True
            lead_in, pending, last = "", None, None
            continue
        if found := _LABEL.match(text):
            kind = _label_kind(found["label"])
            rest = found["rest"].strip()
            number = found["num"]
            lead_in = ""
            if kind == CONCERN:
                section = CONCERN
            if kind == PRACTICE or not rest:
                pending = (kind, number)
                last = add(kind, "", number) if kind == PRACTICE else None
                if kind == PRACTICE and rest:
                    last.theme = rest.rstrip(".")
                continue
            lead_in = ""
            add(kind, rest, number)
            pending = None
            continue
        if heading and para.marker is None:
            # Another heading: the end of the section, or a practice's title.
            level = para.heading if para.heading not in (None, 9) else None
            if _STRUCTURAL.fullmatch(text.rstrip(":")) or (
                level is not None and section_level is not None and level <= section_level
            ):
                section, concern = None, None
                continue
            if section == PRACTICE and len(text) <= 150:
                last = add(PRACTICE, "", None)
                last.theme = text.rstrip(".")
                pending = (PRACTICE, None)
                continue
            if level is not None:
                continue  # a sub-heading inside the section
            section = None
            continue
        if pending is not None:
            kind, number = pending
            if kind == PRACTICE and last is not None:
                last.text = f"{last.text} {text}".strip()
                continue
            add(kind, text, number)
            pending = None
            continue
        if para.marker is not None:
            # Under a cause of concern, a lead-in that asks for something ("Within three
            # months, the force should make sure that:") introduces its recommendations.
            asks = section == CONCERN and re.search(
                r"\b(?:should|must|needs?\s+to)\b", lead_in, re.I
            )
            add(
                RECOMMENDATION if asks else section,
                text,
                para.number
                if para.number and para.number.isascii() and para.number.isdigit()
                else None,
            )
            continue
        if text.endswith(":"):
            lead_in = text
            continue
        lead_in = ""
        if last is None and re.search(r"\b(?:should|must|needs?\s+to|concern)", text, re.I):
            add(section, text, None)
    for item in items:
        item.text = item.text.strip()
        if item.kind != PRACTICE:
            set_deadline(item, report.published_on, warnings)
    missing = [i for i in items if not i.text]
    for item in missing:
        warnings.append(f"An item labelled {item.kind.replace('_', ' ')} has no text.")
    return report, [i for i in items if i.text]
