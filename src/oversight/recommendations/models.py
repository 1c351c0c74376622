"""Recommendations, and one organisation's response to each: updates, evidence and reviews."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from oversight import clock
from oversight.accounts.models import Board, Organisation, Portfolio
from oversight.dates import long_date
from oversight.inspections.models import Report
from oversight.recommendations.choices import (  # noqa: F401 (re-exported)
    CLOSED_STATUSES,
    ENDED_STATUSES,  # noqa: F401 (re-exported)
    ClosureStage,
    ConcernStatus,
    RecommendationKind,
    RequestStatus,
    ResponseStatus,
    ReviewOutcome,
    SignOff,
)
from oversight.rules.deadlines import DeadlineKind
from oversight.rules.rag import Rag


class Recommendation(models.Model):
    """What a report asks for, as the inspectorate wrote it."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="recommendations")
    kind = models.CharField(max_length=30, choices=RecommendationKind.choices)
    reference = models.CharField(
        max_length=40, blank=True, help_text="The inspectorate's reference, e.g. 9159."
    )
    number = models.CharField(
        max_length=20, blank=True, help_text="Its number in the report, if it has one."
    )
    theme = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    audience = models.JSONField(
        default=list, blank=True, help_text="Who it is for: chief constables, NPCC, CPS …"
    )
    deadline_text = models.CharField(
        max_length=200, blank=True, help_text="The deadline as written, e.g. 'Within three months'."
    )
    deadline_kind = models.CharField(
        max_length=20, choices=DeadlineKind.choices, default=DeadlineKind.NONE
    )
    due_on = models.DateField(
        null=True, blank=True, help_text="Worked out from the deadline wording."
    )
    cause_of_concern = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations_under",
        limit_choices_to={"kind": RecommendationKind.CAUSE_OF_CONCERN},
    )
    concern_status = models.CharField(
        max_length=20,
        choices=ConcernStatus.choices,
        blank=True,
        help_text="For a cause of concern: open, revisited or discharged.",
    )
    revisited_on = models.DateField(
        null=True, blank=True, help_text="For a cause of concern: when the inspectorate revisited."
    )
    revisit_finding = models.TextField(
        blank=True, help_text="What the inspectorate found at its revisit."
    )
    discharged_on = models.DateField(
        null=True, blank=True, help_text="When the inspectorate discharged the cause of concern."
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Raised on every save, so two people never overwrite each other."
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["reference", "id"]
        indexes = [
            models.Index(fields=["reference"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["updated_at"]),  # the stamp of cached figures
        ]

    def __str__(self) -> str:
        label = f"{self.get_kind_display()} {self.reference}".strip()
        return f"{label}: {self.theme}" if self.theme else label

    @property
    def title(self) -> str:
        """How people name it: "Recommendation 9159", else its number in the report."""
        if self.reference:
            return f"Recommendation {self.reference}"
        if self.number:
            return f"{self.get_kind_display()} {self.number}"
        return self.get_kind_display()

    @property
    def short_label(self) -> str:
        """For a register column: the reference, else "No. 2", else a dash."""
        if self.reference:
            return self.reference
        return f"No. {self.number}" if self.number else "–"


class Response(models.Model):
    """One organisation's handling of one recommendation."""

    latest_update: Update | None  # set by the selectors that read it with its latest update

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="responses"
    )
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="responses"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses_owned",
    )
    portfolio = models.ForeignKey(
        Portfolio, on_delete=models.PROTECT, null=True, blank=True, related_name="responses"
    )
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, null=True, blank=True, related_name="responses"
    )
    rag = models.CharField("RAG rating", max_length=10, choices=Rag.choices, blank=True)
    status = models.CharField(
        max_length=30, choices=ResponseStatus.choices, default=ResponseStatus.OPEN
    )
    revised_due_on = models.DateField(null=True, blank=True)
    revised_due_reason = models.TextField(blank=True)
    not_applicable_reason = models.TextField(
        blank=True, help_text="Why a national recommendation does not apply to the organisation."
    )
    next_review_on = models.DateField(null=True, blank=True)
    sign_off = models.CharField(
        max_length=20, choices=SignOff.choices, default=SignOff.CHIEF_CONSTABLE
    )
    closed_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Raised on every save, so two people never overwrite each other."
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation__reference", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "recommendation"], name="one_response_per_organisation"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["organisation", "owner"]),
            models.Index(fields=["organisation", "next_review_on"]),
            # "Recently changed first", and the stamp that keys the register's filter choices
            models.Index(fields=["organisation", "updated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.display_short_name}: {self.recommendation}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def is_ended(self) -> bool:
        """Closed, or recorded as not applying: nothing more is done on it until it is
        reopened (or taken on after all)."""
        return self.status in ENDED_STATUSES

    @property
    def due_on(self):
        """The date it is due: the revised date where one was agreed, else the computed one."""
        return self.revised_due_on or self.recommendation.due_on


class Update(models.Model):
    """A dated progress note on a response by its owner."""

    files: list[Evidence]  # set by the selector that reads a response with its evidence

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="updates_written"
    )
    written_on = models.DateField()
    narrative = models.TextField()
    proposed_rag = models.CharField(
        "proposed RAG rating", max_length=10, choices=Rag.choices, blank=True
    )
    next_steps = models.TextField(blank=True)
    imported_from = models.CharField(
        max_length=255,
        blank=True,
        help_text="The file this update was imported from, when the file gave no date for it "
        "(written_on is then the day it was imported).",
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-written_on", "-id"]
        indexes = [models.Index(fields=["response", "-written_on"])]

    def __str__(self) -> str:
        return f"Update of {long_date(self.written_on)}"


def evidence_path(instance: Evidence, filename: str) -> str:
    """Evidence is stored under a random name, never the name it was uploaded with."""
    import uuid

    return f"evidence/{instance.response.organisation_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    """A file that shows progress. Never deleted; withdrawn with a reason."""

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="evidence")
    update = models.ForeignKey(
        Update, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence"
    )
    file = models.FileField(upload_to=evidence_path, max_length=300)
    original_name = models.CharField(max_length=255)
    description = models.CharField(max_length=500, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evidence_uploaded"
    )
    uploaded_at = models.DateTimeField(default=clock.now, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence_withdrawn",
    )
    withdrawn_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.original_name


class Review(models.Model):
    """The outcome of a periodic review or board meeting on a response."""

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews_made"
    )
    reviewed_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=ReviewOutcome.choices)
    notes = models.TextField(blank=True)
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, null=True, blank=True, related_name="reviews"
    )
    next_review_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} on {long_date(self.reviewed_on)}"


class ExtensionRequest(models.Model):
    """A request to move a response's due date. An executive approves or refuses it.

    The original due date is never overwritten: it stays on the recommendation, and every
    revision stays here.
    """

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="extensions")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="extensions_requested"
    )
    requested_at = models.DateTimeField(default=clock.now, editable=False)
    current_due_on = models.DateField(null=True, blank=True)
    proposed_due_on = models.DateField()
    reason = models.TextField()
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="extensions_decided",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        day = self.proposed_due_on
        return f"Extension to {long_date(day)} ({self.get_status_display()})"


class ClosureRequest(models.Model):
    """The owner's request to close a response, and each decision on it.

    Every decision keeps a snapshot of the response and of the evidence it approved.
    """

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="closures")
    statement = models.TextField(help_text="The owner's closing statement.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="closures_requested"
    )
    requested_at = models.DateTimeField(default=clock.now, editable=False)
    stage = models.CharField(
        max_length=30, choices=ClosureStage.choices, default=ClosureStage.REQUESTED
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closures_checked",
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    check_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closures_decided",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    snapshot = models.JSONField(default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"Closure request ({self.get_stage_display()})"

    @property
    def is_open(self) -> bool:
        return self.stage in {
            ClosureStage.REQUESTED,
            ClosureStage.EVIDENCE_CHECKED,
            ClosureStage.SUBMITTED,
        }
