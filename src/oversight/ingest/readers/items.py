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

from oversight.ingest.extraction import FoundRecommendation, ItemKind
from oversight.ingest.readers.common import audience_from_text, normalise
from oversight.ingest.readers.text import Para
from oversight.rules.deadlines import extract_deadline_text

CONCERN = ItemKind.CAUSE_OF_CONCERN
RECOMMENDATION = ItemKind.RECOMMENDATION
AFI = ItemKind.AREA_FOR_IMPROVEMENT
NATIONAL = ItemKind.NATIONAL_RECOMMENDATION

MAX_SCAN = 5000

_SECTION_WORDS = (
    (re.compile(r"(?:accelerated\s+)?causes?\s+(?:of|for)\s+concern", re.I), CONCERN),
    (
        re.compile(r"(?:our\s+|national\s+|the\s+)?recommendations?(?:\s+made)?", re.I),
        RECOMMENDATION,
    ),
    (re.compile(r"areas?\s+for\s+improvement|afis?", re.I), AFI),
)
_LABEL_WORDS = (
    r"(?:accelerated\s+)?cause\s+(?:of|for)\s+concern|recommendation|"
    r"(?:area|action)\s+for\s+(?:further\s+)?improvement(?:\s+\(afi\))?|afi"
)
_LABEL = re.compile(
    rf"^(?P<label>{_LABEL_WORDS})"
    r"(?:\s+(?P<num>\d{1,3}|[A-Z](?![a-z])))?"
    r"(?:\s*[:.\-–—•]\s*|\s+(?=[A-Z“\"]))(?P<rest>\S.*)$",
    re.S | re.I,
)
_LABEL_ALONE = re.compile(
    rf"^(?P<label>{_LABEL_WORDS})(?:\s+(?P<num>\d{{1,3}}))?\s*[:.]?$",
    re.I,
)
_MODAL = r"(?:should|must|needs?\s+to|is\s+to|are\s+to|ought\s+to)"
# Deadline phrases that open an item: "By 1 June 2023,", "Within three months,", "Immediately,"
_OPENING = (
    r"(?:(?:by|before|no\s+later\s+than|not\s+later\s+than|within|with\s+immediate\s+effect|"
    r"immediately|as\s+a\s+priority|from)\b[^,.;:]{0,60},?\s+|"
    # "In order to improve …, the force should", "To improve the service … the force should"
    r"(?:in\s+order\s+to|to)\s+(?:improve|make|ensure|reduce|increase|help|give|better|"
    r"protect|strengthen|address)\b[^.;:]{0,200}?,?\s+(?=the\s+(?:force|service)\b))?"
)
_NATIONAL_SUBJECTS = (
    r"(?:all\s+|those\s+|each\s+)?chief\s+constables?|(?:all\s+|those\s+)?forces|"
    r"every\s+(?:police\s+)?force|"
    r"(?:all\s+|each\s+)?police\s+forces|(?:all\s+|those\s+)?chief\s+fire\s+officers?|"
    r"(?:all\s+)?fire\s+and\s+rescue\s+(?:services|authorities)|(?:the\s+)?home\s+office|"
    r"(?:the\s+)?npcc|(?:the\s+)?nfcc|(?:the\s+)?national\s+(?:police|fire)\s+chiefs[’']?\s+council|"
    r"(?:the\s+)?college\s+of\s+policing|(?:the\s+)?(?:fire\s+and\s+rescue\s+)?sector|"
    r"(?:all\s+)?police\s+and\s+crime\s+commissioners|(?:the\s+)?government|"
    r"(?:the\s+)?crown\s+prosecution\s+service|(?:the\s+)?cps|(?:the\s+)?fire\s+standards\s+board|"
    r"(?:the\s+)?local\s+government\s+association|(?:the\s+)?lga|services"
)
_FORCE_SUBJECTS = (
    r"the\s+(?:force|service|constabulary|brigade|organisation)|"
    # a name ("Avon and Somerset Police"): capitals even where the rest is read case-blind
    r"(?!(?:each|every|any|a|an|this|that|the|its|our|their|all)\s)(?-i:[A-Z])[\w&’'-]+"
    r"(?:\s+(?:and|of|&|(?-i:[A-Z])[\w’'-]+))*\s+"
    r"(?:police|constabulary|fire\s+and\s+rescue\s+service|fire\s+(?:and\s+rescue\s+)?brigade|"
    r"fire\s+service|frs)"
)
_ASKS = re.compile(
    rf"^{_OPENING}(?P<subject>{_NATIONAL_SUBJECTS}|{_FORCE_SUBJECTS})"
    rf"(?:\s*\([^)]{{0,40}}\))?(?:\s*,[^,]{{0,80}},)?"
    # "those forces using a threat, harm and risk policy, that have not yet done so, should"
    rf"(?:\s+(?:in|of|using|that|which|who|with|across)\b[^.;:]{{0,140}}?)?"
    rf"\s*,?\s+{_MODAL}\b",
    re.I,
)
_NATIONAL_START = re.compile(rf"^{_OPENING}(?:{_NATIONAL_SUBJECTS})\b", re.I)
_RECOMMENDS = re.compile(
    r"^(?:(?:we|hmic(?:frs)?|hm\s+inspectorate[^,]{0,40}|the\s+inspectorate|the\s+report|"
    r"hmi\s+\w+(?:\s+\w+)?)"
    r"\s+(?:also\s+)?recommends?\b(?:\s+that\b)?)",
    re.I,
)
_IS_A_CONCERN = re.compile(
    r"\b(?:is|are|remains?)\s+(?:an?\s+)?(?:accelerated\s+)?causes?\s+of\s+concern\b", re.I
)
_ANNOUNCES = re.compile(
    r"\b(?:(?:accelerated\s+)?causes?\s+(?:of|for)\s+concern|areas?\s+for\s+improvement|afis?|"
    r"recommendations?|recommends?|(?:red|amber|green)\s+responses)\b",
    re.I,
)
# "We identified two causes of concern:", "The four recommendations in the report are":
# the number of items that follow.
_COUNT = re.compile(
    r"\b(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:new\s+|national\s+|"
    r"accelerated\s+|red\s+|amber\s+|main\s+)*(?:recommendations?|causes?\s+of\s+concern|"
    r"areas?\s+for\s+improvement|afis|responses)\b",
    re.I,
)
_NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_NUMBERS = {w: n for n, w in enumerate(_NUMBER_WORDS, start=1)}
# The committee's own recommendation ("That Members note the report"), not an inspectorate's.
_COMMITTEES_OWN = re.compile(
    r"^that\s+(?:the\s+)?(?:members|committee|panel|board|authority|fire\s+authority)\b|"
    r"\b(?:members|committee|panel|board|authority)\s+(?:is|are)\s+"
    r"(?:asked|requested|invited|recommended)\s+to\b",
    re.I,
)
_MENTIONS_CONCERN = re.compile(r"\bcauses?\s+of\s+concern\b", re.I)
# A paragraph that tells what happened, never an item: "We revisited …", "During the inspection …"
_NARRATIVE = re.compile(
    r"^(?:we|our|in|during|on|since|this|these|that|it|there|the\s+(?:inspection|revisit|letter|"
    r"report)|you|following|after|as\s+part)\b",
    re.I,
)
_DEADLINE_FIRST = re.compile(r"^(?:by|before|no\s+later\s+than|within)\s[^,]{3,40},\s", re.I)
# A row of a table of recommendations whose subject is in the report, not the row: "By 27 March
# 2025, where required, seek changes to …"
_DATED_IMPERATIVE = re.compile(
    r"^(?:by|before|no\s+later\s+than|within)\s[^,]{3,40},\s+"
    r"(?:where\s+\w+,\s+|as\s+a\s+priority,\s+)?"
    r"(?:review|seek|ensure|make|develop|introduce|provide|establish|improve|set|put|publish|"
    r"carry|train|consider|work|adopt|implement|create|update|appoint|agree|assess|audit|"
    r"identify|record|write|share|use|take|give|check)\b",
    re.I,
)
# Minutes that tell of a cause of concern: "HMICFRS had given a ‘cause of concern’ as they
# considered the Service could not assure itself that …"
_TOLD = re.compile(
    r"\b(?:given|gave|issued|raised|identified)\s+(?:a|an|one)\s+[‘'\"“]?cause\s+of\s+concern[’'\"”]?"
    r"\s+(?:as|because|since|that)\s+(?:(?:they|it|we|hmicfrs|inspectors)\s+"
    r"(?:considered|found|judged|said|felt)\s+(?:that\s+)?)?(?P<rest>[a-z][^.]{30,}\.?)",
    re.I,
)
_ASKS_ANYWHERE = re.compile(rf"\b{_MODAL}\b|\brecommends?\b", re.I)
# Headings that end a section of items.
_STRUCTURAL = re.compile(
    r"(?:\d{1,2}\.?\s+)?(?:about\s+(?:the\s+data|this\s+(?:report|inspection|us))|annex(?:e)?\b.*|"
    r"appendix\b.*|introduction|summary|overview|contents|methodology|glossary|conclusions?|"
    r"next\s+steps|background|findings|our\s+findings|references|acknowledgements|"
    r"get\s+the\s+(?:letter|report)|read\s+the\s+(?:letter|report).*|download.*|related.*|"
    r"share\s+this.*|contact\s+us|progress|response|our\s+response|"
    r"(?:good|innovative|promising|notable)\s+practice.*)",
    re.I,
)


def section_of(text: str) -> str | None:
    words = text.strip().rstrip(":").strip()
    words = re.sub(
        r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+|summary\s+of\s+(?:the\s+)?|the\s+)", "", words, flags=re.I
    )
    for pattern, kind in _SECTION_WORDS:
        if pattern.fullmatch(words):
            return kind
    return None


def _label_kind(label: str) -> str:
    lower = label.lower()
    if "concern" in lower:
        return CONCERN
    if "improvement" in lower or lower == "afi":
        return AFI
    return RECOMMENDATION


def _announced_kind(text: str, default: str | None) -> str:
    lower = text.lower()
    if re.search(r"causes?\s+(?:of|for)\s+concern", lower):
        return CONCERN
    if re.search(r"areas?\s+for\s+improvement|\bafis?\b", lower):
        return AFI
    return default or RECOMMENDATION


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
        and not _ASKS.match(text)
    )


def _clauses(text: str) -> list[str]:
    """One paragraph of items run together ("…of crime;ensure that…; andensure that…")."""
    parts = re.split(r";\s*(?:and\s*)?(?=[a-z])|;\s+and\s+", text)
    return [p.strip().rstrip(";").strip() for p in parts if p.strip()]


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
        if _COMMITTEES_OWN.search(text):
            return None
        if self.lead_in:
            text = f"{self.lead_in.rstrip(':').rstrip()} {text}"
        if len(text) < 12:
            return None
        item = FoundRecommendation(kind=kind, text=text, number=number)
        item.report_title = self.report_title
        own = audience_from_text(text)
        if self.via == "list" and self.lead_audience and (not own or _is_imperative(bare)):
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
        body = re.sub(_RECOMMENDS, "", text).strip()
        if addressed_to_all(body):
            return True
        forced = re.match(rf"^{_OPENING}(?:{_FORCE_SUBJECTS})\b", body, re.I)
        if not self.national_document or forced:
            return False
        # Under a cause of concern, only where the concern and the recommendation speak of
        # forces or services in general ("applied by forces", "from individual police forces")
        # and never of one ("the force").
        if self.concern is None:
            return True
        both = f"{self.concern.text} {text}"
        return bool(_OF_ALL.search(both)) and not _OF_ONE.search(both)

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
            self.previous_mentions_concern = bool(_MENTIONS_CONCERN.search(para.text))
            # "One area for improvement remained from that inspection" and then its bullet
            last = re.split(r"(?<=[.!?])\s+", para.text.strip())[-1]
            counted = para.marker is None and _COUNT.search(last) and _ANNOUNCES.search(last)
            self.mentioned = _announced_kind(last, None) if counted else None
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
        heading = _is_heading(para)
        kind = section_of(text) if len(text) <= 80 else None
        if kind is not None and (heading or para.marker is None):
            self.open_section(kind, para)
            return
        if found := _LABEL_ALONE.match(text):
            self.expected = 0
            self.pending = (_label_kind(found["label"]), found["num"])
            self.lead_in = None
            if self.pending[0] == CONCERN:
                self.section, self.concern = CONCERN, None  # its recommendations follow it
            return
        if (found := _LABEL.match(text)) and (
            found["num"] or found["label"][:1].isupper() or found["label"].lower() == "afi"
        ):
            label_kind = _label_kind(found["label"])
            self.lead_in = self.lead_kind = None
            self.pending = None
            if label_kind == CONCERN:
                self.section = CONCERN
            rest = found["rest"].strip()
            self.expected = 0
            if rest.endswith(":") and not _ASKS.match(rest):
                self.lead_kind = label_kind
                return
            if len(rest.split()) <= 6 and not re.search(r"[.!?]$", rest) and not _ASKS.match(rest):
                # "Cause of concern: responding to the public": its theme; the item follows
                self.pending = (label_kind, found["num"])
                self.theme = rest
                return
            if label_kind == CONCERN and self.concern is not None and self.last is self.concern:
                pass  # two concerns in a row
            self.add(label_kind, rest, found["num"])
            return
        counted = _COUNT.search(text)
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
        style = _style(para.marker)
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
            for clause in _clauses(text):  # the items run together in one paragraph
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
        if _STRUCTURAL.fullmatch(text.rstrip(":")) or (
            level is not None and (self.section_level is None or level <= self.section_level)
        ):
            self.end_section()  # a heading as high as the section's, or any after a label
            return
        if level is None and len(text.split()) > 3:
            self.end_section()

    def open_lead_in(self, text: str) -> None:
        asks = (
            _ASKS.match(text)
            or _RECOMMENDS.match(text)
            or (self.section is not None and _ASKS_ANYWHERE.search(text))
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
        if asks and len(sentences) > 1 and _ASKS_ANYWHERE.search(sentences[0]):
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
        elif _ANNOUNCES.search(announcing := _announcing(sentences)):
            self.lead_in = None
            # "We made recommendations for the causes of concern, as follows:": the concerns, each
            # with its recommendations, as paragraphs
            self.concern_list = bool(_MENTIONS_CONCERN.search(announcing)) and not _COUNT.search(
                announcing
            )
            # "… recommendations, including that police:": who the items are for
            that = re.search(r"\bthat\s+(?P<who>[^:]{2,80}):?$", announcing)
            self.lead_audience = audience_from_text(f"{that['who']} should") if that else []
            self.lead_kind = _announced_kind(announcing, self.section)
            self.style = None
            counted = _COUNT.search(announcing)
            if counted:
                n = counted["n"].lower()
                self.expected = _NUMBERS.get(n) or int(n)
            if self.lead_kind == CONCERN:
                self.concern = None
        else:
            self.lead_in = self.lead_kind = None

    def inline(self, text: str) -> None:
        if self.last is not None and self.last.text in text:
            return
        for part in _numbered_inline(text):
            self.via = "list"
            self.add(RECOMMENDATION, part)
        if len(text) < 300:
            return
        for part in _inline_items(text):
            kind = _announced_kind(text[: text.find(part)], None)
            self.add(kind if kind != CONCERN else RECOMMENDATION, part)

    def sentence(self, para: Para, text: str) -> None:
        """A paragraph that is not a list item: an item if it asks for something."""
        if self.recommendations_named and _DATED_IMPERATIVE.match(text):
            self.add(RECOMMENDATION, text)  # "By 27 March 2025, review and update …" in a table
            return
        if (
            re.search(rf"\b{_MODAL}\s+also\b", text, re.I)
            and self.last is not None
            and self.added_at == self.index - 1
        ):
            self.last.text = f"{self.last.text} {text}"  # "… should also …": the same item, on
            return
        if told := _TOLD.search(text):  # "HMICFRS had given a 'cause of concern' as …"
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
            _IS_A_CONCERN.search(text)
            and len(text) <= 600
            and not re.match(r"^(?:this|these|it|there)\b", text, re.I)
        ):
            self.add(CONCERN, text)
            return
        asks = _ASKS.match(text) or _RECOMMENDS.match(text)
        if (
            asks
            and self.section is None
            and not self.national_document
            and not _RECOMMENDS.match(text)
            and addressed_to_all(text)
            and not _DEADLINE_FIRST.match(text)
        ):
            return  # "Fire and rescue services should manage their resources …": the question
            # a service's page is answering, not a recommendation to it (but "By 1 October
            # 2023, chief fire officers should …" is one, quoted on the page answering it)
        if self.concern_list and _NARRATIVE.match(text):
            self.concern_list = False  # the letter goes on to what happened next
        if self.concern_list and not asks and len(text) >= 40:
            self.add(CONCERN, text)  # "… recommendations for the causes of concern, as follows:"
            return
        if self.section is not None:
            concern_expected = self.section == CONCERN and (
                self.concern is None or self.last is not self.concern
            )
            dated = re.match(rf"^{_OPENING}\S", text, re.I) and re.match(
                r"^(?:by|before|within|no\s+later|not\s+later|with\s+immediate|immediately)\b",
                text,
                re.I,
            )
            if (
                concern_expected
                and self.concern is None
                and not dated
                and not _RECOMMENDS.match(text)
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


def _announcing(sentences: list[str]) -> str:
    """The sentence a lead-in announces its items in: its last ("We identified two causes of
    concern:"), or the one before a short last one ("… the causes of concern we gave. These
    were:")."""
    last = sentences[-1]
    if len(sentences) > 1 and re.match(
        r"^(?:these|they|this|it|those)\s+\S+(?:\s+\S+)?:$", last, re.I
    ):
        return f"{sentences[-2]} {last}"
    return last


def _style(marker: str | None) -> str | None:
    """What kind of list marker: a bullet, a number, a letter."""
    if marker is None:
        return None
    if re.search(r"\d", marker):
        return "number"
    if re.search(r"[a-z]", marker):
        return "letter"
    return "bullet"


_INLINE_START = re.compile(
    rf"(?<=[a-z.;:])\s+(?={_OPENING}(?:the\s+force|the\s+service)\s+{_MODAL}\b)", re.I
)


def _inline_items(text: str) -> list[str]:
    """Items run together inside one long paragraph after it announces them ("… the text included
    a small number of 'Areas for Improvement' (AFIs): The force should … The force should …
    2.4 Leadership …"), as text taken from a PDF often is."""
    lead = re.search(
        r"(?:causes?\s+of\s+concern|areas?\s+for\s+improvement|afis?\W*|recommendations)[^:]{0,80}:",
        text,
        re.I,
    )
    if not lead:
        return []
    rest = text[lead.end() :]
    next_paragraph = re.compile(r"\s\d{1,2}\.\d{1,2}\s+[A-Z]")  # "… 2.4 Leadership …"
    rest = next_paragraph.split(rest, maxsplit=1)[0]
    parts = [p.strip() for p in _INLINE_START.split(rest) if p.strip()]
    return [p for p in parts if _ASKS.match(p)]


_ROMAN = re.compile(r"\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)\s*")


def _numbered_inline(text: str) -> list[str]:
    """ "… the report's 4 recommendations – (i) Home Office to define …; (ii) …; (iii) …": the
    items numbered inside one paragraph after it counts or names recommendations."""
    lead = _COUNT.search(text) or re.search(r"\brecommendations?\b", text, re.I)
    first = _ROMAN.search(text, lead.end()) if lead else None
    if first is None:
        return []
    parts = [p.strip().rstrip(";,").strip() for p in _ROMAN.split(text[first.start() :])]
    return [re.sub(r"(?:;|,)?\s+and$", "", p).strip() for p in parts if len(p.strip()) >= 12]


def scan_items(
    paras: list[Para], *, report_title: str | None = None, national_document: bool = False
) -> list[FoundRecommendation]:
    """Every item the text holds, in order (see the module's docstring)."""
    items = _Scan(paras, report_title, national_document).run()
    for item in items:
        item.text = re.sub(r"\s+", " ", item.text).strip()
    return items


def _is_imperative(text: str) -> bool:
    """An item that opens with its verb ("work together with …"), naming no one who should."""
    return bool(re.match(r"[a-z]", text)) and not re.search(r"\b(?:should|must)\b", text[:80])


_OF_ALL = re.compile(r"\b(?:forces|services|national)\b", re.I)
_OF_ONE = re.compile(r"\b(?:the|this|its|your)\s+(?:force|service|constabulary)\b", re.I)
_NATIONAL_SUBJECT = re.compile(rf"(?:{_NATIONAL_SUBJECTS})", re.I)


def addressed_to_all(text: str) -> bool:
    """Whether a recommendation is addressed to everyone of a kind (chief constables, all
    forces, chief fire officers, the Home Office …) as the ones who should act: a national
    recommendation. ("Home Office cyber-enabled flag … to be applied" is not.)"""
    asks = _ASKS.match(re.sub(_RECOMMENDS, "", text).strip())
    return bool(asks and _NATIONAL_SUBJECT.fullmatch(asks["subject"]))


def merge(
    first: list[FoundRecommendation], more: list[FoundRecommendation]
) -> list[FoundRecommendation]:
    """`first` (a reader's own items), then those of `more` that are not already there."""
    seen = [normalise(i.text) for i in first]
    merged = list(first)
    for item in more:
        whole = normalise(item.text)
        key = whole[:120]
        if not key or any(key in s or s[:120] in whole for s in seen if s):
            continue  # the same item, or a part of one already there (a bullet of it)
        seen.append(whole)
        merged.append(item)
    return merged
