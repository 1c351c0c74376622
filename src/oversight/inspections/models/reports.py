"""The reports inspectorates publish, and what those reports found."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from oversight.accounts.models import Organisation
from oversight.inspections.models.inspections import Inspection


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
        verbose_name="about",
        help_text="The organisation the report is about; empty for a national report.",
    )
    inspection = models.ForeignKey(
        Inspection, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    reference = models.CharField(max_length=40, blank=True)
    published_on = models.DateField("publication date", null=True, blank=True)
    url = models.URLField("link", max_length=500, blank=True)
    summary = models.TextField(blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Raised on every save, so two people never overwrite each other."
    )
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
        verbose_name="about",
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
