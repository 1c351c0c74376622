"""Turns django-simple-history rows into a readable audit trail: who, when, field, old → new."""

from __future__ import annotations

from collections.abc import Iterable

IGNORED_FIELDS = {"version", "updated_at", "created_at"}


def _display(record, field_name: str) -> str:
    field = record.instance_type._meta.get_field(field_name)
    value = getattr(record, field.attname, None)
    if value in (None, ""):
        return "(blank)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        try:
            return str(getattr(record, field_name))
        except Exception:  # the related row may be gone from the live table
            return f"#{value}"
    return str(value)


def field_changes(records: Iterable) -> list[dict]:
    """One entry per history row, newest first, each with the fields it changed."""
    records = list(records)
    entries = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in IGNORED_FIELDS:
                    continue
                label = record.instance_type._meta.get_field(change.field).verbose_name
                changes.append(
                    {
                        "field": str(label).capitalize(),
                        "old": _display(previous, change.field),
                        "new": _display(record, change.field),
                    }
                )
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user.display_name if record.history_user else "System",
                "action": {"+": "Created", "~": "Changed", "-": "Deleted"}[record.history_type],
                "reason": record.history_change_reason or "",
                "changes": changes,
            }
        )
    return entries
