"""The tracker spreadsheet (page and command) and the `paper` command, on the demo record."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from oversight.demo.load import load_demo
from oversight.papers.tracker import COLUMNS
from oversight.recommendations.models import Response

pytestmark = pytest.mark.django_db
HEADER = [name for name, _ in COLUMNS]


@pytest.fixture
def signed_in(client):
    load_demo()

    def as_(username: str):
        from oversight.accounts.models import User

        client.force_login(User.objects.get(username=username))
        return client

    return as_


def _workbook(response):
    content = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(content)).active


def test_the_tracker_has_one_row_per_response_with_stable_columns(signed_in):
    response = signed_in("viewer").get("/papers/tracker/")
    assert response.status_code == 200
    assert "oversight-tracker-" in response["Content-Disposition"]
    sheet = _workbook(response)
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert len(rows) - 1 == Response.objects.count()
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:T{len(rows)}"
    by_reference = {row[0]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}
    hate_crime = by_reference["9159"]
    assert hate_crime["Theme"] == "Hate Crime"
    assert hate_crime["Deadline as written"] == "Within three months"
    assert isinstance(hate_crime["Due date"], dt.datetime)  # a real Excel date
    assert hate_crime["Due date"].date() == dt.date(2018, 10, 19)
    assert hate_crime["RAG"] == "Green"  # worded, not only coloured
    assert "cyber-enabled flag" in hate_crime["Recommendation"]
    assert hate_crime["Latest update"].startswith("The flag is actively used")


def test_rag_cells_are_coloured(signed_in):
    sheet = _workbook(signed_in("liaison").get("/papers/tracker/"))
    rag_column = HEADER.index("RAG") + 1
    colours = {
        sheet.cell(row=r, column=rag_column).value: sheet.cell(
            row=r, column=rag_column
        ).fill.fgColor.rgb[-6:]
        for r in range(2, sheet.max_row + 1)
    }
    assert colours["Amber"] == "F47738"
    assert colours["Green"] == "00703C"


def test_the_tracker_follows_the_register_filters(signed_in):
    client = signed_in("liaison")
    sheet = _workbook(client.get("/papers/tracker/?rag=green"))
    rows = list(sheet.iter_rows(values_only=True))[1:]
    assert [r[0] for r in rows] == ["9159"]


def test_the_tracker_as_csv(signed_in):
    response = signed_in("liaison").get("/papers/tracker/?format=csv&kind=cause_of_concern")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == HEADER
    assert sorted(r[0] for r in rows[1:]) == ["10618", "8539", "9159", "9472", "9962"]
    due = {r[0]: r[HEADER.index("Due date")] for r in rows[1:]}
    assert due["9159"] == "2018-10-19"


def test_the_tracker_command_writes_xlsx_and_csv(tmp_path):
    load_demo()
    out = io.StringIO()
    call_command("tracker", "-o", str(tmp_path / "t.xlsx"), stdout=out)
    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert [c.value for c in sheet[1]] == HEADER
    assert sheet.max_row - 1 == Response.objects.count()
    call_command("tracker", "-o", str(tmp_path / "t.csv"), stdout=out)
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").lstrip("\ufeff").startswith("Ref")
    with pytest.raises(CommandError, match=".xlsx or .csv"):
        call_command("tracker", "-o", str(tmp_path / "t.txt"))


def test_the_paper_command_lists_meetings_date_first():
    load_demo()
    out = io.StringIO()
    call_command("paper", "--committee", "JAC", "--list", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("2022-03-24") and "v1 issued" in lines[0]
    assert lines[1].startswith("2022-07-28") and "v1 draft" in lines[1]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_the_paper_command_writes_each_format(tmp_path, fmt):
    load_demo()
    target = tmp_path / f"paper.{fmt}"
    call_command(
        "paper",
        "--committee",
        "Joint Audit Committee",
        "--meeting",
        "2022-03-24",
        "--format",
        fmt,
        "-o",
        str(target),
        stdout=io.StringIO(),
    )
    content = target.read_bytes()
    if fmt == "docx":
        text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
        assert "Solihull JTAI Report" in text
    elif fmt == "pdf":
        assert content.startswith(b"%PDF")
    else:
        assert b"Solihull JTAI Report" in content


def test_the_paper_command_explains_bad_input(tmp_path):
    load_demo()
    with pytest.raises(CommandError, match="No committee is called"):
        call_command("paper", "--committee", "Nope", "--list")
    with pytest.raises(CommandError, match="must be a date"):
        call_command("paper", "--committee", "JAC", "--meeting", "July", "-o", "x.docx")
    with pytest.raises(CommandError, match="No paper for"):
        call_command(
            "paper", "--committee", "JAC", "--meeting", "2022-01-01", "-o", str(tmp_path / "x")
        )


def test_the_register_links_to_the_tracker_with_its_filters(signed_in):
    page = signed_in("liaison").get("/recommendations/?rag=green&page=1").content.decode()
    assert 'href="/papers/tracker/?rag=green"' in page
    assert 'href="/papers/tracker/?rag=green&amp;format=csv"' in page


def test_the_tracker_csv_never_starts_a_cell_with_a_formula(signed_in):
    """Text that Excel would run as a formula is written with a leading apostrophe, as in the
    API's CSV files; the Excel file writes it as text."""
    client = signed_in("liaison")
    response = Response.objects.get(recommendation__reference="9159")
    response.recommendation.theme = '=HYPERLINK("http://example.org","Hate Crime")'
    response.recommendation.save()
    text = b"".join(client.get("/papers/tracker/?format=csv").streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    theme = next(r for r in rows if r[0] == "9159")[HEADER.index("Theme")]
    assert theme == '\'=HYPERLINK("http://example.org","Hate Crime")'
    sheet = _workbook(client.get("/papers/tracker/"))
    cell = next(r for r in sheet.iter_rows() if r[0].value == "9159")[HEADER.index("Theme")]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_the_national_tracker_has_every_organisation_with_its_name_first(tmp_path):
    from tests.factories import OrganisationFactory, RecommendationFactory, ResponseFactory

    load_demo()
    other = OrganisationFactory(name="Anyshire Fire and Rescue Service")
    ResponseFactory(
        organisation=other, recommendation=RecommendationFactory(report__organisation=other)
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="Say which organisation"):
        call_command("tracker", "-o", str(tmp_path / "one.csv"))  # two now: which?
    call_command(
        "tracker", "-o", str(tmp_path / "all.csv"), "--every-organisation", stdout=out, stderr=err
    )
    rows = list(csv.reader(io.StringIO((tmp_path / "all.csv").read_text("utf-8").lstrip("\ufeff"))))
    assert rows[0] == ["Organisation", *HEADER]
    assert len(rows) - 1 == Response.objects.count()
    names = [r[0] for r in rows[1:]]
    assert names == sorted(names) and set(names) == {
        str(o) for o in {r.organisation for r in Response.objects.select_related("organisation")}
    }
    assert f"{Response.objects.count():,} responses of every organisation" in out.getvalue()
    assert "responses written" in err.getvalue()
    call_command("tracker", "-o", str(tmp_path / "all.xlsx"), "--every-organisation", stdout=out)
    sheet = load_workbook(tmp_path / "all.xlsx").active
    assert [c.value for c in sheet[1]] == ["Organisation", *HEADER]
    assert sheet.cell(row=2, column=1).value == names[0]
    # one organisation's own tracker keeps exactly its columns
    call_command(
        "tracker", "-o", str(tmp_path / "fire.csv"), "--organisation", other.name, stdout=out
    )
    lines = (tmp_path / "fire.csv").read_text("utf-8").lstrip("\ufeff").splitlines()
    assert lines[0].split(",")[0] == "Reference" and len(lines) == 2


def test_a_tracker_that_fails_halfway_leaves_the_old_file_whole(tmp_path, monkeypatch):
    from oversight.papers import tracker

    load_demo()
    target = tmp_path / "t.xlsx"
    call_command("tracker", "-o", str(target), stdout=io.StringIO())
    before = target.read_bytes()

    def broken(queryset, out, **options):
        out.write(b"PK half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(tracker, "write_xlsx", broken)
    with pytest.raises(OSError, match="disk full"):
        call_command("tracker", "-o", str(target), stdout=io.StringIO())
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]  # no temporary file left
