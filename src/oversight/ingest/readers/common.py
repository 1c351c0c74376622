"""Small readings shared by the readers: who a recommendation is for, its deadline, dates."""

from __future__ import annotations

import datetime as dt
import re

from oversight.ingest.extraction import FoundRecommendation
from oversight.rules.deadlines import DeadlineKind, compute_deadline, extract_deadline_text
from oversight.rules.partial_dates import MONTH_PATTERN, Precision, parse_partial_date

# Bodies a recommendation may be addressed to: (pattern, name as the record shows it).
_BODIES: tuple[tuple[str, str], ...] = (
    (r"chief\s+constables?", "Chief Constables"),
    (r"chief\s+fire\s+officers?", "Chief Fire Officers"),
    (r"(?:the\s+)?national\s+police\s+chiefs[’']?\s+council|npcc", "NPCC"),
    (r"crown\s+prosecution\s+service|cps", "CPS"),
    (r"college\s+of\s+policing", "College of Policing"),
    (r"home\s+office", "Home Office"),
    (r"police\s+and\s+crime\s+commissioners?|pccs?", "PCCs"),
    (r"national\s+crime\s+agency|nca", "National Crime Agency"),
    (r"independent\s+office\s+for\s+police\s+conduct|iopc", "IOPC"),
    (r"(?:the\s+)?national\s+fire\s+chiefs[’']?\s+council|nfcc", "NFCC"),
    (r"fire\s+and\s+rescue\s+authorit(?:y|ies)|fras", "Fire and rescue authorities"),
    (r"(?:all\s+)?fire\s+and\s+rescue\s+services", "Fire and rescue services"),
    (r"(?:the\s+)?(?:fire\s+and\s+rescue\s+)?sector", "Fire and rescue sector"),
    (r"local\s+government\s+association|lga", "LGA"),
    (r"fire\s+standards\s+board", "Fire Standards Board"),
    (r"independent\s+anti-slavery\s+commissioner", "Independent Anti-Slavery Commissioner"),
    (r"victims[’']?\s+commissioners?", "Victims’ Commissioners"),
    (r"domestic\s+abuse\s+commissioner", "Domestic Abuse Commissioner"),
    (r"(?:trade|staff)\s+unions|staff\s+representative\s+bodies", "Trade unions"),
)
_SUBJECT_ONLY: tuple[tuple[str, str], ...] = (
    (r"police|forces|the\s+force", "Police"),
    (r"prosecutors", "CPS"),
)
_VERB = re.compile(r"\b(?:should|must|ensure|ensures|will|needs?\s+to|is\s+to|are\s+to)\b", re.I)
_BODY_PATTERN = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p, _ in _BODIES) + r")\b", re.I)
_SUBJECT_PATTERN = re.compile(
    r"\b(?:" + "|".join(f"(?:{p})" for p, _ in _SUBJECT_ONLY) + r")\b", re.I
)

_RECOMMENDS_THAT = re.compile(
    r"^\s*(?:the\s+report|we|hmic(?:frs)?|the\s+inspectorate)\s+(?:also\s+)?recommends?\s+that\s+",
    re.I,
)
_AGENT = re.compile(
    r"\b(?:provided|led|given|coordinated|delivered|overseen)\s+by\s+"
    r"(?:the\s+)?(?P<who>" + "|".join(p for p, _ in _BODIES) + r")\b",
    re.I,
)


def _name(words: str, table: tuple[tuple[str, str], ...]) -> str | None:
    for pattern, name in table:
        if re.fullmatch(pattern, words, re.I):
            return name
    return None


def audience_from_text(text: str) -> list[str]:
    """Who a recommendation names as having to act: the subject before "should" ("Chief
    Constables should…", "police and prosecutors should…") and anyone it says will do
    something ("… provided by the NPCC"). In the order written; nothing when nobody is named.
    Bodies only mentioned ("the Home Office cyber-enabled flag") are not counted."""
    text = _RECOMMENDS_THAT.sub("", text)  # "The report recommends that the Home Office …"
    verb = _VERB.search(text) or re.search(r"\s+to\s+[a-z]+", text)  # "X with Y to review"
    subject_end = verb.start() if verb else 0
    # The subject is the words after the deadline phrase and before the verb.
    subject_start = text.rfind(",", 0, subject_end) + 1
    names: list[tuple[int, str]] = []
    # "By 1 June 2023, chief fire officers should": the subject after the opening phrase; but
    # "The Home Office, in consultation with …, should" and "A with B, C and D to review": all
    opening = re.match(r"\s*(?:the\s+|all\s+)?", text, re.I).end()
    starts_with_body = _BODY_PATTERN.match(text, opening) is not None
    for start in (0,) if starts_with_body else (subject_start, 0):
        for table, pattern in ((_BODIES, _BODY_PATTERN), (_SUBJECT_ONLY, _SUBJECT_PATTERN)):
            for match in pattern.finditer(text, start, subject_end):
                if name := _name(match.group(), table):
                    names.append((match.start(), name))
        if names:
            break
    for match in _AGENT.finditer(text):
        if name := _name(match.group("who"), _BODIES):
            names.append((match.start(), name))
    # Later sentences that give others something to do: "… Police and crime commissioners
    # should hold them to account."
    for sentence in re.finditer(r"(?<=[.;])\s+(?P<s>[A-Z][^.;]{0,200})", text):
        words = sentence["s"]
        later, body = _VERB.search(words), _BODY_PATTERN.match(words)
        name = _name(body.group(), _BODIES) if body else None
        if later and body and name and later.start() - body.end() <= 60:
            names.append((sentence.start("s"), name))
    found: list[str] = []
    for _, name in sorted(names):
        if name not in found:
            found.append(name)
    return found


def audience_from_heading(words: str) -> list[str]:
    """ "For the NPCC and the CPS" → ["NPCC", "CPS"]; names not known are kept as written. A
    name with "and" in it ("fire and rescue services") stays whole."""
    words = re.sub(r"^\s*for\s+", "", words.strip().rstrip(":").strip(), flags=re.I)
    pieces = re.split(r"\s*(,|;|\band\b|&)\s*", words)
    parts: list[str] = []
    index = 0
    while index < len(pieces):
        part = pieces[index]
        # "fire" "and" "rescue services": joined again when together they are a body's name
        if index + 2 < len(pieces) and pieces[index + 1] in ("and", "&"):
            joined = f"{part} and {pieces[index + 2]}"
            if _name(re.sub(r"^(?:the|all)\s+", "", joined, flags=re.I), _BODIES):
                pieces[index + 2] = joined
                index += 2
                continue
        if part not in (",", ";", "and", "&"):
            parts.append(part)
        index += 1
    found: list[str] = []
    for part in parts:
        part = re.sub(r"^(?:the|all)\s+", "", part.strip(), flags=re.I).strip()
        if not part:
            continue
        name = _name(part, _BODIES) or _name(part, _SUBJECT_ONLY)
        name = name or (part[0].upper() + part[1:])
        if name not in found:
            found.append(name)
    return found


def set_deadline(
    item: FoundRecommendation, published_on: dt.date | None, warnings: list[str]
) -> None:
    """Fill in the deadline as written and the due date it gives, if any."""
    phrase = extract_deadline_text(item.text)
    if not phrase:
        return
    item.deadline_text = phrase
    deadline = compute_deadline(phrase, published_on)
    item.due_date = deadline.due_on
    if deadline.due_on is None and deadline.kind in (DeadlineKind.RELATIVE, DeadlineKind.IMMEDIATE):
        label = item.reference or item.number or item.text[:40]
        warnings.append(
            f"“{phrase}” ({label}): the report's publication date is not in the file, "
            "so no due date was worked out."
        )


_FULL_DATE = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>(?:{MONTH_PATTERN})\.?),?\s+"
    r"(?P<y>\d{4})\b",
    re.I,
)


def find_full_date(text: str) -> tuple[dt.date, str] | None:
    """The first exact date written in the text ("24th February 2022"), and its words."""
    for match in _FULL_DATE.finditer(text):
        written = match.group()
        parsed = parse_partial_date(written, reference=dt.date(2000, 1, 1))
        if parsed.on is not None and parsed.precision == Precision.DAY:
            return parsed.on, written
    return None


def exact_date(text: str) -> dt.date | None:
    """An exact day written on its own ("19th July 2018"), or None."""
    parsed = parse_partial_date(text, reference=dt.date(2000, 1, 1))
    if parsed.on is not None and parsed.precision == Precision.DAY and re.search(r"\d{4}", text):
        return parsed.on
    return None


def inspection_kind(title: str) -> str | None:
    """An InspectionKind value from an inspection's title, or None when it does not say."""
    lower = title.lower()
    checks = (
        ("peel", "peel"),
        ("joint targeted area", "jtai"),
        ("jtai", "jtai"),
        ("super-complaint", "super_complaint"),
        ("super complaint", "super_complaint"),
        ("rocu", "rocu"),
        ("regional organised crime", "rocu"),
        ("workshop", "workshop"),
        ("force management statement", "fms"),
        ("data request", "data_request"),
        ("revisit", "revisit"),
        ("thematic", "national_thematic"),
    )
    for words, kind in checks:
        if re.search(rf"(?<![a-z]){re.escape(words)}(?![a-z])", lower):
            return kind
    return None


def normalise(text: str) -> str:
    """Lower-case letters and digits only: for comparing titles and texts."""
    return re.sub(r"[^a-z0-9]", "", text.lower())
