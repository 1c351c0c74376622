"""The REST API on the demo record: tokens, scoping, roles, writes through the services."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from oversight.accounts.models import Role
from oversight.api.models import ApiToken
from oversight.recommendations.models import Evidence, Response, Review, Update
from tests.factories import OrganisationFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def _own_and_others(owner) -> tuple[Response, Response]:
    own = Response.objects.filter(owner=owner).order_by("pk").first()
    other = (
        Response.objects.filter(organisation=owner.organisation)
        .exclude(owner=owner)
        .exclude(owner=None)
        .order_by("pk")
        .first()
    )
    assert own and other, "the demo has responses of the owner and of someone else"
    return own, other


def _counts():
    return [m.objects.count() for m in (Update, Evidence, Review)] + [Response.history.count()]


# --- The done-when of issue 7 ---------------------------------------------------------------


def test_owner_token_adds_an_update_to_own_response_and_not_to_anothers(
    client, person, token_for, bearer
):
    owner = person("owner")
    own, others = _own_and_others(owner)
    headers = bearer(token_for(owner))

    answer = client.post(
        reverse("api:response-updates", args=[own.pk]),
        {
            "narrative": "Cyber-enabled flag training delivered to all hubs.",
            "proposed_rag": "green",
            "next_steps": "Dip sample in October.",
        },
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["author"]["name"] == "Jordan Reid"
    assert body["written_on"] == timezone.localdate().isoformat()
    update = Update.objects.get(pk=body["id"])
    assert update.response == own and update.author == owner and update.proposed_rag == "green"
    assert update.history.first().history_user == owner  # in the audit trail, as the owner
    assert answer["Location"] == reverse("api:update-detail", args=[update.pk])

    # the page of the response shows it to a person
    client.force_login(person("liaison"))
    page = client.get(reverse("recommendations:response-detail", args=[own.pk]))
    assert "Cyber-enabled flag training delivered to all hubs." in page.content.decode()
    client.logout()

    before = _counts()
    refused = client.post(
        reverse("api:response-updates", args=[others.pk]),
        {"narrative": "Not mine to write", "proposed_rag": "red"},
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only the owner of this response can add an update."
    assert _counts() == before
    assert not Update.objects.filter(narrative="Not mine to write").exists()
    # ... though the owner may read it, as on the register
    assert (
        client.get(reverse("api:response-detail", args=[others.pk]), headers=headers).status_code
        == 200
    )


def test_another_organisations_records_are_not_found(client, person, token_for, bearer):
    stranger = UserFactory(
        organisation=OrganisationFactory(name="Elsewhere Police"), role="liaison"
    )
    headers = bearer(token_for(stranger))
    response = Response.objects.filter(owner=person("owner")).first()
    evidence_response = Response.objects.filter(organisation=response.organisation).first()
    from oversight.recommendations import services

    evidence = services.evidence_add(
        response=evidence_response,
        actor=person("liaison"),
        upload=SimpleUploadedFile("minutes.pdf", PDF),
    )
    for name, pk in [
        ("api:response-detail", response.pk),
        ("api:response-updates", response.pk),
        ("api:evidence-detail", evidence.pk),
        ("api:evidence-download", evidence.pk),
    ]:
        assert client.get(reverse(name, args=[pk]), headers=headers).status_code == 404, name
    before = _counts()
    answer = client.post(
        reverse("api:response-updates", args=[response.pk]),
        {"narrative": "x", "proposed_rag": "red"},
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 404
    assert _counts() == before
    for name in ("api:response-list", "api:update-list", "api:evidence-list", "api:review-list"):
        assert client.get(reverse(name), headers=headers).json()["count"] == 0, name
    csv = b"".join(client.get(reverse("api:responses-csv"), headers=headers).streaming_content)
    assert csv.decode("utf-8-sig").count("\r\n") == 1  # the header only


def test_a_viewer_reads_but_cannot_write(client, person, token_for, bearer):
    headers = bearer(token_for("viewer"))
    response = Response.objects.filter(owner=person("owner")).first()
    listing = client.get(reverse("api:response-list"), headers=headers)
    assert listing.status_code == 200
    assert (
        listing.json()["count"]
        == Response.objects.filter(organisation=response.organisation).count()
    )
    before = _counts()
    for name, data in [
        ("api:response-updates", {"narrative": "x", "proposed_rag": "red"}),
        ("api:response-reviews", {"outcome": "accepted"}),
        ("api:response-rag", {"rag": "red", "version": response.version}),
    ]:
        answer = client.post(
            reverse(name, args=[response.pk]),
            data,
            content_type="application/json",
            headers=headers,
        )
        assert answer.status_code == 403, name
        assert answer.json()["detail"] == "Viewers can read the record but not change it."
    upload = client.post(
        reverse("api:response-evidence", args=[response.pk]),
        {"file": SimpleUploadedFile("a.pdf", PDF)},
        headers=headers,
    )
    assert upload.status_code == 403
    assert _counts() == before


def test_an_executive_cannot_add_updates_and_only_the_liaison_reviews(
    client, person, token_for, bearer
):
    response = Response.objects.filter(owner=person("owner"), status="in_progress").first()
    url = reverse("api:response-reviews", args=[response.pk])
    executive = bearer(token_for("executive"))
    owner = bearer(token_for("owner"))
    for headers in (executive, owner):
        answer = client.post(
            url, {"outcome": "accepted"}, content_type="application/json", headers=headers
        )
        assert answer.status_code == 403
    assert (
        client.post(
            reverse("api:response-updates", args=[response.pk]),
            {"narrative": "x", "proposed_rag": "red"},
            content_type="application/json",
            headers=executive,
        ).status_code
        == 403
    )

    liaison = bearer(token_for("liaison"))
    bad = client.post(
        url, {"outcome": "closure_approved"}, content_type="application/json", headers=liaison
    )
    assert bad.status_code == 400 and "outcome" in bad.json()
    old = client.post(
        url, {"outcome": "on_track"}, content_type="application/json", headers=liaison
    )
    assert old.json()["outcome"] == [
        "“on_track” is not an outcome of a review: send accepted, more_evidence, escalate "
        "(on_track is now accepted)"
    ]
    answer = client.post(
        url,
        {
            "outcome": "more_evidence",
            "notes": "Need the board minutes",
            "reviewed_on": "2026-01-05",
        },
        content_type="application/json",
        headers=liaison,
    )
    assert answer.status_code == 201, answer.content
    review = Review.objects.get(pk=answer.json()["id"])
    assert review.notes == "Need the board minutes" and review.reviewer.username == "liaison"
    response.refresh_from_db()
    assert response.next_review_on.isoformat() == answer.json()["next_review_on"] > "2026-01-05"
    listed = client.get(reverse("api:review-list") + f"?response={response.pk}", headers=liaison)
    assert [r["id"] for r in listed.json()["results"]] == [review.pk]


def test_revoked_expired_and_unknown_tokens_are_refused(client, person, token_for, bearer):
    owner = person("owner")
    secret = token_for(owner)
    url = reverse("api:response-list")
    assert client.get(url, headers=bearer(secret)).status_code == 200
    token = ApiToken.objects.get(user=owner)
    assert token.last_used_at is not None

    client.force_login(owner)  # revoked on the tokens page, as a person does it
    assert client.post(reverse("api:token-revoke", args=[token.pk])).status_code == 302
    client.logout()
    answer = client.get(url, headers=bearer(secret))
    assert answer.status_code == 401
    assert answer.json()["detail"] == "This token has been revoked."
    assert answer["WWW-Authenticate"] == 'Bearer realm="api"'

    expired = token_for(owner, lifetime_days=1)
    ApiToken.objects.filter(revoked_at=None).update(expires_at=timezone.now() - dt.timedelta(1))
    answer = client.get(url, headers=bearer(expired))
    assert (answer.status_code, answer.json()["detail"]) == (401, "This token has expired.")

    for bad in (secret + "x", "ovs_nothing", "garbage"):
        assert client.get(url, headers=bearer(bad)).status_code == 401
    assert client.get(url).status_code == 401  # no token at all

    leaver = token_for(owner)
    owner.is_active = False
    owner.save()
    assert client.get(url, headers=bearer(leaver)).status_code == 401


def test_only_a_digest_of_the_secret_is_stored(person, token_for):
    secret = token_for("owner")
    token = ApiToken.objects.get(user=person("owner"))
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(token.prefix) and len(token.prefix) < 16
    stored = [str(v) for v in ApiToken.objects.values().get()]
    assert not any(secret in v for v in stored)


def test_evidence_upload_and_download_round_trip(client, person, token_for, bearer, settings):
    owner = person("owner")
    own, _ = _own_and_others(owner)
    headers = bearer(token_for(owner))
    url = reverse("api:response-evidence", args=[own.pk])

    answer = client.post(
        url,
        {"file": SimpleUploadedFile("Crime Board minutes.pdf", PDF), "description": "Minutes"},
        headers=headers,
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["content_type"] == "application/pdf"
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert body["size"] == len(PDF) and body["uploaded_by"]["name"] == "Jordan Reid"

    download = client.get(body["download_url"], headers=headers)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    assert "Crime Board minutes.pdf" in download["Content-Disposition"]
    assert download["Content-Type"] == "application/pdf"
    # viewers read the record, not the files, unless their organisation lets them
    viewer = bearer(token_for("viewer"))
    assert client.get(body["download_url"], headers=viewer).status_code == 403

    before = Evidence.objects.count()
    refused = client.post(url, {"file": SimpleUploadedFile("report.pdf", EXE)}, headers=headers)
    assert refused.status_code == 400
    assert "looks like a program" in refused.json()["detail"]
    settings.OVERSIGHT_EVIDENCE_MAX_BYTES = 20
    too_big = client.post(url, {"file": SimpleUploadedFile("a.pdf", PDF)}, headers=headers)
    assert too_big.status_code == 400 and "larger than the" in too_big.json()["detail"]
    missing = client.post(url, {"description": "no file"}, headers=headers)
    assert missing.status_code == 400 and "file" in missing.json()
    assert Evidence.objects.count() == before


def test_rag_confirm_refuses_a_stale_version_with_409(client, person, token_for, bearer):
    liaison = bearer(token_for("liaison"))
    response = (
        Response.objects.filter(organisation=person("liaison").organisation)
        .exclude(status__in=["closed", "closed_by_inspectorate", "superseded"])
        .first()
    )
    url = reverse("api:response-rag", args=[response.pk])
    first = client.post(
        url,
        {"rag": "amber", "version": response.version},
        content_type="application/json",
        headers=liaison,
    )
    assert first.status_code == 200, first.content
    assert first.json()["rag"] == "amber" and first.json()["version"] == response.version + 1
    stale = client.post(
        url,
        {"rag": "red", "version": response.version},
        content_type="application/json",
        headers=liaison,
    )
    assert stale.status_code == 409
    assert stale.json()["changed_by"] == "Sam Patel"
    response.refresh_from_db()
    assert response.rag == "amber"


def test_filters_ordering_and_pages(client, person, token_for, bearer):
    owner = person("owner")
    headers = bearer(token_for(owner))
    url = reverse("api:response-list")
    mine = client.get(url + "?owner=me&page_size=500", headers=headers).json()
    assert mine["count"] == Response.objects.filter(owner=owner).count() > 0
    assert {r["owner"]["id"] for r in mine["results"]} == {owner.pk}

    everything = client.get(url + "?ordering=reference&page_size=5", headers=headers).json()
    assert len(everything["results"]) == 5 and everything["next"]
    refs = [r["reference"] for r in everything["results"]]
    assert refs == sorted(refs)

    red = client.get(url + "?rag=red&status=any_open", headers=headers).json()
    assert all(r["rag"] == "red" for r in red["results"])
    overdue = client.get(url + "?overdue=true&page_size=500", headers=headers).json()
    assert all(r["overdue"] for r in overdue["results"])

    for bad in (
        "status=nonsense",
        "owner=someone",
        "report=99999999999999999999999",
        "ordering=password",
        "rag=purple",
    ):
        answer = client.get(f"{url}?{bad}", headers=headers)
        assert answer.status_code == 400, bad

    recs = client.get(reverse("api:recommendation-list") + "?reference=9159", headers=headers)
    assert [r["reference"] for r in recs.json()["results"]] == ["9159"]
    concerns = client.get(
        reverse("api:recommendation-list") + "?kind=cause_of_concern", headers=headers
    ).json()
    assert concerns["count"] > 0
    assert {r["kind"] for r in concerns["results"]} == {"cause_of_concern"}


def test_session_sign_in_works_and_writes_need_the_csrf_token(person):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    owner = person("owner")
    browser.force_login(owner)
    own, _ = _own_and_others(owner)
    assert browser.get(reverse("api:response-list")).status_code == 200
    answer = browser.post(
        reverse("api:response-updates", args=[own.pk]),
        {"narrative": "From the browser", "proposed_rag": "amber"},
        content_type="application/json",
    )
    assert answer.status_code == 403 and "CSRF" in answer.json()["detail"]
    assert not Update.objects.filter(narrative="From the browser").exists()


@pytest.mark.parametrize("role", [Role.LIAISON])
def test_the_schema_is_openapi_3(client, token_for, bearer, role):
    answer = client.get(reverse("api:schema") + "?format=json", headers=bearer(token_for(role)))
    assert answer.status_code == 200
    schema = answer.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/responses/{id}/updates/" in schema["paths"]
    assert "personalToken" in schema["components"]["securitySchemes"]
