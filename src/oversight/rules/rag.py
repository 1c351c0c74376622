"""Red, amber, green and blue (RAG) ratings, and when a recommendation is overdue.

A rating is confirmed by a person; nothing here works one out from dates.
Once a recommendation is closed it is always shown as blue (complete),
whatever its last rating was.
"""

from __future__ import annotations

import re
from datetime import date

from django.db import models


class Rag(models.TextChoices):
    """A RAG rating. Blue means the recommendation is complete."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue (complete)"


RAG_TAG_CLASSES: dict[str, str] = {
    Rag.RED.value: "govuk-tag--red",
    Rag.AMBER.value: "govuk-tag--orange",
    Rag.GREEN.value: "govuk-tag--green",
    Rag.BLUE.value: "govuk-tag--blue",
}
"""The GOV.UK Frontend tag colour class for each rating."""

NOT_RATED_TAG_CLASS = "govuk-tag--grey"
"""The tag colour class for a recommendation with no rating."""


def is_overdue(*, due_on: date | None, closed: bool, today: date) -> bool:
    """Whether the due date has passed and the recommendation is still open.

    A recommendation due today is not yet overdue. With no due date, or once
    closed, it is never overdue.
    """
    return due_on is not None and not closed and today > due_on


def effective_rag(*, confirmed: str | None, closed: bool) -> str | None:
    """The rating to show: blue when closed, else the confirmed rating.

    An empty confirmed rating (as stored in a blank form field) counts as none
    and gives None.
    """
    if closed:
        return Rag.BLUE.value
    return confirmed or None


def rag_label(value: str | None) -> str:
    """The words for a rating, such as "Blue (complete)"; "Not rated" when empty.

    A value that is not a known rating is shown as it is, so nothing is hidden.
    """
    if not value:
        return "Not rated"
    return _RAG_LABELS.get(value, str(value))


_RAG_LABELS = {value: str(label) for value, label in Rag.choices}

# How trackers write a rating, lower-cased: the words read on import.
RAG_WORDS = {
    "r": "red", "red": "red",
    "a": "amber", "amber": "amber", "orange": "amber", "yellow": "amber",
    "g": "green", "green": "green",
    "b": "blue", "blue": "blue", "complete": "blue", "completed": "blue",
}  # fmt: skip


def rag_word(words: str | None) -> str | None:
    """A RAG rating from the words a tracker uses: "Amber", "A", "Blue (complete)", "Green (on
    track)", "Complete", "Amber - on track"; None when the words are not a rating."""
    if not words:
        return None

    def key(text: str) -> str:
        return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())

    whole = key(words)
    if whole in RAG_WORDS:
        return RAG_WORDS[whole]
    head = key(re.split(r"[(\-–—:/,]", words, maxsplit=1)[0])  # "Blue (complete)", "Amber - …"
    inside = re.search(r"\(([^)]*)\)", words)  # "(Blue)"
    for candidate in (head, key(inside.group(1)) if inside else ""):
        if candidate in RAG_WORDS:
            return RAG_WORDS[candidate]
    return None


def rag_tag_class(value: str | None) -> str:
    """The GOV.UK tag colour class for a rating; grey when not rated or unknown."""
    return RAG_TAG_CLASSES.get(value or "", NOT_RATED_TAG_CLASS)
