"""Two people editing the same record: the second save is refused, with what changed under it.

Records that people edit carry a `version` raised on every save. A form sends back the
version it was drawn from; `check_version` locks the row and compares.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models

from oversight.history import CONFLICT, describe_changes

M = TypeVar("M", bound=models.Model)

IGNORED = CONFLICT.hidden


class EditConflict(Exception):
    """Someone else saved the record after the form was opened."""

    def __init__(self, changes: list[dict], who: str, when):
        self.changes = changes
        self.who = who
        self.when = when
        super().__init__(
            f"{who} changed this record while you were editing it. "
            "Check their changes below, then make yours again."
        )


def check_version(instance: M, expected_version: int | None) -> M:
    """Lock the row; raise EditConflict if it moved past `expected_version`. Returns it fresh."""
    model = type(instance)
    current = model.objects.select_for_update().get(pk=instance.pk)
    if expected_version is None or current.version == int(expected_version):
        return current
    history = current.history.order_by("-history_date", "-history_id")
    seen = history.filter(version=int(expected_version)).first()
    latest = history.first()
    changes: list[dict] = []
    if seen is not None and latest is not None:
        # Worded as stored; the inspection programme re-words them (inspections.services.access).
        changes = describe_changes(latest, seen, CONFLICT)
    who = latest.history_user.display_name if latest and latest.history_user else "Someone"
    raise EditConflict(changes, who, latest.history_date if latest else None)


def bump(instance: M) -> M:
    instance.version = (instance.version or 0) + 1
    return instance


def latest_change(instance: models.Model, *, lock: bool = False) -> int | None:
    """The id of the record's latest history row: the stamp of a form on a record that has no
    `version` of its own (people, portfolios, boards, committees). With `lock`, the row is
    locked until the transaction ends, so no save slips in between the check and the write."""
    if lock:
        list(
            type(instance)._default_manager.select_for_update().filter(pk=instance.pk).values("pk")
        )
    rows = instance.history.order_by("-history_id").values_list("history_id", flat=True)
    return rows.first()


def check_latest_change(instance: models.Model, expected: int | None) -> None:
    """Lock the row; raise EditConflict if it was saved after the form stamped `expected`."""
    current = latest_change(instance, lock=True)
    if expected is None or current is None or current == int(expected):
        return
    history = instance.history.order_by("-history_id")
    latest, seen = history.first(), history.filter(history_id=int(expected)).first()
    changes = describe_changes(latest, seen, CONFLICT) if seen is not None else []
    who = latest.history_user.display_name if latest.history_user else "Someone"
    raise EditConflict(changes, who, latest.history_date)
