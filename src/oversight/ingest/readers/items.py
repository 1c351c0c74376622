"""Items wherever they are: recommendations, causes of concern and areas for improvement in any
text, whatever kind of document it is (a report, a register page, a committee paper, minutes,
a news release, a progress page).

What a document is may shape how it is read (a committee paper's progress narratives, a
register page's status log), but never whether its items are found. This scanner reads:

* sections headed "Cause(s) of concern", "Recommendation(s)", "Area(s) for improvement" (any
  case, numbered or not): each paragraph in them that asks for something is an item; in a
  cause-of-concern section the concern itself, then the recommendations made under it;
* labels: "Recommendation 9:", "AFI 3", "Area for improvement 2", "Cause of concern 2",
  "Cause of concern The size of …", "Recommendation • The force should …";
* "We recommend that …", "HMIC recommends that …";
* a paragraph that opens with who should act: "The force should …", "Chief fire officers
  should …", "By 1 June 2023, chief fire officers should …", "All forces should …";
* "… is a cause of concern.";
* a lead-in ending in a colon, then one item per bullet or numbered line: the lead-in is kept
  in front of each item when the sentence runs on into it ("Within three months the force
  should: …"), and not when it only announces them ("We identified two causes of concern:");
  one paragraph of items run together ("…crime;ensure that…") is split at its semicolons.

An item addressed to everyone of a kind (chief constables, all forces, chief fire officers,
the Home Office, the NPCC, the NFCC …) is a national recommendation; so is an unaddressed
recommendation in a document about no one force or service.
"""

from __future__ import annotations

import re

from oversight.ingest.extraction import FoundRecommendation
from oversight.ingest.readers.common import audience_from_text
from oversight.ingest.readers.phrasing import (
    AFI,
    ANNOUNCES,
    ASKS,
    ASKS_ANYWHERE,
    COMMITTEES_OWN,
    CONCERN,
    COUNT,
    DATED_IMPERATIVE,
    DEADLINE_FIRST,
    FORCE_SUBJECTS,
    IS_A_CONCERN,
    LABEL,
    LABEL_ALONE,
    MENTIONS_CONCERN,
    MODAL,
    NARRATIVE,
    NATIONAL,
    NUMBERS,
    OF_ALL,
    OF_ONE,
    OPENING,
    RECOMMENDATION,
    RECOMMENDS,
    STRUCTURAL,
    TOLD,
    addressed_to_all,
    announced_kind,
    announcing_sentence,
    clauses,
    inline_items,
    is_heading,
    is_imperative,
    kind_of_label,
    marker_style,
    numbered_inline,
    section_of,
)
from oversight.ingest.readers.text import Para
from oversight.rules.deadlines import extract_deadline_text

MAX_SCAN = 5000


class _Scan:
    def __init__(self, paras: list[Para], report_title: str | None, national_document: bool):
        self.paras = paras[:MAX_SCAN]
        self.report_title = report_title
        self.national_document = national_document
        self.items: list[FoundRecommendation] = []
        self.section: str | None = None
        self.section_level: int | None = None
        self.concern: FoundRecommendation | None = None
        self.concerns = 0
        self.lead_in: str | None = None  # the sentence that runs on into the items
        self.lead_kind: str | None = None  # the kind of the items a lead-in announces
        self.pending: tuple[str, str | None] | None = None  # a label alone
        self.last: FoundRecommendation | None = None
        self.whole: FoundRecommendation | None = None  # one item its bullets belong to
        self.expected = 0  # paragraphs still to come as items, from a lead-in's count
        self.style: str | None = None  # the marker of the lead-in's first item
        self.theme: str | None = None  # "Cause of concern: responding to the public"
        self.lead_audience: list[str] = []  # who an announcing lead-in says the items are for
        self.concern_list = False  # causes of concern set out as paragraphs after a lead-in
        self.mentioned: str | None = None  # the kind of item the paragraph before spoke of
        self.index = 0  # the paragraph being read
        self.added_at = -1  # the paragraph the last item came from
        self.via = ""  # how the item being added was found: "list", "label", "section"…

    def add(self, kind: str, text: str, number: str | None = None) -> FoundRecommendation | None:
        text = bare = text.strip()
        if COMMITTEES_OWN.search(text):
            return None
        if self.lead_in:
            text = f"{self.lead_in.rstrip(':').rstrip()} {text}"
        if len(text) < 12:
            return None
        item = FoundRecommendation(kind=kind, text=text, number=number)
        item.report_title = self.report_title
        own = audience_from_text(text)
        if self.via == "list" and self.lead_audience and (not own or is_imperative(bare)):
            # "including that chief constables should:" then "work together with police and
            # crime commissioners …": those named in the item are partners, not its audience
            own = list(self.lead_audience)
        item.audience = own
        if kind == CONCERN:
            self.concerns += 1
            self.concern = item
        elif self.concern is not None and kind == RECOMMENDATION:
            item.cause_of_concern = self.concern.number or f"#{self.concerns}"
        if kind == RECOMMENDATION and self._national(text):
            item.kind = NATIONAL
        item._via = self.via  # how it was found (not part of the JSON)
        self.items.append(item)
        self.last = item
        self.added_at = self.index
        return item

    def _national(self, text: str) -> bool:
        body = re.sub(RECOMMENDS, "", text).strip()
        if addressed_to_all(body):
            return True
        forced = re.match(rf"^{OPENING}(?:{FORCE_SUBJECTS})\b", body, re.I)
        if not self.national_document or forced:
            return False
        # Under a cause of concern, only where the concern and the recommendation speak of
        # forces or services in general ("applied by forces", "from individual police forces")
        # and never of one ("the force").
        if self.concern is None:
            return True
        both = f"{self.concern.text} {text}"
        return bool(OF_ALL.search(both)) and not OF_ONE.search(both)

    def end_section(self) -> None:
        self.concern_list = False
        self.section = self.section_level = None
        self.concern = None
        self.lead_in = self.lead_kind = None
        self.pending = self.last = None

    def run(self) -> list[FoundRecommendation]:
        self.previous_mentions_concern = False
        self.recommendations_named = False
        for index, para in enumerate(self.paras):
            self.index = index
            self.via = ""
            self.read(para)
            self.previous_mentions_concern = bool(MENTIONS_CONCERN.search(para.text))
            # "One area for improvement remained from that inspection" and then its bullet
            last = re.split(r"(?<=[.!?])\s+", para.text.strip())[-1]
            counted = para.marker is None and COUNT.search(last) and ANNOUNCES.search(last)
            self.mentioned = announced_kind(last, None) if counted else None
            if re.search(r"\brecommendations?\b", para.text, re.I):
                self.recommendations_named = True
        # Causes of concern listed in a summary ("We issued two causes of concern: • …") and set
        # out in full further on: the full ones are the items.
        in_full = any(i.kind == CONCERN and i._via != "list" for i in self.items)
        if in_full:
            self.items = [i for i in self.items if not (i.kind == CONCERN and i._via == "list")]
        return self.items

    def read(self, para: Para) -> None:
        text = para.text.strip()
        if not text:
            return
        if para.heading is None and len(re.findall(r"(?:^|\s)[•●▪]\s", f" {text}")) >= 2:
            # bullets run together in one paragraph: "• In order to … • To improve … • …"
            for part in re.split(r"(?:^|\s)[•●▪]\s+", f" {text}"):
                if part.strip():
                    self.read(Para(part.strip(), "•"))
            return
        if para.marker is None:
            self.whole = None
        if re.search(r"\[/?(?:on|status|comment)\]", text, re.I):
            return  # a register page's status log: read by its reader
        heading = is_heading(para)
        kind = section_of(text) if len(text) <= 80 else None
        if kind is not None and (heading or para.marker is None):
            self.open_section(kind, para)
            return
        if found := LABEL_ALONE.match(text):
            self.expected = 0
            self.pending = (kind_of_label(found["label"]), found["num"])
            self.lead_in = None
            if self.pending[0] == CONCERN:
                self.section, self.concern = CONCERN, None  # its recommendations follow it
            return
        if (found := LABEL.match(text)) and (
            found["num"] or found["label"][:1].isupper() or found["label"].lower() == "afi"
        ):
            label_kind = kind_of_label(found["label"])
            self.lead_in = self.lead_kind = None
            self.pending = None
            if label_kind == CONCERN:
                self.section = CONCERN
            rest = found["rest"].strip()
            self.expected = 0
            if rest.endswith(":") and not ASKS.match(rest):
                self.lead_kind = label_kind
                return
            if len(rest.split()) <= 6 and not re.search(r"[.!?]$", rest) and not ASKS.match(rest):
                # "Cause of concern: responding to the public": its theme; the item follows
                self.pending = (label_kind, found["num"])
                self.theme = rest
                return
            if label_kind == CONCERN and self.concern is not None and self.last is self.concern:
                pass  # two concerns in a row
            self.add(label_kind, rest, found["num"])
            return
        counted = COUNT.search(text)
        if (
            counted
            and len(text) <= 300
            and re.search(r"\b(?:are|were|include|included|is|was)\s*:?$", text)
        ):
            self.open_lead_in(text)
            return
        if heading and para.marker is None:
            self.heading(para, text)
            return
        if self.pending is not None:
            label_kind, number = self.pending
            self.pending = None
            item = self.add(label_kind, text, number)
            if item is not None and self.theme:
                item.theme = self.theme
            self.theme = None
            return
        if text.endswith(":") and len(text) <= 400:
            self.open_lead_in(text)
            return
        if para.marker is not None and self.whole is not None:
            self.whole.text = f"{self.whole.text} {text}"  # a bullet of one recommendation
            return
        style = marker_style(para.marker)
        if para.marker is not None and self.style is not None and style != self.style:
            self.lead_in = self.lead_kind = self.style = None  # another list: the items ended
            self.expected = 0
        if (
            para.marker is not None
            and not (self.lead_kind or self.lead_in or self.section)
            and self.mentioned
        ):
            self.via = "list"  # "One area for improvement remained from that inspection … •"
            self.add(self.mentioned, text)
            return
        if para.marker is not None and (self.lead_kind or self.lead_in or self.section):
            if self.lead_kind or self.lead_in:
                self.via = "list"
            if self.style is None and (self.lead_kind or self.lead_in):
                self.style = style
            self.expected = 0  # the items are the list's, not the paragraphs after it
            kind = self.lead_kind or self.section or RECOMMENDATION
            if kind == CONCERN and self.section == CONCERN and self.lead_kind is None:
                kind = CONCERN if self.concern is None else RECOMMENDATION  # what it asks for
            number = (
                para.number
                if para.number and para.number.isascii() and para.number.isdigit()
                else None
            )
            self.add(kind, text, number)
            return
        if self.expected and self.lead_kind and para.marker is None and not heading:
            # "The four recommendations … are" and then the four, as paragraphs
            self.expected -= 1
            self.add(self.lead_kind, text)
            if not self.expected:
                self.lead_kind = None
            return
        if self.lead_in and self.style is None and para.marker is None and len(text) > 40:
            for clause in clauses(text):  # the items run together in one paragraph
                self.add(self.lead_kind or self.section or RECOMMENDATION, clause)
            self.lead_in = self.lead_kind = None
            return
        self.lead_in = self.lead_kind = self.style = None
        self.expected = 0
        self.sentence(para, text)
        self.inline(text)

    def open_section(self, kind: str, para: Para) -> None:
        level = para.heading if para.heading not in (None, 9) else None
        under_concern = (
            kind == RECOMMENDATION
            and self.section == CONCERN
            and (level is None or self.section_level is None or level > self.section_level)
        )
        if not under_concern:
            self.concern = None if kind != CONCERN else self.concern
            self.section_level = level
        self.section = kind
        self.lead_in = self.lead_kind = None
        self.pending = self.last = None
        if kind == CONCERN:
            self.concern = None

    def heading(self, para: Para, text: str) -> None:
        level = para.heading if para.heading not in (None, 9) else None
        if self.section is None:
            return
        if STRUCTURAL.fullmatch(text.rstrip(":")) or (
            level is not None and (self.section_level is None or level <= self.section_level)
        ):
            self.end_section()  # a heading as high as the section's, or any after a label
            return
        if level is None and len(text.split()) > 3:
            self.end_section()

    def open_lead_in(self, text: str) -> None:
        asks = (
            ASKS.match(text)
            or RECOMMENDS.match(text)
            or (self.section is not None and ASKS_ANYWHERE.search(text))
        )
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
        if (
            asks
            and len(text.split()) <= 10
            and self.last is not None
            and self.added_at == self.index - 1
            and self.last.kind != CONCERN
            and self.last.text.rstrip().endswith(".")
            and not extract_deadline_text(text)
        ):
            # "The service should make sure:" right after the recommendation it belongs to
            self.last.text = f"{self.last.text} {text}"
            self.whole = self.last
            self.lead_in = self.lead_kind = None
            return
        if asks and len(sentences) > 1 and ASKS_ANYWHERE.search(sentences[0]):
            # A whole recommendation, then "The service should make sure:" and its bullets:
            # one item, the bullets with it.
            kind = RECOMMENDATION if self.section in (None, CONCERN) else self.section
            self.lead_in = self.lead_kind = None
            self.whole = self.add(kind, text)
            return
        if asks:
            self.lead_in = text
            self.lead_kind = self.section if self.section in (AFI, CONCERN) else None
            if self.lead_kind == CONCERN:
                self.lead_kind = RECOMMENDATION  # what a concern's lead-in asks for
        elif ANNOUNCES.search(announcing := announcing_sentence(sentences)):
            self.lead_in = None
            # "We made recommendations for the causes of concern, as follows:": the concerns, each
            # with its recommendations, as paragraphs
            self.concern_list = bool(MENTIONS_CONCERN.search(announcing)) and not COUNT.search(
                announcing
            )
            # "… recommendations, including that police:": who the items are for
            that = re.search(r"\bthat\s+(?P<who>[^:]{2,80}):?$", announcing)
            self.lead_audience = audience_from_text(f"{that['who']} should") if that else []
            self.lead_kind = announced_kind(announcing, self.section)
            self.style = None
            counted = COUNT.search(announcing)
            if counted:
                n = counted["n"].lower()
                self.expected = NUMBERS.get(n) or int(n)
            if self.lead_kind == CONCERN:
                self.concern = None
        else:
            self.lead_in = self.lead_kind = None

    def inline(self, text: str) -> None:
        if self.last is not None and self.last.text in text:
            return
        for part in numbered_inline(text):
            self.via = "list"
            self.add(RECOMMENDATION, part)
        if len(text) < 300:
            return
        for part in inline_items(text):
            kind = announced_kind(text[: text.find(part)], None)
            self.add(kind if kind != CONCERN else RECOMMENDATION, part)

    def sentence(self, para: Para, text: str) -> None:
        """A paragraph that is not a list item: an item if it asks for something."""
        if self.recommendations_named and DATED_IMPERATIVE.match(text):
            self.add(RECOMMENDATION, text)  # "By 27 March 2025, review and update …" in a table
            return
        if (
            re.search(rf"\b{MODAL}\s+also\b", text, re.I)
            and self.last is not None
            and self.added_at == self.index - 1
        ):
            self.last.text = f"{self.last.text} {text}"  # "… should also …": the same item, on
            return
        if told := TOLD.search(text):  # "HMICFRS had given a 'cause of concern' as …"
            self.add(CONCERN, told["rest"])
            return
        if self.previous_mentions_concern and (
            that := re.match(
                r"^(?:this|it|that)\s+(?:was|is)\s+that\s+(?P<rest>.{30,})", text, re.I
            )
        ):
            self.add(CONCERN, that["rest"])  # "One of them was about … This was that <the concern>"
            return
        if (
            IS_A_CONCERN.search(text)
            and len(text) <= 600
            and not re.match(r"^(?:this|these|it|there)\b", text, re.I)
        ):
            self.add(CONCERN, text)
            return
        asks = ASKS.match(text) or RECOMMENDS.match(text)
        if (
            asks
            and self.section is None
            and not self.national_document
            and not RECOMMENDS.match(text)
            and addressed_to_all(text)
            and not DEADLINE_FIRST.match(text)
        ):
            return  # "Fire and rescue services should manage their resources …": the question
            # a service's page is answering, not a recommendation to it (but "By 1 October
            # 2023, chief fire officers should …" is one, quoted on the page answering it)
        if self.concern_list and NARRATIVE.match(text):
            self.concern_list = False  # the letter goes on to what happened next
        if self.concern_list and not asks and len(text) >= 40:
            self.add(CONCERN, text)  # "… recommendations for the causes of concern, as follows:"
            return
        if self.section is not None:
            concern_expected = self.section == CONCERN and (
                self.concern is None or self.last is not self.concern
            )
            dated = re.match(rf"^{OPENING}\S", text, re.I) and re.match(
                r"^(?:by|before|within|no\s+later|not\s+later|with\s+immediate|immediately)\b",
                text,
                re.I,
            )
            if (
                concern_expected
                and self.concern is None
                and not dated
                and not RECOMMENDS.match(text)
                and len(text) >= 40
                and not re.match(r"^(?:we|our|in|the\s+inspection)\b", text, re.I)
            ):
                self.add(CONCERN, text)  # a cause of concern opens its section
                return
            if asks:
                kind = RECOMMENDATION if self.section == CONCERN else self.section
                self.add(kind, text)
            return
        if asks:
            self.add(RECOMMENDATION, text)


def scan_items(
    paras: list[Para], *, report_title: str | None = None, national_document: bool = False
) -> list[FoundRecommendation]:
    """Every item the text holds, in order (see the module's docstring)."""
    items = _Scan(paras, report_title, national_document).run()
    for item in items:
        item.text = re.sub(r"\s+", " ", item.text).strip()
    return items
