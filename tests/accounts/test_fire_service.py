"""A fire and rescue service uses Oversight as a force does: it imports its own inspection
letter (a real one, from the corpus), the record and pages speak of "the service", and its
committee paper is headed with its inspection, not PEEL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from oversight.accounts.models import Organisation, OrganisationKind, Role
from oversight.clock import recorded_at
from oversight.ingest.services import ingest_confirm, ingest_preview
from oversight.inspections.models import InspectionKind
from oversight.papers import services as papers
from oversight.papers.models import PaperSection
from oversight.recommendations.models import RecommendationKind, Response
from tests.factories import InspectionFactory, UserFactory

pytestmark = pytest.mark.django_db
LETTER = (
    Path(__file__).resolve().parents[1]
    / "ingest/real/heldout2/surrey-frs-cause-of-concern-revisit-2024-04.txt"
)


@pytest.fixture
def surrey():
    return Organisation.objects.get(name="Surrey Fire and Rescue Service")


@pytest.fixture
def lead(surrey):
    return UserFactory(organisation=surrey, role=Role.LIAISON, username="sfrs-lead")


def test_every_english_fire_and_rescue_service_is_there():
    services = Organisation.objects.filter(kind=OrganisationKind.FIRE_SERVICE)
    assert services.count() == 44
    assert services.get(name="Surrey Fire and Rescue Service").noun == "service"


def test_a_service_imports_its_own_letter_and_it_is_about_itself(surrey, lead, tmp_path):
    path = tmp_path / "surrey-letter.txt"
    path.write_text(LETTER.read_text(encoding="utf-8").split("\n", 2)[2], encoding="utf-8")
    preview = ingest_preview(actor=lead, path=path)
    assert preview.plan.about == "Surrey Fire and Rescue Service"
    assert preview.plan.about_someone_else is None  # it is the importer's own
    ingest_confirm(batch=preview.batch, actor=lead)
    responses = Response.objects.filter(organisation=surrey).select_related("recommendation")
    kinds = sorted(r.recommendation.kind for r in responses)
    assert kinds == [
        RecommendationKind.CAUSE_OF_CONCERN,
        RecommendationKind.RECOMMENDATION,
        RecommendationKind.RECOMMENDATION,
    ]
    deadlines = {r.recommendation.deadline_text for r in responses} - {""}
    assert deadlines == {"Within 28 days"}


def test_the_pages_speak_of_the_service_and_offer_no_peel_grades(lead):
    client = Client()
    client.force_login(lead)
    programme = client.get("/inspections/").content.decode()
    assert "PEEL grades" not in programme
    monitoring = client.get("/inspections/monitoring/").content.decode()
    assert "monitors every service" in monitoring and "every force" not in monitoring
    invite = client.get("/organisation/people/invite/").content.decode()
    assert "their service e-mail address" in invite


def test_a_force_still_sees_peel_grades():
    force = Organisation.objects.get(name="West Midlands Police")
    client = Client()
    client.force_login(UserFactory(organisation=force, role=Role.LIAISON))
    assert "PEEL grades" in client.get("/inspections/").content.decode()


def test_the_services_paper_is_headed_with_its_inspection_not_peel(surrey, lead):
    # entered when it was notified: a paper about June 2024 says what the record then held
    with recorded_at(timezone.make_aware(dt.datetime(2023, 2, 1, 9))):
        InspectionFactory(
            organisation=surrey,
            title="Fire and rescue service inspection 2023–25",
            kind=InspectionKind.FRS,
            start_on=dt.date(2023, 3, 6),
        )
    committee = papers.committee_create(
        organisation=surrey, name="Surrey Fire and Rescue Authority", actor=lead
    )
    meeting = papers.meeting_create(committee=committee, held_on=dt.date(2024, 6, 20), actor=lead)
    paper = papers.paper_draft_create(meeting=meeting, actor=lead)
    headings = list(
        PaperSection.objects.filter(paper=paper)
        .order_by("position")
        .values_list("heading", flat=True)
    )
    text = " ".join(PaperSection.objects.filter(paper=paper).values_list("generated", flat=True))
    assert "Surrey Fire and Rescue Service inspection" in headings
    assert "PEEL" not in " ".join(headings)
    assert "Fire and rescue service inspection 2023–25" in text
