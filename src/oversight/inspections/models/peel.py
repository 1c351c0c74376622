"""PEEL: the cycles and their question areas (reference data, loaded by a migration), and this
organisation's graded assessment in each cycle."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from oversight.accounts.models import Organisation
from oversight.inspections.choices import Grade  # noqa: F401 (re-exported)
from oversight.inspections.models.inspections import Inspection
from oversight.inspections.models.reports import Report


class PeelCycle(models.Model):
    """A PEEL inspection cycle, e.g. 2021/22 or 2023–25. Its question areas differ."""

    name = models.CharField(max_length=40, unique=True)
    slug = models.SlugField(max_length=40, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on"]

    def __str__(self) -> str:
        return f"PEEL {self.name}"


class PeelQuestionArea(models.Model):
    """A core question of a cycle, e.g. "Investigating crime". `theme` lines the same question
    up across cycles even when its wording changes."""

    cycle = models.ForeignKey(PeelCycle, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(max_length=200)
    theme = models.SlugField(max_length=60)
    graded = models.BooleanField(
        default=True, help_text="False where HMICFRS reports on the area without a grade."
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle__starts_on", "position"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "name"], name="peel_area_once_per_cycle"),
            models.UniqueConstraint(fields=["cycle", "theme"], name="peel_theme_once_per_cycle"),
        ]

    def __str__(self) -> str:
        return self.name


class PeelAssessment(models.Model):
    """An organisation's PEEL assessment in one cycle, with a grade per question area."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="peel_assessments"
    )
    cycle = models.ForeignKey(PeelCycle, on_delete=models.PROTECT, related_name="assessments")
    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="peel_assessments",
    )
    report = models.ForeignKey(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="peel_assessments"
    )
    published_on = models.DateField("publication date", null=True, blank=True)
    summary = models.TextField(blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Raised on every save, so two people never overwrite each other."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle__starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "cycle"], name="peel_assessment_once_per_cycle"
            )
        ]

    def __str__(self) -> str:
        return f"PEEL {self.cycle.name}: {self.organisation}"


class PeelGrade(models.Model):
    """The grade for one question area in one assessment; blank when not graded."""

    assessment = models.ForeignKey(PeelAssessment, on_delete=models.CASCADE, related_name="grades")
    area = models.ForeignKey(PeelQuestionArea, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=30, choices=Grade.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["area__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "area"], name="peel_grade_once_per_area")
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.get_grade_display() or 'Not graded'}"
