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

from oversight.history import ACTIONS, RESPONSES, describe_changes, reason, who

IGNORED_FIELDS = RESPONSES.hidden


def field_changes(
    records: Iterable, subject: str = "", viewer_org_id: int | None = None
) -> list[dict]:
    """One entry per history row of ONE record, newest first, each with the fields it changed;
    `viewer_org_id` names other organisations' people by their organisation."""
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
                "who": who(record, viewer_org_id=viewer_org_id),
                "action": ACTIONS[record.history_type],
                "subject": subject or _subject(record),
                "reason": reason(record, viewer_org_id),
                "changes": changes,
            }
        )
    return entries


def _subject(record) -> str:
    try:
        return str(record.instance)
    except Exception:  # noqa: BLE001
        return record.instance_type._meta.verbose_name.capitalize()


def trail(
    sources: Iterable[tuple[str, models.QuerySet]], viewer_org_id: int | None = None
) -> list[dict]:
    """Merge the history of several records into one trail, newest first.

    `sources` are (label, historical queryset) pairs; rows are grouped per record so that each
    change is compared with that record's previous row.
    """
    entries: list[dict] = []
    for label, queryset in sources:
        per_record: dict[int, list] = defaultdict(list)
        rows_in_order = queryset.select_related("history_user__organisation").order_by(
            "-history_date", "-history_id"
        )
        for row in rows_in_order:
            per_record[row.id].append(row)
        for rows in per_record.values():
            for entry in field_changes(rows, viewer_org_id=viewer_org_id):
                entry["subject"] = f"{label}: {entry['subject']}" if label else entry["subject"]
                entries.append(entry)
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries
