"""The audit trail, readable: who, when, what changed (old → new).

django-simple-history keeps a row per save. This turns those rows into entries and names the
changes in words a person reads: organisations by name, lists as lists, dates as dates.

Three screens word history, and not quite alike; a `Wording` says how one does:
- the inspection programme (the default): derived dates and positions hidden, lists with "; ";
- a response's or recommendation's trail (`RESPONSES`): lists with ", ", derived dates shown;
- "someone else changed this" on an edit conflict (`CONFLICT`): values as stored.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models

from oversight.dates import long_date

# Bookkeeping nobody types: counters, stamps, stored files and snapshots.
BOOKKEEPING = frozenset(
    {"id", "version", "created_at", "updated_at", "snapshot", "file"},
)
# Fields of the inspection programme worked out from the words people type, or kept in order.
DERIVED = frozenset(
    {
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
)
HIDDEN_FIELDS = BOOKKEEPING | DERIVED
ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass(frozen=True)
class Wording:
    """How one screen words the changes of a history row."""

    hidden: frozenset[str] = HIDDEN_FIELDS  # fields never listed
    separator: str = "; "  # between the items of a list
    removed: str = "#{pk} (since removed)"  # a related row that is no longer there
    as_stored: bool = False  # dates, lists and yes/no as stored, not in words
    sentence_case: bool = False  # "RAG rating" → "Rag rating" (str.capitalize)


PROGRAMME = Wording()
RESPONSES = Wording(hidden=BOOKKEEPING, separator=", ", removed="#{pk}")
CONFLICT = Wording(hidden=BOOKKEEPING, removed="#{pk}", as_stored=True, sentence_case=True)


def label(model: type[models.Model], name: str, wording: Wording = PROGRAMME) -> str:
    text = str(model._meta.get_field(name).verbose_name)
    if wording.sentence_case:
        return text.capitalize()
    return text[:1].upper() + text[1:]


def _related_name(model: type[models.Model], pk, removed: str = PROGRAMME.removed) -> str:
    found = model._default_manager.filter(pk=pk).first()
    return str(found) if found is not None else removed.format(pk=pk)


def _related_through(record, field, pk, removed: str) -> str:
    """The related row as a history row names it (using what was selected with it)."""
    try:
        return str(getattr(record, field.name))
    except Exception:  # noqa: BLE001 - the related row may be gone from the live table
        return removed.format(pk=pk)


def show(
    model: type[models.Model], name: str, value, wording: Wording = PROGRAMME, record=None
) -> str:
    """A stored value in words. With `record` (the history row holding it), a related row is
    read through that row; otherwise looked up by its key."""
    field = model._meta.get_field(name)
    if field.many_to_many and not wording.as_stored:
        target = field.m2m_reverse_field_name()
        pks = [row.get(target) for row in value or [] if isinstance(row, dict)]
        names = sorted(_related_name(field.related_model, pk, wording.removed) for pk in pks)
        return ", ".join(names) if names else "(none)"
    if value in ((None, "") if wording.as_stored else (None, "", [])):
        return "(blank)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        pk = value.pk if isinstance(value, models.Model) else value
        if record is not None:
            return _related_through(record, field, pk, wording.removed)
        return _related_name(field.related_model, pk, wording.removed)
    if wording.as_stored:
        return str(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return wording.separator.join(str(v) for v in value) or "(blank)"
    if isinstance(value, dt.datetime):
        return f"{value.day} {value:%B %Y at %H:%M}"
    if isinstance(value, dt.date):
        return f"{long_date(value)}"
    return str(value)


def describe_changes(newer, older, wording: Wording = PROGRAMME) -> list[dict]:
    """The fields that differ between two history rows of one record, in words."""
    model = newer.instance_type
    changes = []
    for change in newer.diff_against(older).changes:
        if change.field in wording.hidden:
            continue
        changes.append(
            {
                "field": label(model, change.field, wording),
                "old": show(model, change.field, change.old, wording, record=older),
                "new": show(model, change.field, change.new, wording, record=newer),
            }
        )
    return changes


def who(record, nobody: str = "System", viewer_org_id: int | None = None) -> str:
    """Who made the change; for a record shared by every organisation (a national
    recommendation or report), a person of another organisation is named by their
    organisation only."""
    person = record.history_user
    if person is None:
        return nobody
    if viewer_org_id is not None and person.organisation_id != viewer_org_id:
        return f"Someone at {person.organisation}" if person.organisation_id else "An operator"
    return person.display_name


def reason(record, viewer_org_id: int | None = None) -> str:
    """Why, as recorded; not shown for another organisation's change (it may name its files)."""
    person = record.history_user
    if viewer_org_id is not None and person is not None and person.organisation_id != viewer_org_id:
        return ""
    return record.history_change_reason or ""


def entries(
    records: Iterable,
    subject: Callable[[object], str] | None = None,
    viewer_org_id: int | None = None,
) -> list[dict]:
    """One entry per history row (any mix of records), newest first; `viewer_org_id` names
    other organisations' people by their organisation (who).

    A save that changed nothing a person typed is left out."""
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
                    "who": who(record, viewer_org_id=viewer_org_id),
                    "action": ACTIONS[record.history_type],
                    "subject": subject(record) if subject else "",
                    "reason": reason(record, viewer_org_id),
                    "changes": changes,
                    "order": (record.history_date, record.history_id),
                }
            )
    result.sort(key=lambda e: e["order"], reverse=True)
    return result
