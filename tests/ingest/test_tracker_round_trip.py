"""A force's first step: its own tracker. The register's own spreadsheet (Excel and CSV)
imports back into the same record with nothing to change: every column it writes is
understood, closed rows with "Blue (complete)" are read, and nothing would change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from oversight.ingest.planning import UNCHANGED
from oversight.ingest.services import ingest_confirm, ingest_preview

pytest.importorskip("oversight.ingest.readers")


@pytest.fixture
def exported(db, tmp_path):
    from oversight.accounts.models import User
    from oversight.demo.load import load_demo
    from oversight.papers import tracker as sheet
    from oversight.recommendations.selectors import RegisterFilters, register

    load_demo()
    liaison = User.objects.get(username="liaison")
    today = timezone.localdate()
    queryset = sheet.with_latest_updates(register(liaison, RegisterFilters(), today=today))
    xlsx = tmp_path / "oversight-tracker.xlsx"
    with xlsx.open("wb") as out:
        sheet.write_xlsx(queryset, out, today=today)
    csv = tmp_path / "oversight-tracker.csv"
    csv.write_text("".join(sheet.csv_lines(queryset, today=today)), encoding="utf-8")
    return liaison, {"xlsx": xlsx, "csv": csv}, queryset.count()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_registers_own_spreadsheet_imports_back_with_nothing_to_change(exported, fmt):
    liaison, files, rows = exported
    preview = ingest_preview(actor=liaison, path=files[fmt])
    plan = preview.plan
    not_understood = [c.header for c in plan.extraction.columns if not c.field]
    assert not_understood == []
    assert plan.problems == []
    assert len(plan.recommendations) == rows
    changing = [
        (i.row, i.action, i.changes, i.notes) for i in plan.recommendations if i.action != UNCHANGED
    ]
    assert changing == []
    result = ingest_confirm(batch=preview.batch, actor=liaison, today=dt.date.today())
    assert result.message == "Imported: nothing needed to change."


def test_rag_words_as_forces_write_them():
    from oversight.ingest.matching import rag_from

    for written, rag in [
        ("Blue (complete)", "blue"),
        ("Complete", "blue"),
        ("G", "green"),
        ("Amber - on track", "amber"),
        ("RED", "red"),
        ("Green (on track)", "green"),
    ]:
        assert rag_from(written) == rag, written


def test_a_changed_copy_of_the_spreadsheet_changes_what_it_says_and_only_that(exported):
    """RAG, portfolio and a progress cell with dated entries: those change; an entry with no
    date is imported as such, not as written today by the person importing."""
    import csv
    import io

    from oversight.accounts.models import Portfolio
    from oversight.recommendations.models import Response

    liaison, files, rows = exported
    table = list(csv.reader(io.StringIO(files["csv"].read_text(encoding="utf-8"))))
    header = table[0]
    col = {name: header.index(name) for name in header}
    open_rows = [r for r in table[1:] if r[col["Status"]] not in ("Closed", "Superseded")]
    first = next(r for r in open_rows if r[col["RAG"]] != "Red")
    second = next(r for r in open_rows if r is not first)
    was = first[col["RAG"]]
    first[col["RAG"]] = "Red"
    portfolio = (
        Portfolio.objects.filter(organisation=liaison.organisation)
        .exclude(name=second[col["Portfolio"]])
        .first()
    )
    second[col["Portfolio"]] = portfolio.name
    second[col["Latest update"]] = (
        "Shared with the board. 12/03/2022 – Training plan agreed. 5 June 2022: First audit done."
    )
    second[col["Latest update on"]] = ""
    changed = files["csv"].with_name("tracker-changed.csv")
    out = io.StringIO()
    csv.writer(out).writerows(table)
    changed.write_text(out.getvalue(), encoding="utf-8")

    preview = ingest_preview(actor=liaison, path=changed)
    plan = preview.plan
    by_id = {i.found.oversight_id: i for i in plan.recommendations}
    assert by_id[int(first[col["Oversight ID"]])].changes == [f"RAG: {was} → Red"]
    second_item = by_id[int(second[col["Oversight ID"]])]
    assert any(c.startswith("Portfolio:") for c in second_item.changes)
    others = [i for i in plan.recommendations if i.found.oversight_id not in by_id or i.changes]
    assert len(others) == 2
    ingest_confirm(batch=preview.batch, actor=liaison, today=dt.date(2026, 12, 2))
    response = Response.objects.get(pk=int(second[col["Oversight ID"]]))
    assert response.portfolio == portfolio
    updates = list(response.updates.order_by("written_on", "pk"))
    dated = {(u.written_on, u.narrative) for u in updates if not u.imported_from}
    assert (dt.date(2022, 3, 12), "Training plan agreed.") in dated
    assert (dt.date(2022, 6, 5), "First audit done.") in dated
    undated = [u for u in updates if u.imported_from]
    assert [u.narrative for u in undated] == ["Shared with the board."]
    assert undated[0].imported_from == "tracker-changed.csv"
    assert Response.objects.get(pk=int(first[col["Oversight ID"]])).rag == "red"
