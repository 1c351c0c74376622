"""Reading what a person typed: words and "quoted phrases", without the commonest words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

WORD = re.compile(r"\w+", re.UNICODE)
PHRASE = re.compile(r'"([^"]*)"')
MAX_WORDS = 12

STOP_WORDS = frozenset(
    {
        *("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have"),
        *("in", "is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was"),
        *("were", "will", "with"),
    }
)


@dataclass
class Terms:
    words: list[str] = field(default_factory=list)  # every word, lower case, in order
    phrases: list[list[str]] = field(default_factory=list)  # quoted phrases, as word lists

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases

    @property
    def all_words(self) -> list[str]:
        seen: list[str] = []
        for word in [*self.words, *(w for p in self.phrases for w in p)]:
            if word not in seen:
                seen.append(word)
        return seen


def parse(query: str) -> Terms:
    text = (query or "")[:500]
    phrases = []
    for match in PHRASE.finditer(text):
        words = [w.lower() for w in WORD.findall(match.group(1))]
        if len(words) > 1:
            phrases.append(words[:MAX_WORDS])
        elif words:
            text += " " + words[0]
    rest = PHRASE.sub(" ", text)
    words = [w.lower() for w in WORD.findall(rest)]
    meaningful = [w for w in words if w not in STOP_WORDS]
    words = meaningful or words
    unique: list[str] = []
    for w in words:
        if w not in unique:
            unique.append(w)
    return Terms(words=unique[:MAX_WORDS], phrases=phrases[:3])


def stem(word: str) -> str:
    """A rough stem for highlighting only ("enabled" → "enabl"): the databases stem properly."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word
