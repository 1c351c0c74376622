"""What every write of the inspection programme checks first: who is acting, and that two people
editing the same record do not overwrite each other."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

from oversight.accounts.policies import require_liaison
from oversight.conflicts import EditConflict, check_version
from oversight.inspections.history import describe_changes

M = TypeVar("M", bound=models.Model)


def checked(instance: M, expected_version: int | None) -> M:
    """Lock the row and return it fresh; if someone saved it after `expected_version`, raise
    EditConflict naming what they changed in words (organisations by name, lists as lists)."""
    try:
        return check_version(instance, expected_version)
    except EditConflict as conflict:
        if expected_version is None:
            raise
        tracked: Any = instance  # every versioned record keeps its history (simple_history)
        history = tracked.history.order_by("-history_date", "-history_id")
        seen = history.filter(version=int(expected_version)).first()
        latest = history.first()
        if seen is not None and latest is not None:
            conflict.changes = describe_changes(latest, seen)
        raise


def clean_lines(lines) -> list[str]:
    """A list typed one item a line: blank lines and surrounding spaces dropped."""
    if isinstance(lines, str):
        lines = lines.splitlines()
    return [line.strip() for line in lines if line and line.strip()]


__all__ = ["checked", "clean_lines", "require_liaison"]
