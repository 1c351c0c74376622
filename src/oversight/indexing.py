"""Keeping the search index in step with the record, after each commit.

Every write of a searchable record goes through `audit.save` (or, for a deletion, calls
`removed`), which calls `changed`: the record is noted, and once the transaction commits the
search index (registered by the dashboards app, which owns it) reads each noted record again
and writes its entry, all in one short transaction of its own. A write that rolls back leaves
nothing in the index; a record noted and then rolled back is simply read again (and left out
if it is gone). Nothing here knows what the index holds: the apps below it call two functions,
the app above registers what to do.

Writes that skip `audit.save` (queryset.update, bulk_create) are caught by
`oversight search_index`, which rebuilds everything.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from django.db import models, transaction

Key = tuple[type[models.Model], int]
Indexer = Callable[[dict[type[models.Model], set[int]]], None]

_indexer: Indexer | None = None
_searchable: frozenset[type[models.Model]] = frozenset()
_local = threading.local()


def register(indexer: Indexer, searchable: Iterable[type[models.Model]]) -> None:
    """The search index says which models it holds and how to bring their entries up to date
    (given each model's noted primary keys)."""
    global _indexer, _searchable
    _indexer = indexer
    _searchable = frozenset(searchable)


def _pending() -> set[Key]:
    if not hasattr(_local, "pending"):
        _local.pending = set()
    return _local.pending


def changed(instance: models.Model) -> None:
    """`instance` was saved: its search entry is written once the transaction commits."""
    model = type(instance)
    if model not in _searchable or instance.pk is None:
        return
    _pending().add((model, instance.pk))
    # One flush per call, all but the first finding nothing left to do. Registered with the
    # transaction, it is dropped with it on a rollback; the noted key then waits for the next
    # commit, which reads the record again (the index never says more than the record).
    transaction.on_commit(flush, robust=True)


def removed(model: type[models.Model], pk: int) -> None:
    """A record was deleted: its entry goes once the transaction commits."""
    if model not in _searchable:
        return
    _pending().add((model, pk))
    transaction.on_commit(flush, robust=True)


def searchable(model: type[models.Model]) -> bool:
    return model in _searchable


def forget() -> None:
    """Drop what this thread has noted (the tests start each test with nothing noted)."""
    _pending().clear()


def flush() -> None:
    """Bring the entries of every noted record up to date (now, whatever the transaction).

    If the index cannot be written (the database busy, say), the records stay noted and the
    next commit in this process tries again; the error is logged (the callback is robust: the
    person's save has committed and stands). `oversight run-scheduled` rebuilds the whole index
    each night, which catches what a process that died between commit and flush left."""
    pending = _pending()
    if not pending or _indexer is None:
        return
    noted = set(pending)
    pending.clear()
    by_model: dict[type[models.Model], set[int]] = {}
    for model, pk in noted:
        by_model.setdefault(model, set()).add(pk)
    try:
        _indexer(by_model)
    except Exception:
        pending |= noted
        raise
