"""The reminders app's vocabulary: the choices its records take, with the words pages show.

Other apps import these from here; the records themselves they reach through
`oversight.reminders.selectors` and `services`."""

from __future__ import annotations

from django.db import models


class ReminderKind(models.TextChoices):
    DIGEST = "digest", "Reminder of your responses"
    WEEKLY_SUMMARY = "weekly_summary", "Weekly summary"


class ReminderStatus(models.TextChoices):
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Not sent yet: will be tried again"


class Reason(models.TextChoices):
    """Why a response is in a reminder."""

    OVERDUE = "overdue", "Overdue"
    DUE_SOON = "due_soon", "Due soon"
    REVIEW_DUE = "review_due", "Review due"
    CLOSURE_WAITING = "closure_waiting", "Closure request waiting"
    EXTENSION_WAITING = "extension_waiting", "Extension request waiting"
