"""The annexes: the RAG summary with its chart, the overdue, the closed, and what changed
since the last paper."""

from __future__ import annotations

from collections import Counter

from oversight.papers import conventions
from oversight.papers.compose.text import (
    ANNEX_LIMIT,
    RAG_ORDER,
    ComposedSection,
    bullets,
    by_area,
    longest_overdue,
)
from oversight.papers.documents.markup import escape
from oversight.papers.facts import PaperFacts
from oversight.papers.selectors import long_date


def drawn(facts: PaperFacts) -> dict:
    """What the documents draw from the facts, kept beside them (`Paper.drawn`) so that a
    Word or PDF export does not read the whole record back: the chart's counts (none when the
    facts have no responses) and the committee's name as it was when the paper was drawn."""
    if not facts:
        return {}
    return {
        # pairs, not a dict: PostgreSQL's jsonb keeps a dict's keys in its own order, and the
        # chart's bars go in RAG order
        "rag_counts": list(rag_counts(facts).items())
        if facts.get("responses") is not None
        else None,
        "committee": facts.get("committee"),
        "committee_short": facts.get("committee_short"),
    }


def rag_counts(facts: PaperFacts) -> dict[str, int]:
    counts = Counter(
        r["rag_label"]
        for r in facts["responses"].values()
        if r["status"] not in facts["closed_statuses"] or _closed_in_period(r, facts)
    )
    return {label: counts.get(label, 0) for label in RAG_ORDER}


def _closed_in_period(r: dict, facts: PaperFacts) -> bool:
    return bool(r["closed_on"] and facts["period_start"] <= r["closed_on"] <= facts["period_end"])


def annex_rag(facts: PaperFacts) -> ComposedSection:
    counts = rag_counts(facts)
    rows = "\n".join(f"| {label} | {n} |" for label, n in counts.items())
    text = (
        f"Responses open at {long_date(facts['period_end'])}, and those closed in the period, "
        f"by RAG rating.\n\n| RAG rating | Responses |\n| --- | ---: |\n{rows}\n"
        f"| **Total** | **{sum(counts.values())}** |"
    )
    return ComposedSection("annex_rag", "RAG summary", text, is_annex=True, chart="rag")


def _table(rows: list[dict], empty: str, facts: PaperFacts) -> str:
    """Reference, theme, due date, who holds it (the owner where the committee's setting names
    owners, else the portfolio) and RAG."""
    if not rows:
        return empty
    named = conventions.names_owners(facts)
    lines = [
        f"| Reference | Theme | Due | {'Owner' if named else 'Portfolio'} | RAG |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        ref = r["reference"] or (f"No. {r['number']}" if r["number"] else "–")
        holder = r["owner"] if named else r["portfolio"]
        lines.append(
            f"| {escape(ref)} | {escape(r['theme'] or r['title'])} | "
            f"{long_date(r['due_on']) or 'None'} | {escape(holder or 'Not assigned')} | "
            f"{r['rag_label']} |"
        )
    return "\n".join(lines)


def _capped_table(rows: list[dict], empty: str, what: str, facts: PaperFacts) -> str:
    """The rows as a table; past ANNEX_LIMIT rows, the first ANNEX_LIMIT and a table by area."""
    if len(rows) <= ANNEX_LIMIT:
        return _table(rows, empty, facts)
    return "\n\n".join(
        [
            f"{len(rows)} {what}, by area:",
            by_area(rows, facts),
            f"The first {ANNEX_LIMIT}; the tracker spreadsheet lists them all.",
            _table(rows[:ANNEX_LIMIT], empty, facts),
        ]
    )


def _noun(facts: PaperFacts) -> str:
    return "service" if facts.get("organisation_kind") == "fire_service" else "force"


def annex_overdue(facts: PaperFacts) -> ComposedSection:
    """The organisation's own items past their due date. National recommendations are not
    listed as overdue: their dates are the inspectorate's for every force or service, often
    years past, and the committee follows them by their progress (told in the paper)."""
    overdue = longest_overdue(facts["responses"].values())
    own = [r for r in overdue if not r.get("national")]
    national = len(overdue) - len(own)
    text = f"Open at {long_date(facts['period_end'])} and past their due date.\n\n" + (
        _capped_table(own, "Nothing was overdue.", "responses are overdue", facts)
    )
    if national:
        text += (
            f"\n\n{national} national recommendation{'s are' if national != 1 else ' is'} past "
            f"the date the inspectorate first set for every {_noun(facts)}; "
            f"{'they are' if national != 1 else 'it is'} followed by progress, not listed here."
        )
    return ComposedSection("annex_overdue", "Overdue recommendations", text, is_annex=True)


def annex_closed(facts: PaperFacts) -> ComposedSection:
    closed = conventions.ordered(
        [r for r in facts["responses"].values() if _closed_in_period(r, facts)], facts
    )
    return ComposedSection(
        "annex_closed",
        "Closed in the period",
        _capped_table(
            closed,
            "No recommendations were closed in the period.",
            "responses were closed in the period",
            facts,
        ),
        is_annex=True,
    )


def annex_changes(facts: PaperFacts) -> ComposedSection:
    previous = facts.get("previous")
    current = facts["responses"]
    if not previous:
        return ComposedSection(
            "annex_changes",
            "Changes since the last paper",
            "There is no earlier issued paper to compare with: this is the first.",
            is_annex=True,
        )
    before = previous["responses"]
    new = [r for key, r in current.items() if key not in before]
    closed = [
        r
        for key, r in current.items()
        if key in before
        and r["status"] in facts["closed_statuses"]
        and before[key]["status"] not in facts["closed_statuses"]
    ]
    moved = [
        (before[key], r)
        for key, r in current.items()
        if key in before and before[key]["rag_label"] != r["rag_label"]
    ]
    parts = [f"Compared with the paper for the meeting of {long_date(previous['meeting'])}."]
    parts.append("**New**\n\n" + (bullets([f"{r['title']}: {r['theme']}" for r in new]) or "None."))
    parts.append(
        "**Closed**\n\n" + (bullets([f"{r['title']}: {r['theme']}" for r in closed]) or "None.")
    )
    parts.append(
        "**RAG rating moved**\n\n"
        + (
            bullets([f"{r['title']}: {b['rag_label']} → {r['rag_label']}" for b, r in moved])
            or "None."
        )
    )
    return ComposedSection(
        "annex_changes", "Changes since the last paper", "\n\n".join(parts), is_annex=True
    )
