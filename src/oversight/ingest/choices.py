"""The ingest app's vocabulary: the choices its records take, with the words pages show.

Other apps import these from here; the records themselves they reach through
`oversight.ingest.selectors` and `services`."""

from __future__ import annotations

from django.db import models


class BatchStatus(models.TextChoices):
    PREVIEWED = "previewed", "Waiting for confirmation"
    IMPORTING = "importing", "Being imported"
    IMPORTED = "imported", "Imported"
    CANCELLED = "cancelled", "Cancelled"


class RecordAction(models.TextChoices):
    CREATED = "created", "Created"
    UPDATED = "updated", "Updated"
