"""HMICFRS recommendations register pages.

Each entry on a register page starts with the report's title and the entry's reference in
brackets — "Understanding the difference: the initial police response to hate crime (9125)" —
then gives the cause of concern and/or the recommendation, and a status log written as
``[on]19th July 2018 [status]awaiting-review[/status][/on]`` and
``[on]4th September 2019 [comment]…[/comment][/on]``. Every ``[on]`` becomes a dated
:class:`StatusEvent`, with the date parsed and as written.
"""

from __future__ import annotations

import re

from oversight.ingest.extraction import FoundRecommendation, ItemKind, StatusEvent
from oversight.ingest.readers.common import audience_from_text, exact_date, set_deadline
from oversight.ingest.readers.text import Para

_ENTRY = re.compile(r"^(?P<title>[^()\[\]]{3,400}?)\s*\((?P<ref>\d{3,6})\)\s*$")
_LABEL = re.compile(
    r"^(?P<label>causes?\s+(?:of|for)\s+concern|recommendation|area\s+for\s+improvement|"
    r"type|kind|status|theme|category|report)(?:\s*[:\-–•]\s*|\s+(?=[A-Z“\"]))(?P<rest>.*)$",
    re.I | re.S,
)
_TAG = re.compile(r"\[/?(?:on|status|comment)\]", re.I)
MAX_EVENTS = 500


def is_register_page(paras: list[Para]) -> bool:
    text = " ".join(p.text for p in paras[:2000])
    if "[on]" in text.lower() and re.search(r"\[/on\]|\[status\]|\[/comment\]", text, re.I):
        return True
    entries = sum(1 for p in paras if _ENTRY.match(p.text))
    return entries >= 1 and bool(re.search(r"\bregister\b", text, re.I))


def status_log(text: str) -> list[StatusEvent]:
    """The events of a status log, in the order written. Linear: no backtracking regexes."""
    events: list[StatusEvent] = []
    lower = text.lower()
    position = lower.find("[on]")
    while position != -1 and len(events) < MAX_EVENTS:
        start = position + 4
        following = lower.find("[on]", start)
        close = lower.find("[/on]", start)
        end = min(x for x in (following, close, len(text)) if x != -1)
        events.append(_event(text[start:end]))
        position = following
    return events


def _between(chunk: str, tag: str) -> tuple[str | None, str]:
    """The words inside [tag]…[/tag] (the opening tag may be missing), and the rest."""
    lower = chunk.lower()
    opening, closing = lower.find(f"[{tag}]"), lower.find(f"[/{tag}]")
    if opening == -1 and closing == -1:
        return None, chunk
    if opening == -1:  # "[/comment]" alone: the comment runs from the date to it
        return chunk[:closing], chunk[closing + len(tag) + 3 :]
    inner_end = closing if closing > opening else len(chunk)
    inner = chunk[opening + len(tag) + 2 : inner_end]
    rest = chunk[:opening] + (chunk[closing + len(tag) + 3 :] if closing > opening else "")
    return inner, rest


def _event(chunk: str) -> StatusEvent:
    # The date runs from "[on]" to the first tag or line of words.
    lower = chunk.lower()
    cut = min(
        [i for i in (lower.find("[status]"), lower.find("[comment]"), lower.find("[/")) if i >= 0]
        + [len(chunk)]
    )
    head = chunk[:cut]
    date_text = head.strip()
    words_after = ""
    # "4th September 2014 The status of this…": the date is the first few words.
    if found := re.match(r"^\s*(\S+(?:\s+\S+){0,3}?\s+\d{4})\b(.*)$", head, re.S):
        date_text, words_after = found.group(1).strip(), found.group(2)
    elif len(date_text) > 40:
        date_text, words_after = "", head
    remainder = words_after + chunk[cut:]
    status, remainder = _between(remainder, "status")
    comment, remainder = _between(remainder, "comment")
    leftover = _clean(remainder)
    if comment is None and leftover:
        comment = leftover
    elif comment is not None and leftover:
        comment = f"{_clean(comment)} {leftover}"
    return StatusEvent(
        date=exact_date(date_text),
        date_text=date_text,
        status=_clean(status) or None if status is not None else None,
        comment=_clean(comment) or None if comment is not None else None,
    )


def _clean(text: str | None) -> str:
    return " ".join(_TAG.sub(" ", text or "").split())


def read_register(paras: list[Para], warnings: list[str]) -> list[FoundRecommendation]:
    """One item per register entry."""
    entries: list[tuple[str, str, list[Para]]] = []
    for para in paras:
        if (found := _ENTRY.match(para.text)) and "[on]" not in para.text.lower():
            entries.append((found["title"].strip(), found["ref"], []))
        elif entries:
            entries[-1][2].append(para)
    if not entries and any("[on]" in p.text.lower() for p in paras):
        entries = [("", None, list(paras))]  # one entry, without its "Title (ref)" line
    if not entries:
        warnings.append("No register entries (a report title with a reference in brackets) found.")
    items = []
    for title, reference, body in entries:
        items.extend(_entry(title, reference, body, warnings))
    return items


def _entry(
    title: str, reference: str | None, body: list[Para], warnings: list[str]
) -> list[FoundRecommendation]:
    """The entry's item; a cause of concern given with the recommendation made about it is two
    items, the recommendation linked to the concern (which carries the reference)."""
    concern = recommendation = kind_words = None
    plain: list[str] = []
    log_parts: list[str] = []
    last: str | None = None
    in_log = False
    for para in body:
        text = para.text
        if "[on]" in text.lower() or in_log:
            # The log may run over several paragraphs; it ends at its last "[/on]".
            before, marker, after = text.partition("[on]") if not in_log else ("", "", text)
            if before.strip():
                plain.append(before.strip())
            log_parts.append(marker + after)
            in_log = not after.lower().rstrip().endswith("[/on]")
            continue
        if found := _LABEL.match(text):
            label, rest = found["label"].lower(), found["rest"].strip()
            if "concern" in label:
                concern, last = rest, "concern"
            elif label == "recommendation":
                recommendation, last = rest, "recommendation"
            elif label in ("type", "kind"):
                kind_words = rest
            continue
        if re.fullmatch(r"causes?\s+(?:of|for)\s+concern:?|recommendation:?", text, re.I):
            last = "concern" if "concern" in text.lower() else "recommendation"
            if last == "concern":
                concern = ""
            else:
                recommendation = ""
            continue
        if last == "concern" and concern == "":
            concern = text
        elif last == "recommendation" and recommendation == "":
            recommendation = text
        else:
            plain.append(text)
    events = status_log("\n".join(log_parts))
    # Without labels, the entry is its paragraphs from the first that asks for something
    # (what comes before it is the page around it: "404 Page not found", a heading)
    asking = next(
        (i for i, t in enumerate(plain) if re.search(r"\b(?:should|must|needs?\s+to)\b", t, re.I)),
        0,
    )
    words = recommendation or concern or " ".join(plain[asking:])
    is_concern = concern is not None or bool(kind_words and "concern" in kind_words.lower())
    statuses = [e.status for e in events if e.status]
    item = FoundRecommendation(
        kind=ItemKind.CAUSE_OF_CONCERN if is_concern else ItemKind.RECOMMENDATION,
        text=words.strip(),
        reference=reference,
        report_title=title or None,
        audience=audience_from_text(words),
        status_history=events,
        status=statuses[-1] if statuses else None,
    )
    items = [item]
    if concern and recommendation:
        item.concern_text = concern
        the_concern = FoundRecommendation(
            kind=ItemKind.CAUSE_OF_CONCERN,
            text=concern.strip(),
            reference=reference,
            report_title=title or None,
            status_history=events,
            status=item.status,
        )
        item.kind, item.reference = ItemKind.RECOMMENDATION, None
        item.cause_of_concern = reference or "#1"
        items = [the_concern, item]
    label = reference or "on this page"
    if not item.text:
        warnings.append(f"Register entry {label} has no recommendation text.")
    set_deadline(item, None, warnings)
    for event in events:
        if event.date is None and event.date_text:
            warnings.append(
                f"Register entry {label}: the date “{event.date_text}” could not be read."
            )
    return items
