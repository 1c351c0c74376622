"""Inspections: what was inspected, who took part, each dated step of the lifecycle, the hot
debrief and the follow-up actions it led to."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from oversight.accounts.models import Organisation
from oversight.inspections.choices import (  # noqa: F401 (re-exported)
    FINAL_STATUSES,
    LIFECYCLE,
    InspectionKind,
    InspectionStatus,
)
from oversight.rules.partial_dates import PartialDate, Precision


def next_steps(status: str) -> list[str]:
    """The steps an inspection at `status` may move to, in lifecycle order."""
    if status in FINAL_STATUSES:
        return []
    later = list(LIFECYCLE[LIFECYCLE.index(status) + 1 :]) if status in LIFECYCLE else []
    return [*later, InspectionStatus.CANCELLED]


class Inspection(models.Model):
    """Inspection activity at one organisation: PEEL, a thematic, a JTAI, a data request …

    Dates are kept as a person wrote them ("W/C 4th April", "October – Date TBC") beside the
    first day they may fall on and their precision, so they sort and still read as written.
    `status` is the latest step; every step is an :class:`InspectionEvent` with its date.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="inspections"
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=30, choices=InspectionKind.choices)
    status = models.CharField(
        max_length=20, choices=InspectionStatus.choices, default=InspectionStatus.NOTIFIED
    )
    summary = models.TextField(blank=True)
    start_on = models.DateField("first day of when", null=True, blank=True)
    start_precision = models.CharField(
        "precision of when", max_length=10, choices=Precision.choices, default=Precision.TBC
    )
    start_text = models.CharField("when", max_length=100, blank=True)
    end_on = models.DateField("first day of until", null=True, blank=True)
    end_precision = models.CharField(
        "precision of until", max_length=10, choices=Precision.choices, default=Precision.TBC
    )
    end_text = models.CharField("until", max_length=100, blank=True)
    lead_inspectorates = models.ManyToManyField(
        Organisation, related_name="inspections_led", blank=True
    )
    participants_note = models.TextField(
        "note on who takes part",
        blank=True,
        help_text="How the other organisations were chosen, as the paper says it.",
    )
    force_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="our lead",
        help_text="The person in this organisation who leads on the inspection.",
    )
    hmicfrs_contact = models.CharField(
        "HMICFRS liaison contact",
        max_length=200,
        blank=True,
        help_text="Who at the inspectorate to contact, e.g. the force liaison lead.",
    )
    debrief_on = models.DateField("date of the hot debrief", null=True, blank=True)
    debrief_strengths = models.JSONField("strengths", default=list, blank=True)
    debrief_areas_to_consider = models.JSONField("areas to consider", default=list, blank=True)
    debrief_notes = models.TextField("debrief notes", blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Raised on every save, so two people never overwrite each other."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[lead_inspectorates])

    class Meta:
        ordering = ["start_on", "title"]
        indexes = [models.Index(fields=["organisation", "start_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def start(self) -> PartialDate:
        return PartialDate(self.start_on, Precision(self.start_precision), self.start_text)

    @property
    def end(self) -> PartialDate:
        return PartialDate(self.end_on, Precision(self.end_precision), self.end_text)

    @property
    def has_end(self) -> bool:
        return bool(self.end_on or self.end_text)

    @property
    def when(self) -> str:
        """The dates the way a person wrote them."""
        start = self.start.display()
        if self.has_end:
            return f"{start} to {self.end.display()}"
        return start

    @property
    def has_debrief(self) -> bool:
        return bool(self.debrief_strengths or self.debrief_areas_to_consider or self.debrief_notes)


class InspectionParticipant(models.Model):
    """Another organisation taking part in an inspection (the other forces in a thematic)."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="participants"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name_as_written = models.CharField(
        max_length=200, blank=True, help_text="The name as the paper or letter wrote it."
    )
    note = models.CharField(
        max_length=300, blank=True, help_text="e.g. South Central BCU: Lambeth and Southwark"
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "organisation"], name="participant_once_per_inspection"
            )
        ]

    def __str__(self) -> str:
        name = self.name_as_written or self.organisation.name
        return f"{name} ({self.note})" if self.note else name


class InspectionEvent(models.Model):
    """One dated step of an inspection's lifecycle: notified, scheduled, fieldwork …

    The date is kept as written ("W/C 4th April"). The steps say what the status was on any
    past day, which is how the forward look can be drawn as of a date.
    """

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="events")
    status = models.CharField("step", max_length=20, choices=InspectionStatus.choices)
    on = models.DateField("first day of the date", null=True, blank=True)
    precision = models.CharField(
        "precision of the date", max_length=10, choices=Precision.choices, default=Precision.TBC
    )
    text = models.CharField("date", max_length=100, blank=True)
    note = models.CharField(max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.when.display()}"

    @property
    def when(self) -> PartialDate:
        return PartialDate(self.on, Precision(self.precision), self.text)

    @property
    def effective_on(self) -> dt.date:
        """The day the step counts from: its date, else the day it was recorded (a step with
        no known date had certainly happened by then)."""
        return self.on or timezone.localdate(self.recorded_at)


class FollowUpAction(models.Model):
    """Something the hot debrief or the report leads to, e.g. the JTAI statement of action."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField("action")
    owner = models.CharField(
        "who does it", max_length=200, blank=True, help_text="As written, e.g. Solihull Council."
    )
    due_on = models.DateField("first day of due", null=True, blank=True)
    due_precision = models.CharField(
        "precision of due", max_length=10, choices=Precision.choices, default=Precision.TBC
    )
    due_text = models.CharField("due", max_length=100, blank=True)
    done = models.BooleanField(default=False)
    done_on = models.DateField("done on", null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def due(self) -> PartialDate:
        return PartialDate(self.due_on, Precision(self.due_precision), self.due_text)
