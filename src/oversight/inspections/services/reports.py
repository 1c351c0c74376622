"""Recording reports, from an inspection or on their own, and their findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max, Q

from oversight import audit
from oversight.accounts.choices import OrganisationKind
from oversight.accounts.models import Organisation, User
from oversight.inspections.models import Finding, Inspection, Report
from oversight.inspections.services.access import checked, require_liaison
from oversight.inspections.services.inspections import Refused


def report_shared_with_others(report: Report, organisation_id: int) -> bool:
    """A national report another organisation responds to: one organisation may not rewrite it."""
    if report.organisation_id is not None:
        return False
    # read through the relation the recommendations app keeps to reports (its responses)
    others = Report.objects.filter(pk=report.pk).aggregate(
        n=Count(
            "recommendations__responses",
            filter=~Q(recommendations__responses__organisation_id=organisation_id),
        )
    )
    return bool(others["n"])


def _require_report_editor(actor: User | None, report: Report) -> None:
    require_liaison(actor, report.organisation_id)
    if (
        actor is not None
        and actor.organisation_id is not None
        and report_shared_with_others(report, actor.organisation_id)
    ):
        raise PermissionDenied(
            "Other organisations respond to this national report, so it cannot be changed here."
        )


def _check_report(
    *,
    title: str,
    inspectorate: Organisation,
    organisation: Organisation | None,
    inspection: Inspection | None,
) -> str:
    title = (title or "").strip()
    if not title:
        raise Refused("Enter the title of the report", "title")
    if inspectorate.kind != OrganisationKind.INSPECTORATE:
        raise Refused(f"{inspectorate.name} is not an inspectorate", "inspectorate")
    if inspection is not None and (
        organisation is None or inspection.organisation_id != organisation.pk
    ):
        raise Refused(
            "A report from an inspection of your organisation is about your organisation",
            "about",
        )
    return title


@transaction.atomic
def report_create(
    *,
    title: str,
    inspectorate: Organisation,
    organisation: Organisation | None,
    published_on: dt.date | None = None,
    inspection: Inspection | None = None,
    summary: str = "",
    url: str = "",
    reference: str = "",
    actor: User | None = None,
    reason: str = "",
) -> Report:
    """Record a report: about one organisation, or national (`organisation` None)."""
    require_liaison(actor, organisation.pk if organisation is not None else None)
    title = _check_report(
        title=title, inspectorate=inspectorate, organisation=organisation, inspection=inspection
    )
    report = Report(
        title=title,
        inspectorate=inspectorate,
        organisation=organisation,
        published_on=published_on,
        inspection=inspection,
        summary=summary.strip(),
        url=url.strip(),
        reference=reference.strip(),
    )
    return audit.save(report, actor=actor, reason=reason or "Report recorded")


@transaction.atomic
def report_edit(
    *,
    report: Report,
    actor: User,
    expected_version: int | None,
    title: str,
    inspectorate: Organisation,
    organisation: Organisation | None,
    published_on: dt.date | None,
    inspection: Inspection | None,
    summary: str,
    url: str,
    reference: str,
) -> Report:
    _require_report_editor(actor, report)
    if organisation is not None and organisation.pk != actor.organisation_id:
        raise Refused("A report is about your organisation or national", "about")
    title = _check_report(
        title=title, inspectorate=inspectorate, organisation=organisation, inspection=inspection
    )
    current = checked(report, expected_version)
    return audit.update(
        current,
        actor=actor,
        reason="Report edited",
        title=title,
        inspectorate=inspectorate,
        organisation=organisation,
        published_on=published_on,
        inspection=inspection,
        summary=summary.strip(),
        url=url.strip(),
        reference=reference,
    )


@transaction.atomic
def findings_add(
    *,
    report: Report,
    heading: str,
    texts: Sequence[str],
    organisation: Organisation | None = None,
    actor: User | None = None,
) -> list[Finding]:
    """Add findings under one heading, about `organisation` (None: about everyone)."""
    if organisation is not None:
        require_liaison(actor, organisation.pk)
    else:
        _require_report_editor(actor, report)
    texts = [t.strip() for t in texts if t and t.strip()]
    if not texts:
        raise Refused("Enter the finding", "text")
    start = (report.findings.aggregate(last=Max("position"))["last"] or 0) + 1
    return [
        audit.save(
            Finding(
                report=report,
                organisation=organisation,
                heading=heading.strip(),
                text=text,
                position=start + i,
            ),
            actor=actor,
            reason="Finding recorded",
        )
        for i, text in enumerate(texts)
    ]


def _require_finding_editor(actor: User, finding: Finding) -> None:
    if finding.organisation_id is not None:
        require_liaison(actor, finding.organisation_id)
    else:
        _require_report_editor(actor, finding.report)


@transaction.atomic
def finding_edit(
    *,
    finding: Finding,
    actor: User,
    heading: str,
    text: str,
    organisation: Organisation | None,
) -> Finding:
    _require_finding_editor(actor, finding)
    if organisation is None:
        _require_report_editor(actor, finding.report)
    else:
        require_liaison(actor, organisation.pk)
    text = (text or "").strip()
    if not text:
        raise Refused("Enter the finding", "text")
    finding.heading, finding.text, finding.organisation = heading.strip(), text, organisation
    return audit.save(finding, actor=actor, reason="Finding edited")


@transaction.atomic
def finding_delete(*, finding: Finding, actor: User) -> None:
    """Remove a finding recorded in error; its history keeps what it said."""
    _require_finding_editor(actor, finding)
    audit.delete(finding, actor=actor, reason="Finding removed")
