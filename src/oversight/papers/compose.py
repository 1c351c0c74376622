"""Writing a paper's sections from its facts (papers.selectors.paper_facts).

Plain functions from data to the small Markdown of documents.markup: no database here, so
what a section says can be tested on its own, and an issued paper's frozen facts always give
the same words.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from oversight.papers import conventions
from oversight.papers.documents.markup import escape
from oversight.papers.selectors import long_date

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


def _plural(n: int, one: str, many: str) -> str:
    return f"{number_word(n)} {one if n == 1 else many}"


def _paragraphs(text: str) -> str:
    """Record text as Markdown paragraphs (blank lines kept, everything else literal)."""
    parts = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "\n\n".join(escape(p).replace("\n", " ") for p in parts)


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {escape(item)}" for item in items if item.strip())


# Past these, a paper shows counts by area and the longest overdue, and leaves the full list to
# the tracker spreadsheet: a committee does not read three hundred items one by one (and the
# PDF of a national-scale paper took 26 s to lay out).
DETAIL_LIMIT = 12  # causes of concern and national recommendations set out in full
REPORT_DETAIL_LIMIT = 20  # a published report's recommendations listed one by one
ANNEX_LIMIT = 50  # rows of an annex table


def _longest_overdue(items) -> list[dict]:
    overdue = [r for r in items if r["overdue"]]
    overdue.sort(key=lambda r: (r["due_on"] or "", r["reference"] or "", r["id"]))
    return overdue


def _by_area(items: list[dict], facts: dict) -> str:
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
    total = Counter()
    for c in areas.values():
        total.update(c)
    cells = [total["all"], total["open"], total["overdue"]] + [total[x] for x in ratings]
    lines.append("| **Total** | " + " | ".join(f"**{n}**" for n in cells) + " |")
    return "\n".join(lines)


def compose(facts: dict) -> list[ComposedSection]:
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


def purpose(facts: dict) -> ComposedSection:
    text = facts["standing"].get("purpose") or DEFAULT_PURPOSE
    return ComposedSection("purpose", "Purpose of report", _paragraphs(text))


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


def peel_and_concerns(facts: dict) -> ComposedSection:
    org = facts["organisation"]
    concerns = facts["concerns"]
    fire = facts.get("organisation_kind") == "fire_service"
    heading = f"{org} {'inspection' if fire else 'PEEL inspection'}" + (
        " & national recommendations" if concerns else ""
    )
    parts: list[str] = []
    standing = facts["standing"]
    if standing.get("peel"):
        parts.append(_paragraphs(standing["peel"]))
    for p in facts["peel"]:
        title = p["title"] if p["when"] in p["title"] else f"{p['title']} ({p['when']})"
        if p["summary"]:  # the force's own words about it say where it stands
            parts.append(_paragraphs(p["summary"]))
        else:
            stage = PEEL_STAGES.get(p["status"] or "", "")
            parts.append(f"**{escape(title)}**" + (f": {stage}." if stage else "."))
        if p.get("grades"):  # as recorded from the inspectorate's published assessment
            parts.append(f"The grades of the {escape(title)}:")
            parts.append(_bullets([f"{g['area']}: {g['grade']}" for g in p["grades"]]))
    if standing.get("governance"):
        parts.append(_paragraphs(standing["governance"]))
    if concerns:
        themes = {c["theme"] for c in concerns if c["theme"]}
        counted = _plural(
            len(concerns),
            "cause of concern or national recommendation",
            "causes of concern and national recommendations",
        )
        scope = f"open for {escape(org)}, over {_plural(len(themes), 'area', 'areas')}"
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
            listed = _longest_overdue(concerns)[:DETAIL_LIMIT]
            parts.append(f"There are currently {counted} {scope}.")
            parts.append(
                "They are too many to set out here one by one. The table shows them by area; "
                "the tracker spreadsheet that accompanies this paper lists each with its "
                "owner and latest progress."
            )
            parts.append(_by_area(concerns, facts))
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
                parts.append(f"*Progress reported {when}:*\n\n" + _paragraphs(narrative))
                if group[-1]["next_steps"]:
                    parts.append("*Next steps:* " + escape(group[-1]["next_steps"]))
        silent = [c for c in listed if not c["narrative"]]
        if silent:  # said once, not under each item
            parts.append(
                "*No progress update has been recorded yet"
                + (
                    " for any of them.*"
                    if len(silent) == len(listed)
                    else f" for {escape(_listing([c['title'] for c in silent]))}.*"
                )
            )
    if standing.get("review_note"):
        parts.append(_paragraphs(standing["review_note"]))
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
        body.append(_paragraphs(i["summary"]))
    if i["leads"] and i["kind"] == "jtai":
        body.append(escape("Led jointly by " + ", ".join(i["leads"]) + "."))
    notes = [p for p in _split(i["debrief_notes"]) if p not in said_after]
    if notes:  # the liaison's own account of the debrief comes first, as they write it
        body.append(_paragraphs("\n\n".join(notes)))
    if i["debrief_strengths"]:
        body.append("The inspectors acknowledged these strengths:")
        body.append(_indent(_bullets(i["debrief_strengths"])))
    if i["debrief_areas"]:
        body.append("Areas to consider:")
        body.append(_indent(_bullets(i["debrief_areas"])))
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


def inspections(facts: dict) -> ComposedSection:
    org = facts["organisation_short"]
    committee = facts["committee_short"]
    standing = facts["standing"]
    took_part = [i for i in facts["inspections"] if i["kind"] in TOOK_PART_KINDS]
    other = [i for i in facts["inspections"] if i["kind"] not in TOOK_PART_KINDS]
    parts: list[str] = []
    explained = standing.get("inspection_kinds") or {}
    kinds_present = [
        k
        for k in ("national_thematic", "jtai", "super_complaint")
        if any(i["kind"] == k for i in took_part)
    ]
    if explained and kinds_present:
        if explained.get("intro"):
            parts.append(_paragraphs(explained["intro"]))
        for kind in kinds_present:
            if kind in explained:
                title, text = explained[kind]
                parts.append(f"- **{escape(title)}**\n\n" + _indent(_paragraphs(text)))
    if took_part:
        parts.append(
            f"Since the last {escape(committee)} report was produced there "
            f"{'has' if len(took_part) == 1 else 'have'} been "
            f"{_plural(len(took_part), 'inspection', 'inspections')} within {escape(org)}."
        )
        shared = _shared_notes(took_part)
        parts.append(
            "\n\n".join(_inspection_block(n, i, set(shared)) for n, i in enumerate(took_part, 1))
        )
        parts.extend(_paragraphs(p) for p in shared)
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
                block += "\n\n" + _indent(_paragraphs(i["summary"]))
            parts.append(block)
    notified = facts["notified"]
    if notified:
        parts.append(
            f"We have received notification of "
            f"{_plural(len(notified), 'further inspection', 'further inspections')}:"
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


def reports(facts: dict) -> ComposedSection:
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
        f"{_plural(len(published), 'report has', 'reports have')} been published:",
        _bullets([r["title"] for r in published]),
    ]
    for r in published:
        parts.append(f"### {escape(r['title'])}. Published {long_date(r['published_on'])}.")
        if r["summary"]:
            parts.append(_paragraphs(r["summary"]))
        heading = None
        items: list[str] = []
        for f in r["findings"]:
            if f["heading"] != heading:
                if items:
                    parts.append(_bullets(items))
                    items = []
                heading = f["heading"]
                if heading:
                    parts.append(f"**{escape(heading)}**")
            items.append(f["text"])
        if items:
            parts.append(_bullets(items))
        if len(r["recommendations"]) > REPORT_DETAIL_LIMIT:
            parts.append("**Recommendations for the police**")
            parts.append(
                f"{len(r['recommendations'])} recommendations of this report apply to "
                f"{escape(org)}. They are too many to set out here one by one: the table shows "
                f"them by area, and the tracker spreadsheet lists each with its owner."
            )
            parts.append(_by_area(r["recommendations"], facts))
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
                    line += "\n\n" + _indent(_paragraphs(c["narrative"]))
                parts.append(line)
    parts.extend(_not_applying(facts))
    return ComposedSection("reports", "Published inspection reports", "\n\n".join(parts))


def _not_applying(facts: dict) -> list[str]:
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
        _bullets(lines),
    ]


def recommendation_to_committee(facts: dict) -> ComposedSection:
    text = facts["standing"].get("closing") or DEFAULT_CLOSING
    return ComposedSection("recommendation", "Recommendation", _paragraphs(text))


def rag_counts(facts: dict) -> dict[str, int]:
    counts = Counter(
        r["rag_label"]
        for r in facts["responses"].values()
        if r["status"] not in facts["closed_statuses"] or _closed_in_period(r, facts)
    )
    return {label: counts.get(label, 0) for label in RAG_ORDER}


def _closed_in_period(r: dict, facts: dict) -> bool:
    return bool(r["closed_on"] and facts["period_start"] <= r["closed_on"] <= facts["period_end"])


def annex_rag(facts: dict) -> ComposedSection:
    counts = rag_counts(facts)
    rows = "\n".join(f"| {label} | {n} |" for label, n in counts.items())
    text = (
        f"Responses open at {long_date(facts['period_end'])}, and those closed in the period, "
        f"by RAG rating.\n\n| RAG rating | Responses |\n| --- | ---: |\n{rows}\n"
        f"| **Total** | **{sum(counts.values())}** |"
    )
    return ComposedSection("annex_rag", "RAG summary", text, is_annex=True, chart="rag")


def _table(rows: list[dict], empty: str, facts: dict) -> str:
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


def _capped_table(rows: list[dict], empty: str, what: str, facts: dict) -> str:
    """The rows as a table; past ANNEX_LIMIT rows, the first ANNEX_LIMIT and a table by area."""
    if len(rows) <= ANNEX_LIMIT:
        return _table(rows, empty, facts)
    return "\n\n".join(
        [
            f"{len(rows)} {what}, by area:",
            _by_area(rows, facts),
            f"The first {ANNEX_LIMIT}; the tracker spreadsheet lists them all.",
            _table(rows[:ANNEX_LIMIT], empty, facts),
        ]
    )


def _noun(facts: dict) -> str:
    return "service" if facts.get("organisation_kind") == "fire_service" else "force"


def annex_overdue(facts: dict) -> ComposedSection:
    """The organisation's own items past their due date. National recommendations are not
    listed as overdue: their dates are the inspectorate's for every force or service, often
    years past, and the committee follows them by their progress (told in the paper)."""
    overdue = _longest_overdue(facts["responses"].values())
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


def annex_closed(facts: dict) -> ComposedSection:
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


def annex_changes(facts: dict) -> ComposedSection:
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
    parts.append(
        "**New**\n\n" + (_bullets([f"{r['title']}: {r['theme']}" for r in new]) or "None.")
    )
    parts.append(
        "**Closed**\n\n" + (_bullets([f"{r['title']}: {r['theme']}" for r in closed]) or "None.")
    )
    parts.append(
        "**RAG rating moved**\n\n"
        + (
            _bullets([f"{r['title']}: {b['rag_label']} → {r['rag_label']}" for b, r in moved])
            or "None."
        )
    )
    return ComposedSection(
        "annex_changes", "Changes since the last paper", "\n\n".join(parts), is_annex=True
    )
