"""A committee's conventions for its paper: the order items are set out in, whether owners are
named, and how a national item is described. Plain functions of the paper's facts.

The settings come from the committee (Manage organisation → Committees); a paper's facts carry
them, so an issued paper keeps the conventions it was issued with.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from oversight.papers.documents.markup import escape
from oversight.papers.selectors import long_date

THEME, REFERENCE, DUE = "theme", "reference", "due"


def settings(facts: Mapping[str, Any]) -> dict:
    """The committee's conventions; papers drawn before they existed get the defaults."""
    return {"item_order": THEME, "names_owners": False, **(facts.get("settings") or {})}


def names_owners(facts: Mapping[str, Any]) -> bool:
    return bool(settings(facts)["names_owners"])


def _natural(reference: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", reference))


def ordered(items: list[dict], facts: Mapping[str, Any]) -> list[dict]:
    """Items in the committee's order. By theme (the default, as the papers were written by
    hand): items of a theme together, the themes in the order the force first recorded them,
    and within a theme in the order recorded."""
    how = settings(facts)["item_order"]
    if how == REFERENCE:
        return sorted(items, key=lambda r: (_natural(r["reference"] or ""), r["id"]))
    if how == DUE:
        return sorted(items, key=lambda r: (r["due_on"] is None, r["due_on"] or "", r["id"]))
    first: dict[str, int] = {}
    for r in sorted(items, key=lambda r: r["id"]):
        first.setdefault((r["theme"] or "").casefold(), r["id"])
    return sorted(items, key=lambda r: (first[(r["theme"] or "").casefold()], r["id"]))


def item_status(c: dict, facts: Mapping[str, Any]) -> str:
    """The short line under an item: its RAG and status; for the force's own items the due
    date and whether it is overdue. A national item's due date is the inspectorate's for every
    force, often years past: the committee follows it by its progress, so no date, no alarm."""
    bits = [f"RAG: {c['rag_label']}", f"Status: {c['status_label']}"]
    if not c.get("national"):
        if c["due_on"]:
            bits.insert(0, f"Due {long_date(c['due_on'])}")
        if c["overdue"]:
            bits.append("**Overdue**")
    if names_owners(facts) and c["owner"]:
        bits.append(f"Owner: {escape(c['owner'])}")
    return "*" + " · ".join(bits) + "*"


def who_holds(c: dict, facts: Mapping[str, Any]) -> str:
    """Who holds an item, in the words the committee's setting allows: the owner and the
    portfolio's lead are people, named only where the committee asks; a portfolio is not."""
    named = names_owners(facts)
    return ", ".join(
        x
        for x in [
            c["owner"] if named else "",
            f"{c['portfolio']} portfolio" if c["portfolio"] else "",
            f"managed by {c['portfolio_lead']}" if named and c["portfolio_lead"] else "",
        ]
        if x
    )
