"""Committees and their meetings; the committee papers themselves come with the papers work."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from oversight.accounts.models import Organisation


class Committee(models.Model):
    """A committee that receives the HMICFRS update, e.g. the Joint Audit Committee."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="committees"
    )
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=20, blank=True)
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
        return f"{self.committee.short_name or self.committee.name}, {self.held_on:%d %B %Y}"
