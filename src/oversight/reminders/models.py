"""The log of reminders: what was e-mailed to whom, when, and about which responses.

The log is what stops a reminder being sent twice (see `oversight.reminders.timing`), and what
a person sees on their reminders page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from oversight.accounts.models import Organisation
from oversight.recommendations.models import Response
from oversight.reminders.choices import Reason, ReminderKind, ReminderStatus  # noqa: F401 (re-exported)


class Reminder(models.Model):
    """One e-mail to one person: a digest for an owner, or a liaison lead's weekly summary.

    Written as "being sent" before the e-mail goes, then marked sent (with its Message-ID) or
    failed (with the error). Only a sent reminder counts as having reminded anybody.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reminders"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="reminders"
    )
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    for_date = models.DateField(help_text="The day the reminder was worked out for.")
    to_address = models.CharField(max_length=254)
    subject = models.CharField(max_length=300)
    status = models.CharField(
        max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.SENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    summary = models.JSONField(
        default=dict, blank=True, help_text="The figures of a weekly summary."
    )

    class Meta:
        ordering = ["-for_date", "-id"]
        indexes = [
            models.Index(fields=["person", "kind", "status"]),
            models.Index(fields=["organisation", "-for_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.person} for {self.for_date}"

    def by_response(self) -> list[tuple[Response, list[ReminderItem]]]:
        """Its items grouped by response, in the order they were listed."""
        groups: dict[int, tuple[Response, list[ReminderItem]]] = {}
        for item in self.items.all():
            groups.setdefault(item.response_id, (item.response, []))[1].append(item)
        return list(groups.values())


class ReminderItem(models.Model):
    """One response in a reminder, why it was there, and its state at the time."""

    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="items")
    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="reminder_items")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    on = models.DateField(
        null=True,
        blank=True,
        help_text="The date the reason is about: the due date, or the next review date.",
    )
    response_status = models.CharField(max_length=30)
    rag = models.CharField("RAG rating", max_length=10, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["response", "reason", "on"])]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.response_id}"
