"""The reads of imports, scoped to the person's organisation."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from oversight.accounts.models import User
from oversight.accounts.policies import organisation_id_of
from oversight.ingest.models import ImportBatch, ImportedRecord


def batches_for(user: User) -> QuerySet[ImportBatch]:
    """The organisation's imports, newest first (without the file bytes)."""
    return (
        ImportBatch.objects.filter(organisation_id=organisation_id_of(user))
        .defer("content", "extraction")
        .select_related("created_by", "decided_by")
    )


def batch_for(user: User, pk: int) -> ImportBatch:
    """One import of the person's organisation; 404 for anyone else's."""
    return get_object_or_404(
        ImportBatch.objects.filter(organisation_id=organisation_id_of(user)).select_related(
            "organisation", "created_by", "decided_by"
        ),
        pk=pk,
    )


def batch_records(batch: ImportBatch) -> list[ImportedRecord]:
    """What an import created or changed, in the order it did it."""
    return list(
        batch.records.select_related(
            "recommendation",
            "response__recommendation",
            "update__response__recommendation",
            "report",
            "inspection",
        )
    )
