"""The recommendations app's vocabulary: the choices its records take, with the words pages show.

Other apps import these from here; the records themselves they reach through
`oversight.recommendations.selectors` and `services`."""

from __future__ import annotations

from django.db import models


class RecommendationKind(models.TextChoices):
    RECOMMENDATION = "recommendation", "Recommendation"
    CAUSE_OF_CONCERN = "cause_of_concern", "Cause of concern"
    AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"
    NATIONAL_RECOMMENDATION = "national_recommendation", "National recommendation"


class ConcernStatus(models.TextChoices):
    OPEN = "open", "Open"
    REVISITED = "revisited", "Revisited"
    DISCHARGED = "discharged", "Discharged"


class ResponseStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    READY_FOR_CLOSURE = "ready_for_closure", "Ready for closure"
    SUBMITTED = "submitted", "Submitted to the inspectorate"
    CLOSED = "closed", "Closed"
    CLOSED_BY_INSPECTORATE = "closed_by_inspectorate", "Closed by the inspectorate"
    SUPERSEDED = "superseded", "Superseded"
    NOT_APPLICABLE = "not_applicable", "Does not apply"


class SignOff(models.TextChoices):
    CHIEF_CONSTABLE = "chief_constable", "Chief constable (delegated authority)"
    INSPECTORATE = "inspectorate", "The inspectorate"


class ReviewOutcome(models.TextChoices):
    ACCEPTED = "accepted", "Accepted: on track"
    MORE_EVIDENCE = "more_evidence", "More evidence needed"
    ESCALATE = "escalate", "Escalate to the board"
    CLOSURE_APPROVED = "closure_approved", "Closure approved"
    CLOSURE_RETURNED = "closure_returned", "Closure returned"


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


class ClosureStage(models.TextChoices):
    REQUESTED = "requested", "Requested by the owner"
    EVIDENCE_CHECKED = "evidence_checked", "Evidence checked by the liaison"
    RETURNED = "returned", "Returned"
    SIGNED_OFF = "signed_off", "Signed off"
    SUBMITTED = "submitted", "Submitted to the inspectorate"
    CLOSED_BY_INSPECTORATE = "closed_by_inspectorate", "Closed by the inspectorate"
    NOT_ACCEPTED = "not_accepted", "Not accepted by the inspectorate"


CLOSED_STATUSES = frozenset(
    {ResponseStatus.CLOSED, ResponseStatus.CLOSED_BY_INSPECTORATE, ResponseStatus.SUPERSEDED}
)
"""Work that is complete: shown blue, counted as closed."""

ENDED_STATUSES = CLOSED_STATUSES | {ResponseStatus.NOT_APPLICABLE}
"""No longer open: closed, or a national recommendation recorded as not applying to the
organisation. Neither is overdue, chased or changed without being reopened; only the closed
are blue or counted as closed."""
