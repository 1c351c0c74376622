"""The import with the real readers, on the fixture files: a tracker imported, then a later
version of it updating the rows it matches."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from oversight.ingest.models import BatchStatus, ImportBatch
from oversight.recommendations.models import Recommendation, Response

pytest.importorskip("oversight.ingest.readers")

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args) -> str:
    out = io.StringIO()
    call_command("ingest", *map(str, args), stdout=out)
    return out.getvalue()


def test_a_tracker_then_its_later_version(liaison, owner, tmp_path):
    v1 = tmp_path / "tracker.csv"
    v1.write_text(
        "Ref,Recommendation,Report,Owner,Due date,RAG,Status,Update\n"
        "9159,Chief constables should record hate crime accurately.,Hate crime,Olivia Owen,"
        "31/03/2023,Amber,In progress,Training has started.\n"
        "9160,Chief constables should give victims a named contact.,Hate crime,,,Green,Open,\n",
        encoding="utf-8",
    )
    out = run(v1)
    assert "Imported: 2 recommendations created" in out
    first = Response.objects.get(recommendation__reference="9159")
    assert (first.owner, first.rag) == (owner, "amber")
    assert first.updates.get().narrative == "Training has started."

    v2 = tmp_path / "tracker v2.csv"
    v2.write_text(
        v1.read_text(encoding="utf-8").replace(
            "Amber,In progress,Training has started.", "Red,In progress,Trainers booked for June."
        ),
        encoding="utf-8",
    )
    out = run(v2)
    assert "9159 = Recommendation 9159 (same reference): RAG: Amber → Red" in out
    assert "9160 = Recommendation 9160 (same reference): no change" in out
    first.refresh_from_db()
    assert first.rag == "red"
    assert [u.narrative for u in first.updates.order_by("id")] == [
        "Training has started.",
        "Trainers booked for June.",
    ]
    assert Recommendation.objects.count() == 2
    assert "already imported" in run(v2)


def test_the_messy_tracker_lists_its_row_problems(liaison):
    with pytest.raises(Exception, match="rows with problems"):
        run(FIXTURES / "messy-tracker.xlsx")
    assert Recommendation.objects.count() == 0
    out = run(FIXTURES / "messy-tracker.xlsx", "--skip-bad-rows")
    assert "could not be read as a date" in out
    batch = ImportBatch.objects.get(status=BatchStatus.IMPORTED)
    assert batch.skipped_rows and Recommendation.objects.exists()
