"""The audit trail of the inspection programme, readable: who, when, what changed (old → new).

django-simple-history keeps a row per save. This turns those rows into entries, for one record
and the rows that belong to it (an inspection's participants, steps and follow-up actions), and
names the changes in words a person reads: organisations by name, lists as lists, dates as dates.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import models

# Fields people never type: worked out from the words, or bookkeeping.
HIDDEN_FIELDS = {
    "id",
    "version",
    "created_at",
    "updated_at",
    "start_on",
    "start_precision",
    "end_on",
    "end_precision",
    "on",
    "precision",
    "due_on",
    "due_precision",
    "position",
    "recorded_at",
    "recorded_by",
}
ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def label(model: type[models.Model], name: str) -> str:
    text = str(model._meta.get_field(name).verbose_name)
    return text[:1].upper() + text[1:]


def _related_name(model: type[models.Model], pk) -> str:
    found = model._default_manager.filter(pk=pk).first()
    return str(found) if found is not None else f"#{pk} (since removed)"


def show(model: type[models.Model], name: str, value) -> str:
    """A stored value in words."""
    field = model._meta.get_field(name)
    if field.many_to_many:
        target = field.m2m_reverse_field_name()
        pks = [row.get(target) for row in value or [] if isinstance(row, dict)]
        names = sorted(_related_name(field.related_model, pk) for pk in pks)
        return ", ".join(names) if names else "(none)"
    if value in (None, "", []):
        return "(blank)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        pk = value.pk if isinstance(value, models.Model) else value
        return _related_name(field.related_model, pk)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def describe_changes(newer, older) -> list[dict]:
    """The fields that differ between two history rows of one record, in words."""
    model = newer.instance_type
    changes = []
    for change in newer.diff_against(older).changes:
        if change.field in HIDDEN_FIELDS:
            continue
        changes.append(
            {
                "field": label(model, change.field),
                "old": show(model, change.field, change.old),
                "new": show(model, change.field, change.new),
            }
        )
    return changes


def entries(records: Iterable, subject: Callable[[object], str] | None = None) -> list[dict]:
    """One entry per history row (any mix of records), newest first."""
    by_object: dict[tuple, list] = defaultdict(list)
    for record in records:
        by_object[(record.instance_type, record.id)].append(record)
    result = []
    for rows in by_object.values():
        rows.sort(key=lambda r: (r.history_date, r.history_id))
        for index, record in enumerate(rows):
            previous = rows[index - 1] if index else None
            changes = []
            if previous is not None and record.history_type == "~":
                changes = describe_changes(record, previous)
                if not changes:
                    continue  # a save that changed nothing a person typed
            result.append(
                {
                    "when": record.history_date,
                    "who": record.history_user.display_name if record.history_user else "System",
                    "action": ACTIONS[record.history_type],
                    "subject": subject(record) if subject else "",
                    "reason": record.history_change_reason or "",
                    "changes": changes,
                    "order": (record.history_date, record.history_id),
                }
            )
    result.sort(key=lambda e: e["order"], reverse=True)
    return result
