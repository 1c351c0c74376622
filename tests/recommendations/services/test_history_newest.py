"""The response page's latest changes (`response_history(..., limit=10)`) are the first ten
of the whole trail, entry for entry, and are read in the same few queries whether the
response has a handful of updates or a hundred."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from oversight import clock
from oversight.recommendations import selectors, services

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _work_on(response, people, updates: int) -> None:
    for number in range(updates):
        services.update_add(
            response=response,
            author=people["owner"],
            written_on=clock.today(),
            narrative=f"Progress {number}",
            proposed_rag="amber",
            files=[(SimpleUploadedFile(f"minutes-{number}.pdf", PDF), "Minutes")]
            if number % 3 == 0
            else (),
        )
        if number % 4 == 0:
            response.refresh_from_db()
            services.rag_confirm(
                response=response,
                actor=people["liaison"],
                rag=["red", "amber", "green"][number % 3],
                expected_version=response.version,
                note=f"Confirmed {number}",
            )
    response.refresh_from_db()


def _queries(response, limit) -> int:
    with CaptureQueriesContext(connection) as queries:
        selectors.response_history(response, limit=limit)
    return len(queries)


def test_the_newest_are_the_first_of_the_whole_trail_at_every_length(response, people):
    _work_on(response, people, 14)
    first = response.evidence.order_by("pk").first()
    services.evidence_withdraw(evidence=first, actor=people["liaison"], reason="Wrong file")
    _work_on(response, people, 2)
    for rag in ("red", "green", "amber"):  # the newest entries all the response's own
        response = services.rag_confirm(
            response=response, actor=people["liaison"], rag=rag,
            expected_version=response.version, note=rag,
        )  # fmt: skip
    whole = selectors.response_history(response)
    assert len(whole) > 20
    for limit in range(1, len(whole) + 2):
        assert selectors.response_history(response, limit=limit) == whole[:limit], limit
    # changes are shown with what they changed from: the response's RAG, the withdrawal
    assert any(e["changes"] and e["subject"].startswith("Evidence") for e in whole)
    assert any(e["changes"] and not e["subject"].startswith("Evidence") for e in whole)


def test_the_newest_ten_take_the_same_queries_at_any_length(response, people):
    _work_on(response, people, 4)
    few = _queries(response, 10)
    _work_on(response, people, 40)
    assert _queries(response, 10) == few
