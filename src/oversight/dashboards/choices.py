"""The dashboards app's vocabulary: the choices its records take, with the words pages show.

Other apps import these from here; the records themselves they reach through
`oversight.dashboards.selectors` and `services`."""

from __future__ import annotations

from django.db import models


class SnapshotSource(models.TextChoices):
    RECORDED = "recorded", "Recorded at the time"
    RECONSTRUCTED = "reconstructed", "Reconstructed from the record"


class SearchKind(models.TextChoices):
    RECOMMENDATION = "recommendation", "Recommendation"
    UPDATE = "update", "Update"
    INSPECTION = "inspection", "Inspection"
    REPORT = "report", "Report"
    FINDING = "finding", "Finding"
