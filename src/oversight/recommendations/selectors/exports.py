"""The rows of the CSV exports (oversight.api.exports writes them): each list already scoped by
the selector it is given, with what a row needs beside it, in one query."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery

from oversight.accounts.policies import organisation_id_of
from oversight.recommendations.models import Recommendation, Response, Update

if TYPE_CHECKING:
    from oversight.accounts.models import User


def responses_rows(qs: QuerySet[Response]) -> QuerySet[Response]:
    """Responses with the date of their latest update."""
    return qs.annotate(latest_update_on=Max("updates__written_on"))


def recommendations_rows(qs: QuerySet[Recommendation], user: User) -> QuerySet[Recommendation]:
    """Recommendations with the person's organisation's response to each (id, status, RAG)."""
    own = Response.objects.filter(
        recommendation=OuterRef("pk"), organisation_id=organisation_id_of(user)
    )
    return qs.select_related("report__inspectorate").annotate(
        own_response_id=Subquery(own.values("pk")[:1]),
        own_response_status=Subquery(own.values("status")[:1]),
        own_response_rag=Subquery(own.values("rag")[:1]),
    )


def updates_rows(qs: QuerySet[Update]) -> QuerySet[Update]:
    """Updates with their author, recommendation and how many evidence files they carry."""
    return qs.select_related("author", "response__recommendation").annotate(
        evidence_count=Count("evidence")
    )
