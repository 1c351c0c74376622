"""Organisations, the people in them, and the structure a force holds itself to account by."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords


class OrganisationKind(models.TextChoices):
    FORCE = "force", "Police force"
    NATIONAL_BODY = "national_body", "National body"
    INSPECTORATE = "inspectorate", "Inspectorate"
    PCC_OFFICE = "pcc_office", "Police and crime commissioner's office"


class Organisation(models.Model):
    """A force, a national body, an inspectorate or a PCC's office."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other names it is written as, e.g. 'Hampshire Police'."
    )
    review_cycle_months = models.PositiveSmallIntegerField(
        default=3, help_text="How often each response is reviewed, in months."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_short_name(self) -> str:
        return self.short_name or self.name


class Role(models.TextChoices):
    LIAISON = "liaison", "Liaison"
    OWNER = "owner", "Recommendation owner"
    EXECUTIVE = "executive", "Executive"
    VIEWER = "viewer", "Viewer"


class User(AbstractUser):
    """A person who signs in. Belongs to one organisation, with one role in it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="people", null=True
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)
    job_title = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = self.get_full_name()
        return name or self.username

    @property
    def is_liaison(self) -> bool:
        return self.role == Role.LIAISON

    @property
    def is_executive(self) -> bool:
        return self.role == Role.EXECUTIVE


class Portfolio(models.Model):
    """An area of the force's business that owns recommendations (e.g. Crime, Public Protection)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="portfolios"
    )
    name = models.CharField(max_length=200)
    lead = models.CharField(max_length=200, blank=True, help_text="e.g. ACC Bell")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="portfolio_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Board(models.Model):
    """A governance board that holds recommendation owners to account."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="boards")
    name = models.CharField(max_length=200)
    chair = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="board_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
