"""The preview of an import: what an extraction would create, what it matches, what it changes.

Only reads. A recommendation matches an existing one the organisation can see when it has
the same reference, or (when either has no reference) nearly the same text: difflib's ratio of
at least 0.9 on the text lower-cased with punctuation and spacing evened out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from oversight import clock
from oversight.accounts.selectors import organisations
from oversight.ingest.extraction import (
    Extraction,
    FoundRecommendation,
    FoundReport,
    ItemKind,
    RowProblem,
)
from oversight.ingest.matching import (
    TEXT_MATCH_RATIO,
    People,
    normalise,
    rag_from,
    similarity,
    status_from,
)
from oversight.ingest.models import BatchStatus, ImportBatch
from oversight.ingest.plan import (
    ACTION_LABELS,
    CREATE,
    NOT_IMPORTED,
    TAKE_ON,
    UNCHANGED,
    UPDATE,
    Plan,
    PlannedInspection,
    PlannedRecommendation,
    PlannedReport,
    PlannedUpdate,
)
from oversight.inspections.choices import InspectionKind
from oversight.inspections.selectors.inspections import inspections_of, inspectorates
from oversight.inspections.selectors.reports import reports_of
from oversight.recommendations.choices import RecommendationKind
from oversight.recommendations.selectors import recommendations_of, responses_of
from oversight.recommendations.services.from_file import Wanted, foreseen
from oversight.rules.deadlines import compute_deadline
from oversight.rules.partial_dates import parse_partial_date

if TYPE_CHECKING:
    from oversight.accounts.models import Board, Organisation, Portfolio
    from oversight.recommendations.models import Recommendation

__all__ = [
    "ACTION_LABELS",
    "CREATE",
    "NOT_IMPORTED",
    "TAKE_ON",
    "UNCHANGED",
    "UPDATE",
    "Plan",
    "PlannedInspection",
    "PlannedRecommendation",
    "PlannedReport",
    "PlannedUpdate",
    "build_plan",
    "dated_updates",
    "inspectorate",
]


def inspectorate() -> Organisation | None:
    """HMICFRS, from the reference list of organisations."""
    found = inspectorates()
    return found.filter(short_name="HMICFRS").first() or found.first()


class _Candidates:
    """The recommendations the organisation can see, ready to match."""

    def __init__(self, organisation: Organisation):
        qs = recommendations_of(organisation.pk).only("id", "reference", "text", "report_id")
        self.items = list(qs)
        self.by_reference: dict[str, Recommendation] = {}
        for item in self.items:
            if item.reference:
                self.by_reference.setdefault(item.reference.strip().lower(), item)
        self.texts = [(normalise(item.text), item) for item in self.items]

    def match(self, found: FoundRecommendation) -> tuple[Recommendation | None, str]:
        reference = (found.reference or "").strip().lower()
        if reference and reference in self.by_reference:
            return self.by_reference[reference], "same reference"
        text = normalise(found.text)
        best, best_ratio = None, 0.0
        for candidate_text, candidate in self.texts:
            if reference and candidate.reference:
                continue  # both have references and they differ: not the same recommendation
            ratio = similarity(text, candidate_text)
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
        if best is not None and best_ratio >= TEXT_MATCH_RATIO:
            return best, f"nearly the same text ({int(best_ratio * 100)}% alike)"
        return None, ""


def _report_key(title: str) -> str:
    return normalise(title)


def _plan_reports(plan: Plan, file_name: str) -> None:
    extraction, organisation = plan.extraction, plan.organisation
    visible = list(reports_of(organisation.pk))
    by_title = {}
    for report in visible:
        by_title.setdefault(normalise(report.title), report)
    found_reports = {_report_key(r.title): r for r in extraction.reports if r.title}

    def add(title: str, found: FoundReport | None = None) -> str:
        key = _report_key(title)
        if key not in plan.reports:
            found = found or found_reports.get(key)
            plan.reports[key] = PlannedReport(
                key=key,
                title=title.strip(),
                report=by_title.get(key),
                published_on=found.published_on if found else None,
                found=found,
            )
        return key

    for found in extraction.reports:
        if found.title and found.title.strip():
            add(found.title, found)
    fallback = None
    single = [r for r in extraction.reports if r.title and r.title.strip()]
    for item in plan.recommendations:
        if item.action not in (CREATE,):
            continue
        title = (item.found.report_title or "").strip()
        if not title and len(single) == 1:
            title = single[0].title
        if not title:
            if fallback is None:
                fallback = f"Recommendations imported from {file_name}"
                plan.warnings.append(
                    "Some recommendations name no report: they will be filed under a report "
                    f"called “{fallback}”, which you can correct afterwards."
                )
            title = fallback
        item.report_key = add(title)


def _plan_inspections(plan: Plan) -> None:
    organisation = plan.organisation
    existing = [(normalise(i.title), i) for i in inspections_of(organisation.pk)]
    names: dict[str, Organisation] = {}
    for org in organisations().exclude(pk=organisation.pk):
        for name in [org.name, org.short_name, *(org.aliases or [])]:
            if name:
                names.setdefault(normalise(name), org)
    own = {normalise(n) for n in [organisation.name, organisation.short_name] if n}
    seen_titles: set[str] = set()
    for index, found in enumerate(plan.extraction.inspections):
        title = normalise(found.title)
        if not title or title in seen_titles:
            continue
        seen_titles.add(title)
        match, how = None, ""
        for text, inspection in existing:
            if text == title:
                match, how = inspection, "same title"
                break
            ratio = similarity(title, text)
            if ratio >= TEXT_MATCH_RATIO:
                match, how = inspection, f"nearly the same title ({int(ratio * 100)}% alike)"
                break
        planned = PlannedInspection(
            index=index,
            found=found,
            inspection=match,
            how=how,
            kind=found.kind if found.kind in InspectionKind.values else InspectionKind.OTHER,
        )
        seen_orgs: set[int] = set()
        for written in found.participants:
            key = normalise(written)
            if not key or key in own:
                continue
            org = names.get(key) or names.get(normalise(re.sub(r"\(.*?\)", "", written)))
            if org is None:
                planned.not_found.append(written.strip())
            elif org.pk not in seen_orgs:
                seen_orgs.add(org.pk)
                planned.participants.append((org, written.strip()))
        plan.inspections.append(planned)


def _wanted_updates(found: FoundRecommendation, today: dt.date) -> list[PlannedUpdate]:
    updates = []
    for event in found.status_history:
        parts = []
        if event.status:
            parts.append(f"Inspectorate status: {event.status.replace('-', ' ')}.")
        if event.comment:
            parts.append(event.comment.strip())
        if not parts:
            continue
        narrative = " ".join(parts)
        if event.date is None and event.date_text:
            narrative = f"{event.date_text.strip()}: {narrative}"
        updates.append(PlannedUpdate(event.date or today, narrative))
    if found.progress and found.progress.strip():
        if found.progress_date:
            updates.append(PlannedUpdate(found.progress_date, found.progress.strip()))
        else:
            updates.extend(dated_updates(found.progress, today))
    return updates


# A date opening a progress entry: "12/03/2022 – Training started", "5 June 2022: Audit done",
# "March 2023 - Policy agreed"
_ENTRY_DATE = re.compile(
    r"(?:^|(?<=[\n.;])\s*)(?P<date>\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4})\s*[-–—:]\s*",
    re.I,
)


def dated_updates(progress: str, today: dt.date) -> list[PlannedUpdate]:
    """A tracker's progress cell as updates: each entry that opens with a date becomes an update
    of that date, as written; text with no date before it is one update the file gives no date
    for."""
    text = progress.strip()
    marks = list(_ENTRY_DATE.finditer(text))
    updates: list[PlannedUpdate] = []
    head = text[: marks[0].start()].strip() if marks else text
    if head:
        updates.append(PlannedUpdate(today, head, undated=True))
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        words = text[mark.end() : end].strip()
        written = mark["date"]
        numeric = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})", written)
        day = None
        if numeric:
            d, m, y = (int(n) for n in numeric.groups())
            try:
                day = dt.date(y + 2000 if y < 100 else y, m, d)
            except ValueError:
                day = None
        else:
            day = parse_partial_date(written, reference=today).on
        if not words:
            continue
        if day is None:
            updates.append(PlannedUpdate(today, f"{written}: {words}", undated=True))
        else:
            updates.append(PlannedUpdate(day, words))
    return updates


@dataclass
class _Structure:
    """The organisation's portfolios and boards, by name."""

    portfolios: dict[str, Portfolio]
    boards: dict[str, Board]

    def __init__(self, organisation: Organisation):
        self.portfolios = {normalise(p.name): p for p in organisation.portfolios.all()}
        self.boards = {normalise(b.name): b for b in organisation.boards.all()}


def _plan_fields(
    item: PlannedRecommendation, people: People, today: dt.date, structure: _Structure
) -> None:
    """What the file says about our response: owner, RAG, status, due date, portfolio, board,
    progress."""
    found = item.found
    for name, table, what in (
        (found.portfolio, structure.portfolios, "portfolio"),
        (found.board, structure.boards, "board"),
    ):
        if name:
            setattr(item, what, table.get(normalise(name)))
            if getattr(item, what) is None:
                item.notes.append(
                    f"{what.capitalize()} “{name}” is not one of your {what}s in Oversight: "
                    f"the {what} is left as it is."
                )
    if found.rag:
        item.rag = rag_from(found.rag)
        if item.rag is None:
            item.notes.append(f"RAG “{found.rag}” was not understood: the RAG is left as it is.")
    if found.status:
        item.status = status_from(found.status)
        if item.status is None:
            item.notes.append(
                f"Status “{found.status}” was not understood: the status is left as it is."
            )
    if found.owner:
        item.owner = people.find(found.owner)
        if item.owner is None:
            item.notes.append(
                f"Owner “{found.owner}” is not a person in Oversight: the owner is left as it is."
            )
    # the response's due date: a revised one where the file gives it
    item.due_on = found.revised_due_date or found.due_date
    item.updates = _wanted_updates(found, today)


def _wanted(item: PlannedRecommendation) -> Wanted:
    return Wanted(
        owner=item.owner,
        portfolio=item.portfolio,
        board=item.board,
        rag=item.rag,
        status=item.status,
        due_on=item.due_on,
    )


def _opening(item: PlannedRecommendation, due_on: dt.date | None) -> None:
    """A response the import opens: what the file's RAG, status and due date will ask for."""
    steps = foreseen(None, _wanted(item), due_on=due_on)
    if item.action == TAKE_ON:  # shown under "Our response will be opened"
        item.changes += steps.made + steps.requested
        item.notes += steps.left
    else:  # a new row shows its owner, RAG and due date already
        item.notes += [m for m in steps.made if not m.startswith("RAG")]
        item.notes += steps.requested + steps.left


def _changes(item: PlannedRecommendation) -> None:
    """For a matched row with our response: what would change, in words; drops what would not."""
    response = item.response
    if item.rag == "blue" and response.is_closed:
        item.rag = None  # a closed response is shown blue (complete), whatever its last rating
    if item.status and item.status == response.status:
        item.status = None
    if item.rag and item.rag == response.rag:
        item.rag = None
    if item.due_on and item.due_on == response.due_on:
        item.due_on = None
    if item.owner and item.owner.pk == response.owner_id:
        item.owner = None
    for what in ("portfolio", "board"):
        if getattr(item, what) is not None and getattr(item, what) == getattr(response, what):
            setattr(item, what, None)
    steps = foreseen(response, _wanted(item), due_on=response.due_on)
    if not response.is_closed:
        if item.owner:
            before = response.owner.display_name if response.owner else "nobody"
            item.changes.append(f"Owner: {before} → {item.owner.display_name}")
        for what in ("portfolio", "board"):
            wanted, current = getattr(item, what), getattr(response, what)
            if wanted is not None:
                before = current.name if current else "none"
                item.changes.append(f"{what.capitalize()}: {before} → {wanted.name}")
    item.changes += steps.made + steps.requested
    item.notes += steps.left
    written = {normalise(n) for n in response.updates.values_list("narrative", flat=True)}
    new = []
    for update in item.updates:
        key = normalise(update.narrative)
        if key and key not in written:
            written.add(key)
            new.append(update)
    item.updates = new
    if new:
        item.changes.append(
            "New update: " + new[-1].narrative[:120] + ("…" if len(new[-1].narrative) > 120 else "")
            if len(new) == 1
            else f"{len(new)} new updates"
        )


def build_plan(
    extraction: Extraction, organisation: Organisation, *, today: dt.date | None = None
) -> Plan:
    """What importing `extraction` for `organisation` would do, against the record as it is."""
    today = today or clock.today()
    plan = Plan(extraction=extraction, organisation=organisation)
    plan.problems = list(extraction.row_problems)
    plan.warnings = list(extraction.warnings)
    plan.already = (
        ImportBatch.objects.filter(
            organisation=organisation,
            sha256=extraction.source.sha256,
            status=BatchStatus.IMPORTED,
        )
        .select_related("decided_by")
        .first()
    )
    candidates = _Candidates(organisation)
    people = People.of(organisation)
    responses = {r.recommendation_id: r for r in responses_of(organisation.pk)}
    responses_by_id = {r.pk: r for r in responses.values()}
    structure = _Structure(organisation)
    seen_refs: dict[str, PlannedRecommendation] = {}
    seen_texts: list[tuple[str, PlannedRecommendation]] = []
    problem_rows = {p.row for p in plan.problems}
    for index, found in enumerate(extraction.recommendations):
        item = PlannedRecommendation(index=index, found=found, action=CREATE, kind=found.kind)
        plan.recommendations.append(item)
        if found.kind == ItemKind.PROMISING_PRACTICE:
            item.action = NOT_IMPORTED
            item.notes.append("Promising practice is shown here but not imported.")
            continue
        if found.kind not in RecommendationKind.values:
            item.kind = RecommendationKind.RECOMMENDATION
            item.notes.append(f"Kind “{found.kind}” was not understood: read as a recommendation.")
        if not (found.text or "").strip():
            if found.row is not None and found.row not in problem_rows:
                plan.problems.append(RowProblem(found.row, "Recommendation", "The text is empty"))
                problem_rows.add(found.row)
            item.action = NOT_IMPORTED
            item.notes.append("It has no text.")
            continue
        # the same recommendation twice in one file
        ref = (found.reference or "").strip().lower()
        text = normalise(found.text)
        earlier = seen_refs.get(ref) if ref else None
        if earlier is None:
            earlier = next(
                (
                    e
                    for t, e in seen_texts
                    if not (ref and e.found.reference) and similarity(text, t) >= TEXT_MATCH_RATIO
                ),
                None,
            )
        if earlier is not None:
            item.action = NOT_IMPORTED
            where = f"row {earlier.row}" if earlier.row is not None else "earlier in the file"
            item.notes.append(f"The same recommendation as {where}.")
            if found.row is not None and found.row not in problem_rows:
                plan.problems.append(
                    RowProblem(
                        found.row,
                        "Ref" if ref else "Recommendation",
                        f"The same recommendation as {where}",
                    )
                )
                problem_rows.add(found.row)
            continue
        if ref:
            seen_refs[ref] = item
        seen_texts.append((text, item))

        _plan_fields(item, people, today, structure)
        by_id = responses_by_id.get(found.oversight_id) if found.oversight_id else None
        if by_id is not None:  # the register's own spreadsheet: the response itself
            match, how = by_id.recommendation, "the same Oversight ID"
        else:
            match, how = candidates.match(found)
        if match is None:
            continue
        item.recommendation, item.how = match, how
        item.response = by_id or responses.get(match.pk)
        if item.response is None:
            item.action = TAKE_ON
            _opening(item, match.due_on)
            continue
        _changes(item)
        item.action = UPDATE if item.changes else UNCHANGED
    _plan_reports(plan, extraction.source.name or extraction.source.path)
    _plan_inspections(plan)
    if (plan.to_create or plan.reports_to_create) and inspectorate() is None:
        plan.blockers.append(
            "No inspectorate is recorded in Oversight, so no report can be created. "
            "Ask your administrator to load the reference list of organisations."
        )
    for item in plan.to_create:
        report = plan.reports[item.report_key]
        deadline = compute_deadline(
            item.found.deadline_text or "",
            report.report.published_on if report.report else report.published_on,
        )
        if item.due_on and deadline.due_on == item.due_on:
            item.due_on = None  # the wording already gives that date
        _opening(item, deadline.due_on)
    return plan
