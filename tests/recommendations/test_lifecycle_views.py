"""The lifecycle pages of a response: each form renders for the person who may use it, bad
input gets the GOV.UK error summary and changes nothing, and good input does what it says."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from oversight import clock
from oversight.accounts.models import Role
from oversight.recommendations.models import (
    ClosureRequest,
    ClosureStage,
    Evidence,
    ExtensionRequest,
    Recommendation,
    RecommendationKind,
    RequestStatus,
    Response,
    ResponseStatus,
    Review,
    SignOff,
    Update,
)
from oversight.recommendations.services import closure_request, extension_request
from oversight.rules.rag import Rag
from tests.factories import (
    EvidenceFactory,
    OrganisationFactory,
    RecommendationFactory,
    ResponseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def pdf(name: str = "Crime Board minutes.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }


@pytest.fixture
def force():
    return OrganisationFactory(name="Home Force Police")


@pytest.fixture
def people(force):
    return {
        role: UserFactory(
            organisation=force, role=role, first_name=role.title(), last_name="Person"
        )
        for role in (Role.LIAISON, Role.OWNER, Role.EXECUTIVE, Role.VIEWER)
    }


@pytest.fixture
def response(force, people):
    response = ResponseFactory(
        organisation=force,
        owner=people[Role.OWNER],
        recommendation__reference="9159",
        recommendation__due_on=dt.date(2030, 5, 21),
    )
    report = response.recommendation.report
    report.organisation = force
    report.save()
    return response


@pytest.fixture
def undated(force, people, response):
    return ResponseFactory(
        organisation=force,
        owner=people[Role.OWNER],
        recommendation__report=response.recommendation.report,
        recommendation__due_on=None,
        recommendation__deadline_text="",
    )


@pytest.fixture
def concern(force, people, response):
    concern = RecommendationFactory(
        report=response.recommendation.report,
        kind=RecommendationKind.CAUSE_OF_CONCERN,
        concern_status="open",
        reference="8000",
    )
    ResponseFactory(organisation=force, recommendation=concern, owner=people[Role.OWNER])
    return concern


@pytest.fixture
def evidence(response, people):
    return EvidenceFactory(response=response, uploaded_by=people[Role.OWNER])


@pytest.fixture
def pending_extension(response, people):
    return extension_request(
        response=response,
        actor=people[Role.OWNER],
        proposed_due_on=dt.date(2030, 12, 31),
        reason="The new system goes live in the autumn.",
    )


@pytest.fixture
def pending_closure(undated, people):
    return closure_request(
        response=undated, actor=people[Role.OWNER], statement="All done: see the minutes."
    )


def as_person(client, person):
    client.force_login(person)
    return client


def counts() -> dict[str, int]:
    models = (Update, Evidence, Review, ExtensionRequest, ClosureRequest, Recommendation, Response)
    return {m.__name__: m.objects.count() for m in models}


def versions() -> dict[int, tuple]:
    return {
        r.pk: (r.version, r.status, r.owner_id, r.rag, r.revised_due_on, r.next_review_on)
        for r in Response.objects.all()
    }


def page_of(answer) -> str:
    return answer.content.decode()


# --- Every form renders for the person who may use it --------------------------------------

FORMS = [
    ("recommendations:update-add", "response", Role.OWNER),
    ("recommendations:update-add", "response", Role.LIAISON),
    ("recommendations:evidence-add", "response", Role.OWNER),
    ("recommendations:evidence-withdraw", "evidence", Role.OWNER),
    ("recommendations:recommendation-add", None, Role.LIAISON),
    ("recommendations:recommendation-edit", "recommendation", Role.LIAISON),
    ("recommendations:response-edit", "response", Role.LIAISON),
    ("recommendations:rag-confirm", "response", Role.LIAISON),
    ("recommendations:review-add", "response", Role.LIAISON),
    ("recommendations:due-date-set", "undated", Role.LIAISON),
    ("recommendations:reviews-due", None, Role.LIAISON),
    ("recommendations:reassign", None, Role.LIAISON),
    ("recommendations:concern-discharge", "concern", Role.LIAISON),
    ("recommendations:extension-request", "response", Role.OWNER),
    ("recommendations:extension-list", None, Role.EXECUTIVE),
    ("recommendations:extension-decide", "extension", Role.EXECUTIVE),
    ("recommendations:closure-request", "response", Role.OWNER),
    ("recommendations:closure-list", None, Role.LIAISON),
    ("recommendations:closure-detail", "closure", Role.LIAISON),
    ("recommendations:response-history", "response", Role.VIEWER),
    ("recommendations:recommendation-history", "recommendation", Role.VIEWER),
    ("recommendations:mine", None, Role.OWNER),
]


@pytest.fixture
def objects(response, undated, concern, evidence, pending_extension, pending_closure):
    return {
        "response": response.pk,
        "undated": undated.pk,
        "recommendation": response.recommendation.pk,
        "concern": concern.pk,
        "evidence": evidence.pk,
        "extension": pending_extension.pk,
        "closure": pending_closure.pk,
    }


@pytest.mark.parametrize(("name", "thing", "role"), FORMS)
def test_each_page_renders_for_the_right_person(client, people, objects, name, thing, role):
    url = reverse(name, args=[objects[thing]] if thing else None)
    answer = as_person(client, people[role]).get(url)
    assert answer.status_code == 200
    main = page_of(answer).split('id="main-content"', 1)[1]
    assert "<h1" in main
    if '<form method="post"' in main:
        assert "csrfmiddlewaretoken" in main
        assert "novalidate" in main
        assert "Cancel" in main


def test_update_form_needs_multipart_and_names_the_allowed_files(client, people, response):
    page = page_of(
        as_person(client, people[Role.OWNER]).get(
            reverse("recommendations:update-add", args=[response.pk])
        )
    )
    assert 'enctype="multipart/form-data"' in page
    assert 'id="id_files" name="files" type="file"' in page
    assert 'multiple="multiple"' in page
    assert '<label class="govuk-label govuk-label--s" for="id_files">' in page
    assert "PDF, Word, Excel, CSV, text, PNG, JPEG or email" in page
    assert "25 MB" in page


# --- Bad input: 400, the error summary, and nothing changes --------------------------------

BAD_POSTS = [
    (
        "recommendations:update-add",
        "response",
        Role.OWNER,
        {"narrative": ""},
        "Enter what progress",
    ),
    ("recommendations:evidence-add", "response", Role.OWNER, {}, "Choose a file to upload"),
    ("recommendations:evidence-withdraw", "evidence", Role.OWNER, {}, "Enter why the evidence"),
    ("recommendations:recommendation-add", None, Role.LIAISON, {}, "Choose the report"),
    (
        "recommendations:response-edit",
        "response",
        Role.LIAISON,
        {"sign_off": "chief_constable", **date_fields("next_review_on", dt.date(2030, 1, 1))}
        | {"next_review_on-month": "13"},
        "must be a real date",
    ),
    ("recommendations:rag-confirm", "response", Role.LIAISON, {}, "Choose a RAG rating"),
    ("recommendations:review-add", "response", Role.LIAISON, {}, "Choose the outcome"),
    ("recommendations:due-date-set", "undated", Role.LIAISON, {}, "Enter the due date"),
    ("recommendations:extension-request", "response", Role.OWNER, {}, "Enter the new due date"),
    (
        "recommendations:extension-request",
        "response",
        Role.OWNER,
        {**date_fields("proposed_due_on", dt.date(2030, 1, 1)), "reason": "Late"},
        "must be after the current one",
    ),
    (
        "recommendations:extension-decide",
        "extension",
        Role.EXECUTIVE,
        {"decision": "refuse"},
        "Enter why it is refused",
    ),
    ("recommendations:closure-request", "response", Role.OWNER, {}, "Enter a closing statement"),
    ("recommendations:closure-detail", "closure", Role.LIAISON, {}, "Choose what to do"),
    (
        "recommendations:closure-detail",
        "closure",
        Role.LIAISON,
        {"action": "return"},
        "Enter what more is needed",
    ),
    ("recommendations:reassign", None, Role.LIAISON, {}, "Choose whose responses"),
    ("recommendations:concern-discharge", "concern", Role.LIAISON, {}, "Enter the inspectorate"),
]


@pytest.mark.parametrize(("name", "thing", "role", "data", "message"), BAD_POSTS)
def test_bad_input_is_explained_and_changes_nothing(
    client, people, objects, name, thing, role, data, message
):
    url = reverse(name, args=[objects[thing]] if thing else None)
    before, before_versions = counts(), versions()
    answer = as_person(client, people[role]).post(url, data)
    assert answer.status_code == 400
    page = page_of(answer)
    assert "govuk-error-summary" in page
    assert "There is a problem" in page
    assert message in page
    assert "<title>Error: " in page
    assert counts() == before
    assert versions() == before_versions


# --- Updates and evidence ------------------------------------------------------------------


def test_owner_adds_an_update_with_a_pdf(client, people, response, settings):
    answer = as_person(client, people[Role.OWNER]).post(
        reverse("recommendations:update-add", args=[response.pk]),
        {
            "narrative": "The cyber-enabled flag is now checked daily.",
            "proposed_rag": "green",
            "next_steps": "Audit in September.",
            "files": [pdf()],
            "file_description": "Minutes of the Crime Board",
        },
    )
    assert answer.status_code == 302
    update = Update.objects.get(response=response)
    assert update.proposed_rag == Rag.GREEN
    assert update.author == people[Role.OWNER]
    evidence = Evidence.objects.get(update=update)
    assert evidence.original_name == "Crime Board minutes.pdf"
    assert evidence.content_type == "application/pdf"
    assert evidence.size == len(PDF)
    assert evidence.description == "Minutes of the Crime Board"
    assert Path(evidence.file.path).read_bytes() == PDF
    response.refresh_from_db()
    assert response.status == ResponseStatus.IN_PROGRESS
    page = page_of(client.get(answer.url))
    assert "Your update was added with 1 evidence file" in page
    assert "The cyber-enabled flag is now checked daily." in page
    assert "Crime Board minutes.pdf" in page


def test_a_program_renamed_pdf_is_refused_and_nothing_is_written(
    client, people, response, settings
):
    before, before_versions = counts(), versions()
    answer = as_person(client, people[Role.OWNER]).post(
        reverse("recommendations:update-add", args=[response.pk]),
        {
            "narrative": "Progress",
            "proposed_rag": "amber",
            "files": [SimpleUploadedFile("minutes.pdf", EXE, content_type="application/pdf")],
        },
    )
    assert answer.status_code == 400
    page = page_of(answer)
    assert "There is a problem" in page
    assert "looks like a program" in page
    assert counts() == before
    assert versions() == before_versions
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]


def test_evidence_added_on_its_own(client, people, response):
    answer = as_person(client, people[Role.OWNER]).post(
        reverse("recommendations:evidence-add", args=[response.pk]),
        {"file": pdf("Problem profile.pdf"), "description": "Hate crime problem profile"},
    )
    assert answer.status_code == 302
    evidence = Evidence.objects.get(response=response)
    assert evidence.update is None
    page = page_of(client.get(answer.url))
    assert "Problem profile.pdf" in page
    assert "Hate crime problem profile" in page
    # the file's fingerprint, so anyone can check a copy is the file that was approved
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert f"SHA-256 <code>{evidence.sha256}</code>" in page


def test_evidence_download_is_an_attachment_with_the_bytes(client, people, response):
    as_person(client, people[Role.OWNER]).post(
        reverse("recommendations:evidence-add", args=[response.pk]), {"file": pdf()}
    )
    evidence = Evidence.objects.get(response=response)
    answer = as_person(client, people[Role.EXECUTIVE]).get(
        reverse("recommendations:evidence-download", args=[evidence.pk])
    )
    assert answer.status_code == 200
    assert answer["Content-Disposition"].startswith("attachment")
    assert 'filename="Crime Board minutes.pdf"' in answer["Content-Disposition"]
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert b"".join(answer.streaming_content) == PDF


def test_a_text_file_downloads_with_its_own_extension(client, people, response):
    as_person(client, people[Role.OWNER]).post(
        reverse("recommendations:evidence-add", args=[response.pk]),
        {"file": SimpleUploadedFile("notes.txt", b"Checked the flags on 3 May.\n")},
    )
    evidence = Evidence.objects.get(response=response)
    assert evidence.content_type.startswith("text/plain")
    answer = client.get(reverse("recommendations:evidence-download", args=[evidence.pk]))
    assert 'filename="notes.txt"' in answer["Content-Disposition"]


def test_evidence_of_another_organisation_is_not_found(client, people, response):
    elsewhere = EvidenceFactory()
    liaison = people[Role.LIAISON]
    for name in ("recommendations:evidence-download", "recommendations:evidence-withdraw"):
        answer = as_person(client, liaison).get(reverse(name, args=[elsewhere.pk]))
        assert answer.status_code == 404


def test_withdrawn_evidence_stays_in_the_record(client, people, response, evidence):
    answer = as_person(client, people[Role.OWNER]).post(
        reverse("recommendations:evidence-withdraw", args=[evidence.pk]),
        {"reason": "The wrong version of the minutes"},
    )
    assert answer.status_code == 302
    evidence.refresh_from_db()
    assert evidence.withdrawn_at is not None
    assert evidence.withdrawn_by == people[Role.OWNER]
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    page = page_of(client.get(reverse("recommendations:response-detail", args=[response.pk])))
    assert "Withdrawn: The wrong version of the minutes" in page
    assert reverse("recommendations:evidence-download", args=[evidence.pk]) in page


# --- The response page shows each person what they may do -----------------------------------


def test_response_page_offers_actions_by_role(client, people, response, evidence):
    url = reverse("recommendations:response-detail", args=[response.pk])
    withdraw = reverse("recommendations:evidence-withdraw", args=[evidence.pk])

    owner = page_of(as_person(client, people[Role.OWNER]).get(url))
    for text in ("Add an update", "Add evidence", "Ask for more time", "Ask for closure"):
        assert text in owner
    assert withdraw in owner
    assert "Confirm the RAG rating" not in owner

    liaison = page_of(as_person(client, people[Role.LIAISON]).get(url))
    for text in (
        "Add an update",
        "Confirm the RAG rating",
        "Record a review",
        "Assign or edit the response",
        "Edit the recommendation",
    ):
        assert text in liaison

    viewer = page_of(as_person(client, people[Role.VIEWER]).get(url))
    for text in ("Add an update", "Add evidence", "Ask for", "Confirm the RAG", "Withdraw"):
        assert text not in viewer
    assert "See the full history" in viewer
    assert "Minutes of the board.pdf" in viewer


def test_liaison_sets_a_due_date_where_there_is_none(client, people, undated):
    url = reverse("recommendations:response-detail", args=[undated.pk])
    assert "Set the due date" in page_of(as_person(client, people[Role.LIAISON]).get(url))
    answer = client.post(
        reverse("recommendations:due-date-set", args=[undated.pk]),
        {**date_fields("due_on", dt.date(2031, 3, 31)), "reason": "Agreed with HMICFRS"},
    )
    assert answer.status_code == 302
    undated.refresh_from_db()
    assert undated.due_on == dt.date(2031, 3, 31)


def test_history_page_shows_who_changed_what(client, people, response):
    as_person(client, people[Role.LIAISON]).post(
        reverse("recommendations:rag-confirm", args=[response.pk]),
        {"rag": "amber", "version": response.version, "note": "Slipping"},
    )
    page = page_of(
        as_person(client, people[Role.VIEWER]).get(
            reverse("recommendations:response-history", args=[response.pk])
        )
    )
    assert "Liaison Person" in page
    assert "Rag" in page or "RAG" in page
    assert "Amber" in page
    assert "RAG confirmed as Amber: Slipping" in page


def test_my_responses_lists_open_and_closed(client, people, response, force):
    ResponseFactory(
        organisation=force,
        owner=people[Role.OWNER],
        recommendation__reference="7777",
        status=ResponseStatus.CLOSED,
    )
    ResponseFactory(organisation=force, recommendation__reference="6666")  # someone else's
    page = page_of(as_person(client, people[Role.OWNER]).get(reverse("recommendations:mine")))
    assert "Recommendation 9159" in page
    assert "Recommendation 7777" in page
    assert "Recommendation 6666" not in page
    assert page.index("Recommendation 9159") < page.index("Recommendation 7777")


def test_navigation_by_role(client, people):
    """At most seven top-level items for any role (#17.5); the recommendations section's own
    pages (all, mine, reviews due) are its sub-navigation."""
    home = reverse("dashboards:home")
    mine = 'href="{}"'.format(reverse("recommendations:mine"))
    reviews = 'href="{}"'.format(reverse("recommendations:reviews-due"))
    decisions = 'href="{}"'.format(reverse("recommendations:extension-list"))
    register = reverse("recommendations:register")

    def top_level(page: str) -> list[str]:
        nav = page.split('aria-label="Main navigation"', 1)[1].split("</nav>", 1)[0]
        return re.findall(r'govuk-service-navigation__link" href="[^"]+"[^>]*>\s*([^<]+?)\s*<', nav)

    for role in (Role.LIAISON, Role.EXECUTIVE, Role.OWNER, Role.VIEWER):
        page = page_of(as_person(client, people[role]).get(home))
        assert 0 < len(top_level(page)) <= 7, (role, top_level(page))
    liaison = page_of(as_person(client, people[Role.LIAISON]).get(register))
    assert mine in liaison and reviews in liaison and decisions in liaison
    executive = page_of(as_person(client, people[Role.EXECUTIVE]).get(register))
    assert decisions in executive and reviews not in executive
    viewer = page_of(as_person(client, people[Role.VIEWER]).get(register))
    assert mine not in viewer and decisions not in viewer and reviews not in viewer
    owner = page_of(as_person(client, people[Role.OWNER]).get(home))
    assert mine in owner.split('aria-label="Main navigation"', 1)[1].split("</nav>", 1)[0]
    current = page_of(as_person(client, people[Role.OWNER]).get(reverse("recommendations:mine")))
    active = current.split("govuk-service-navigation__item--active", 1)[1].split("</li>", 1)[0]
    assert "My responses" in active


# --- Extensions ----------------------------------------------------------------------------


def test_extension_requested_approved_and_the_original_date_kept(client, people, response):
    owner, executive = people[Role.OWNER], people[Role.EXECUTIVE]
    answer = as_person(client, owner).post(
        reverse("recommendations:extension-request", args=[response.pk]),
        {**date_fields("proposed_due_on", dt.date(2030, 11, 30)), "reason": "Training first"},
    )
    assert answer.status_code == 302
    extension = ExtensionRequest.objects.get(response=response)
    assert extension.status == RequestStatus.PENDING

    listing = page_of(as_person(client, executive).get(reverse("recommendations:extension-list")))
    assert "Waiting for a decision" in listing and "30 November 2030" in listing
    detail_url = reverse("recommendations:extension-decide", args=[extension.pk])
    assert "Your decision" in page_of(client.get(detail_url))
    answer = client.post(detail_url, {"decision": "approve", "note": "Agreed"})
    assert answer.status_code == 302

    extension.refresh_from_db()
    response.refresh_from_db()
    assert extension.status == RequestStatus.APPROVED
    assert response.due_on == dt.date(2030, 11, 30)
    page = page_of(client.get(reverse("recommendations:response-detail", args=[response.pk])))
    assert "30 November 2030" in page
    assert "Original due date" in page and "21 May 2030" in page
    assert "Approved" in page


def test_only_an_executive_decides_an_extension(client, people, pending_extension):
    url = reverse("recommendations:extension-decide", args=[pending_extension.pk])
    for role in (Role.OWNER, Role.LIAISON, Role.VIEWER):
        page = page_of(as_person(client, people[role]).get(url))
        assert "Your decision" not in page
        assert client.post(url, {"decision": "approve"}).status_code == 403
    pending_extension.refresh_from_db()
    assert pending_extension.status == RequestStatus.PENDING


# --- Closure -------------------------------------------------------------------------------


def test_closure_requested_checked_and_signed_off(client, people, response, evidence):
    owner, liaison, executive = people[Role.OWNER], people[Role.LIAISON], people[Role.EXECUTIVE]
    form = page_of(
        as_person(client, owner).get(reverse("recommendations:closure-request", args=[response.pk]))
    )
    assert "Minutes of the board.pdf" in form  # the current evidence is listed
    answer = client.post(
        reverse("recommendations:closure-request", args=[response.pk]),
        {"statement": "The flag is used; see the minutes."},
    )
    assert answer.status_code == 302
    closure = ClosureRequest.objects.get(response=response)
    assert answer.url == reverse("recommendations:closure-detail", args=[closure.pk])
    response.refresh_from_db()
    assert response.status == ResponseStatus.READY_FOR_CLOSURE

    url = reverse("recommendations:closure-detail", args=[closure.pk])
    assert "What do you want to do?" not in page_of(client.get(url))  # the owner waits
    assert as_person(client, executive).post(url, {"action": "sign_off"}).status_code == 403

    page = page_of(as_person(client, liaison).get(url))
    assert "Evidence checked: send for sign-off" in page
    assert reverse("recommendations:evidence-download", args=[evidence.pk]) in page
    assert client.post(url, {"action": "check", "note": "All there"}).status_code == 302
    closure.refresh_from_db()
    assert closure.stage == ClosureStage.EVIDENCE_CHECKED

    page = page_of(as_person(client, executive).get(url))
    assert "Sign off: close the response" in page
    assert client.post(url, {"action": "sign_off", "note": "Well done"}).status_code == 302
    closure.refresh_from_db()
    response.refresh_from_db()
    assert closure.stage == ClosureStage.SIGNED_OFF
    assert response.status == ResponseStatus.CLOSED
    assert response.rag == Rag.BLUE
    page = page_of(client.get(reverse("recommendations:response-detail", args=[response.pk])))
    assert ">Closed<" in page
    assert "Blue (complete)" in page
    assert "Add an update" not in page


def test_closure_returned_to_the_owner_needs_a_note(client, people, pending_closure, undated):
    url = reverse("recommendations:closure-detail", args=[pending_closure.pk])
    answer = as_person(client, people[Role.LIAISON]).post(
        url, {"action": "return", "note": "Add the audit results"}
    )
    assert answer.status_code == 302
    undated.refresh_from_db()
    assert undated.status == ResponseStatus.IN_PROGRESS
    page = page_of(client.get(url))
    assert "Add the audit results" in page and "Returned" in page


def test_inspectorate_route_submitted_then_closed_by_the_inspectorate(client, people, response):
    response.sign_off = SignOff.INSPECTORATE
    response.save()
    as_person(client, people[Role.OWNER]).post(
        reverse("recommendations:closure-request", args=[response.pk]),
        {"statement": "Done, over to HMICFRS."},
    )
    closure = ClosureRequest.objects.get(response=response)
    url = reverse("recommendations:closure-detail", args=[closure.pk])
    liaison = as_person(client, people[Role.LIAISON])
    assert liaison.post(url, {"action": "check"}).status_code == 302
    assert "Submitted to the inspectorate" in page_of(liaison.get(url))
    assert liaison.post(url, {"action": "submit", "note": "Sent 3 May"}).status_code == 302
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED
    page = page_of(liaison.get(url))
    assert "The inspectorate closed it" in page
    assert (
        liaison.post(
            url, {"action": "closed_by_inspectorate", "note": "Letter of 1 June"}
        ).status_code
        == 302
    )
    closure.refresh_from_db()
    response.refresh_from_db()
    assert closure.stage == ClosureStage.CLOSED_BY_INSPECTORATE
    assert response.status == ResponseStatus.CLOSED_BY_INSPECTORATE
    assert response.rag == Rag.BLUE
    page = page_of(liaison.get(reverse("recommendations:response-detail", args=[response.pk])))
    assert "Closed by the inspectorate" in page


# --- Managing ------------------------------------------------------------------------------


def test_second_editor_with_an_old_version_gets_a_conflict(client, people, response, force):
    first = UserFactory(organisation=force, role=Role.LIAISON, first_name="Ada", last_name="One")
    second = people[Role.LIAISON]
    newcomer = UserFactory(organisation=force, role=Role.OWNER, first_name="New", last_name="Lead")
    url = reverse("recommendations:response-edit", args=[response.pk])
    old_version = response.version
    base = {
        "version": old_version,
        "sign_off": "chief_constable",
        **date_fields("next_review_on", dt.date(2030, 6, 1)),
    }
    answer = as_person(client, first).post(url, {**base, "owner": newcomer.pk})
    assert answer.status_code == 302

    answer = as_person(client, second).post(url, {**base, "owner": people[Role.OWNER].pk})
    assert answer.status_code == 409
    page = page_of(answer)
    assert "Someone else changed this" in page
    assert "Ada One changed this record" in page
    assert "Owner:" in page
    assert "New Lead" in page
    response.refresh_from_db()
    assert response.owner == newcomer
    assert f'value="{response.version}"' in page  # the form now carries their version


def test_liaison_records_a_recommendation_and_its_response(client, people, response):
    report = response.recommendation.report
    answer = as_person(client, people[Role.LIAISON]).post(
        reverse("recommendations:recommendation-add"),
        {
            "report": report.pk,
            "kind": "recommendation",
            "reference": "12345",
            "theme": "Stalking",
            "text": "Forces should review stalking cases.",
            "audience": "Chief constables, NPCC",
            "deadline_text": "Within three months",
        },
    )
    assert answer.status_code == 302
    recommendation = Recommendation.objects.get(reference="12345")
    assert recommendation.audience == ["Chief constables", "NPCC"]
    assert recommendation.due_on == dt.date(2022, 5, 21)
    assert recommendation.responses.count() == 1


def test_rag_confirm_shows_the_owners_proposal(client, people, response):
    Update.objects.create(
        response=response,
        author=people[Role.OWNER],
        written_on=dt.date(2022, 7, 1),
        narrative="All good",
        proposed_rag="green",
    )
    url = reverse("recommendations:rag-confirm", args=[response.pk])
    page = page_of(as_person(client, people[Role.LIAISON]).get(url))
    assert "by Owner Person in the update of 1 July 2022" in page and "All good" in page
    answer = client.post(url, {"rag": "green", "version": response.version})
    assert answer.status_code == 302
    response.refresh_from_db()
    assert response.rag == Rag.GREEN


def test_review_moves_the_next_review_on(client, people, response):
    answer = as_person(client, people[Role.LIAISON]).post(
        reverse("recommendations:review-add", args=[response.pk]),
        {"outcome": "accepted", **date_fields("reviewed_on", dt.date(2030, 1, 10))},
    )
    assert answer.status_code == 302
    response.refresh_from_db()
    assert response.next_review_on == dt.date(2030, 4, 10)
    assert Review.objects.filter(response=response).count() == 1


def test_reviews_due_lists_responses_whose_review_has_come(client, people, response, force):
    response.next_review_on = dt.date(2020, 1, 1)
    response.save()
    ResponseFactory(
        organisation=force, recommendation__reference="5151", next_review_on=dt.date(2099, 1, 1)
    )
    page = page_of(
        as_person(client, people[Role.LIAISON]).get(reverse("recommendations:reviews-due"))
    )
    assert "Recommendation 9159" in page
    assert "Recommendation 5151" not in page
    assert reverse("recommendations:review-add", args=[response.pk]) in page


def test_reassign_moves_only_open_responses(client, people, response, force):
    leaver = people[Role.OWNER]
    closed = ResponseFactory(organisation=force, owner=leaver, status=ResponseStatus.CLOSED)
    other_open = ResponseFactory(organisation=force, owner=leaver, status=ResponseStatus.OPEN)
    successor = UserFactory(organisation=force, role=Role.OWNER)
    answer = as_person(client, people[Role.LIAISON]).post(
        reverse("recommendations:reassign"), {"from_owner": leaver.pk, "to_owner": successor.pk}
    )
    assert answer.status_code == 302
    for r in (response, closed, other_open):
        r.refresh_from_db()
    assert response.owner == successor
    assert other_open.owner == successor
    assert closed.owner == leaver
    page = page_of(client.get(answer.url))
    assert "2 open responses moved" in page


def test_discharge_says_whether_everything_under_it_is_closed(client, people, concern, force):
    own = concern.responses.get(organisation=force)
    under = ResponseFactory(
        organisation=force,
        recommendation__report=concern.report,
        recommendation__cause_of_concern=concern,
        status=ResponseStatus.IN_PROGRESS,
    )
    url = reverse("recommendations:concern-discharge", args=[concern.pk])
    page = page_of(as_person(client, people[Role.LIAISON]).get(url))
    assert "Not all the recommendations made under this cause of concern are closed" in page

    under.status = ResponseStatus.CLOSED
    under.save()
    page = page_of(client.get(url))
    assert "All the recommendations made under this cause of concern are closed" in page
    detail = page_of(client.get(reverse("recommendations:response-detail", args=[own.pk])))
    assert "govuk-notification-banner" in detail and "record the discharge" in detail

    answer = client.post(
        url,
        {"note": "HMICFRS letter of 14 June 2022", **date_fields("discharged_on", clock.today())},
    )
    assert answer.status_code == 302
    concern.refresh_from_db()
    assert concern.concern_status == "discharged"
    assert concern.discharged_on == clock.today()


def test_my_closed_responses_come_in_pages_most_recent_first(client, people, response, force):
    import datetime as dt

    for n in range(25):
        ResponseFactory(
            organisation=force,
            owner=people[Role.OWNER],
            recommendation__reference=f"C{n:02d}",
            status=ResponseStatus.CLOSED,
            closed_on=dt.date(2022, 1, 1) + dt.timedelta(days=n),
        )
    client = as_person(client, people[Role.OWNER])
    first = page_of(client.get(reverse("recommendations:mine")))
    assert "Closed (25), most recently closed first" in first
    assert "Recommendation C24" in first and "Recommendation C04" not in first
    assert first.index("Recommendation C24") < first.index("Recommendation C23")
    assert "Recommendation 9159" in first  # the open one is on every page
    second = page_of(client.get(reverse("recommendations:mine"), {"page": "2"}))
    assert "Recommendation C04" in second and "Recommendation C05" not in second
