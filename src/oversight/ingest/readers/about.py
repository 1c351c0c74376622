"""Whose document it is: the police force or fire and rescue service a document is about, when
it names one (from the reference list of the 43 forces and the 44 services, by name or by
another name it is written as).

The title counts most, then the opening paragraphs; a force only mentioned in passing ("agree
arrangements with Warwickshire Police") does not outweigh the one the document is about. A
document that names none, or names many equally (a national report), is about no one: None.
"""

from __future__ import annotations

import re
from functools import lru_cache

from oversight.accounts.reference_data import FIRE_AND_RESCUE_SERVICES, TERRITORIAL_FORCES
from oversight.ingest.readers.text import Para

OPENING = 12  # paragraphs read after the title
TITLE_WEIGHT = 5


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for name, _short, aliases in [*TERRITORIAL_FORCES, *FIRE_AND_RESCUE_SERVICES]:
        written = {name, *aliases}
        if " and " in name:
            written.add(name.replace(" and ", " & "))
        if name.endswith(" Fire and Rescue Service"):
            place = name.removesuffix(" Fire and Rescue Service")
            written |= {
                f"{place} FRS",
                f"{place} Fire & Rescue Service",
                f"{place} Fire and Rescue",
            }
        words = "|".join(
            re.escape(w).replace(r"\ ", r"\s+") for w in sorted(written, key=len, reverse=True)
        )
        found.append((name, re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.I)))
    return found


def organisation_named(paras: list[Para], page_title: str | None = None) -> str | None:
    """The force or service the document is about, as the reference list names it, or None."""
    title = " ".join(filter(None, [page_title, *(p.text for p in paras[:1])]))
    body = " ".join(p.text for p in paras[1 : 1 + OPENING])
    scores: dict[str, int] = {}
    first: dict[str, int] = {}
    for name, pattern in _patterns():
        in_title = len(pattern.findall(title))
        matches = list(pattern.finditer(body))
        score = TITLE_WEIGHT * in_title + len(matches)
        if score:
            scores[name] = score
            first[name] = -1 if in_title else matches[0].start()
    if not scores:
        return None
    ranked = sorted(scores, key=lambda n: (-scores[n], first[n]))
    best = ranked[0]
    if scores[best] < 2:
        return None  # named once in passing ("at the request of the Commissioner of …")
    if len(ranked) > 2 and scores[ranked[2]] == scores[best]:
        return None  # many named alike: a national document
    if len(ranked) > 1 and scores[ranked[1]] == scores[best] and first[ranked[1]] == first[best]:
        return None
    return best


_ITSELF = re.compile(r"\bthe\s+(?:force|service|constabulary|brigade)\b(?!\s+(?:area|areas))", re.I)


def refers_to_itself(paras: list[Para]) -> bool:
    """Whether the document speaks of one force or service as "the force" or "the service" (a
    committee paper, minutes, a letter), rather than of all of them (a national report)."""
    opening = " ".join(p.text for p in paras[:40])
    return bool(_ITSELF.search(opening))
