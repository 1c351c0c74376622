"""How items are worded: the patterns and small readings the scanner (`items`) uses to tell
a section heading, a label, a lead-in, a request and who it is addressed to."""

from __future__ import annotations

import re

from oversight.ingest.extraction import FoundRecommendation, ItemKind
from oversight.ingest.readers.common import normalise
from oversight.ingest.readers.text import Para

CONCERN = ItemKind.CAUSE_OF_CONCERN
RECOMMENDATION = ItemKind.RECOMMENDATION
AFI = ItemKind.AREA_FOR_IMPROVEMENT
NATIONAL = ItemKind.NATIONAL_RECOMMENDATION

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
LABEL = re.compile(
    rf"^(?P<label>{_LABEL_WORDS})"
    r"(?:\s+(?P<num>\d{1,3}|[A-Z](?![a-z])))?"
    r"(?:\s*[:.\-–—•]\s*|\s+(?=[A-Z“\"]))(?P<rest>\S.*)$",
    re.S | re.I,
)
LABEL_ALONE = re.compile(
    rf"^(?P<label>{_LABEL_WORDS})(?:\s+(?P<num>\d{{1,3}}))?\s*[:.]?$",
    re.I,
)
MODAL = r"(?:should|must|needs?\s+to|is\s+to|are\s+to|ought\s+to)"
# Deadline phrases that open an item: "By 1 June 2023,", "Within three months,", "Immediately,"
OPENING = (
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
FORCE_SUBJECTS = (
    r"the\s+(?:force|service|constabulary|brigade|organisation)|"
    # a name ("Avon and Somerset Police"): capitals even where the rest is read case-blind
    r"(?!(?:each|every|any|a|an|this|that|the|its|our|their|all)\s)(?-i:[A-Z])[\w&’'-]+"
    r"(?:\s+(?:and|of|&|(?-i:[A-Z])[\w’'-]+))*\s+"
    r"(?:police|constabulary|fire\s+and\s+rescue\s+service|fire\s+(?:and\s+rescue\s+)?brigade|"
    r"fire\s+service|frs)"
)
ASKS = re.compile(
    rf"^{OPENING}(?P<subject>{_NATIONAL_SUBJECTS}|{FORCE_SUBJECTS})"
    rf"(?:\s*\([^)]{{0,40}}\))?(?:\s*,[^,]{{0,80}},)?"
    # "those forces using a threat, harm and risk policy, that have not yet done so, should"
    rf"(?:\s+(?:in|of|using|that|which|who|with|across)\b[^.;:]{{0,140}}?)?"
    rf"\s*,?\s+{MODAL}\b",
    re.I,
)
_NATIONAL_START = re.compile(rf"^{OPENING}(?:{_NATIONAL_SUBJECTS})\b", re.I)
RECOMMENDS = re.compile(
    r"^(?:(?:we|hmic(?:frs)?|hm\s+inspectorate[^,]{0,40}|the\s+inspectorate|the\s+report|"
    r"hmi\s+\w+(?:\s+\w+)?)"
    r"\s+(?:also\s+)?recommends?\b(?:\s+that\b)?)",
    re.I,
)
IS_A_CONCERN = re.compile(
    r"\b(?:is|are|remains?)\s+(?:an?\s+)?(?:accelerated\s+)?causes?\s+of\s+concern\b", re.I
)
ANNOUNCES = re.compile(
    r"\b(?:(?:accelerated\s+)?causes?\s+(?:of|for)\s+concern|areas?\s+for\s+improvement|afis?|"
    r"recommendations?|recommends?|(?:red|amber|green)\s+responses)\b",
    re.I,
)
# "We identified two causes of concern:", "The four recommendations in the report are":
# the number of items that follow.
COUNT = re.compile(
    r"\b(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:new\s+|national\s+|"
    r"accelerated\s+|red\s+|amber\s+|main\s+)*(?:recommendations?|causes?\s+of\s+concern|"
    r"areas?\s+for\s+improvement|afis|responses)\b",
    re.I,
)
_NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
NUMBERS = {w: n for n, w in enumerate(_NUMBER_WORDS, start=1)}
# The committee's own recommendation ("That Members note the report"), not an inspectorate's.
COMMITTEES_OWN = re.compile(
    r"^that\s+(?:the\s+)?(?:members|committee|panel|board|authority|fire\s+authority)\b|"
    r"\b(?:members|committee|panel|board|authority)\s+(?:is|are)\s+"
    r"(?:asked|requested|invited|recommended)\s+to\b",
    re.I,
)
MENTIONS_CONCERN = re.compile(r"\bcauses?\s+of\s+concern\b", re.I)
# A paragraph that tells what happened, never an item: "We revisited …", "During the inspection …"
NARRATIVE = re.compile(
    r"^(?:we|our|in|during|on|since|this|these|that|it|there|the\s+(?:inspection|revisit|letter|"
    r"report)|you|following|after|as\s+part)\b",
    re.I,
)
DEADLINE_FIRST = re.compile(r"^(?:by|before|no\s+later\s+than|within)\s[^,]{3,40},\s", re.I)
# A row of a table of recommendations whose subject is in the report, not the row: "By 27 March
# 2025, where required, seek changes to …"
DATED_IMPERATIVE = re.compile(
    r"^(?:by|before|no\s+later\s+than|within)\s[^,]{3,40},\s+"
    r"(?:where\s+\w+,\s+|as\s+a\s+priority,\s+)?"
    r"(?:review|seek|ensure|make|develop|introduce|provide|establish|improve|set|put|publish|"
    r"carry|train|consider|work|adopt|implement|create|update|appoint|agree|assess|audit|"
    r"identify|record|write|share|use|take|give|check)\b",
    re.I,
)
# Minutes that tell of a cause of concern: "HMICFRS had given a ‘cause of concern’ as they
# considered the Service could not assure itself that …"
TOLD = re.compile(
    r"\b(?:given|gave|issued|raised|identified)\s+(?:a|an|one)\s+[‘'\"“]?cause\s+of\s+concern[’'\"”]?"
    r"\s+(?:as|because|since|that)\s+(?:(?:they|it|we|hmicfrs|inspectors)\s+"
    r"(?:considered|found|judged|said|felt)\s+(?:that\s+)?)?(?P<rest>[a-z][^.]{30,}\.?)",
    re.I,
)
ASKS_ANYWHERE = re.compile(rf"\b{MODAL}\b|\brecommends?\b", re.I)
# Headings that end a section of items.
STRUCTURAL = re.compile(
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


def kind_of_label(label: str) -> str:
    lower = label.lower()
    if "concern" in lower:
        return CONCERN
    if "improvement" in lower or lower == "afi":
        return AFI
    return RECOMMENDATION


def announced_kind(text: str, default: str | None) -> str:
    lower = text.lower()
    if re.search(r"causes?\s+(?:of|for)\s+concern", lower):
        return CONCERN
    if re.search(r"areas?\s+for\s+improvement|\bafis?\b", lower):
        return AFI
    return default or RECOMMENDATION


def is_heading(para: Para) -> bool:
    if para.heading is not None and para.heading != 9:
        return True
    text = para.text
    return (
        para.heading == 9
        and para.marker is None
        and not text.endswith((":", ",", ";"))
        and len(text.split()) <= 10
        and text[:1].isupper()
        and not ASKS.match(text)
    )


def clauses(text: str) -> list[str]:
    """One paragraph of items run together ("…of crime;ensure that…; andensure that…")."""
    parts = re.split(r";\s*(?:and\s*)?(?=[a-z])|;\s+and\s+", text)
    return [p.strip().rstrip(";").strip() for p in parts if p.strip()]


def announcing_sentence(sentences: list[str]) -> str:
    """The sentence a lead-in announces its items in: its last ("We identified two causes of
    concern:"), or the one before a short last one ("… the causes of concern we gave. These
    were:")."""
    last = sentences[-1]
    if len(sentences) > 1 and re.match(
        r"^(?:these|they|this|it|those)\s+\S+(?:\s+\S+)?:$", last, re.I
    ):
        return f"{sentences[-2]} {last}"
    return last


def marker_style(marker: str | None) -> str | None:
    """What kind of list marker: a bullet, a number, a letter."""
    if marker is None:
        return None
    if re.search(r"\d", marker):
        return "number"
    if re.search(r"[a-z]", marker):
        return "letter"
    return "bullet"


_INLINE_START = re.compile(
    rf"(?<=[a-z.;:])\s+(?={OPENING}(?:the\s+force|the\s+service)\s+{MODAL}\b)", re.I
)


def inline_items(text: str) -> list[str]:
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
    return [p for p in parts if ASKS.match(p)]


_ROMAN = re.compile(r"\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)\s*")


def numbered_inline(text: str) -> list[str]:
    """ "… the report's 4 recommendations – (i) Home Office to define …; (ii) …; (iii) …": the
    items numbered inside one paragraph after it counts or names recommendations."""
    lead = COUNT.search(text) or re.search(r"\brecommendations?\b", text, re.I)
    first = _ROMAN.search(text, lead.end()) if lead else None
    if first is None:
        return []
    parts = [p.strip().rstrip(";,").strip() for p in _ROMAN.split(text[first.start() :])]
    return [re.sub(r"(?:;|,)?\s+and$", "", p).strip() for p in parts if len(p.strip()) >= 12]


def is_imperative(text: str) -> bool:
    """An item that opens with its verb ("work together with …"), naming no one who should."""
    return bool(re.match(r"[a-z]", text)) and not re.search(r"\b(?:should|must)\b", text[:80])


OF_ALL = re.compile(r"\b(?:forces|services|national)\b", re.I)
OF_ONE = re.compile(r"\b(?:the|this|its|your)\s+(?:force|service|constabulary)\b", re.I)
_NATIONAL_SUBJECT = re.compile(rf"(?:{_NATIONAL_SUBJECTS})", re.I)


def addressed_to_all(text: str) -> bool:
    """Whether a recommendation is addressed to everyone of a kind (chief constables, all
    forces, chief fire officers, the Home Office …) as the ones who should act: a national
    recommendation. ("Home Office cyber-enabled flag … to be applied" is not.)"""
    asks = ASKS.match(re.sub(RECOMMENDS, "", text).strip())
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
