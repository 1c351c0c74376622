"""The import pages, with the test client: upload, preview, skip a row, confirm, result."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from oversight.accounts.models import Role
from oversight.ingest.extraction import ColumnMapping, RowProblem, UnreadableFile
from oversight.ingest.models import BatchStatus, ImportBatch
from oversight.recommendations.models import Recommendation, Response
from tests.factories import OrganisationFactory, UserFactory
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
        row(4, "9161", "Chief constables should train call handlers."),
    ]


@pytest.fixture
def signed_in(client, liaison, owner):
    client.force_login(liaison)
    return client


def post_file(client, data=b"a,b\n1,2\n", name="tracker.csv"):
    return client.post(reverse("import:upload"), {"file": SimpleUploadedFile(name, data)})


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_upload_page_is_for_the_liaison(client, liaison, owner):
    client.force_login(owner)
    assert client.get(reverse("import:upload")).status_code == 403
    client.force_login(liaison)
    page = client.get(reverse("import:upload"))
    assert page.status_code == 200
    assert "Import a file" in text_of(page)
    assert 'enctype="multipart/form-data"' in text_of(page)


def test_no_file_chosen(signed_in):
    page = signed_in.post(reverse("import:upload"), {})
    assert page.status_code == 400
    assert "Choose a file to import" in text_of(page)


def test_an_unreadable_file_gets_a_clear_message(signed_in, reader):
    def refuse(data, name, cmap):
        raise UnreadableFile("It is an encrypted PDF: remove the password and try again.")

    reader.build = refuse
    page = post_file(signed_in, b"%PDF-1.7 encrypted", "report.pdf")
    assert page.status_code == 400
    assert "The file could not be read. It is an encrypted PDF" in text_of(page)
    assert ImportBatch.objects.count() == 0


def test_a_file_too_big_gets_a_clear_message(signed_in, reader, settings):
    settings.OVERSIGHT_IMPORT_MAX_BYTES = 100
    reader.build = lambda data, name, cmap: tracker(rows(), data=data)
    page = post_file(signed_in, b"x" * 500)
    assert page.status_code == 400
    assert "the largest file that can be imported is" in text_of(page)


def test_preview_skip_a_bad_row_confirm_and_see_the_result(signed_in, reader, liaison):
    reader.build = lambda data, name, cmap: tracker(
        rows(),
        data=data,
        problems=[RowProblem(3, "Due date", "“soon” is not a date")],
        warnings=["Row 7 is blank and was left out"],
    )
    answer = post_file(signed_in)
    batch = ImportBatch.objects.get()
    assert answer.status_code == 302 and answer.url == reverse("import:preview", args=[batch.pk])
    page = text_of(signed_in.get(answer.url))
    assert "Check what will be imported" in page
    assert "To be created (3)" in page
    assert "Row 7 is blank and was left out" in page  # what could not be read
    assert "“soon” is not a date" in page
    assert 'id="skip-3" name="skip" type="checkbox" value="3"' in page
    assert "Skip this row" in page
    assert batch.short_sha in page

    confirm = reverse("import:confirm", args=[batch.pk])
    refused = signed_in.post(confirm, {})
    assert refused.status_code == 400
    assert "Row 3 has a problem" in text_of(refused)
    assert Recommendation.objects.count() == 0

    done = signed_in.post(confirm, {"skip": ["3"]})
    assert done.status_code == 302 and done.url == reverse("import:result", args=[batch.pk])
    result = text_of(signed_in.get(done.url))
    assert "Imported: 2 recommendations created" in result
    assert "What was imported" in result
    response = Response.objects.get(recommendation__reference="9159")
    assert reverse("recommendations:response-detail", args=[response.pk]) in result
    assert "Rows skipped" in result
    assert not Recommendation.objects.filter(reference="9160").exists()
    # and the register shows the new records
    register = text_of(signed_in.get(reverse("recommendations:register")))
    assert "9159" in register and "9161" in register


def test_uploading_the_same_file_again_says_so(signed_in, reader):
    reader.build = lambda data, name, cmap: tracker(rows(), data=data)
    first = post_file(signed_in)
    batch = ImportBatch.objects.get()
    signed_in.post(reverse("import:confirm", args=[batch.pk]))
    again = post_file(signed_in, name="copy of tracker.csv")
    assert again.url == reverse("import:result", args=[batch.pk])
    page = text_of(signed_in.get(again.url))
    assert "tracker.csv was already imported on" in page and "Nothing was changed" in page
    assert ImportBatch.objects.count() == 1
    assert first.status_code == 302


def test_cancel(signed_in, reader):
    reader.build = lambda data, name, cmap: tracker(rows(), data=data)
    post_file(signed_in)
    batch = ImportBatch.objects.get()
    answer = signed_in.post(reverse("import:cancel", args=[batch.pk]))
    assert answer.url == reverse("import:upload")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CANCELLED
    page = text_of(signed_in.get(reverse("import:preview", args=[batch.pk])))
    assert "This import was cancelled" in page
    assert not re.search(r"<button[^>]*>\s*Import\s*</button>", page)  # nothing to confirm


def test_columns_not_understood_are_matched_on_their_own_page(signed_in, reader):
    columns = [
        ColumnMapping("HMIC No.", 0, None),
        ColumnMapping("What they asked", 1, None),
        ColumnMapping("Lead", 2, "owner"),
    ]

    def build(data, name, cmap):
        if cmap:
            return tracker(
                [row(2, "9159", "Read with the columns chosen")],
                data=data,
                columns=[ColumnMapping(c.header, c.index, cmap.get(c.index)) for c in columns],
            )
        return tracker(
            [], data=data, columns=columns, problems=[RowProblem(2, "Recommendation", "No text")]
        )

    reader.build = build
    post_file(signed_in)
    batch = ImportBatch.objects.get()
    preview = text_of(signed_in.get(reverse("import:preview", args=[batch.pk])))
    assert "Some columns were not understood: HMIC No., What they asked" in preview
    url = reverse("import:columns", args=[batch.pk])
    assert url in preview
    page = text_of(signed_in.get(url))
    assert "Column 1: “HMIC No.”" in page and 'name="column_2"' in page
    assert '<option value="owner" selected>' in page

    missing = signed_in.post(url, {"column_0": "reference", "column_1": "", "column_2": "owner"})
    assert missing.status_code == 400
    assert "Choose the column that holds the recommendation text" in text_of(missing)
    twice = signed_in.post(url, {"column_0": "text", "column_1": "text", "column_2": "owner"})
    assert "is already chosen for the column “HMIC No.”" in text_of(twice)

    done = signed_in.post(url, {"column_0": "reference", "column_1": "text", "column_2": "owner"})
    assert done.url == reverse("import:preview", args=[batch.pk])
    assert reader.calls[-1]["column_map"] == {0: "reference", 1: "text", 2: "owner"}
    page = text_of(signed_in.get(done.url))
    assert "Read with the columns chosen" in page
    assert "Some columns were not understood" not in page


def test_another_organisations_batch_is_not_found(client, reader, liaison):
    reader.build = lambda data, name, cmap: tracker(rows(), data=data)
    client.force_login(liaison)
    post_file(client)
    batch = ImportBatch.objects.get()
    stranger = UserFactory(
        organisation=OrganisationFactory(name="Other Force Police"), role=Role.LIAISON
    )
    client.force_login(stranger)
    for name in ("import:preview", "import:columns", "import:result"):
        assert client.get(reverse(name, args=[batch.pk])).status_code == 404
    for name in ("import:confirm", "import:cancel"):
        assert client.post(reverse(name, args=[batch.pk])).status_code == 404
    assert Recommendation.objects.count() == 0
    assert "tracker.csv" not in text_of(client.get(reverse("import:upload")))


def test_the_old_address_of_the_import_pages_sends_people_on(client, db):
    """The pages say "Import", and so do their addresses; a bookmark of /ingest/… still works."""
    client.force_login(UserFactory(role=Role.LIAISON))
    assert client.get("/ingest/").headers["Location"] == "/import/"
    moved = client.get("/ingest/12/result/?page=2")
    assert (moved.status_code, moved.headers["Location"]) == (302, "/import/12/result/?page=2")
