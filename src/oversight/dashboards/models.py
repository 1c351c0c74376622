"""What the dashboards keep: monthly snapshots of the record (for the trend), and the search
index (one row per searchable thing; SQLite's FTS5 or PostgreSQL's full-text search read it).

Nothing here is PostgreSQL-only: the full-text machinery is added by a migration that looks at
the database it runs on (see migrations/0002_search_fulltext.py).
"""

from __future__ import annotations

from django.db import models

from oversight.accounts.models import Organisation
from oversight.dashboards.choices import SearchKind, SnapshotSource  # noqa: F401 (re-exported)


class MonthlySnapshot(models.Model):
    """One organisation's responses as they stood at the end of a month (or, for the current
    month, when the snapshot was last taken): the trend is drawn from these, so it shows the
    past as it was even after records change."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="monthly_snapshots"
    )
    month = models.DateField(help_text="The first day of the month.")
    as_at = models.DateField(help_text="The day the figures describe.")
    total = models.PositiveIntegerField(default=0)
    open = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0, help_text="Closed by then (all time).")
    closed_in_month = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    # RAG ratings of the open responses
    red = models.PositiveIntegerField(default=0)
    amber = models.PositiveIntegerField(default=0)
    green = models.PositiveIntegerField(default=0)
    not_rated = models.PositiveIntegerField(default=0)
    by_status = models.JSONField(default=dict, blank=True, help_text="Status value → count.")
    source = models.CharField(
        max_length=20, choices=SnapshotSource.choices, default=SnapshotSource.RECORDED
    )
    taken_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month"], name="one_snapshot_per_organisation_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.month:%B %Y}"


class SearchEntry(models.Model):
    """The searchable text of one record, written after each commit that saves the record
    (oversight.indexing, oversight.dashboards.search.index); `oversight search_index` rebuilds
    it all."""

    kind = models.CharField(max_length=20, choices=SearchKind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=600)
    body = models.TextField(blank=True)
    dated = models.DateField(null=True, blank=True, help_text="The record's own date, if any.")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="Whose record it is; empty for one shared by every organisation (a national "
        "report and its recommendations). Search scopes updates and inspections by it.",
    )
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="one_search_entry_per_record"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
