"""The body of the paper: purpose, PEEL and causes of concern, inspections and engagement,
reports published, and the recommendation to the committee."""

from __future__ import annotations

from collections import Counter
from typing import Any

from oversight.papers import conventions
from oversight.papers.compose.text import (
    DEFAULT_CLOSING,
    DEFAULT_PURPOSE,
    DETAIL_LIMIT,
    REPORT_DETAIL_LIMIT,
    ComposedSection,
    bullets,
    by_area,
    listing,
    longest_overdue,
    number_word,
    paragraphs,
    plural,
)
from oversight.papers.documents.markup import escape
from oversight.papers.facts import PaperFacts
from oversight.papers.selectors import long_date


def purpose(facts: PaperFacts) -> ComposedSection:
    text = facts["standing"].get("purpose") or DEFAULT_PURPOSE
    return ComposedSection("purpose", "Purpose of report", paragraphs(text))


def _concern_line(c: dict) -> str:
    label = c["theme"] or "No theme"
    ref = f" (Recommendation {c['reference']})" if c["reference"] else ""
    line = f"**{escape(label)}{escape(ref)}.** {escape(c['text'])}"
    if c.get("revisited_on"):  # papers drawn before revisits were recorded have none
        line += (
            f"\n\n   The inspectorate revisited on {long_date(c['revisited_on'])}: "
            f"{escape(c['revisit_finding'])}"
        )
    if c.get("discharged_on"):
        line += f"\n\n   Discharged by the inspectorate on {long_date(c['discharged_on'])}."
    return line


def peel_and_concerns(facts: PaperFacts) -> ComposedSection:
    org = facts["organisation"]
    concerns = facts["concerns"]
    fire = facts.get("organisation_kind") == "fire_service"
    heading = f"{org} {'inspection' if fire else 'PEEL inspection'}" + (
        " & national recommendations" if concerns else ""
    )
    parts: list[str] = []
    standing = facts["standing"]
    if standing.get("peel"):
        parts.append(paragraphs(standing["peel"]))
    for p in facts["peel"]:
        title = p["title"] if p["when"] in p["title"] else f"{p['title']} ({p['when']})"
        if p["summary"]:  # the force's own words about it say where it stands
            parts.append(paragraphs(p["summary"]))
        else:
            stage = PEEL_STAGES.get(p["status"] or "", "")
            parts.append(f"**{escape(title)}**" + (f": {stage}." if stage else "."))
        if p.get("grades"):  # as recorded from the inspectorate's published assessment
            parts.append(f"The grades of the {escape(title)}:")
            parts.append(bullets([f"{g['area']}: {g['grade']}" for g in p["grades"]]))
    if standing.get("governance"):
        parts.append(paragraphs(standing["governance"]))
    if concerns:
        themes = {c["theme"] for c in concerns if c["theme"]}
        counted = plural(
            len(concerns),
            "cause of concern or national recommendation",
            "causes of concern and national recommendations",
        )
        scope = f"open for {escape(org)}, over {plural(len(themes), 'area', 'areas')}"
        if all(c.get("national") for c in concerns):
            bodies = sorted(
                {a for c in concerns for a in c.get("audience", []) if a in NATIONAL_BODIES}
            )
            scope += (
                ", which apply to all fire and rescue services in England"
                if fire
                else ", which apply to all forces in England and Wales"
            )
            if bodies:
                scope += f", as well as national bodies ({escape(', '.join(bodies))})"
        listed = conventions.ordered(concerns, facts)
        if len(concerns) > DETAIL_LIMIT:
            # Too many to read one by one: a table by area, then the longest overdue in full.
            listed = longest_overdue(concerns)[:DETAIL_LIMIT]
            parts.append(f"There are currently {counted} {scope}.")
            parts.append(
                "They are too many to set out here one by one. The table shows them by area; "
                "the tracker spreadsheet that accompanies this paper lists each with its "
                "owner and latest progress."
            )
            parts.append(by_area(concerns, facts))
            if listed:
                which = "one" if len(listed) == 1 else f"{number_word(len(listed))}"
                parts.append(f"In full, the {which} furthest past the due date:")
            else:
                parts.append("None of them is past its due date.")
        else:
            parts.append(f"There are currently {counted} {scope}:")
        # Items that share a progress narrative are listed together, then the narrative once.
        groups: list[list[dict]] = []
        for c in listed:
            if groups and c["narrative"] and groups[-1][-1]["narrative"] == c["narrative"]:
                groups[-1].append(c)
            else:
                groups.append([c])
        number = 1
        for group in groups:
            items = []
            for c in group:
                status = conventions.item_status(c, facts)
                items.append(f"{number}. {_concern_line(c)}\n\n   {status}")
                number += 1
            parts.append("\n\n".join(items))
            narrative = group[-1]["narrative"]
            if narrative:
                when = long_date(group[-1]["narrative_on"])
                parts.append(f"*Progress reported {when}:*\n\n" + paragraphs(narrative))
                if group[-1]["next_steps"]:
                    parts.append("*Next steps:* " + escape(group[-1]["next_steps"]))
        silent = [c for c in listed if not c["narrative"]]
        if silent:  # said once, not under each item
            parts.append(
                "*No progress update has been recorded yet"
                + (
                    " for any of them.*"
                    if len(silent) == len(listed)
                    else f" for {escape(listing([c['title'] for c in silent]))}.*"
                )
            )
    if standing.get("review_note"):
        parts.append(paragraphs(standing["review_note"]))
    if not parts:
        parts.append("There is nothing to report on PEEL or national recommendations.")
    return ComposedSection("peel", heading, "\n\n".join(parts))


PEEL_STAGES = {
    "notified": "notified, not yet scheduled",
    "scheduled": "scheduled",
    "fieldwork": "fieldwork under way",
    "debriefed": "debriefed, report awaited",
    "awaiting_report": "report awaited",
    "published": "report published",
    "cancelled": "cancelled",
}
NATIONAL_BODIES = {
    "NPCC", "CPS", "College of Policing", "Home Office", "NCA",
    "NFCC", "LGA", "Fire Standards Board",
}  # fmt: skip

TOOK_PART_KINDS = {"national_thematic", "jtai", "super_complaint", "rocu", "revisit", "peel", "frs"}


def _inspection_block(number: int, i: dict, said_after: set[str]) -> str:
    lines = [f"{number}. **{escape(i['title'])} ({escape(i['when'])}).**"]
    body: list[str] = []
    if i["participants"]:
        names = ", ".join(
            p["name"] + (f" ({p['note']})" if p["note"] else "") for p in i["participants"]
        )
        body.append(escape(f"Other forces involved are: {names}."))
    if i["participants_note"]:
        body.append(escape(i["participants_note"]))
    if i["summary"] and i["kind"] != "jtai":  # a JTAI's summary is its report's, next section
        body.append(paragraphs(i["summary"]))
    if i["leads"] and i["kind"] == "jtai":
        body.append(escape("Led jointly by " + ", ".join(i["leads"]) + "."))
    notes = [p for p in _split(i["debrief_notes"]) if p not in said_after]
    if notes:  # the liaison's own account of the debrief comes first, as they write it
        body.append(paragraphs("\n\n".join(notes)))
    if i["debrief_strengths"]:
        body.append("The inspectors acknowledged these strengths:")
        body.append(_indent(bullets(i["debrief_strengths"])))
    if i["debrief_areas"]:
        body.append("Areas to consider:")
        body.append(_indent(bullets(i["debrief_areas"])))
    status = {
        "awaiting_report": "The report is awaited.",
        "debriefed": "The report is awaited.",
        "published": "The report has been published.",
        "fieldwork": "Fieldwork is under way.",
    }.get(i["status"] or "")
    words = " ".join([i["summary"], i["debrief_notes"]]).lower()
    if status and not ("awaited" in status and ("publish" in words or "awaited" in words)):
        body.append(status)  # unless the force's words already say when it will be published
    return "\n\n".join([lines[0], *(_indent(b) for b in body)])


def _split(text: str) -> list[str]:
    return [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]


def _shared_notes(took_part: list[dict]) -> list[str]:
    """Paragraphs of the debrief notes that more than one inspection repeats ("The formal
    findings of these reports will be published during summer 2022."): said once, after them."""
    seen = Counter(p for i in took_part for p in dict.fromkeys(_split(i["debrief_notes"])))
    return [p for p, n in seen.items() if n > 1]


def _indent(block: str) -> str:
    return "\n".join(("   " + line) if line else line for line in block.split("\n"))


def inspections(facts: PaperFacts) -> ComposedSection:
    org = facts["organisation_short"]
    committee = facts["committee_short"]
    standing = facts["standing"]
    took_part = [i for i in facts["inspections"] if i["kind"] in TOOK_PART_KINDS]
    other = [i for i in facts["inspections"] if i["kind"] not in TOOK_PART_KINDS]
    parts: list[str] = []
    explained: dict[str, Any] = standing.get("inspection_kinds") or {}
    kinds_present = [
        k
        for k in ("national_thematic", "jtai", "super_complaint")
        if any(i["kind"] == k for i in took_part)
    ]
    if explained and kinds_present:
        if explained.get("intro"):
            parts.append(paragraphs(explained["intro"]))
        for kind in kinds_present:
            if kind in explained:
                title, text = explained[kind]
                parts.append(f"- **{escape(title)}**\n\n" + _indent(paragraphs(text)))
    if took_part:
        parts.append(
            f"Since the last {escape(committee)} report was produced there "
            f"{'has' if len(took_part) == 1 else 'have'} been "
            f"{plural(len(took_part), 'inspection', 'inspections')} within {escape(org)}."
        )
        shared = _shared_notes(took_part)
        parts.append(
            "\n\n".join(_inspection_block(n, i, set(shared)) for n, i in enumerate(took_part, 1))
        )
        parts.extend(paragraphs(p) for p in shared)
    else:
        parts.append(
            f"Since the last {escape(committee)} report was produced there have been no "
            f"inspections within {escape(org)}."
        )
    if other:
        parts.append("Other engagements with HMICFRS in the period:")
        for i in other:
            block = f"- **{escape(i['title'])} ({escape(i['when'])}).**"
            if i["summary"]:
                block += "\n\n" + _indent(paragraphs(i["summary"]))
            parts.append(block)
    notified = facts["notified"]
    if notified:
        parts.append(
            f"We have received notification of "
            f"{plural(len(notified), 'further inspection', 'further inspections')}:"
        )
        parts.append(
            "\n".join(
                f"{n}. {escape(i['title'])} ({escape(i['when'])})."
                for n, i in enumerate(notified, 1)
            )
        )
    else:
        parts.append("We have not been notified of any further inspections.")
    return ComposedSection(
        "inspections", "HMICFRS inspections & other engagements", "\n\n".join(parts)
    )


def reports(facts: PaperFacts) -> ComposedSection:
    org = facts["organisation"]
    committee = facts["committee_short"]
    published = facts["reports"]
    if not published:
        text = (
            f"Since the last {escape(committee)}, there have been no new reports published by "
            f"HMICFRS relating to {escape(org)}."
        )
        return ComposedSection(
            "reports", "Published inspection reports", "\n\n".join([text, *_not_applying(facts)])
        )
    parts = [
        f"Since the last {escape(committee)}, "
        f"{plural(len(published), 'report has', 'reports have')} been published:",
        bullets([r["title"] for r in published]),
    ]
    for r in published:
        parts.append(f"### {escape(r['title'])}. Published {long_date(r['published_on'])}.")
        if r["summary"]:
            parts.append(paragraphs(r["summary"]))
        heading = None
        items: list[str] = []
        for f in r["findings"]:
            if f["heading"] != heading:
                if items:
                    parts.append(bullets(items))
                    items = []
                heading = f["heading"]
                if heading:
                    parts.append(f"**{escape(heading)}**")
            items.append(f["text"])
        if items:
            parts.append(bullets(items))
        if len(r["recommendations"]) > REPORT_DETAIL_LIMIT:
            parts.append("**Recommendations for the police**")
            parts.append(
                f"{len(r['recommendations'])} recommendations of this report apply to "
                f"{escape(org)}. They are too many to set out here one by one: the table shows "
                f"them by area, and the tracker spreadsheet lists each with its owner."
            )
            parts.append(by_area(r["recommendations"], facts))
        elif r["recommendations"]:
            parts.append("**Recommendations for the police**")
            listed = conventions.ordered(r["recommendations"], facts)
            for n, c in enumerate(listed, 1):
                holder = conventions.who_holds(c, facts)
                line = f"{n}. {escape(c['text'])}\n\n   " + (
                    f"*Held by {escape(holder)}. RAG: {c['rag_label']}.*"
                    if holder
                    else f"*RAG: {c['rag_label']}.*"
                )
                after = listed[n] if n < len(listed) else None
                shared = after is not None and after["narrative"] == c["narrative"]
                if c["narrative"] and not shared:  # progress they share is said once, after
                    line += "\n\n" + _indent(paragraphs(c["narrative"]))
                parts.append(line)
    parts.extend(_not_applying(facts))
    return ComposedSection("reports", "Published inspection reports", "\n\n".join(parts))


def _not_applying(facts: PaperFacts) -> list[str]:
    """National recommendations the organisation recorded as not applying to it, and why."""
    listed = facts.get("not_applying") or []  # papers drawn before it was recorded have none
    if not listed:
        return []
    lines = [
        n["title"]
        + (f" ({n['theme']})" if n["theme"] else "")
        + (f": {n['reason']}" * bool(n["reason"]))
        for n in listed
    ]
    return [
        f"**National recommendations that do not apply to {escape(facts['organisation'])}**",
        bullets(lines),
    ]


def recommendation_to_committee(facts: PaperFacts) -> ComposedSection:
    text = facts["standing"].get("closing") or DEFAULT_CLOSING
    return ComposedSection("recommendation", "Recommendation", paragraphs(text))
