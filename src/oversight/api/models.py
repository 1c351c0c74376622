"""Personal API tokens: a person makes one for a script or for Power BI, and revokes it.

Only a SHA-256 digest of the secret is stored; the secret is shown once, when it is made.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class ApiToken(models.Model):
    """A secret that acts as its person, with that person's role and organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What it is for, e.g. 'Power BI report'.")
    prefix = models.CharField(
        max_length=16, help_text="The start of the token, shown so a person can tell it apart."
    )
    key_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token.")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["key_hash", "last_used_at"])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired()

    @property
    def state(self) -> str:
        if self.revoked_at:
            return "Revoked"
        if self.is_expired():
            return "Expired"
        return "Active"
