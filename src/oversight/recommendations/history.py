"""Turns django-simple-history rows into a readable audit trail: who, when, field, old → new.

The trail of a response gathers its own rows and those of everything hung on it (updates,
evidence, reviews, extension and closure requests), newest first. Each change is worded by
`oversight.history` (`RESPONSES`: lists with commas, dates and times in words). Unlike the
inspection programme's trail, every row is listed, even a save that changed nothing shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import models

from oversight.history import ACTIONS, RESPONSES, describe_changes, who

IGNORED_FIELDS = RESPONSES.hidden


def field_changes(records: Iterable, subject: str = "") -> list[dict]:
    """One entry per history row of ONE record, newest first, each with the fields it changed."""
    records = list(records)
    entries = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            changes = describe_changes(record, previous, RESPONSES)
        entries.append(
            {
                "when": record.history_date,
                "who": who(record),
                "action": ACTIONS[record.history_type],
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
