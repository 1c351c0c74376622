"""`oversight ingest PATH`: the preview in words or JSON, dry runs, imports, refusals."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from oversight.accounts.models import Role
from oversight.ingest.extraction import RowProblem, UnreadableFile
from oversight.ingest.models import BatchStatus, ImportBatch
from oversight.recommendations.models import Recommendation
from tests.factories import UserFactory
from tests.ingest.builders import row, tracker


def rows():
    return [
        row(
            2,
            "9159",
            "Chief constables should record hate crime accurately.",
            owner="Olivia Owen",
            rag="Amber",
        ),
        row(3, "9160", "Chief constables should give victims a named contact."),
    ]


@pytest.fixture
def csv(tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_bytes(b"Ref,Recommendation\n9159,x\n9160,y\n")
    return path


def run(*args) -> str:
    out = io.StringIO()
    call_command("ingest", *map(str, args), stdout=out)
    return out.getvalue()


def test_dry_run_prints_the_preview_and_writes_nothing(reader, liaison, owner, csv):
    reader.build = lambda data, name, cmap: tracker(rows(), data=data, warnings=["Row 9 blank"])
    out = run(csv, "--dry-run")
    assert "File: tracker.csv (SHA-256 " in out
    assert "Read as: a tracker spreadsheet (csv)" in out
    assert "To be created (2):" in out
    assert "row 2: Recommendation 9159: Chief constables should record hate crime" in out
    assert "Could not read:\n  - Row 9 blank" in out
    assert "Dry run: nothing was imported." in out
    assert ImportBatch.objects.count() == 0 and Recommendation.objects.count() == 0


def test_import_then_again_changes_nothing(reader, liaison, owner, csv):
    reader.build = lambda data, name, cmap: tracker(rows(), data=data)
    out = run(csv, "--as", "lee")
    assert "Imported: 2 recommendations created, 2 responses opened, 1 report created." in out
    assert ImportBatch.objects.get().status == BatchStatus.IMPORTED
    again = run(csv)
    assert "Matches existing records (2):" in again
    assert "tracker.csv was already imported on" in again and "Nothing was changed." in again
    assert Recommendation.objects.count() == 2 and ImportBatch.objects.count() == 1


def test_json_is_one_object_with_the_extraction_and_the_plan(reader, liaison, csv):
    reader.build = lambda data, name, cmap: tracker(rows(), data=data)
    data = json.loads(run(csv, "--json", "--dry-run"))
    assert set(data) >= {"source", "recommendations", "inspections", "reports", "warnings", "plan"}
    assert data["source"]["kind"] == "tracker"
    assert data["recommendations"][0]["reference"] == "9159"
    assert data["plan"]["counts"]["to_create"] == 2
    assert [p["action"] for p in data["plan"]["recommendations"]] == ["create", "create"]
    assert data["result"] == {"imported": False, "dry_run": True}

    imported = json.loads(run(csv, "--json"))
    assert imported["result"]["imported"] is True
    assert imported["result"]["counts"]["recommendations_created"] == 2


def test_row_problems_stop_the_import_unless_skipped(reader, liaison, csv):
    reader.build = lambda data, name, cmap: tracker(
        rows(), data=data, problems=[RowProblem(3, "RAG", "“Purple” is not a RAG rating")]
    )
    with pytest.raises(CommandError, match=r"1 row with problems \(3\): nothing was imported"):
        run(csv)
    assert Recommendation.objects.count() == 0
    assert ImportBatch.objects.get().status == BatchStatus.PREVIEWED
    out = run(csv, "--skip-bad-rows")
    assert "row 3, column RAG: “Purple” is not a RAG rating" in out
    assert list(Recommendation.objects.values_list("reference", flat=True)) == ["9159"]


def test_an_unreadable_file_is_a_clear_error(reader, liaison, tmp_path):
    def refuse(data, name, cmap):
        raise UnreadableFile("This is not a PDF, a Word file, a web page, text or a spreadsheet.")

    reader.build = refuse
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff")
    with pytest.raises(CommandError, match="photo.jpg cannot be read: This is not a PDF"):
        run(path)
    with pytest.raises(CommandError, match="cannot be opened"):
        run(tmp_path / "missing.csv")


def test_who_imports(reader, liaison, owner, org, csv):
    reader.build = lambda data, name, cmap: tracker(rows(), data=data)
    with pytest.raises(CommandError, match="olivia is not a liaison"):
        run(csv, "--as", "olivia")
    with pytest.raises(CommandError, match="no organisation called"):
        run(csv, "--organisation", "Atlantis Police")
    other = UserFactory(role=Role.LIAISON, username="elsewhere")  # of another organisation
    with pytest.raises(CommandError, match="--as USERNAME"):
        run(csv, "--dry-run")
    with pytest.raises(CommandError, match="lee is not in"):
        run(csv, "--as", "lee", "--organisation", other.organisation.name)
    out = run(csv, "--organisation", "Home Force Police", "--dry-run")
    assert "Importing into: Home Force Police" in out
