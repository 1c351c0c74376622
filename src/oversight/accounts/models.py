"""Organisations, the people in them, and the structure a force holds itself to account by."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords

from oversight.accounts.choices import OrganisationKind, Role  # noqa: F401 (re-exported)


class Organisation(models.Model):
    """A police force, a fire and rescue service, a national body, an inspectorate or a PCC's
    office."""

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
    viewers_download_evidence = models.BooleanField(
        "viewers may download evidence files",
        default=False,
        help_text="Whether viewers (committee members and others who only read) may download "
        "evidence files. They always see the record and each file's name, size and SHA-256.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_short_name(self) -> str:
        return self.short_name or self.name

    @property
    def is_fire_service(self) -> bool:
        return self.kind == OrganisationKind.FIRE_SERVICE

    @property
    def noun(self) -> str:
        """What its people call it in a sentence: "the force", "the service"."""
        return {OrganisationKind.FORCE: "force", OrganisationKind.FIRE_SERVICE: "service"}.get(
            self.kind, "organisation"
        )


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


class SingleSignOnIdentity(models.Model):
    """Links a person to their account at the organisation's identity provider (OpenID Connect).

    The provider's issuer and subject never change for an account, unlike names and e-mail.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="sso_identity")
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "single sign-on identity"
        verbose_name_plural = "single sign-on identities"
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sso_identity_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.issuer}"


class TwoFactor(models.Model):
    """A person's authenticator app (TOTP, RFC 6238): present only while two-step verification
    is on. `last_used_step` is the 30-second step of the last code accepted, so a code cannot
    be used twice."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="two_factor")
    secret = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_step = models.BigIntegerField(default=0)
    history = HistoricalRecords(excluded_fields=["secret", "last_used_step"])

    class Meta:
        verbose_name = "two-step verification"
        verbose_name_plural = "two-step verifications"

    def __str__(self) -> str:
        return f"Two-step verification for {self.user}"
