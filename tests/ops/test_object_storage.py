"""Evidence and Word templates on S3-compatible object storage (#18.2), against a real S3 API
server the test starts (moto's server mode, on loopback): files go to the bucket, not the
disk; they come back only through the permission-checking download, byte for byte with their
SHA-256; a second file of the same name never replaces the first; withdrawn is never deleted;
the orphan sweep and the backup know where the files are."""

from __future__ import annotations

import hashlib

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer

from oversight.recommendations import services
from tests.factories import OrganisationFactory, RecommendationFactory, ResponseFactory, UserFactory
from tests.ops.helpers import free_port

BUCKET = "oversight-evidence"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def s3_server():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, tmp_path, monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "eu-west-2",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_server, region_name="eu-west-2")
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    settings.MEDIA_ROOT = tmp_path / "media"  # must stay empty: nothing goes to the disk
    settings.S3_BUCKET = BUCKET
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "eu-west-2",
                "access_key": "test",
                "secret_key": "test",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    # (the settings fixture's change signal makes Django build the storages again)
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def org(db):
    from oversight.accounts.models import Organisation
    from oversight.accounts.reference_data import load_reference_organisations

    load_reference_organisations(Organisation)  # gone after another test's flush; else kept
    return OrganisationFactory(name="Home Force Police")


@pytest.fixture
def people(org):
    from oversight.accounts.models import Role

    return {
        "liaison": UserFactory(organisation=org, role=Role.LIAISON),
        "owner": UserFactory(organisation=org, role=Role.OWNER),
        "stranger": UserFactory(organisation=OrganisationFactory(), role=Role.LIAISON),
    }


@pytest.fixture
def response(org, people):
    return ResponseFactory(
        organisation=org,
        owner=people["owner"],
        recommendation=RecommendationFactory(report__organisation=org),
    )


def _keys(client) -> list[str]:
    return [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_evidence_goes_to_the_bucket_and_comes_back_only_through_the_download(
    bucket, response, people, client, settings
):
    upload = SimpleUploadedFile("policy.pdf", PDF, content_type="application/pdf")
    evidence = services.evidence_add(
        response=response, actor=people["owner"], upload=upload, description="The policy"
    )
    assert _keys(bucket) == [evidence.file.name]
    assert evidence.file.name.startswith(f"evidence/{response.organisation_id}/")
    assert "policy" not in evidence.file.name  # stored under a random name
    assert not (settings.MEDIA_ROOT).exists() or not any(settings.MEDIA_ROOT.rglob("*"))
    stored = bucket.get_object(Bucket=BUCKET, Key=evidence.file.name)["Body"].read()
    assert hashlib.sha256(stored).hexdigest() == evidence.sha256

    url = reverse("recommendations:evidence-download", args=[evidence.pk])
    client.force_login(people["owner"])
    answer = client.get(url)
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == PDF
    client.force_login(people["stranger"])
    assert client.get(url).status_code == 404

    again = services.evidence_add(
        response=response,
        actor=people["owner"],
        upload=SimpleUploadedFile("policy.pdf", b"%PDF-1.4\nother\n%%EOF\n"),
    )
    assert again.file.name != evidence.file.name and len(_keys(bucket)) == 2
    services.evidence_withdraw(evidence=evidence, actor=people["owner"], reason="Wrong one")
    assert evidence.file.name in _keys(bucket)  # withdrawn, never deleted


def test_a_word_template_is_kept_in_the_bucket_and_read_back(bucket, org, people):
    from pathlib import Path

    from oversight.papers import services as paper_services

    example = next(Path(__file__).resolve().parents[2].glob("tests/**/*.docx"), None)
    if example is None:  # the Word files the paper tests write are made from python-docx
        import io

        import docx

        document = docx.Document()
        document.add_paragraph("{{ title }}")
        buffer = io.BytesIO()
        document.save(buffer)
        data = buffer.getvalue()
    else:
        data = example.read_bytes()
    template = paper_services.word_template_upload(
        organisation=org,
        actor=people["liaison"],
        upload=SimpleUploadedFile("house-style.docx", data),
    )
    assert template.file.name in _keys(bucket)
    with template.file.open("rb") as handle:
        assert handle.read() == data


@pytest.mark.django_db(transaction=True)  # the backup copies the committed database
def test_the_orphan_sweep_and_the_backup_know_the_files_are_in_the_bucket(
    bucket, response, people, tmp_path
):
    from oversight.ops.backup import backup_create
    from oversight.ops.orphans import sweep_orphans

    evidence = services.evidence_add(
        response=response,
        actor=people["owner"],
        upload=SimpleUploadedFile("policy.pdf", PDF),
    )
    bucket.put_object(Bucket=BUCKET, Key=f"evidence/{response.organisation_id}/stray", Body=b"x")
    found = sweep_orphans(older_than_minutes=0, dry_run=True)
    assert found.orphans == [f"evidence/{response.organisation_id}/stray"]
    assert found.referenced == 1
    result = backup_create(output=tmp_path / "backup.tar.gz")
    assert result.files == 0
    import json
    import tarfile

    with tarfile.open(result.path) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["media"]["object_storage_bucket"] == BUCKET
    assert evidence.file.name in _keys(bucket)
