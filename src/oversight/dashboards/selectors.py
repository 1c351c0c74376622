"""The figures on the home page, read through the recommendations selectors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from oversight.accounts.models import Role, User
from oversight.recommendations import selectors as rec
from oversight.recommendations.models import Response


@dataclass
class Attention:
    mine: QuerySet[Response]
    overdue: QuerySet[Response]
    reviews_due: QuerySet[Response]
    open_count: int
    show_organisation_queues: bool


def attention(user: User, *, today: dt.date) -> Attention:
    """My open responses, and for everyone the overdue ones and those due a review."""
    everything = rec.responses_for(user)
    return Attention(
        mine=rec.my_open_responses(user).order_by("recommendation__due_on"),
        overdue=rec.overdue(everything, today).order_by("recommendation__due_on"),
        reviews_due=rec.reviews_due(everything, today),
        open_count=everything.filter(rec.OPEN_Q).count(),
        show_organisation_queues=user.role != Role.OWNER,
    )
