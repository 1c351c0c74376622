"""Matching what a file says to what is recorded: texts alike, tracker words (RAG, status) in
our values, and people found by a name as a tracker writes it."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from oversight.accounts.selectors import people_in
from oversight.dates import long_date
from oversight.recommendations.choices import ResponseStatus
from oversight.rules.rag import rag_word

if TYPE_CHECKING:
    from oversight.accounts.models import Organisation, User

TEXT_MATCH_RATIO = 0.9


def normalise(text: str | None) -> str:
    """Lower case, punctuation as spaces, one space between words."""
    return " ".join(re.sub(r"[^\w]+", " ", (text or "").lower()).split())


def similarity(a: str, b: str) -> float:
    """difflib's ratio of two normalised texts, skipping the work when it cannot reach 0.9."""
    if not a or not b:
        return 0.0
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < TEXT_MATCH_RATIO:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < TEXT_MATCH_RATIO or matcher.quick_ratio() < TEXT_MATCH_RATIO:
        return 0.0
    return matcher.ratio()


# -- tracker values in words -> our values

STATUS_WORDS = {
    "open": ResponseStatus.OPEN,
    "new": ResponseStatus.OPEN,
    "not started": ResponseStatus.OPEN,
    "in progress": ResponseStatus.IN_PROGRESS,
    "ongoing": ResponseStatus.IN_PROGRESS,
    "on track": ResponseStatus.IN_PROGRESS,
    "started": ResponseStatus.IN_PROGRESS,
    "progressing": ResponseStatus.IN_PROGRESS,
    "live": ResponseStatus.IN_PROGRESS,
    "ready for closure": ResponseStatus.READY_FOR_CLOSURE,
    "proposed for closure": ResponseStatus.READY_FOR_CLOSURE,
    "closure requested": ResponseStatus.READY_FOR_CLOSURE,
    "submitted": ResponseStatus.SUBMITTED,
    "submitted to hmicfrs": ResponseStatus.SUBMITTED,
    "submitted to the inspectorate": ResponseStatus.SUBMITTED,
    "awaiting review": ResponseStatus.SUBMITTED,
    "closed": ResponseStatus.CLOSED,
    "complete": ResponseStatus.CLOSED,
    "completed": ResponseStatus.CLOSED,
    "done": ResponseStatus.CLOSED,
    "discharged": ResponseStatus.CLOSED,
    "closed by hmicfrs": ResponseStatus.CLOSED_BY_INSPECTORATE,
    "closed by the inspectorate": ResponseStatus.CLOSED_BY_INSPECTORATE,
    "closed by inspectorate": ResponseStatus.CLOSED_BY_INSPECTORATE,
    "superseded": ResponseStatus.SUPERSEDED,
    "achieved": ResponseStatus.CLOSED_BY_INSPECTORATE,  # the register's word for closed
}

# words before a name that are not the name
RANKS = {
    "pc", "ds", "dc", "sgt", "di", "dci", "dsupt", "supt", "ch", "chief", "cs", "dcs", "acc",
    "dcc", "cc", "insp", "inspector", "superintendent", "mr", "mrs", "ms", "miss", "dr", "t",
}  # fmt: skip


def rag_from(words: str | None) -> str | None:
    return rag_word(words)


def status_from(words: str | None) -> str | None:
    if not words:
        return None
    text = normalise(words)
    if text in STATUS_WORDS:
        return STATUS_WORDS[text]
    labels = {normalise(str(label)): value for value, label in ResponseStatus.choices}
    if text in labels:  # as the register's own spreadsheet writes it: "Closed by the inspectorate"
        return labels[text]
    if text in ResponseStatus.values or text.replace(" ", "_") in ResponseStatus.values:
        return text.replace(" ", "_")
    return None


def status_label(value: str) -> str:
    return str(ResponseStatus(value).label) if value in ResponseStatus.values else value


def long_day(value: dt.date | None) -> str:
    return long_date(value, "none")


@dataclass
class People:
    """The organisation's people, found by a name as a tracker writes it."""

    people: list[User]

    @classmethod
    def of(cls, organisation: Organisation) -> People:
        return cls(list(people_in(organisation.pk, active=True)))

    def find(self, written: str | None) -> User | None:
        name = normalise(written)
        if not name:
            return None
        for person in self.people:
            if name in {normalise(person.get_full_name()), normalise(person.username)}:
                return person
        words = [w for w in name.split() if w not in RANKS]
        bare = " ".join(words)
        if bare:
            found = [p for p in self.people if normalise(p.get_full_name()) == bare]
            if len(found) == 1:
                return found[0]
            found = [p for p in self.people if words and normalise(p.last_name) == words[-1]]
            if len(found) == 1 and (
                len(words) == 1 or normalise(found[0].first_name)[:1] == words[0][:1]
            ):
                return found[0]
        return None
