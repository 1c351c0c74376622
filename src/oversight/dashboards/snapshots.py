"""Monthly snapshots: the figures the trend is drawn from.

- `figures_now(today)`: every organisation's figures today, in three aggregate queries.
- `snapshot_take(today)`: store them as this month's snapshot (idempotent: one row per
  organisation and month, replaced by a later run in the same month, so a month keeps the
  figures of its last run).
- `snapshots_backfill(today)`: reconstruct the months before this one that have no snapshot
  (never replacing one), from the record's history where it reaches back that far, otherwise
  from the record's own dates (see `_state_from_dates`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from oversight.dashboards.models import MonthlySnapshot, SnapshotSource
from oversight.recommendations.choices import CLOSED_STATUSES, ENDED_STATUSES, ResponseStatus
from oversight.recommendations.selectors import figures as response_figures

RAG_FIELDS = {"red": "red", "amber": "amber", "green": "green", "": "not_rated"}


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(first: dt.date) -> dt.date:
    return next_month(first) - dt.timedelta(days=1)


def next_month(first: dt.date) -> dt.date:
    return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


@dataclass
class Figures:
    """One organisation's responses at a day."""

    total: int = 0
    open: int = 0
    closed: int = 0
    closed_in_month: int = 0
    overdue: int = 0
    red: int = 0
    amber: int = 0
    green: int = 0
    not_rated: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    def add(self, *, status: str, rag: str, overdue: bool, closed_in_month: bool) -> None:
        self.total += 1
        self.by_status[status] = self.by_status.get(status, 0) + 1
        if status == ResponseStatus.NOT_APPLICABLE:
            return  # neither open nor closed: nothing was done, and nothing is owed
        if status in CLOSED_STATUSES:
            self.closed += 1
            self.closed_in_month += int(closed_in_month)
            return
        self.open += 1
        self.overdue += int(overdue)
        name = RAG_FIELDS.get(rag or "")
        if name:
            setattr(self, name, getattr(self, name) + 1)

    def as_fields(self) -> dict:
        return {
            "total": self.total,
            "open": self.open,
            "closed": self.closed,
            "closed_in_month": self.closed_in_month,
            "overdue": self.overdue,
            "red": self.red,
            "amber": self.amber,
            "green": self.green,
            "not_rated": self.not_rated,
            "by_status": dict(sorted(self.by_status.items())),
        }


def figures_now(today: dt.date, organisation_ids: list[int] | None = None) -> dict[int, Figures]:
    """Every organisation's figures today (or only those listed): aggregates, not rows."""
    out: dict[int, Figures] = defaultdict(Figures)
    for row in response_figures.status_rag_counts(organisation_ids):
        f = out[row["organisation_id"]]
        f.total += row["n"]
        f.by_status[row["status"]] = f.by_status.get(row["status"], 0) + row["n"]
        if row["status"] in CLOSED_STATUSES:
            f.closed += row["n"]
        elif row["status"] != ResponseStatus.NOT_APPLICABLE:
            f.open += row["n"]
            name = RAG_FIELDS.get(row["rag"] or "")
            if name:
                setattr(f, name, getattr(f, name) + row["n"])
    for row in response_figures.overdue_and_closed(
        today=today, since=month_start(today), organisation_ids=organisation_ids
    ):
        out[row["organisation_id"]].overdue = row["overdue"]
        out[row["organisation_id"]].closed_in_month = row["closed_in_month"]
    for f in out.values():
        f.by_status = dict(sorted(f.by_status.items()))
    return dict(out)


def snapshot_take(*, today: dt.date) -> int:
    """Store this month's snapshot of every organisation with responses; return how many."""
    figures = figures_now(today)
    with transaction.atomic():
        for organisation_id, f in figures.items():
            MonthlySnapshot.objects.update_or_create(
                organisation_id=organisation_id,
                month=month_start(today),
                defaults={**f.as_fields(), "as_at": today, "source": SnapshotSource.RECORDED},
            )
    return len(figures)


# --- Backfill ------------------------------------------------------------------------------


@dataclass
class _Past:
    """What is known about one response for reconstructing its past."""

    began: dt.date  # published (or entered into Oversight)
    due_on: dt.date | None
    status: str
    closed_on: dt.date | None
    updates: list[tuple[dt.date, str]]  # (written on, proposed RAG), oldest first
    history: list[tuple[dt.date, str, str, dt.date | None]]  # oldest first
    # (day recorded, status, rag, due date then)


def _load(organisation_id: int) -> list[_Past]:
    responses = response_figures.responses_dated(organisation_id)
    updates = response_figures.proposed_rags(organisation_id)
    history = response_figures.recorded_states(organisation_id)
    out = []
    for r in responses:
        began = r["recommendation__report__published_on"] or r["created_at"].date()
        out.append(
            _Past(
                began=began,
                due_on=r["recommendation__due_on"],
                status=r["status"],
                closed_on=r["closed_on"],
                updates=updates.get(r["id"], []),
                history=[
                    (day, status, rag, revised or r["recommendation__due_on"])
                    for day, status, rag, revised in history.get(r["id"], [])
                ],
            )
        )
    return out


def _state_from_history(past: _Past, day: dt.date):
    """(status, rag, due) as recorded on `day`, if Oversight held the response by then."""
    known = [h for h in past.history if h[0] <= day]
    if not known:
        return None
    _, status, rag, due = known[-1]
    return status, rag, due


def _state_from_dates(past: _Past, day: dt.date):
    """(status, rag, due) worked out from the record's own dates, for a day before the
    response was in Oversight: it existed once its report was published; it was closed from
    its closing date; in progress once its owner had written an update; rated with the RAG
    its latest update then proposed (else not rated)."""
    if past.began > day:
        return None
    if past.closed_on and past.closed_on <= day and past.status in CLOSED_STATUSES:
        return past.status, "", past.due_on
    written = [u for u in past.updates if u[0] <= day]
    status = "in_progress" if written else "open"
    rag = written[-1][1] if written else ""
    return status, rag, past.due_on


def figures_at(pasts: list[_Past], first: dt.date) -> tuple[Figures, bool]:
    """The figures at the end of the month starting `first`, and whether any came from the
    recorded history (rather than the record's dates)."""
    day = month_end(first)
    f = Figures()
    from_history = False
    for past in pasts:
        state = _state_from_history(past, day)
        if state:
            from_history = True
        else:
            state = _state_from_dates(past, day)
        if not state:
            continue
        status, rag, due = state
        closed = status in ENDED_STATUSES
        f.add(
            status=status,
            rag=rag,
            overdue=bool(not closed and due and due < day),
            closed_in_month=bool(closed and past.closed_on and past.closed_on >= first),
        )
    return f, from_history


def snapshots_backfill(*, today: dt.date, organisation_ids: list[int] | None = None) -> int:
    """Reconstruct every month before this one that has no snapshot; return how many were
    added. Months already recorded are never replaced, so running it twice adds nothing."""
    orgs = response_figures.organisations_with_responses(organisation_ids)
    this_month = month_start(today)
    added = 0
    for organisation_id in list(orgs):
        pasts = _load(organisation_id)
        if not pasts:
            continue
        have = set(
            MonthlySnapshot.objects.filter(organisation_id=organisation_id).values_list(
                "month", flat=True
            )
        )
        month = month_start(min(p.began for p in pasts))
        rows = []
        while month < this_month:
            if month not in have:
                f, _ = figures_at(pasts, month)
                rows.append(
                    MonthlySnapshot(
                        organisation_id=organisation_id,
                        month=month,
                        as_at=month_end(month),
                        source=SnapshotSource.RECONSTRUCTED,
                        **f.as_fields(),
                    )
                )
            month = next_month(month)
        with transaction.atomic():
            MonthlySnapshot.objects.bulk_create(rows, ignore_conflicts=True)
        added += len(rows)
    return added
