"""Evidence that cannot drift: who may download it (one rule per role, viewers by the
organisation's setting), evidence fixed once a response is closed (reopened with a reason to
change it), and the closure showing what it approved, with each file's SHA-256."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from oversight.accounts.models import Role
from oversight.accounts.services import organisation_settings_set
from oversight.conflicts import EditConflict, latest_change
from oversight.recommendations.models import Evidence, ResponseStatus
from oversight.recommendations.services import (
    closure_check,
    closure_request,
    closure_sign_off,
    evidence_add,
    evidence_withdraw,
    response_reopen,
    update_add,
)
from tests.factories import OrganisationFactory, ResponseFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
LATER = PDF.replace(b"Catalog", b"Catalog /Later true")


def pdf(name="Crime Board minutes.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture
def force():
    return OrganisationFactory(name="Home Force Police")


@pytest.fixture
def people(force):
    found = {
        role: UserFactory(organisation=force, role=role, first_name=role.title(), last_name="P")
        for role in (Role.LIAISON, Role.OWNER, Role.EXECUTIVE, Role.VIEWER)
    }
    found["other"] = UserFactory(organisation=OrganisationFactory(), role=Role.LIAISON)
    return found


@pytest.fixture
def response(force, people):
    response = ResponseFactory(organisation=force, owner=people[Role.OWNER])
    response.recommendation.report.organisation = force
    response.recommendation.report.save()
    return response


@pytest.fixture
def evidence(response, people):
    return evidence_add(
        response=response, actor=people[Role.OWNER], upload=pdf(), description="The minutes"
    )


def _download(client, person, evidence) -> int:
    client.force_login(person)
    return client.get(reverse("recommendations:evidence-download", args=[evidence.pk])).status_code


def _closed(response, people):
    update_add(
        response=response,
        author=people[Role.OWNER],
        written_on=dt.date(2026, 11, 2),
        narrative="The flag is in use in every area; audited in October.",
        proposed_rag="green",
    )
    closure = closure_request(
        response=response, actor=people[Role.OWNER], statement="Done: see the minutes."
    )
    closure = closure_check(closure=closure, actor=people[Role.LIAISON])
    return closure_sign_off(closure=closure, actor=people[Role.EXECUTIVE])


def test_who_may_download_evidence_one_rule_per_role(client, force, people, evidence):
    assert {
        who: _download(client, people[who], evidence)
        for who in (Role.LIAISON, Role.OWNER, Role.EXECUTIVE, Role.VIEWER, "other")
    } == {Role.LIAISON: 200, Role.OWNER: 200, Role.EXECUTIVE: 200, Role.VIEWER: 403, "other": 404}
    # the viewer sees the file's name, size and fingerprint, without a link to it
    client.force_login(people[Role.VIEWER])
    page = client.get(reverse("recommendations:response-detail", args=[evidence.response.pk]))
    html = page.content.decode()
    assert "Crime Board minutes.pdf" in html and evidence.sha256 in html
    assert reverse("recommendations:evidence-download", args=[evidence.pk]) not in html
    assert "viewers read the record but not download evidence files" in html

    organisation_settings_set(
        organisation=force,
        actor=people[Role.LIAISON],
        viewers_download_evidence=True,
        expected=latest_change(force),
    )
    people[Role.VIEWER].refresh_from_db()
    assert _download(client, people[Role.VIEWER], evidence) == 200
    assert _download(client, people["other"], evidence) == 404


def test_only_the_liaison_changes_the_setting_and_a_stale_form_is_refused(client, force, people):
    with pytest.raises(PermissionDenied):
        organisation_settings_set(
            organisation=force,
            actor=people[Role.EXECUTIVE],
            viewers_download_evidence=True,
            expected=None,
        )
    client.force_login(people[Role.LIAISON])
    url = reverse("organisation:settings")
    page = client.get(url)
    assert page.status_code == 200 and "May viewers download evidence files?" in page.text
    stamp = latest_change(force)
    organisation_settings_set(
        organisation=force,
        actor=people[Role.LIAISON],
        viewers_download_evidence=True,
        expected=stamp,
    )
    stale = client.post(url, {"viewers_download_evidence": "no", "expected": stamp})
    assert stale.status_code == 409
    force.refresh_from_db()
    assert force.viewers_download_evidence is True
    saved = client.post(url, {"viewers_download_evidence": "no", "expected": latest_change(force)})
    assert saved.status_code == 302
    force.refresh_from_db()
    assert force.viewers_download_evidence is False
    trail = force.history.order_by("-history_id").first()
    assert trail.history_change_reason == "Viewers may not download evidence files"
    with pytest.raises(EditConflict):
        organisation_settings_set(
            organisation=force,
            actor=people[Role.LIAISON],
            viewers_download_evidence=True,
            expected=stamp,
        )


def test_evidence_on_a_closed_response_cannot_be_added_or_withdrawn(
    client, people, response, evidence
):
    _closed(response, people)
    response.refresh_from_db()
    assert response.status == ResponseStatus.CLOSED
    before = list(Evidence.objects.values_list("pk", "withdrawn_at"))
    with pytest.raises(ValueError, match="Reopen it, with a reason"):
        evidence_add(response=response, actor=people[Role.LIAISON], upload=pdf("more.pdf"))
    with pytest.raises(ValueError, match="Reopen it, with a reason"):
        evidence_withdraw(evidence=evidence, actor=people[Role.LIAISON], reason="Wrong file")
    with pytest.raises(ValueError, match="Reopen it, with a reason"):
        update_add(
            response=response,
            author=people[Role.LIAISON],
            written_on=dt.date(2026, 11, 20),
            narrative="One more file",
            files=[(pdf("late.pdf"), "")],
        )
    # the pages say so, and change nothing
    client.force_login(people[Role.LIAISON])
    added = client.post(
        reverse("recommendations:evidence-add", args=[response.pk]), {"file": pdf("more.pdf")}
    )
    assert added.status_code == 400 and "Reopen it, with a reason" in added.text
    withdrawn = client.post(
        reverse("recommendations:evidence-withdraw", args=[evidence.pk]), {"reason": "Wrong"}
    )
    assert withdrawn.status_code == 400 and "Reopen it, with a reason" in withdrawn.text
    assert list(Evidence.objects.values_list("pk", "withdrawn_at")) == before
    page = client.get(reverse("recommendations:response-detail", args=[response.pk])).text
    assert "Reopen it, with a reason" in page
    assert reverse("recommendations:evidence-withdraw", args=[evidence.pk]) not in page


def test_reopening_needs_the_liaison_and_a_reason_and_goes_in_the_trail(
    client, people, response, evidence
):
    _closed(response, people)
    response.refresh_from_db()
    with pytest.raises(PermissionDenied):
        response_reopen(
            response=response, actor=people[Role.OWNER], expected_version=None, reason="Why not"
        )
    client.force_login(people[Role.LIAISON])
    url = reverse("recommendations:response-reopen", args=[response.pk])
    empty = client.post(url, {"version": response.version, "reason": ""})
    assert empty.status_code == 400 and "Enter why the response is reopened" in empty.text
    response.refresh_from_db()
    assert response.is_closed
    done = client.post(
        url, {"version": response.version, "reason": "The inspectorate asked for the policy"}
    )
    assert done.status_code == 302
    response.refresh_from_db()
    assert response.status == ResponseStatus.IN_PROGRESS and response.rag == ""
    reason = response.history.order_by("-history_id").first().history_change_reason
    assert reason == "Reopened: The inspectorate asked for the policy"
    evidence_withdraw(evidence=evidence, actor=people[Role.LIAISON], reason="Superseded")
    evidence_add(response=response, actor=people[Role.LIAISON], upload=pdf("policy.pdf", LATER))


def test_the_closure_shows_what_it_approved_and_says_when_the_evidence_changed(
    client, people, response, evidence
):
    closure = _closed(response, people)
    client.force_login(people[Role.EXECUTIVE])
    url = reverse("recommendations:closure-detail", args=[closure.pk])
    page = client.get(url).text
    assert "What was approved" in page
    assert "Signed off in the organisation, by an executive" in page
    assert "The flag is in use in every area" in page  # the update then
    assert response.recommendation.text[:40] in page
    assert f"<code>{hashlib.sha256(PDF).hexdigest()}</code>" in page
    assert "has changed since" not in page

    response.refresh_from_db()
    response_reopen(
        response=response,
        actor=people[Role.LIAISON],
        expected_version=response.version,
        reason="A newer version of the minutes",
    )
    evidence_withdraw(evidence=evidence, actor=people[Role.LIAISON], reason="Superseded")
    newer = evidence_add(
        response=response, actor=people[Role.LIAISON], upload=pdf("minutes v2.pdf", LATER)
    )
    page = client.get(url).text
    assert "The evidence on the response has changed since" in page
    # what was approved is as it was: the first file, not withdrawn; the new one only "now"
    approved = page.split("Evidence then")[1].split("Evidence now")[0]
    assert "Crime Board minutes.pdf" in approved and "(withdrawn)" not in approved
    assert newer.sha256 not in approved
    assert newer.sha256 in page.split("Evidence now")[1]
