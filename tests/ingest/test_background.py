"""Confirming an import on the page hands it to the background worker: the page answers at
once, shows how far the import has got, and then what was imported. All of the file or none of
it, as ever; a refusal or a failure in the background puts the batch back, saying why."""

from __future__ import annotations

import re
import time

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from oversight.ingest.models import BatchStatus, ImportBatch
from oversight.ingest.services import background, progress
from oversight.recommendations.models import Recommendation

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """`oversight db_worker --batch`, in this process: it runs what is queued, then stops. (It
    closes old database connections between tasks, which would close the test's own.)"""
    from django_tasks_db.management.commands import db_worker

    original = db_worker.close_old_connections
    db_worker.close_old_connections = lambda: None
    try:
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    finally:
        db_worker.close_old_connections = original


def tracker(rows: int) -> bytes:
    lines = ["Ref,Recommendation,Report,Due date,RAG,Status,Update"]
    for n in range(1, rows + 1):
        lines.append(
            f"B{n:04d},Background recommendation {n}: the force should do thing {n} well.,"
            f"Background report,31/03/2031,Amber,In progress,Progress on thing {n}."
        )
    return ("\n".join(lines) + "\n").encode()


def upload(client, data: bytes, name="tracker.csv") -> ImportBatch:
    answer = client.post(reverse("import:upload"), {"file": SimpleUploadedFile(name, data)})
    assert answer.status_code == 302, answer.content.decode()[:500]
    return ImportBatch.objects.latest("pk")


def text(answer) -> str:
    return re.sub(r"\s+", " ", answer.content.decode())


@pytest.fixture
def signed_in(client, liaison, org):
    from oversight.accounts.models import Organisation, OrganisationKind

    Organisation.objects.get_or_create(
        slug="hmicfrs", defaults={"name": "HMICFRS", "kind": OrganisationKind.INSPECTORATE}
    )
    client.force_login(liaison)
    return client


def test_confirming_queues_the_import_and_the_worker_does_it(signed_in, settings):
    settings.TASKS = DATABASE_TASKS
    batch = upload(signed_in, tracker(120))
    confirm = signed_in.post(reverse("import:confirm", args=[batch.pk]))
    result_url = reverse("import:result", args=[batch.pk])
    assert confirm.status_code == 302 and confirm.url == result_url
    batch.refresh_from_db()
    assert batch.status == BatchStatus.IMPORTING and batch.task_id
    assert Recommendation.objects.count() == 0  # the page did not import it

    waiting = signed_in.get(result_url)
    assert waiting.status_code == 200
    page = text(waiting)
    assert "Importing tracker.csv" in page
    assert "Waiting for the background worker" in page
    assert 'data-module="app-import-progress" data-state="waiting"' in page
    assert "See how far it has got" in page  # without JavaScript
    assert signed_in.get(reverse("import:preview", args=[batch.pk])).url == result_url
    again = signed_in.post(reverse("import:confirm", args=[batch.pk]))  # a second click
    assert again.status_code == 302
    assert ImportBatch.objects.get(pk=batch.pk).task_id == batch.task_id  # queued once

    run_worker()

    batch.refresh_from_db()
    assert batch.status == BatchStatus.IMPORTED
    assert Recommendation.objects.filter(reference__startswith="B").count() == 120
    done = text(signed_in.get(result_url))
    assert "What was imported" in done
    assert "Imported: 120 recommendations created, 120 responses opened" in done


def test_the_page_shows_how_far_the_import_has_got(signed_in, settings):
    settings.TASKS = DATABASE_TASKS
    batch = upload(signed_in, tracker(3))
    signed_in.post(reverse("import:confirm", args=[batch.pk]))
    background.ProgressReporter(batch.pk)(1200, 4000, force=True)
    page = text(signed_in.get(reverse("import:result", args=[batch.pk])))
    assert "1,200 of 4,000 rows (30%)" in page
    assert '<progress class="app-progress" max="4000" value="1200"' in page


def test_an_import_whose_worker_died_says_so_and_can_be_confirmed_again(signed_in, settings):
    settings.TASKS = DATABASE_TASKS
    batch = upload(signed_in, tracker(3))
    signed_in.post(reverse("import:confirm", args=[batch.pk]))
    first_task = ImportBatch.objects.get(pk=batch.pk).task_id
    stale = time.time() - progress.STOPPED_AFTER_SECONDS - 5
    caches[settings.OVERSIGHT_PROGRESS_CACHE].set(
        progress._key(batch.pk), {"done": 2, "total": 3, "at": stale}
    )
    page = text(signed_in.get(reverse("import:result", args=[batch.pk])))
    assert "The import stopped before it finished" in page
    assert "Nothing from this file was imported" in page
    assert 'data-state="stopped"' not in page  # the stopped page does not poll
    assert Recommendation.objects.count() == 0

    signed_in.post(reverse("import:confirm", args=[batch.pk]))
    requeued = ImportBatch.objects.get(pk=batch.pk)
    assert requeued.status == BatchStatus.IMPORTING and requeued.task_id != first_task
    run_worker()
    assert ImportBatch.objects.get(pk=batch.pk).status == BatchStatus.IMPORTED
    assert Recommendation.objects.filter(reference__startswith="B").count() == 3


def test_a_failure_in_the_background_imports_nothing_and_the_preview_says_why(
    signed_in, settings, monkeypatch
):
    settings.TASKS = DATABASE_TASKS
    batch = upload(signed_in, tracker(5))
    signed_in.post(reverse("import:confirm", args=[batch.pk]))

    real = background.ingest_confirm

    def half_then_fail(**kwargs):
        def fail_half_way(done, total, **_):
            if done == 3:
                raise RuntimeError("the disk is full")

        kwargs["progress"] = fail_half_way
        return real(**kwargs)

    monkeypatch.setattr(background, "ingest_confirm", half_then_fail)
    run_worker()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEWED
    assert Recommendation.objects.count() == 0  # the rows before the failure rolled back
    preview = signed_in.get(reverse("import:preview", args=[batch.pk]))
    assert "The import could not be finished, so nothing was imported" in text(preview)
    assert "the disk is full" not in text(preview)  # the cause is for the operators' log


def test_a_row_with_a_problem_is_refused_on_the_page_before_anything_is_queued(signed_in, settings):
    settings.TASKS = DATABASE_TASKS
    data = tracker(2) + b"B9999,A third one,Background report,next spring,Amber,Open,\n"
    batch = upload(signed_in, data)
    refused = signed_in.post(reverse("import:confirm", args=[batch.pk]))
    assert refused.status_code == 400
    assert "Row 4 has a problem" in text(refused)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEWED and not batch.task_id
    from django_tasks_db.models import DBTaskResult

    assert not DBTaskResult.objects.exists()
