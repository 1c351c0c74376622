"""Writing a paper's sections from its facts (papers.selectors.paper_facts, typed as
papers.facts.PaperFacts).

Plain functions from data to the small Markdown of documents.markup: no database here, so
what a section says can be tested on its own, and an issued paper's frozen facts always give
the same words. Split by what each part writes: `text` (the words and tables the sections
share), `sections` (the body), `annexes` (the tables at the end).
"""

from __future__ import annotations

from oversight.papers.compose.annexes import (
    annex_changes,
    annex_closed,
    annex_overdue,
    annex_rag,
    drawn,
    rag_counts,
)
from oversight.papers.compose.sections import (
    inspections,
    peel_and_concerns,
    purpose,
    recommendation_to_committee,
    reports,
)
from oversight.papers.compose.text import (
    ANNEX_LIMIT,
    DETAIL_LIMIT,
    REPORT_DETAIL_LIMIT,
    ComposedSection,
)
from oversight.papers.facts import PaperFacts


def compose(facts: PaperFacts) -> list[ComposedSection]:
    return [
        purpose(facts),
        peel_and_concerns(facts),
        inspections(facts),
        reports(facts),
        recommendation_to_committee(facts),
        annex_rag(facts),
        annex_overdue(facts),
        annex_closed(facts),
        annex_changes(facts),
    ]


__all__ = [
    "ANNEX_LIMIT",
    "DETAIL_LIMIT",
    "REPORT_DETAIL_LIMIT",
    "ComposedSection",
    "compose",
    "rag_counts",
    "drawn",
]
