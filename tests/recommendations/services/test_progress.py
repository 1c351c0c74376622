"""recommendations.services.progress, called directly: updates by the owner (an open response
moves to in progress), evidence checked by its content and kept with its SHA-256, withdrawn
never deleted, reviews that move the next review on one cycle."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from oversight import clock
from oversight.recommendations import services
from oversight.recommendations.models import Evidence, Response, ResponseStatus
from tests.recommendations.services.conftest import reasons

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_owner_writes_an_update_and_the_response_moves_on(response, people):
    for who in ("executive", "viewer", "stranger"):
        with pytest.raises(PermissionDenied):
            services.update_add(
                response=response, author=people[who], written_on=clock.today(), narrative="x"
            )
    with pytest.raises(ValueError, match="Enter what progress"):
        services.update_add(
            response=response, author=people["owner"], written_on=clock.today(), narrative=" "
        )
    update = services.update_add(
        response=response,
        author=people["owner"],
        written_on=clock.today(),
        narrative="The flag is in use.",
        proposed_rag="green",
    )
    assert update.proposed_rag == "green"
    assert Response.objects.get(pk=response.pk).status == ResponseStatus.IN_PROGRESS


def test_evidence_is_kept_with_its_checksum_and_withdrawn_not_deleted(response, people):
    upload = SimpleUploadedFile("policy.pdf", PDF, content_type="application/pdf")
    evidence = services.evidence_add(
        response=response, actor=people["owner"], upload=upload, description="The policy"
    )
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert evidence.size == len(PDF)
    with pytest.raises(ValueError):
        services.evidence_withdraw(evidence=evidence, actor=people["owner"], reason=" ")
    withdrawn = services.evidence_withdraw(
        evidence=evidence, actor=people["owner"], reason="Wrong version"
    )
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert withdrawn.withdrawn_at is not None


def test_a_file_that_is_not_what_it_says_is_refused_before_anything_is_written(response, people):
    fake = SimpleUploadedFile("policy.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValueError):
        services.evidence_add(response=response, actor=people["owner"], upload=fake)
    assert not Evidence.objects.exists()


def test_a_review_moves_the_next_review_on_and_only_the_liaison_records_it(response, people):
    with pytest.raises(PermissionDenied):
        services.review_record(response=response, actor=people["owner"], outcome="accepted")
    with pytest.raises(ValueError, match="Choose an outcome"):
        services.review_record(response=response, actor=people["liaison"], outcome="fine")
    day = dt.date(2030, 1, 10)
    services.review_record(
        response=response, actor=people["liaison"], outcome="accepted", reviewed_on=day
    )
    current = Response.objects.get(pk=response.pk)
    assert current.next_review_on == services.next_review_after(day, current.organisation)
    assert current.next_review_on > day
    assert reasons(current)
