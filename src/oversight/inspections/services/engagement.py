"""Recording the monitoring stage (scan or engage) and the engagement log."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from oversight import audit
from oversight.accounts.models import Organisation, User
from oversight.dates import long_date
from oversight.inspections.models import (
    Engagement,
    EngagementKind,
    Inspection,
    MonitoringStage,
    MonitoringStageChange,
)
from oversight.inspections.services.access import checked, require_liaison
from oversight.inspections.services.inspections import Refused
from oversight.rules.partial_dates import PartialDate


def _check_stage(
    organisation: Organisation,
    stage: str,
    started_on: dt.date | None,
    exclude: int | None = None,
) -> None:
    if stage not in MonitoringStage.values:
        raise Refused("Choose the monitoring stage", "stage")
    if started_on is None:
        raise Refused("Enter the date the stage started", "started_on")
    same_day = MonitoringStageChange.objects.filter(
        organisation=organisation, stage=stage, started_on=started_on
    )
    if exclude is not None:
        same_day = same_day.exclude(pk=exclude)
    if same_day.exists():
        raise Refused(
            f"{MonitoringStage(stage).label} from {long_date(started_on)} is already recorded",
            "started_on",
        )


@transaction.atomic
def monitoring_stage_record(
    *,
    organisation: Organisation,
    actor: User | None,
    stage: str,
    started_on: dt.date,
    letter: str = "",
    letter_on: dt.date | None = None,
    letter_url: str = "",
    note: str = "",
) -> MonitoringStageChange:
    """Record that the organisation moved to a monitoring stage, and the letter that moved it."""
    require_liaison(actor, organisation.pk)
    _check_stage(organisation, stage, started_on)
    change = MonitoringStageChange(
        organisation=organisation,
        stage=stage,
        started_on=started_on,
        letter=letter.strip(),
        letter_on=letter_on,
        letter_url=letter_url.strip(),
        note=note.strip(),
    )
    reason = f"Monitoring stage: {MonitoringStage(stage).label}"
    return audit.save(change, actor=actor, reason=reason)


@transaction.atomic
def monitoring_stage_edit(
    *,
    change: MonitoringStageChange,
    actor: User,
    expected_version: int | None,
    stage: str,
    started_on: dt.date,
    letter: str,
    letter_on: dt.date | None,
    letter_url: str,
    note: str,
) -> MonitoringStageChange:
    require_liaison(actor, change.organisation_id)
    _check_stage(change.organisation, stage, started_on, exclude=change.pk)
    current = checked(change, expected_version)
    return audit.update(
        current,
        actor=actor,
        reason="Monitoring stage corrected",
        stage=stage,
        started_on=started_on,
        letter=letter.strip(),
        letter_on=letter_on,
        letter_url=letter_url.strip(),
        note=note.strip(),
    )


def _check_engagement(organisation: Organisation, kind: str, subject: str, inspection, rec):
    if kind not in EngagementKind.values:
        raise Refused("Choose what kind of contact it was", "kind")
    subject = (subject or "").strip()
    if not subject:
        raise Refused("Enter what the contact was about", "subject")
    if inspection is not None and inspection.organisation_id != organisation.pk:
        raise Refused("Choose an inspection of your organisation", "inspection")
    if rec is not None and not rec.responses.filter(organisation=organisation).exists():
        raise Refused("Choose a recommendation your organisation responds to", "recommendation")
    return subject


@transaction.atomic
def engagement_record(
    *,
    organisation: Organisation,
    actor: User | None,
    kind: str,
    when: PartialDate,
    subject: str,
    with_whom: str = "",
    summary: str = "",
    inspection: Inspection | None = None,
    recommendation=None,
) -> Engagement:
    """Log a dated contact with the inspectorate: a letter, meeting, data return or call."""
    require_liaison(actor, organisation.pk)
    subject = _check_engagement(organisation, kind, subject, inspection, recommendation)
    engagement = Engagement(
        organisation=organisation,
        kind=kind,
        on=when.on,
        precision=when.precision,
        text=when.text.strip(),
        subject=subject,
        with_whom=with_whom.strip(),
        summary=summary.strip(),
        inspection=inspection,
        recommendation=recommendation,
    )
    return audit.save(engagement, actor=actor, reason="Engagement logged")


@transaction.atomic
def engagement_edit(
    *,
    engagement: Engagement,
    actor: User,
    expected_version: int | None,
    kind: str,
    when: PartialDate,
    subject: str,
    with_whom: str,
    summary: str,
    inspection: Inspection | None,
    recommendation,
) -> Engagement:
    require_liaison(actor, engagement.organisation_id)
    subject = _check_engagement(engagement.organisation, kind, subject, inspection, recommendation)
    current = checked(engagement, expected_version)
    return audit.update(
        current,
        actor=actor,
        reason="Engagement edited",
        kind=kind,
        subject=subject,
        on=when.on,
        precision=when.precision,
        text=when.text.strip(),
        with_whom=with_whom.strip(),
        summary=summary.strip(),
        inspection=inspection,
        recommendation=recommendation,
    )
