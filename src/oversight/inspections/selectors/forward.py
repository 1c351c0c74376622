"""The forward look: what is notified or scheduled, what is in fieldwork, and what was published
in the last three months, as the record stood on a given day.

The status on a past day comes from the dated lifecycle steps, not from today's status: an
inspection debriefed in April was only notified on 1 April.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import Prefetch

from oversight.accounts.models import User
from oversight.inspections.models import Inspection, InspectionEvent, InspectionStatus, Report
from oversight.inspections.selectors.inspections import inspections_for
from oversight.inspections.selectors.reports import reports_for

RECENT_MONTHS = 3


def status_as_of(inspection: Inspection, day: dt.date) -> str | None:
    """The step the inspection had reached on `day`, from its dated steps; None if it was not
    yet known. An inspection recorded without steps has only its current status. A step with
    no date counts from the day it was recorded: it had certainly happened by then."""
    events = list(inspection.events.all())
    if not events:
        return inspection.status
    reached, previous = None, None
    for event in events:  # in lifecycle order
        if _counts_from(event, previous) > day:
            break
        reached, previous = event.status, event
    return reached


def _counts_from(event: InspectionEvent, previous: InspectionEvent | None) -> dt.date:
    """A step counts from the first day of its date; but of two steps written with the same
    date ("fieldwork W/C 4th April", "hot debrief W/C 4th April") the later one closes the
    range, so it counts from its last day."""
    if (
        previous is not None
        and event.on is not None
        and (event.on, event.precision) == (previous.on, previous.precision)
        and event.when.end is not None
    ):
        return event.when.end
    return event.effective_on


@dataclass(frozen=True)
class ForwardRow:
    inspection: Inspection
    status: str

    @property
    def status_label(self) -> str:
        return InspectionStatus(self.status).label


@dataclass
class ForwardLook:
    as_of: dt.date
    since: dt.date
    coming: list[ForwardRow] = field(default_factory=list)
    date_passed: list[ForwardRow] = field(default_factory=list)
    fieldwork: list[ForwardRow] = field(default_factory=list)
    published: list[Report] = field(default_factory=list)


def forward_look(user: User, as_of: dt.date) -> ForwardLook:
    look = ForwardLook(as_of=as_of, since=as_of - relativedelta(months=RECENT_MONTHS))
    inspections = inspections_for(user).prefetch_related(
        Prefetch("events", queryset=InspectionEvent.objects.order_by("position", "id"))
    )
    for inspection in sorted(inspections, key=lambda i: (i.start.sort_key, i.title)):
        status = status_as_of(inspection, as_of)
        if not status:
            continue
        row = ForwardRow(inspection, status)
        if status in (InspectionStatus.NOTIFIED, InspectionStatus.SCHEDULED):
            last_day = (inspection.end if inspection.has_end else inspection.start).end
            if last_day is not None and last_day < as_of:
                look.date_passed.append(row)
            else:
                look.coming.append(row)
        elif status == InspectionStatus.FIELDWORK:
            look.fieldwork.append(row)
    look.published = list(
        reports_for(user)
        .filter(published_on__gte=look.since, published_on__lte=as_of)
        .order_by("published_on", "title")
    )
    return look
