"""The audit trail: who made a change and why, attached to the history row a save writes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db import models, router
from django.db.models.deletion import Collector

from oversight import indexing
from oversight.conflicts import bump

M = TypeVar("M", bound=models.Model)

_origin: ContextVar[str] = ContextVar("audit_origin", default="")


@contextmanager
def origin(words: str) -> Iterator[None]:
    """Every change saved inside says where it came from first ("Imported from x.csv (SHA-256
    …): RAG confirmed as Red"), so a service's own reason keeps the import's provenance."""
    token = _origin.set(words)
    try:
        yield
    finally:
        _origin.reset(token)


def stamp(instance: M, *, actor: Any, reason: str = "") -> M:
    """Mark the next save of `instance` with who made it and why (django-simple-history)."""
    if actor is not None:
        instance._history_user = actor  # type: ignore[attr-defined]
    prefix = _origin.get()
    if prefix and reason and not reason.startswith(prefix):
        reason = f"{prefix}: {reason}"
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]
    return instance


def save(instance: M, *, actor: Any, reason: str = "", **kwargs: Any) -> M:
    """The one way a service saves a record: validated, saved with who and why in its
    history, and (if it is searchable) its search entry written once the transaction commits."""
    stamp(instance, actor=actor, reason=reason)
    instance.full_clean()
    instance.save(**kwargs)
    indexing.changed(instance)
    return instance


def update(instance: M, *, actor: Any, reason: str, **changes: Any) -> M:
    """The one way a service changes a record it holds (in the style of HackSoft's
    `model_update`): each change set, the version raised where the record has one (the
    record's row locked and its version checked first by `conflicts.check_version`, where a
    form sent one), then validated, saved with who and why, and indexed, as `save` does. A
    name that is not a field of the record is refused, never set as a stray attribute."""
    fields = {f.name for f in instance._meta.concrete_fields}
    fields |= {f.attname for f in instance._meta.concrete_fields}
    unknown = sorted(set(changes) - fields)
    if unknown:
        raise TypeError(f"{type(instance).__name__} has no field {', '.join(unknown)}")
    for name, value in changes.items():
        setattr(instance, name, value)
    if "version" in fields:
        bump(instance)
    return save(instance, actor=actor, reason=reason)


def delete(instance: models.Model, *, actor: Any, reason: str) -> None:
    """The one way a service deletes a record: who and why in the history row the deletion
    writes, and its search entry (if any) removed once the transaction commits."""
    stamp(instance, actor=actor, reason=reason)
    going = _searchable_going_with(instance)
    instance.delete()
    for model, pk in going:
        indexing.removed(model, pk)


def _searchable_going_with(instance: models.Model) -> list[tuple[type[models.Model], int]]:
    """The record and every searchable record its deletion cascades to (a report's findings,
    say), so none is left in the search index."""
    collector = Collector(using=router.db_for_write(type(instance)))
    collector.collect([instance])
    going = [
        (model, obj.pk)
        for model, objs in collector.data.items()
        if indexing.searchable(model)
        for obj in objs
    ]
    for qs in collector.fast_deletes:
        if indexing.searchable(qs.model):
            going += [(qs.model, pk) for pk in qs.values_list("pk", flat=True)]
    return going
