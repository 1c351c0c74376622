"""What each record contributes to the search index, and keeping the index in step.

The services write records through `audit.save`, which notes each searchable one with
`oversight.indexing`; after the commit, `apply` (registered in DashboardsConfig.ready) writes
their entries. Writes that skip it (queryset.update, bulk_create) are caught by
`oversight search_index`, which rebuilds everything.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from oversight import indexing
from oversight.dashboards.models import SearchEntry, SearchKind
from oversight.dashboards.search import fulltext
from oversight.dates import long_date
from oversight.inspections.models import Finding, Inspection, Report
from oversight.recommendations.models import Recommendation, Update

MODELS = {
    SearchKind.RECOMMENDATION: Recommendation,
    SearchKind.UPDATE: Update,
    SearchKind.INSPECTION: Inspection,
    SearchKind.REPORT: Report,
    SearchKind.FINDING: Finding,
}
KIND_OF = {model: kind for kind, model in MODELS.items()}


def _join(*parts) -> str:
    return "\n\n".join(str(p).strip() for p in parts if p and str(p).strip())


def recommendation_title(rec: Recommendation) -> str:
    return f"{rec.title}: {rec.theme}" if rec.theme else rec.title


def document(kind: str, obj) -> tuple[str, str, object]:
    """(title, body, date) of one record."""
    if kind == SearchKind.RECOMMENDATION:
        return recommendation_title(obj), _join(obj.text), obj.report.published_on
    if kind == SearchKind.UPDATE:
        rec = obj.response.recommendation
        title = f"Update of {long_date(obj.written_on)} on {recommendation_title(rec)}"
        return title, _join(obj.narrative, obj.next_steps), obj.written_on
    if kind == SearchKind.INSPECTION:
        body = _join(
            obj.summary,
            "\n".join(obj.debrief_strengths or []),
            "\n".join(obj.debrief_areas_to_consider or []),
            obj.debrief_notes,
        )
        return obj.title, body, obj.start_on
    if kind == SearchKind.REPORT:
        return obj.title, _join(obj.summary), obj.published_on
    if kind == SearchKind.FINDING:
        return obj.heading or "Finding", _join(obj.text), obj.report.published_on
    raise ValueError(f"Nothing to index for {kind!r}")


def organisation_of(kind: str, obj) -> int | None:
    """The organisation whose record it is; None for a record every organisation shares."""
    if kind == SearchKind.UPDATE:
        return obj.response.organisation_id
    if kind in (SearchKind.RECOMMENDATION, SearchKind.FINDING):
        return obj.organisation_id if kind == SearchKind.FINDING else obj.report.organisation_id
    return obj.organisation_id  # inspections and reports


def entry_fields(kind: str, obj) -> dict:
    title, body, on = document(kind, obj)
    return {
        "title": title[:600],
        "body": body,
        "dated": on,
        "organisation_id": organisation_of(kind, obj),
    }


def _queryset(kind: str):
    model = MODELS[kind]
    related = {
        SearchKind.RECOMMENDATION: ["report"],
        SearchKind.UPDATE: ["response__recommendation"],  # and its organisation_id
        SearchKind.FINDING: ["report"],
    }.get(kind, [])
    return model.objects.select_related(*related).order_by("pk")


def rebuild(kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Rebuild the index from the records (and the full-text machinery); return counts."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        fulltext.install(connection)
        for kind in kinds or MODELS:
            SearchEntry.objects.filter(kind=kind).delete()
            batch = []
            for obj in _queryset(kind).iterator(chunk_size=500):
                batch.append(SearchEntry(kind=kind, object_id=obj.pk, **entry_fields(kind, obj)))
                if len(batch) >= 500:
                    SearchEntry.objects.bulk_create(batch)
                    batch = []
            SearchEntry.objects.bulk_create(batch)
            counts[kind] = SearchEntry.objects.filter(kind=kind).count()
    return counts


def apply(noted: dict[type, set[int]]) -> None:
    """Bring the entries of the noted records up to date, in one transaction: each found is
    written as it now reads, each gone is removed. `oversight.indexing` calls it after the
    commit that wrote them (registered in DashboardsConfig.ready).

    Each record is read with its row locked (PostgreSQL; SQLite writes one at a time anyway),
    so an index written after an earlier commit waits for a later save in progress and then
    reads it, never writing older words over newer ones. Kinds go in one order everywhere, so
    two processes indexing at once never wait on each other in a circle. A report's entry
    gives its recommendations and findings their date and organisation: they are written
    again with it."""
    pending = {KIND_OF[model]: set(pks) for model, pks in noted.items()}
    with transaction.atomic():
        if pending.get(SearchKind.REPORT):
            reports = pending[SearchKind.REPORT]
            for kind, model in (
                (SearchKind.RECOMMENDATION, Recommendation),
                (SearchKind.FINDING, Finding),
            ):
                under = model.objects.filter(report_id__in=reports).values_list("pk", flat=True)
                pending.setdefault(kind, set()).update(under)
        for kind in MODELS:  # SearchKind order: the one order of every flush
            ordered = sorted(pending.get(kind, ()))
            for start in range(0, len(ordered), CHUNK):
                _apply(kind, set(ordered[start : start + CHUNK]))


CHUNK = 500  # records read at a time (a large import notes thousands in one commit)


ENTRY_FIELDS = ["title", "body", "dated", "organisation_id"]


def _apply(kind: str, pks: set[int]) -> None:
    """One chunk: the records read (locked), their entries read, then written in bulk (a
    large import's flush is a few queries per 500 records, not a few per record)."""
    locked = _queryset(kind).select_for_update(of=("self",))
    found = {obj.pk: obj for obj in locked.filter(pk__in=pks)}
    gone = pks - found.keys()
    if gone:
        SearchEntry.objects.filter(kind=kind, object_id__in=gone).delete()
    existing = {e.object_id: e for e in SearchEntry.objects.filter(kind=kind, object_id__in=found)}
    new, changed, retitled = [], [], []
    for pk, obj in found.items():
        fields = entry_fields(kind, obj)
        entry = existing.get(pk)
        if entry is None:
            new.append(SearchEntry(kind=kind, object_id=pk, **fields))
            continue
        if kind == SearchKind.RECOMMENDATION and entry.title != fields["title"]:
            retitled.append(obj)
        for name, value in fields.items():
            setattr(entry, name, value)
        changed.append(entry)
    SearchEntry.objects.bulk_create(new, batch_size=CHUNK)
    SearchEntry.objects.bulk_update(changed, ENTRY_FIELDS, batch_size=CHUNK)
    for recommendation in retitled:
        _retitle_updates(recommendation)


def _retitle_updates(recommendation: Recommendation) -> None:
    """Its updates' entries carry its title: write the new one to them all at once (a national
    recommendation has updates from every force)."""
    mine = Update.objects.filter(response__recommendation=recommendation).select_related("response")
    updates = {u.pk: u for u in mine}
    entries = list(SearchEntry.objects.filter(kind=SearchKind.UPDATE, object_id__in=updates))
    for entry in entries:
        update = updates[entry.object_id]
        update.response.recommendation = recommendation
        entry.title = document(SearchKind.UPDATE, update)[0][:600]
    SearchEntry.objects.bulk_update(entries, ["title"], batch_size=500)


def connect() -> None:
    indexing.register(apply, MODELS.values())
