"""The audit trail: who made a change and why, attached to the history row a save writes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db import models

from oversight import indexing

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


def delete(instance: models.Model, *, actor: Any, reason: str) -> None:
    """The one way a service deletes a record: who and why in the history row the deletion
    writes, and its search entry (if any) removed once the transaction commits."""
    stamp(instance, actor=actor, reason=reason)
    model, pk = type(instance), instance.pk
    instance.delete()
    indexing.removed(model, pk)
