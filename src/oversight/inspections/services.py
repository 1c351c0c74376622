"""The writes about inspections, reports and findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction

from oversight import audit
from oversight.accounts.models import Organisation, User
from oversight.inspections.models import Finding, Inspection, InspectionParticipant, Report
from oversight.rules.partial_dates import PartialDate


@transaction.atomic
def inspection_create(
    *,
    organisation: Organisation,
    title: str,
    kind: str,
    status: str,
    start: PartialDate,
    end: PartialDate | None = None,
    summary: str = "",
    lead_inspectorates: Iterable[Organisation] = (),
    participants: Sequence[tuple[Organisation, str, str]] = (),
    participants_note: str = "",
    debrief_strengths: Sequence[str] = (),
    debrief_areas_to_consider: Sequence[str] = (),
    debrief_notes: str = "",
    actor: User | None = None,
    reason: str = "",
) -> Inspection:
    """Record an inspection. `participants` are (organisation, name as written, note)."""
    inspection = Inspection(
        organisation=organisation,
        title=title,
        kind=kind,
        status=status,
        summary=summary,
        start_on=start.on,
        start_precision=start.precision,
        start_text=start.text,
        participants_note=participants_note,
        debrief_strengths=list(debrief_strengths),
        debrief_areas_to_consider=list(debrief_areas_to_consider),
        debrief_notes=debrief_notes,
    )
    if end is not None:
        inspection.end_on, inspection.end_precision, inspection.end_text = (
            end.on,
            end.precision,
            end.text,
        )
    audit.save(inspection, actor=actor, reason=reason or "Inspection recorded")
    inspection.lead_inspectorates.set(list(lead_inspectorates))
    for position, (org, name_as_written, note) in enumerate(participants):
        audit.save(
            InspectionParticipant(
                inspection=inspection,
                organisation=org,
                name_as_written=name_as_written,
                note=note,
                position=position,
            ),
            actor=actor,
            reason=reason,
        )
    return inspection


@transaction.atomic
def report_create(
    *,
    title: str,
    inspectorate: Organisation,
    organisation: Organisation | None,
    published_on=None,
    inspection: Inspection | None = None,
    summary: str = "",
    url: str = "",
    reference: str = "",
    actor: User | None = None,
    reason: str = "",
) -> Report:
    report = Report(
        title=title,
        inspectorate=inspectorate,
        organisation=organisation,
        published_on=published_on,
        inspection=inspection,
        summary=summary,
        url=url,
        reference=reference,
    )
    return audit.save(report, actor=actor, reason=reason or "Report recorded")


@transaction.atomic
def findings_add(
    *,
    report: Report,
    heading: str,
    texts: Sequence[str],
    organisation: Organisation | None = None,
    actor: User | None = None,
) -> list[Finding]:
    start = report.findings.count()
    return [
        audit.save(
            Finding(
                report=report,
                organisation=organisation,
                heading=heading,
                text=text,
                position=start + i,
            ),
            actor=actor,
        )
        for i, text in enumerate(texts)
    ]
