"""The words and small tables the sections share: counts in words, paragraphs, lists, the
limits past which a paper counts instead of listing, and a table of items by area."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from oversight.papers.documents.markup import escape
from oversight.papers.facts import PaperFacts

DEFAULT_PURPOSE = (
    "To provide members of the Committee with oversight of HMICFRS inspection activity and "
    "recommendations."
)
DEFAULT_CLOSING = (
    "This report is submitted for the information of the Committee. The Committee are asked "
    "to note the contents of the report."
)
RAG_ORDER = ["Red", "Amber", "Green", "Blue (complete)", "Not rated"]
NUMBER_WORDS = [
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]


@dataclass(frozen=True)
class ComposedSection:
    key: str
    heading: str
    text: str
    is_annex: bool = False
    chart: str = ""  # the name of a chart drawn beside the text ("rag")


def number_word(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def plural(n: int, one: str, many: str) -> str:
    return f"{number_word(n)} {one if n == 1 else many}"


def paragraphs(text: str) -> str:
    """Record text as Markdown paragraphs (blank lines kept, everything else literal)."""
    parts = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "\n\n".join(escape(p).replace("\n", " ") for p in parts)


def listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {escape(item)}" for item in items if item.strip())


# Past these, a paper shows counts by area and the longest overdue, and leaves the full list to
# the tracker spreadsheet: a committee does not read three hundred items one by one (and the
# PDF of a national-scale paper took 26 s to lay out).
DETAIL_LIMIT = 12  # causes of concern and national recommendations set out in full
REPORT_DETAIL_LIMIT = 20  # a published report's recommendations listed one by one
ANNEX_LIMIT = 50  # rows of an annex table


def longest_overdue(items) -> list[dict]:
    overdue = [r for r in items if r["overdue"]]
    overdue.sort(key=lambda r: (r["due_on"] or "", r["reference"] or "", r["id"]))
    return overdue


def by_area(items: list[dict], facts: PaperFacts) -> str:
    """A table of the items by theme: how many, how many open, overdue, and by RAG rating."""
    closed = set(facts["closed_statuses"])
    areas: dict[str, Counter] = {}
    for r in items:
        counts = areas.setdefault(r["theme"] or "No theme", Counter())
        counts["all"] += 1
        counts["open"] += r["status"] not in closed
        counts["overdue"] += bool(r["overdue"])
        counts[r["rag_label"]] += 1
    ratings = [label for label in RAG_ORDER if any(c[label] for c in areas.values())]
    lines = [
        "| Area | Items | Open | Overdue | " + " | ".join(ratings) + " |",
        "| --- | ---: | ---: | ---: | " + " | ".join("---:" for _ in ratings) + " |",
    ]
    order = sorted(areas.items(), key=lambda kv: (-kv[1]["overdue"], -kv[1]["open"], kv[0]))
    for area, c in order:
        cells = [str(c["all"]), str(c["open"]), str(c["overdue"])] + [str(c[x]) for x in ratings]
        lines.append(f"| {escape(area)} | " + " | ".join(cells) + " |")
    total: Counter[str] = Counter()
    for c in areas.values():
        total.update(c)
    totals = [total["all"], total["open"], total["overdue"]] + [total[x] for x in ratings]
    lines.append("| **Total** | " + " | ".join(f"**{n}**" for n in totals) + " |")
    return "\n".join(lines)
