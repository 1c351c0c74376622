"""Committee papers: a force's "HMICFRS update" to its audit or scrutiny committee.

What is read (see docs/ingest.md):

* recommendations and causes of concern written as "1.) Hate Crime (Recommendation 9159).
  Within three months …", with the theme before the bracket, the deadline wording in the
  text and the progress narrative in the paragraphs after it;
* inspections listed in numbered or bulleted lists after "there have been five inspections"
  or "we have received notification(s) of …" (the second are notified), with their dates as
  written in the brackets ("W/C 4th April", "October – Date TBC"), the other forces involved
  and what the hot debrief said; "the 2021 PEEL inspection", a named data request and the
  Force Management Statement where the paper speaks of them;
* published reports ("… Published 21st February 2022."), their findings (list items) and
  their recommendations (numbered items under a "Recommendations" heading).
"""

from __future__ import annotations

import datetime as dt
import re

from oversight.ingest.extraction import (
    FoundInspection,
    FoundRecommendation,
    FoundReport,
    ItemKind,
)
from oversight.ingest.readers.common import (
    audience_from_text,
    find_full_date,
    inspection_kind,
    normalise,
    set_deadline,
)
from oversight.ingest.readers.text import Para
from oversight.inspections.dates import read_when
from oversight.rules.partial_dates import Precision

_REFERENCED = re.compile(
    r"^(?P<theme>[^()]{1,150}?)\s*\((?:HMICFRS\s+)?(?:Recommendation|Rec\.?|Ref(?:erence)?\.?)"
    r"\s*(?:No\.?\s*)?(?P<ref>\d{3,6})\)\s*[.:]?\s*(?P<rest>.*)$",
    re.I | re.S,
)
_RECOMMENDING = re.compile(
    r"\b(?:should|must|ensure|ensures|needs?\s+to|is\s+concerned|are\s+concerned|"
    r"recommend(?:s|ed)?)\b",
    re.I,
)
_CONTINUING = re.compile(r"^(?:In particular|Specifically|This should|They should)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')]*\s+(?=[A-Z‘“\"'(])")
_CONCERN_INTRO = re.compile(r"causes?\s+(?:for|of)\s+concern", re.I)
_INSPECTIONS_INTRO = re.compile(
    r"(?:there\s+(?:have|has)\s+been|received\s+(?:a\s+)?notifications?)\b.*\binspections?\b",
    re.I,
)
_NOTIFIED = re.compile(r"\bnotifications?\b|\bnotified\b", re.I)
_LIST_END = re.compile(
    r"^(?:Reports?\s+will\s+be\s+published|We\s+have\s+received|There\s+(?:has|have)\s+also\s+"
    r"been|Since\s+the\s+last)\b",
    re.I,
)
_CLOSING = re.compile(
    r"^(?:This\s+report\s+is\s+submitted|The\s+Committee\s+(?:are|is)\s+asked)", re.I
)
_PUBLISHED = re.compile(
    r"^(?P<title>.{5,400}?)[.,]?\s+Published\s+(?:on\s+)?(?P<date>[^.]{4,40}?)\s*\.?$", re.S
)
_PARTICIPANTS = re.compile(
    r"\bOther\s+(?:forces|organisations|agencies)\s+involved(?:\s+in\s+this\s+inspection)?\s+"
    r"(?:are|were|include|included)\s*:?\s*(?P<list>.*)$",
    re.I | re.S,
)
_WHEN = re.compile(r"^(?P<title>.*?)[\s–—-]*\((?P<when>[^()]{1,60})\)\s*\.?$", re.S)
_TBC = re.compile(r"\b(?:tbc|tba|to\s+be\s+confirmed)\b", re.I)
_TITLE_STOP = re.compile(
    r"^(?:The|This|These|That|It|They|There|Other|We|Our|A|An|In|HMICFRS|During|Since|All)\b"
)
_PEEL = re.compile(r"\b(?:the\s+)?(?P<year>(?:19|20)\d{2})\s+PEEL\s+inspection\b", re.I)
_DATA_REQUEST = re.compile(r"\bthe\s+(?P<title>(?:[A-Z][a-z]+\s+){0,3}Data\s+Request)\b")
_FMS = re.compile(r"\bForce\s+Management\s+Statement\b")
_PAPER_DATE = re.compile(r"(?<!\d)(?P<y>20\d{2})[-_ ]?(?P<m>0[1-9]|1[0-2])(?!\d)")


def is_committee_paper(paras: list[Para]) -> bool:
    text = " ".join(p.text for p in paras[:400])
    if re.search(r"\((?:Recommendation|Rec\.?)\s*\d{3,6}\)", text, re.I):
        return True
    return bool(
        re.search(r"\bpurpose\s+of\s+(?:the\s+)?report\b", text, re.I)
        and re.search(r"\bcommittee\b|\bJAC\b|\bboard\b", text, re.I)
    )


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def split_recommendation(text: str) -> tuple[str, str]:
    """A recommendation's own words, and any narrative run on after them in the paragraph."""
    parts = sentences(text)
    taken: list[str] = []
    seen_recommending = False
    for index, part in enumerate(parts):
        recommending = bool(_RECOMMENDING.search(part))
        if not taken or not seen_recommending or recommending or _CONTINUING.match(part):
            taken.append(part)
            seen_recommending = seen_recommending or recommending
            continue
        return " ".join(taken), " ".join(parts[index:])
    return " ".join(taken), ""


def paper_date(name: str, paras: list[Para], warnings: list[str]) -> dt.date | None:
    """The day the paper speaks from: the year and month in its file name ("…-2022-03"), else
    the first full date near its top, else none (with a warning)."""
    if found := _PAPER_DATE.search(name):
        return dt.date(int(found["y"]), int(found["m"]), 1)
    for para in paras[:15]:
        if dated := find_full_date(para.text):
            return dated[0]
    warnings.append(
        "The paper's date was not found, so dates written without a year (such as "
        "“W/C 4th April”) were not given one."
    )
    return None


def _section_kind(para: Para) -> str:
    words = para.text.upper()
    if "PUBLISHED" in words or re.search(r"\bREPORTS\b", words):
        return "reports"
    if "INSPECTIONS" in words or "ENGAGEMENTS" in words:
        return "inspections"
    return "general"


def _is_section_heading(para: Para) -> bool:
    letters = [ch for ch in para.text if ch.isalpha()]
    caps = bool(letters) and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)
    return para.heading is not None and (caps or para.heading <= 2) and len(para.text) < 150


def _split_top_level(words: str) -> list[str]:
    """Split a list of names at commas outside brackets."""
    parts, depth, current = [], 0, []
    for ch in words:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
        if ch in ",;" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    names = []
    for part in parts:
        part = re.sub(r"^\s*and\s+", "", part.strip()).strip().rstrip(".").strip()
        if part:
            names.append(part)
    return names


def _inspection_from(
    text: str, reference: dt.date | None, notified: bool
) -> tuple[FoundInspection, bool]:
    """An inspection from a list item, and whether its other forces follow in the next
    paragraph ("Other forces involved are:" ending the item)."""
    participants: list[str] = []
    wants = False
    if found := _PARTICIPANTS.search(text):
        participants = _split_top_level(found["list"])
        wants = not participants
        text = text[: found.start()].strip()
    parts = sentences(text)
    title = parts[0] if parts else text
    for part in parts[1:]:
        if _TITLE_STOP.match(part) or len(part.split()) > 14:
            break
        title = f"{title} {part}"
    title = title.strip()
    when_text = None
    if found := _WHEN.match(title):
        when = found["when"].strip()
        parsed = read_when(when, reference=reference or dt.date(2000, 1, 1))
        if parsed.on is not None or _TBC.search(when):
            when_text = when
            title = found["title"]
    title = title.strip().rstrip(".").strip(" –—-").strip()
    inspection = FoundInspection(
        title=title,
        kind=inspection_kind(title),
        participants=participants,
        notified=notified,
    )
    _set_when(inspection, when_text, reference)
    return inspection, wants


def _set_when(
    inspection: FoundInspection, when_text: str | None, reference: dt.date | None
) -> None:
    inspection.when_text = when_text
    if not when_text:
        return
    if reference is None and not re.search(r"\d{4}", when_text):
        inspection.precision = Precision.TBC.value
        return
    parsed = read_when(when_text, reference=reference or dt.date(2000, 1, 1))
    inspection.start = parsed.on
    inspection.precision = parsed.precision.value


class _Paper:
    def __init__(self, paras: list[Para], name: str, warnings: list[str]):
        self.paras = paras
        self.warnings = warnings
        self.reference = paper_date(name, paras, warnings)
        self.recommendations: list[FoundRecommendation] = []
        self.inspections: list[FoundInspection] = []
        self.reports: list[FoundReport] = []
        # Items waiting for their progress narrative, and the narrative so far.
        self.open_items: list[FoundRecommendation] = []
        self.progress: list[str] = []
        self.awaiting_participants: FoundInspection | None = None

    def close_progress(self) -> None:
        if self.open_items and self.progress:
            narrative = "\n\n".join(self.progress)
            for item in self.open_items:
                item.progress = item.progress or narrative
        self.open_items, self.progress = [], []

    def add_item(self, item: FoundRecommendation, rest: str, *, shared: bool) -> None:
        """Keep an item open for its narrative; `shared`: it shares the next one's."""
        if not (shared and self.open_items and not self.progress):
            self.close_progress()
        self.recommendations.append(item)
        self.open_items.append(item)
        if rest:
            self.progress.append(rest)

    # --- inspections -----------------------------------------------------------------------

    def add_inspection(self, inspection: FoundInspection) -> FoundInspection:
        key = normalise(inspection.title)
        for known in self.inspections:
            if normalise(known.title) == key:
                known.notified = known.notified or inspection.notified
                return known
        self.inspections.append(inspection)
        return inspection

    def named_engagements(self, text: str) -> None:
        if found := _DATA_REQUEST.search(text):
            self.add_inspection(FoundInspection(title=found["title"], kind="data_request"))
        if _FMS.search(text):
            self.add_inspection(FoundInspection(title="Force Management Statement", kind="fms"))

    def peel(self, text: str) -> None:
        for found in _PEEL.finditer(text):
            inspection = FoundInspection(title=f"{found['year']} PEEL inspection", kind="peel")
            _set_when(inspection, found["year"], self.reference)
            self.add_inspection(inspection)

    def continue_inspection(self, inspection: FoundInspection, para: Para) -> None:
        if self.awaiting_participants is inspection:
            inspection.participants = _split_top_level(para.text)
            self.awaiting_participants = None
            return
        kept: list[str] = []
        for part in sentences(para.text):
            if _LIST_END.match(part):
                break
            kept.append(part)
        if kept:
            inspection.debrief.append(" ".join(kept))

    # --- reports ---------------------------------------------------------------------------

    def add_report(self, title: str) -> FoundReport:
        key = normalise(title)
        for known in self.reports:
            if normalise(known.title) == key:
                return known
        report = FoundReport(title=title)
        self.reports.append(report)
        return report

    # --- the walk --------------------------------------------------------------------------

    def read(self) -> None:
        section = "general"
        intro = ""  # the last plain paragraph: what a list that follows is a list of
        inspection: FoundInspection | None = None
        listing = notified = False
        list_style: bool | None = None  # numbered (True) or bulleted (False) list
        report: FoundReport | None = None
        under_recommendations = False

        for index, para in enumerate(self.paras):
            text = para.text
            self.peel(text)
            if _CLOSING.match(text):
                break
            if _is_section_heading(para):
                self.close_progress()
                section = _section_kind(para)
                intro, inspection, listing = "", None, False
                report, under_recommendations = None, False
                continue

            # Recommendations with a reference, anywhere in the paper.
            if found := _REFERENCED.match(text):
                own, rest = split_recommendation(found["rest"].strip())
                concern = bool(_CONCERN_INTRO.search(intro))
                item = FoundRecommendation(
                    kind=ItemKind.CAUSE_OF_CONCERN if concern else ItemKind.RECOMMENDATION,
                    text=own,
                    reference=found["ref"],
                    theme=found["theme"].strip().rstrip(".–-").strip() or None,
                    audience=audience_from_text(own),
                )
                set_deadline(item, None, self.warnings)
                self.add_item(item, rest, shared=self._joined(index))
                continue
            if text.lower().rstrip(".") in ("also", "and"):
                continue
            if self.open_items:
                if para.marker is None and para.heading is None:
                    if not (para.hard and self.progress):
                        self.progress.append(text)
                        continue
                    self.close_progress()
                elif not (under_recommendations and para.marker is not None):
                    self.close_progress()

            if section == "reports":
                report, under_recommendations = self.report_para(
                    para, report, under_recommendations
                )
                continue

            if section == "inspections":
                self.named_engagements(text)
                if para.marker is None and _INSPECTIONS_INTRO.search(text):
                    listing, notified, inspection = True, bool(_NOTIFIED.search(text)), None
                    list_style = None
                    intro = text
                    continue
                if para.marker is None and _LIST_END.match(text):
                    listing, inspection = False, None
                    intro = text
                    continue
                style = bool(para.marker and para.marker[0].isdigit())
                if listing and para.marker is not None and style == (list_style or style):
                    list_style = style
                    found_inspection, wants = _inspection_from(text, self.reference, notified)
                    inspection = self.add_inspection(found_inspection)
                    self.awaiting_participants = inspection if wants else None
                    continue
                if inspection is not None:
                    self.continue_inspection(inspection, para)
                    continue
            if para.marker is None:
                intro = text
        self.close_progress()

    def _joined(self, index: int) -> bool:
        previous = self.paras[index - 1].text.lower().rstrip(".") if index else ""
        return previous in ("also", "and")

    def report_para(
        self, para: Para, report: FoundReport | None, under_recommendations: bool
    ) -> tuple[FoundReport | None, bool]:
        text = para.text
        if para.marker is None and (found := _PUBLISHED.match(text)):
            self.close_progress()
            title = found["title"].strip().rstrip(".").strip()
            dated = find_full_date(found["date"])
            report = self.add_report(title)
            report.published_text = found["date"].strip()
            report.published_on = dated[0] if dated else None
            return report, False
        if para.marker is not None and report is None:
            # A list of titles after "two reports have been published".
            self.add_report(text.strip().rstrip(".").strip())
            return None, False
        if report is None:
            return None, False
        if para.heading is not None and re.fullmatch(r"recommendations?:?", text.strip(), re.I):
            return report, True
        if para.marker is not None and under_recommendations:
            own, rest = split_recommendation(text)
            item = FoundRecommendation(
                kind=ItemKind.RECOMMENDATION,
                text=own,
                number=para.number,
                audience=audience_from_text(own),
                report_title=report.title,
            )
            set_deadline(item, report.published_on, self.warnings)
            self.add_item(item, rest, shared=True)
            return report, True
        if para.marker is not None:
            report.findings.append(text)
        return report, under_recommendations


def read_paper(paras: list[Para], name: str, warnings: list[str]) -> _Paper:
    paper = _Paper(paras, name, warnings)
    paper.read()
    if not paper.recommendations and not paper.inspections and not paper.reports:
        warnings.append("No recommendations, inspections or reports were found in the paper.")
    return paper
