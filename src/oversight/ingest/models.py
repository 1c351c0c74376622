"""Imports: one batch per file read, and the records each import created or changed.

A batch is written when a file is read (the preview). Its stored extraction is what the
preview showed; confirming imports it in one transaction and marks the batch imported, or
writes nothing. The uploaded bytes are kept on the batch (not as a file on disk, so a killed
process can leave no orphan file) only while it waits for a decision, to re-read it with a
column mapping; they are cleared when it is imported or cancelled.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from oversight import clock
from oversight.accounts.models import Organisation
from oversight.ingest.choices import BatchStatus, RecordAction  # noqa: F401 (re-exported)


class ImportBatch(models.Model):
    """One file read for one organisation: what was found, and what became of it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="import_batches"
    )
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField(default=0)
    kind = models.CharField(max_length=30, help_text="What the file was read as.")
    format = models.CharField(max_length=10, blank=True)
    extraction = models.JSONField(help_text="What the reader found, as previewed.")
    column_map = models.JSONField(
        default=dict, blank=True, help_text="Trackers: the column mapping chosen by a person."
    )
    content = models.BinaryField(
        blank=True, default=b"", editable=False, help_text="The file, only while previewed."
    )
    status = models.CharField(
        max_length=20, choices=BatchStatus.choices, default=BatchStatus.PREVIEWED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="import_batches"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="import_batches_decided",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    skipped_rows = models.JSONField(default=list, blank=True)
    queued_at = models.DateTimeField(
        null=True, blank=True, help_text="When the import was confirmed and handed to the worker."
    )
    task_id = models.CharField(max_length=64, blank=True, help_text="The background task.")
    problem = models.JSONField(
        default=dict,
        blank=True,
        help_text="Why the last attempt to import it did not: {'message': …, 'rows': […]}.",
    )
    summary = models.JSONField(default=dict, blank=True, help_text="How many of each were done.")
    history = HistoricalRecords(excluded_fields=["content", "extraction"])

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "sha256"],
                condition=Q(status="imported"),
                name="one_import_per_file_per_organisation",
            )
        ]
        indexes = [models.Index(fields=["organisation", "sha256"])]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def short_sha(self) -> str:
        return self.sha256[:12]

    @property
    def reason(self) -> str:
        """The change reason every record it writes carries in its history."""
        return f"Imported from {self.file_name} (SHA-256 {self.short_sha}…)"


class ImportedRecord(models.Model):
    """A record an import created or changed: exactly one of the links is set."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="records")
    action = models.CharField(max_length=10, choices=RecordAction.choices)
    row = models.PositiveIntegerField(null=True, blank=True, help_text="Trackers: the row.")
    what = models.CharField(max_length=300, blank=True, help_text="What changed, in words.")
    recommendation = models.ForeignKey(
        "recommendations.Recommendation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    response = models.ForeignKey(
        "recommendations.Response",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    update = models.ForeignKey(
        "recommendations.Update", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    report = models.ForeignKey(
        "inspections.Report", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    inspection = models.ForeignKey(
        "inspections.Inspection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.what}"
