"""Turns django-simple-history rows into a readable audit trail: who, when, field, old → new.

The trail of a response gathers its own rows and those of everything hung on it (updates,
evidence, reviews, extension and closure requests), newest first.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import models

IGNORED_FIELDS = {"version", "updated_at", "created_at", "snapshot", "file"}


def _format(value) -> str:
    if isinstance(value, dt.datetime):
        return f"{value.day} {value:%B %Y at %H:%M}"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(blank)"
    return str(value)


def _display(record, field_name: str) -> str:
    field = record.instance_type._meta.get_field(field_name)
    value = getattr(record, field.attname, None)
    if value in (None, "", []):
        return "(blank)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        try:
            return str(getattr(record, field_name))
        except Exception:  # noqa: BLE001 - the related row may be gone from the live table
            return f"#{value}"
    return _format(value)


def _label(record, field_name: str) -> str:
    field = record.instance_type._meta.get_field(field_name)
    text = str(field.verbose_name)
    return text[0].upper() + text[1:]


def field_changes(records: Iterable, subject: str = "") -> list[dict]:
    """One entry per history row of ONE record, newest first, each with the fields it changed."""
    records = list(records)
    entries = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            for change in record.diff_against(previous).changes:
                if change.field in IGNORED_FIELDS:
                    continue
                changes.append(
                    {
                        "field": _label(record, change.field),
                        "old": _display(previous, change.field),
                        "new": _display(record, change.field),
                    }
                )
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user.display_name if record.history_user else "System",
                "action": {"+": "Created", "~": "Changed", "-": "Deleted"}[record.history_type],
                "subject": subject or _subject(record),
                "reason": record.history_change_reason or "",
                "changes": changes,
            }
        )
    return entries


def _subject(record) -> str:
    try:
        return str(record.instance)
    except Exception:  # noqa: BLE001
        return record.instance_type._meta.verbose_name.capitalize()


def trail(sources: Iterable[tuple[str, models.QuerySet]]) -> list[dict]:
    """Merge the history of several records into one trail, newest first.

    `sources` are (label, historical queryset) pairs; rows are grouped per record so that each
    change is compared with that record's previous row.
    """
    entries: list[dict] = []
    for label, queryset in sources:
        per_record: dict[int, list] = defaultdict(list)
        for row in queryset.select_related("history_user").order_by("-history_date", "-history_id"):
            per_record[row.id].append(row)
        for rows in per_record.values():
            for entry in field_changes(rows):
                entry["subject"] = f"{label}: {entry['subject']}" if label else entry["subject"]
                entries.append(entry)
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries
