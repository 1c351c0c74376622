"""The organisation's relationship with the inspectorate between inspections: its monitoring
stage (scan or engage) and the log of dated contacts."""

from __future__ import annotations

import datetime as dt

from django.db import models
from simple_history.models import HistoricalRecords

from oversight.accounts.models import Organisation
from oversight.dates import long_date
from oversight.inspections.choices import EngagementKind, MonitoringStage  # noqa: F401 (re-exported)
from oversight.inspections.models.inspections import Inspection
from oversight.rules.partial_dates import PartialDate, Precision


class MonitoringStageChange(models.Model):
    """The organisation moved to a monitoring stage on a date, by a letter."""

    ended_on: dt.date | None  # set by the selector that lists them: the next stage's start

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="monitoring_stages"
    )
    stage = models.CharField(max_length=10, choices=MonitoringStage.choices)
    started_on = models.DateField("from")
    letter = models.CharField(
        "the letter that moved it",
        max_length=300,
        blank=True,
        help_text="Who wrote to whom, e.g. HM Inspector to the chief constable.",
    )
    letter_on = models.DateField("date of the letter", null=True, blank=True)
    letter_url = models.URLField("link to the letter", max_length=500, blank=True)
    note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} from {long_date(self.started_on)}"


class Engagement(models.Model):
    """A dated contact with the inspectorate, linked to an inspection or a recommendation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="engagements"
    )
    kind = models.CharField(max_length=20, choices=EngagementKind.choices)
    on = models.DateField("first day of when", null=True, blank=True)
    precision = models.CharField(
        "precision of when", max_length=10, choices=Precision.choices, default=Precision.TBC
    )
    text = models.CharField("when", max_length=100, blank=True)
    subject = models.CharField(max_length=300)
    with_whom = models.CharField("with", max_length=200, blank=True)
    summary = models.TextField(blank=True)
    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="engagements",
    )
    recommendation = models.ForeignKey(
        "recommendations.Recommendation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="engagements",
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["organisation", "on"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def when(self) -> PartialDate:
        return PartialDate(self.on, Precision(self.precision), self.text)
