"""The audit trail: who made a change and why, attached to the history row a save writes."""

from __future__ import annotations

from django.db import models


def stamp(instance: models.Model, *, actor, reason: str = "") -> models.Model:
    """Mark the next save of `instance` with who made it and why (django-simple-history)."""
    if actor is not None:
        instance._history_user = actor
    if reason:
        instance._change_reason = reason
    return instance


def save(instance: models.Model, *, actor, reason: str = "", **kwargs) -> models.Model:
    stamp(instance, actor=actor, reason=reason)
    instance.full_clean()
    instance.save(**kwargs)
    return instance
