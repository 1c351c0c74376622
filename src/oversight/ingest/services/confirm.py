"""Importing a previewed batch: everything in one transaction, or nothing.

The plan is worked out again against the record as it is at confirmation, so a record
someone added since the preview is matched rather than duplicated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from oversight import audit, clock
from oversight.accounts.models import User
from oversight.dates import long_date
from oversight.ingest.matching import long_day
from oversight.ingest.models import BatchStatus, ImportBatch, ImportedRecord, RecordAction
from oversight.ingest.planning import (
    CREATE,
    TAKE_ON,
    UPDATE,
    Plan,
    PlannedInspection,
    PlannedRecommendation,
    build_plan,
    inspectorate,
)
from oversight.ingest.services.batches import ImportRefused, require_importer
from oversight.ingest.stored import extraction_from_json
from oversight.inspections import services as inspection_services
from oversight.inspections.choices import InspectionStatus
from oversight.inspections.models import Report
from oversight.recommendations import services as recommendation_services
from oversight.recommendations.choices import RecommendationKind, ResponseStatus
from oversight.recommendations.models import Recommendation, Response
from oversight.recommendations.selectors import recommendations_of
from oversight.recommendations.services.from_file import Wanted, apply_from_file
from oversight.rules.partial_dates import PartialDate, Precision


class ImportBlocked(ImportRefused):
    """Rows with problems that were neither fixed nor skipped."""

    def __init__(self, rows: list[int]):
        self.rows = rows
        listed = ", ".join(str(r) for r in rows)
        super().__init__(
            f"Row{'s' * (len(rows) > 1)} {listed} {'have' if len(rows) > 1 else 'has'} a "
            "problem. Fix the file and upload it again, or choose to skip "
            f"{'those rows' if len(rows) > 1 else 'that row'}."
        )


@dataclass
class ImportResult:
    batch: ImportBatch
    nothing_changed: bool = False
    previous: ImportBatch | None = None  # the earlier import of the same file
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def message(self) -> str:
        if self.nothing_changed and self.previous is not None:
            return already_imported(self.previous)
        return summary_sentence(self.counts)


def already_imported(batch: ImportBatch) -> str:
    """What to say when the same file comes again: "tracker.csv was already imported on
    5 March 2022. Nothing was changed." """
    when = timezone.localtime(batch.decided_at).date() if batch.decided_at else None
    on = f" on {long_date(when)}" if when else ""
    return f"{batch.file_name} was already imported{on}. Nothing was changed."


def summary_sentence(counts: dict[str, int]) -> str:
    parts = []
    for key, one, many in (
        ("recommendations_created", "recommendation created", "recommendations created"),
        ("responses_opened", "response opened", "responses opened"),
        ("responses_updated", "response updated", "responses updated"),
        ("updates_added", "update added", "updates added"),
        ("reports_created", "report created", "reports created"),
        ("inspections_created", "inspection created", "inspections created"),
        ("requests_made", "request waiting for a decision", "requests waiting for a decision"),
        ("changes_left", "change left as it was", "changes left as they were"),
    ):
        n = counts.get(key, 0)
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    if not parts:
        return "Imported: nothing needed to change."
    return "Imported: " + ", ".join(parts) + "."


class _Writer:
    def __init__(
        self,
        batch: ImportBatch,
        actor: User,
        plan: Plan,
        skipped: set[int],
        today: dt.date,
        progress: Callable[..., None] | None = None,
    ):
        self.batch, self.actor, self.plan, self.skipped = batch, actor, plan, skipped
        self.today = today
        self.progress = progress or (lambda done, total, **_: None)
        self.reason = batch.reason
        self.organisation = batch.organisation
        self.reports: dict[str, Report] = {}
        self.concerns: dict[str, Recommendation] = {}
        self.counts = dict.fromkeys(
            [
                "recommendations_created",
                "responses_opened",
                "responses_updated",
                "updates_added",
                "reports_created",
                "inspections_created",
                "requests_made",
                "changes_left",
                "rows_skipped",
            ],
            0,
        )

    def link(self, action: str, what: str, row: int | None = None, **records) -> None:
        ImportedRecord.objects.create(
            batch=self.batch, action=action, what=what[:300], row=row, **records
        )

    # -- reports and inspections

    def report(self, key: str) -> Report:
        if key in self.reports:
            return self.reports[key]
        planned = self.plan.reports[key]
        if planned.report is not None:
            self.reports[key] = planned.report
            return planned.report
        hmicfrs = inspectorate()
        if hmicfrs is None:
            raise ValueError("HMICFRS is missing from the list of organisations")
        report = inspection_services.report_create(
            title=planned.title,
            inspectorate=hmicfrs,
            organisation=self.organisation,
            published_on=planned.published_on,
            reference=(planned.found.reference or "") if planned.found else "",
            actor=self.actor,
            reason=self.reason,
        )
        texts = [t.strip() for t in (planned.found.findings if planned.found else []) if t.strip()]
        if texts:  # through the service a person uses (its rule, its trail, in order)
            inspection_services.findings_add(
                report=report,
                heading="Findings",
                texts=texts,
                organisation=self.organisation,
                actor=self.actor,
            )
        self.reports[key] = report
        self.counts["reports_created"] += 1
        self.link(RecordAction.CREATED, f"Report: {report.title}", report=report)
        return report

    def inspection(self, planned: PlannedInspection) -> None:
        found = planned.found
        precision = (
            Precision(found.precision)
            if found.precision in Precision.values
            else (Precision.DAY if found.start else Precision.TBC)
        )
        start = PartialDate(found.start, precision, (found.when_text or "")[:100])
        notes = []
        if planned.not_found:
            notes.append("Also named as taking part: " + ", ".join(planned.not_found) + ".")
        status = InspectionStatus.DEBRIEFED if found.debrief else InspectionStatus.NOTIFIED
        inspection = inspection_services.inspection_create(
            organisation=self.organisation,
            title=found.title[:300],
            kind=planned.kind,
            status=status,
            start=start,
            participants=[(org, written[:200], "") for org, written in planned.participants],
            participants_note=" ".join(notes),
            debrief_notes="\n".join(found.debrief),
            actor=self.actor,
            reason=self.reason,
        )
        self.counts["inspections_created"] += 1
        self.link(RecordAction.CREATED, f"Inspection: {inspection.title}", inspection=inspection)

    # -- recommendations and responses

    def concern_for(self, item: PlannedRecommendation) -> Recommendation | None:
        key = (item.found.cause_of_concern or "").strip().lower()
        if not key:
            return None
        if key in self.concerns:
            return self.concerns[key]
        return (
            recommendations_of(self.organisation.pk)
            .filter(
                kind=RecommendationKind.CAUSE_OF_CONCERN,
                reference__iexact=key,
            )
            .first()
        )

    def remember_concern(self, item: PlannedRecommendation, recommendation: Recommendation):
        if recommendation.kind != RecommendationKind.CAUSE_OF_CONCERN:
            return
        for key in (item.found.reference, item.found.number):
            if key and key.strip():
                self.concerns.setdefault(key.strip().lower(), recommendation)

    def create(self, item: PlannedRecommendation) -> None:
        found = item.found
        recommendation = recommendation_services.recommendation_create(
            report=self.report(item.report_key),
            kind=item.kind,
            text=found.text,
            reference=(found.reference or "")[:40],
            number=(found.number or "")[:20],
            theme=(found.theme or "")[:200],
            audience=found.audience,
            deadline_text=(found.deadline_text or "")[:200],
            cause_of_concern=self.concern_for(item),
            actor=self.actor,
            reason=self.reason,
        )
        self.counts["recommendations_created"] += 1
        self.remember_concern(item, recommendation)
        self.link(
            RecordAction.CREATED,
            f"{recommendation.title}: {found.text[:200]}",
            row=found.row,
            recommendation=recommendation,
        )
        self.open_response(item, recommendation)

    def open_response(self, item: PlannedRecommendation, recommendation: Recommendation) -> None:
        response = recommendation_services.response_create(
            organisation=self.organisation,
            recommendation=recommendation,
            actor=self.actor,
            reason=self.reason,
        )
        self.counts["responses_opened"] += 1
        self.link(
            RecordAction.CREATED,
            f"Response to {recommendation.title}",
            row=item.found.row,
            response=response,
        )
        self.add_updates(item, response)
        done = self.settle(item, response)
        if done:
            self.link(RecordAction.UPDATED, "; ".join(done), row=item.found.row, response=response)

    def add_updates(self, item: PlannedRecommendation, response: Response) -> None:
        if response.status == ResponseStatus.NOT_APPLICABLE:
            return  # recorded as not applying: settle() says the file's words were left
        for planned in item.updates:
            update = recommendation_services.update_add(
                response=response,
                author=self.actor,
                written_on=planned.written_on,
                narrative=planned.narrative,
                reason=self.reason,
                imported_from=self.batch.file_name if planned.undated else "",
            )
            self.counts["updates_added"] += 1
            self.link(
                RecordAction.CREATED,
                f"Update of {long_day(planned.written_on)} on {response.recommendation.title}",
                row=item.found.row,
                update=update,
            )

    def settle(self, item: PlannedRecommendation, response: Response) -> list[str]:
        """What the file says of owner, RAG, status, due date, portfolio and board, put
        through the workflow's own steps (see recommendations.services.from_file): a closure
        or a new due date becomes a request someone decides. Runs after the updates, so an
        update moving an open response on comes first. Returns what happened, in words."""
        outcome = apply_from_file(
            response=response,
            actor=self.actor,
            wanted=Wanted(
                owner=item.owner,
                portfolio=item.portfolio,
                board=item.board,
                rag=item.rag,
                status=item.status,
                due_on=item.due_on,
            ),
            source=self.batch.file_name,
        )
        self.counts["requests_made"] += len(outcome.requested)
        self.counts["changes_left"] += len(outcome.left)
        return outcome.words

    def update(self, item: PlannedRecommendation) -> None:
        response = item.response
        if response is None:  # an update is planned only on a response that exists
            raise ValueError(f"Row {item.found.row}: no response to update")
        self.add_updates(item, response)
        done = self.settle(item, response)
        self.counts["responses_updated"] += 1
        updates = [c for c in item.changes if c.startswith("New update") or "new updates" in c]
        self.link(
            RecordAction.UPDATED,
            "; ".join(updates + done) or "; ".join(item.changes),
            row=item.found.row,
            response=response,
            recommendation=item.recommendation,
        )

    def run(self) -> None:
        for planned in self.plan.inspections_to_create:
            self.inspection(planned)
        for key, report in self.plan.reports.items():
            if report.found is not None and report.report is None:
                self.report(key)  # a report the file names on its own
        items = [i for i in self.plan.recommendations if i.found.row not in self.skipped]
        self.counts["rows_skipped"] = len(
            {i.found.row for i in self.plan.recommendations if i.found.row in self.skipped}
        )
        # causes of concern first, so the recommendations under them can point to them
        items.sort(key=lambda i: i.kind != RecommendationKind.CAUSE_OF_CONCERN)
        for item in items:
            if item.recommendation is not None:
                self.remember_concern(item, item.recommendation)
        total = len(items)
        for done, item in enumerate(items):
            self.progress(done, total)
            if item.action == CREATE:
                self.create(item)
            elif item.action == TAKE_ON and item.recommendation is not None:
                self.open_response(item, item.recommendation)
            elif item.action == UPDATE:
                self.update(item)
        self.progress(total, total, force=True)


@transaction.atomic
def ingest_confirm(
    *,
    batch: ImportBatch,
    actor: User,
    skip_rows: Iterable[int] = (),
    today: dt.date | None = None,
    progress: Callable[..., None] | None = None,
) -> ImportResult:
    """Import a previewed batch: everything in one transaction, or nothing.

    Rows with problems must each be skipped (`skip_rows`), else ImportBlocked is raised and
    nothing is written. A file already imported for the organisation changes nothing.
    `progress(done, total)` is told how far it has got, row by row."""
    require_importer(actor, batch.organisation_id)
    current = (
        ImportBatch.objects.select_for_update().select_related("organisation").get(pk=batch.pk)
    )
    if current.status == BatchStatus.IMPORTED:
        return ImportResult(current, nothing_changed=True, previous=current)
    if current.status == BatchStatus.CANCELLED:
        raise ImportRefused("This import was cancelled. Upload the file again to import it.")
    today = today or clock.today()
    plan = build_plan(extraction_from_json(current.extraction), current.organisation, today=today)
    if plan.already is not None:
        current.status = BatchStatus.CANCELLED
        current.content = b""
        current.decided_by, current.decided_at = actor, clock.now()
        current.summary = {"already_imported_as": plan.already.pk}
        audit.save(current, actor=actor, reason="Already imported: nothing changed")
        return ImportResult(current, nothing_changed=True, previous=plan.already)
    if plan.blockers:
        raise ImportRefused(plan.blockers[0])
    skipped = {int(r) for r in skip_rows}
    blocking = plan.blocking_rows(skipped)
    if blocking:
        raise ImportBlocked(blocking)
    writer = _Writer(current, actor, plan, skipped, today, progress)
    with audit.origin(current.reason):  # every change it makes says it came from this file
        writer.run()
    current.status = BatchStatus.IMPORTED
    current.content = b""
    current.decided_by, current.decided_at = actor, clock.now()
    current.skipped_rows = sorted(skipped)
    current.problem = {}
    current.summary = writer.counts
    audit.save(current, actor=actor, reason="Imported")
    return ImportResult(current, counts=writer.counts)
