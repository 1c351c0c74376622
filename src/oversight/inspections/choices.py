"""The inspections app's vocabulary: the choices its records take, with the words pages show.

Other apps import these from here; the records themselves they reach through
`oversight.inspections.selectors` and `services`."""

from __future__ import annotations

from django.db import models


class MonitoringStage(models.TextChoices):
    SCAN = "scan", "Scan"
    ENGAGE = "engage", "Engage"


class EngagementKind(models.TextChoices):
    LETTER = "letter", "Letter"
    MEETING = "meeting", "Meeting"
    DATA_RETURN = "data_return", "Data return"
    CALL = "call", "Call"
    EMAIL = "email", "Email"
    VISIT = "visit", "Visit"
    OTHER = "other", "Other"


class InspectionKind(models.TextChoices):
    PEEL = "peel", "PEEL inspection"
    FRS = "frs", "Fire and rescue service inspection"
    NATIONAL_THEMATIC = "national_thematic", "National thematic inspection"
    JTAI = "jtai", "Joint targeted area inspection"
    SUPER_COMPLAINT = "super_complaint", "Super-complaint investigation"
    DATA_REQUEST = "data_request", "Data request"
    WORKSHOP = "workshop", "Workshop"
    ROCU = "rocu", "ROCU / serious and organised crime inspection"
    REVISIT = "revisit", "Revisit"
    FMS = "fms", "Force management statement submission"
    OTHER = "other", "Other"


class InspectionStatus(models.TextChoices):
    NOTIFIED = "notified", "Notified"
    SCHEDULED = "scheduled", "Scheduled"
    FIELDWORK = "fieldwork", "Fieldwork"
    DEBRIEFED = "debriefed", "Debriefed"
    AWAITING_REPORT = "awaiting_report", "Awaiting report"
    PUBLISHED = "published", "Published"
    CANCELLED = "cancelled", "Cancelled"


class Grade(models.TextChoices):
    """HMICFRS's five-point scale, best first."""

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    ADEQUATE = "adequate", "Adequate"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


# The lifecycle in order. An inspection moves forward (it may skip steps: a data request has
# no hot debrief) or is cancelled; it never moves back.
LIFECYCLE: tuple[str, ...] = (
    InspectionStatus.NOTIFIED,
    InspectionStatus.SCHEDULED,
    InspectionStatus.FIELDWORK,
    InspectionStatus.DEBRIEFED,
    InspectionStatus.AWAITING_REPORT,
    InspectionStatus.PUBLISHED,
)
FINAL_STATUSES = frozenset({InspectionStatus.PUBLISHED, InspectionStatus.CANCELLED})
