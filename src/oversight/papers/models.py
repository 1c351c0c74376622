"""Committees and their meetings; the committee papers themselves come with the papers work."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from oversight import clock
from oversight.accounts.models import Organisation
from oversight.dates import long_date
from oversight.papers.choices import ItemOrder, PaperStatus  # noqa: F401 (re-exported)


class Committee(models.Model):
    """A committee that receives the HMICFRS update, e.g. the Joint Audit Committee."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="committees"
    )
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=20, blank=True)
    standing_text = models.JSONField(
        default=dict,
        blank=True,
        help_text="Words the paper repeats each time: purpose, governance, closing request.",
    )
    item_order = models.CharField(max_length=20, choices=ItemOrder.choices, default=ItemOrder.THEME)
    names_owners = models.BooleanField(
        default=False,
        help_text=(
            "The paper names each recommendation's owner. Off by default: a paper for a public "
            "committee names no individuals."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="committee_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "held_on"], name="meeting_once_a_day")
        ]

    def __str__(self) -> str:
        name = self.committee.short_name or self.committee.name
        return f"{name}, {long_date(self.held_on)}"


class Paper(models.Model):
    """One version of the "HMICFRS update" paper for a meeting.

    A draft is assembled from the record and edited; issuing freezes it (its sections and the
    data they were drawn from). A later change makes a new version; issued ones stay readable.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="papers")
    version = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=200, default="HMICFRS update")
    period_start = models.DateField(help_text="The paper covers what happened from this day …")
    period_end = models.DateField(help_text="… to this day.")
    status = models.CharField(max_length=10, choices=PaperStatus.choices, default=PaperStatus.DRAFT)
    data = models.JSONField(
        default=dict, blank=True, help_text="The facts the sections were drawn from."
    )
    drawn = models.JSONField(
        default=dict,
        blank=True,
        help_text="What the documents draw from the facts (the chart's counts, the committee's "
        "name as it was): a few hundred bytes, read instead of the facts on every export.",
    )
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)
    generated_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting__held_on", "version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="paper_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.title} for {self.meeting} (version {self.version})"

    def save(self, *args, **kwargs):
        if self.pk and Paper.objects.filter(pk=self.pk, status=PaperStatus.ISSUED).exists():
            raise ValueError("An issued paper never changes: make a new version instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Papers are never deleted")

    @property
    def is_issued(self) -> bool:
        return self.status == PaperStatus.ISSUED


class PaperSection(models.Model):
    """A numbered section (or an annex) of a paper: generated from the record, maybe edited.

    `generated` is what the record gave at the last generation; `edited` is the liaison's text
    (empty when untouched); `generated_when_edited` lets regeneration tell whether the record
    has changed under a human edit.
    """

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=200)
    is_annex = models.BooleanField(default=False)
    generated = models.TextField(blank=True)
    edited = models.TextField(blank=True)
    generated_when_edited = models.TextField(blank=True)
    edited_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["paper", "position"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "key"], name="section_once_per_paper")
        ]

    def __str__(self) -> str:
        return self.heading

    def save(self, *args, **kwargs):
        if Paper.objects.filter(pk=self.paper_id, status=PaperStatus.ISSUED).exists():
            raise ValueError("An issued paper never changes: make a new version instead")
        super().save(*args, **kwargs)

    @property
    def text(self) -> str:
        """What the paper says: the human edit where there is one, else the generated text."""
        return self.edited or self.generated

    @property
    def is_edited(self) -> bool:
        return bool(self.edited)

    @property
    def record_changed_under_edit(self) -> bool:
        return self.is_edited and self.generated != self.generated_when_edited


class WordTemplate(models.Model):
    """An organisation's own Word template for its committee papers (styles, header, logo)."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="word_templates"
    )
    file = models.FileField(upload_to="templates/", max_length=300)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=clock.now, editable=False)
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name
