"""Monthly snapshots: idempotent per month, backfill never replaces, and the demo has a trend."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from oversight.accounts.models import User
from oversight.dashboards.models import MonthlySnapshot, SnapshotSource
from oversight.dashboards.snapshots import month_end, next_month, snapshot_take
from oversight.recommendations.models import ResponseStatus
from tests.factories import OrganisationFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("snapshot", *args, stdout=out)
    return out.getvalue()


def test_snapshot_is_idempotent_per_month():
    force = OrganisationFactory()
    ResponseFactory(organisation=force, rag="red")
    ResponseFactory(organisation=force, status=ResponseStatus.CLOSED, closed_on=dt.date(2026, 1, 2))
    run("--today", "2026-01-10")
    run("--today", "2026-01-10")
    assert MonthlySnapshot.objects.filter(organisation=force).count() == 1
    snap = MonthlySnapshot.objects.get(organisation=force)
    assert (snap.open, snap.closed, snap.red, snap.closed_in_month) == (1, 1, 1, 1)
    assert snap.source == SnapshotSource.RECORDED
    # a later run in the same month replaces the figures: the month keeps its last run
    ResponseFactory(organisation=force, rag="green")
    run("--today", "2026-01-31")
    snap = MonthlySnapshot.objects.get(organisation=force)
    assert (snap.open, snap.green, snap.as_at) == (2, 1, dt.date(2026, 1, 31))
    run("--today", "2026-02-01")
    assert MonthlySnapshot.objects.filter(organisation=force).count() == 2


def test_backfill_never_replaces_and_adds_nothing_the_second_time():
    force = OrganisationFactory()
    ResponseFactory(organisation=force, recommendation__report__published_on=dt.date(2025, 10, 5))
    snapshot_take(today=dt.date(2025, 11, 30))  # recorded at the time
    MonthlySnapshot.objects.filter(month=dt.date(2025, 11, 1)).update(open=99)
    first = run("--backfill-only", "--today", "2026-02-15")
    assert "Reconstructed 3 " in first  # October and December 2025, January 2026
    assert "Reconstructed 0 " in run("--backfill-only", "--today", "2026-02-15")
    months = dict(MonthlySnapshot.objects.filter(organisation=force).values_list("month", "source"))
    assert months == {
        dt.date(2025, 10, 1): SnapshotSource.RECONSTRUCTED,
        dt.date(2025, 11, 1): SnapshotSource.RECORDED,
        dt.date(2025, 12, 1): SnapshotSource.RECONSTRUCTED,
        dt.date(2026, 1, 1): SnapshotSource.RECONSTRUCTED,
    }
    assert MonthlySnapshot.objects.get(month=dt.date(2025, 11, 1)).open == 99


def test_month_arithmetic():
    assert next_month(dt.date(2022, 12, 1)) == dt.date(2023, 1, 1)
    assert month_end(dt.date(2024, 2, 1)) == dt.date(2024, 2, 29)


@pytest.fixture
def demo(db):
    from oversight.demo.load import load_demo

    load_demo()


def test_the_demo_backfill_shows_the_record_month_by_month(demo):
    run("--backfill", "--today", "2026-11-23")
    force = User.objects.get(username="liaison").organisation  # West Midlands Police
    snaps = {s.month: s for s in MonthlySnapshot.objects.filter(organisation=force)}
    jan, feb, mar, jul = (dt.date(2022, m, 1) for m in (1, 2, 3, 7))
    # five causes of concern published 2017–2019; the three rape recommendations in Feb 2022
    assert (snaps[jan].open, snaps[feb].open) == (5, 8)
    # not rated until the March 2022 update (3 amber), all rated after the July updates
    assert (snaps[feb].not_rated, snaps[mar].amber, snaps[mar].not_rated) == (8, 3, 5)
    assert (snaps[jul].amber, snaps[jul].green, snaps[jul].not_rated) == (7, 1, 0)
    # two of the demo's closure requests of July 2022 are waiting for their check and sign-off
    assert snaps[jul].by_status == {"in_progress": 6, "ready_for_closure": 2}
    assert snaps[dt.date(2026, 11, 1)].source == SnapshotSource.RECORDED
