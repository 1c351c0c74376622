"""Excerpts with the matching words marked.

The text is a person's own writing and must never reach the page unescaped: it is cut into
pieces at the matches, every piece is escaped, and only then are the matches wrapped in
<mark>. (Matching on the raw text and escaping each piece, rather than matching on escaped
text, means a search for "amp" or "lt" can never split an entity like "&amp;".)
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from oversight.dashboards.search.terms import Terms, stem

EXCERPT_CHARS = 240


def pattern(terms: Terms) -> re.Pattern | None:
    stems = sorted({stem(w) for w in terms.all_words if w}, key=len, reverse=True)
    if not stems:
        return None
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE
    )


def mark(text: str, terms: Terms) -> Markup:
    """All of `text`, escaped, with the matching words in <mark>."""
    text = text or ""
    found = pattern(terms)
    if not found:
        return Markup(escape(text))
    out: list[str] = []
    last = 0
    for match in found.finditer(text):
        out.append(str(escape(text[last : match.start()])))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def excerpt(text: str, terms: Terms, *, size: int = EXCERPT_CHARS) -> Markup:
    """About `size` characters around the first match (the start if none), marked."""
    text = " ".join((text or "").split())
    if len(text) <= size:
        return mark(text, terms)
    found = pattern(terms)
    first = found.search(text) if found else None
    start = 0
    if first:
        start = max(0, first.start() - size // 3)
        space = text.rfind(" ", 0, start)
        start = 0 if start == 0 else (space + 1 if space > 0 else start)
    end = min(len(text), start + size)
    space = text.find(" ", end)
    end = len(text) if space == -1 or space - end > 20 else space
    piece = mark(text[start:end], terms)
    before = Markup("… ") if start > 0 else Markup("")
    after = Markup(" …") if end < len(text) else Markup("")
    return before + piece + after
