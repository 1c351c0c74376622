"""Inspections, the reports inspectorates publish, and what those reports found."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from oversight.accounts.models import Organisation
from oversight.rules.partial_dates import PartialDate, Precision


class InspectionKind(models.TextChoices):
    PEEL = "peel", "PEEL inspection"
    NATIONAL_THEMATIC = "national_thematic", "National thematic inspection"
    JTAI = "jtai", "Joint targeted area inspection"
    SUPER_COMPLAINT = "super_complaint", "Super-complaint investigation"
    DATA_REQUEST = "data_request", "Data request"
    WORKSHOP = "workshop", "Workshop"
    ROCU = "rocu", "Regional organised crime unit inspection"
    REVISIT = "revisit", "Revisit"
    FMS = "fms", "Force management statement submission"
    OTHER = "other", "Other"


class InspectionStatus(models.TextChoices):
    NOTIFIED = "notified", "Notified"
    SCHEDULED = "scheduled", "Scheduled"
    FIELDWORK = "fieldwork", "Fieldwork"
    DEBRIEFED = "debriefed", "Debriefed"
    AWAITING_REPORT = "awaiting_report", "Awaiting report"
    PUBLISHED = "published", "Published"
    CANCELLED = "cancelled", "Cancelled"


class Inspection(models.Model):
    """Inspection activity at one organisation: PEEL, a thematic, a JTAI, a data request …

    Dates are kept as a person wrote them ("W/C 4th April", "October – Date TBC") beside the
    first day they may fall on and their precision, so they sort and still read as written.
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
    start_on = models.DateField(null=True, blank=True)
    start_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.TBC
    )
    start_text = models.CharField(max_length=100, blank=True)
    end_on = models.DateField(null=True, blank=True)
    end_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.TBC
    )
    end_text = models.CharField(max_length=100, blank=True)
    lead_inspectorates = models.ManyToManyField(
        Organisation, related_name="inspections_led", blank=True
    )
    participants_note = models.TextField(
        blank=True, help_text="How the other organisations were chosen, as the paper says it."
    )
    debrief_on = models.DateField(null=True, blank=True)
    debrief_strengths = models.JSONField(default=list, blank=True)
    debrief_areas_to_consider = models.JSONField(default=list, blank=True)
    debrief_notes = models.TextField(blank=True)
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
    def when(self) -> str:
        """The dates the way a person wrote them."""
        start = self.start.display()
        if self.end_on or self.end_text:
            return f"{start} to {self.end.display()}"
        return start


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


class Report(models.Model):
    """A publication of an inspectorate.

    `organisation` is the force it is about; a national thematic report has none and is
    shared by every organisation.
    """

    title = models.CharField(max_length=400)
    inspectorate = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="reports_published"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="reports",
        null=True,
        blank=True,
        help_text="The organisation the report is about; empty for a national report.",
    )
    inspection = models.ForeignKey(
        Inspection, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    reference = models.CharField(max_length=40, blank=True)
    published_on = models.DateField(null=True, blank=True)
    url = models.URLField(max_length=500, blank=True)
    summary = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_national(self) -> bool:
        return self.organisation_id is None


class Finding(models.Model):
    """A finding in a report, under a heading; about one organisation or about everyone."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="findings")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        help_text="Empty when the finding is not about one organisation.",
    )
    heading = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]
