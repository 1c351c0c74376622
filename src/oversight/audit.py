"""The audit trail: who made a change and why, attached to the history row a save writes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db import models

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
    stamp(instance, actor=actor, reason=reason)
    instance.full_clean()
    instance.save(**kwargs)
    return instance
