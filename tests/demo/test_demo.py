"""The demo record holds what the two example JAC papers say.

The facts checked here are written out by hand (not taken from oversight.demo.facts), and
each is first checked against the papers themselves, so a wrong fact fails either way.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from oversight.accounts.models import Board, Organisation, Portfolio, User
from oversight.demo.load import load_demo
from oversight.inspections.models import Finding, Inspection, InspectionParticipant, Report
from oversight.papers.models import Committee, Meeting
from oversight.recommendations.models import Recommendation, Response, Update

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "examples"


def _paper(name: str) -> str:
    """The paper's text on one line, with the one typo the record fixes put right."""
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    return " ".join(text.replace("LabinjoHughes", "Labinjo-Hughes").split())


MARCH = _paper("jac-hmicfrs-update-2022-03.txt")
JULY = _paper("jac-hmicfrs-update-2022-07.txt")
BOTH = f"{MARCH} {JULY}"

# July 2022, section 2: reference -> (theme, deadline as written, due date).
CAUSES_OF_CONCERN = {
    "9159": ("Hate Crime", "Within three months", date(2018, 10, 19)),
    "10618": ("Crimes Against Older People", "Within six months", date(2020, 1, 17)),
    "9962": ("Crimes Against Older People", "Within three months", date(2019, 10, 17)),
    "8539": ("PEEL Police Legitimacy", "", None),
    "9472": ("Stalking and Harassment", "Within six months", date(2018, 1, 5)),
}

# Every inspection named in section 3 of both papers (and PEEL 2021, section 2), with its
# date as the paper writes it (None where the paper gives no date).
INSPECTIONS = {
    "2021 PEEL inspection": "2021",
    "Thematic Inspection relating to the Online Sexual Abuse and Sexual Exploitation of "
    "Children": None,
    "Joint Targeted Area Inspection (JTAI) relating to the murder of Arthur Labinjo-Hughes": (
        "January 2022"
    ),
    "Thematic Inspection relating to Serious Youth Violence": None,
    "Police Super-complaint: Invisible survivors: The long wait for justice. Police response to "
    "BAME victims of sexual abuse": None,
    "Police Super-complaint made by the Centre for Women's Justice: Police perpetrated domestic "
    "abuse (Data Request Only)": None,
    "Thematic Inspection of Digital Forensics": "W/C 4th April",
    "Police Super-complaint: Police use of Section 60 stop and search powers": "W/C 18th April",
    "Diversity & Inclusion Workshop": "April – Date TBC",
    "Thematic Inspection – Criminal Justice Outcomes": "May – Date TBC",
    "Thematic Inspection of ROCU": "October – Date TBC",
    "Spring Data Request": None,
    "Force Management Statement": None,
}

# Every other force named, by inspection, as the March paper writes them.
OTHER_FORCES = {
    "Thematic Inspection relating to the Online Sexual Abuse and Sexual Exploitation of Children": [
        ("Dyfed Powys Police", "Dyfed-Powys Police"),
        ("West Yorkshire Police", "West Yorkshire Police"),
        ("Bedfordshire Police", "Bedfordshire Police"),
        ("Leicestershire Police", "Leicestershire Police"),
        ("Nottinghamshire Police", "Nottinghamshire Police"),
    ],
    "Thematic Inspection relating to Serious Youth Violence": [
        ("Gloucestershire Constabulary", "Gloucestershire Constabulary"),
        ("Lancashire Constabulary", "Lancashire Constabulary"),
        ("South Wales Police", "South Wales Police"),
        ("Hampshire Police", "Hampshire and Isle of Wight Constabulary"),
        ("Cleveland Police", "Cleveland Police"),
        ("Metropolitan Police Service", "Metropolitan Police Service"),
        ("Northumbria Police", "Northumbria Police"),
        ("Avon and Somerset Constabulary", "Avon and Somerset Constabulary"),
        ("Merseyside Police", "Merseyside Police"),
        ("Nottinghamshire Police", "Nottinghamshire Police"),
        ("Sussex Police", "Sussex Police"),
    ],
}

# March 2022, section 4: title, publication date, and the paper's words for the date.
REPORTS = [
    (
        "Solihull JTAI Report following the murder of Arthur Labinjo-Hughes",
        date(2022, 2, 21),
        "Published 21st February 2022.",
    ),
    (
        "HMICFRS Thematic Inspection – Exploring rape survivors’ experiences of the police and "
        "other criminal justice agencies – Phase 2 – Post Charge",
        date(2022, 2, 24),
        "Published 24th February 2022.",
    ),
]

RAPE_RECOMMENDATION_STARTS = {
    "1": "Immediately, police and prosecutors should review",
    "2": "Immediately, police and CPS should work collaboratively",
    "3": "Immediately, police should make sure that the victims of rape",
}


@pytest.fixture
def counts(db) -> dict[str, int]:
    return load_demo()


def _snapshot() -> dict[str, int]:
    models = (Organisation, User, Portfolio, Board, Committee, Meeting, Inspection)
    models += (InspectionParticipant, Report, Finding, Recommendation, Response, Update)
    return {model.__name__: model.objects.count() for model in models}


def test_the_papers_are_there() -> None:
    assert "HMICFRS" in MARCH and "HMICFRS" in JULY


def test_it_creates_the_whole_record(counts) -> None:
    assert counts == {
        "organisations": 1,
        "people": 7,
        "portfolios": 3,
        "boards": 7,
        "committees": 1,
        "meetings": 2,
        "papers": 2,
        "inspections": 13,
        "participants": 16,
        "reports": 6,
        "findings": 26,
        "recommendations": 8,
        "responses": 8,
        "updates": 8,
    }


def test_running_it_twice_creates_nothing_the_second_time(counts) -> None:
    before = _snapshot()
    assert set(load_demo().values()) == {0}
    assert _snapshot() == before


def test_the_command_says_what_it_did(db, capsys) -> None:
    call_command("load_demo")
    assert capsys.readouterr().out.startswith("Demo loaded: 1 organisation, 7 people")
    call_command("load_demo")
    assert "nothing created" in capsys.readouterr().out


def test_every_reference_number_in_the_papers_is_recorded(counts) -> None:
    in_papers = set(re.findall(r"Recommendation (\d+)", BOTH))
    assert in_papers == set(CAUSES_OF_CONCERN)
    recorded = set(Recommendation.objects.exclude(reference="").values_list("reference", flat=True))
    assert in_papers <= recorded


@pytest.mark.parametrize("reference", CAUSES_OF_CONCERN)
def test_causes_of_concern(counts, reference: str) -> None:
    theme, deadline, due_on = CAUSES_OF_CONCERN[reference]
    written = f"{theme} (Recommendation {reference}). {deadline}"
    assert written in JULY
    recommendation = Recommendation.objects.get(reference=reference)
    assert recommendation.kind == "cause_of_concern"
    assert recommendation.theme == theme
    assert recommendation.deadline_text == deadline
    assert recommendation.due_on == due_on
    assert recommendation.report.organisation is None
    assert recommendation.report.inspectorate.short_name == "HMICFRS"
    if deadline:
        assert recommendation.text.startswith(deadline)
    response = recommendation.responses.get()
    assert response.organisation.name == "West Midlands Police"
    assert response.status == "in_progress"
    assert response.sign_off == "chief_constable"
    assert response.next_review_on == date(2022, 10, 1)
    assert response.rag
    update = response.updates.get()
    assert update.written_on == date(2022, 7, 1)
    assert update.author == response.owner
    assert " ".join(update.narrative.split()) in JULY


def test_8539_has_no_due_date_and_9159_is_due_19_october_2018(counts) -> None:
    assert Recommendation.objects.get(reference="8539").due_on is None
    assert Recommendation.objects.get(reference="9159").due_on == date(2018, 10, 19)


def test_older_people_recommendations_share_one_narrative(counts) -> None:
    first = Update.objects.get(response__recommendation__reference="10618").narrative
    second = Update.objects.get(response__recommendation__reference="9962").narrative
    assert first == second
    assert first.startswith("The CONNECT system used in WMP")
    assert "\n\nTraining sessions have been arranged" in first


def test_owner_owns_9159_and_the_rape_recommendations_but_not_9472(counts) -> None:
    owner = User.objects.get(username="owner")
    owned = Response.objects.filter(owner=owner)
    assert owned.filter(recommendation__reference="9159").exists()
    assert not owned.filter(recommendation__reference="9472").exists()
    assert owned.filter(recommendation__theme="Rape").count() == 3
    assert Response.objects.exclude(owner=owner).exists()


@pytest.mark.parametrize("title", INSPECTIONS)
def test_every_inspection_with_its_date_as_written(counts, title: str) -> None:
    written = INSPECTIONS[title]
    assert title in BOTH
    inspection = Inspection.objects.get(title=title)
    assert inspection.organisation.name == "West Midlands Police"
    if written is not None:
        assert written in BOTH
        assert inspection.start_text == written
        assert inspection.when == written


def test_the_two_stop_and_search_wordings_are_one_inspection(counts) -> None:
    march_wording = "Police Super-complaint: Police use of stop and search powers (W/C 18th April)"
    assert march_wording in MARCH
    matches = Inspection.objects.filter(title__icontains="stop and search powers")
    assert matches.count() == 1
    notes = " ".join(e.note for e in matches.get().events.all())
    assert march_wording in notes  # the March title is kept on the step it was listed at
    assert matches.get().status == "debriefed"


def test_debriefs(counts) -> None:
    forensics = Inspection.objects.get(title="Thematic Inspection of Digital Forensics")
    assert "Warwickshire collaboration" in forensics.debrief_strengths
    assert len(forensics.debrief_strengths) == 5
    assert forensics.debrief_areas_to_consider
    assert "subject matter experts" in forensics.debrief_notes
    assert "published during summer 2022" in forensics.debrief_notes


@pytest.mark.parametrize("title", OTHER_FORCES)
def test_every_other_force_named(counts, title: str) -> None:
    inspection = Inspection.objects.get(title=title)
    recorded = [(p.name_as_written, p.organisation.name) for p in inspection.participants.all()]
    assert recorded == OTHER_FORCES[title]
    for name_as_written, _ in recorded:
        assert name_as_written in MARCH
    if title.endswith("Serious Youth Violence"):
        met = inspection.participants.get(organisation__name="Metropolitan Police Service")
        assert met.note in MARCH
        assert "Violence Reduction Units" in inspection.participants_note


def test_the_jtai_is_led_by_four_inspectorates(counts) -> None:
    jtai = Inspection.objects.get(kind="jtai")
    led_by = set(jtai.lead_inspectorates.values_list("short_name", flat=True))
    assert led_by == {"Ofsted", "CQC", "HMICFRS", "HMI Probation"}
    assert jtai.status == "published"


@pytest.mark.parametrize(("title", "published_on", "written"), REPORTS)
def test_both_reports_with_their_publication_dates(counts, title, published_on, written) -> None:
    assert f"{title}. {written}" in MARCH
    report = Report.objects.get(title=title)
    assert report.published_on == published_on


def test_the_jtai_report_findings(counts) -> None:
    report = Report.objects.get(title__startswith="Solihull JTAI Report")
    assert report.organisation.name == "West Midlands Police"
    assert report.inspectorate.short_name == "Ofsted"
    assert report.inspection.kind == "jtai"
    about_wmp = report.findings.filter(heading="In relation to West Midlands Police")
    assert about_wmp.count() == 10
    assert {f.organisation.name for f in about_wmp} == {"West Midlands Police"}
    assert report.findings.filter(heading="Aims of the JTAI", organisation=None).count() == 5
    for finding in report.findings.all():
        assert " ".join(finding.text.split()) in MARCH


def test_the_rape_survivors_report_and_its_recommendations(counts) -> None:
    report = Report.objects.get(title__contains="Phase 2 – Post Charge")
    assert report.organisation is None
    assert report.findings.filter(heading="Common themes for survivors").count() == 7
    recommendations = report.recommendations.order_by("number")
    assert [r.number for r in recommendations] == ["1", "2", "3"]
    for recommendation in recommendations:
        start = RAPE_RECOMMENDATION_STARTS[recommendation.number]
        assert f"{recommendation.number}.) {start}" in MARCH
        assert recommendation.text.startswith(start)
        assert " ".join(recommendation.text.split()) in MARCH
        assert recommendation.deadline_text == "Immediately"
        assert recommendation.due_on == date(2022, 2, 24)
        response = recommendation.responses.get()
        assert response.portfolio.name == "Crime"
        assert response.portfolio.lead == "ACC Bell"
        assert "Operation Soteria" in response.updates.get().narrative


def test_people_sign_in_with_demo(counts) -> None:
    for username, role in [
        ("liaison", "liaison"),
        ("owner", "owner"),
        ("executive", "executive"),
        ("viewer", "viewer"),
        ("ppu.lead", "owner"),
        ("stopsearch.lead", "owner"),
    ]:
        person = User.objects.get(username=username)
        assert person.role == role
        assert person.organisation.name == "West Midlands Police"
        assert person.check_password("demo")


def test_pcc_office_and_committee(counts) -> None:
    office = Organisation.objects.get(
        name="Office of the West Midlands Police and Crime Commissioner"
    )
    assert office.kind == "pcc_office"
    committee = Committee.objects.get(short_name="JAC")
    assert committee.name == "Joint Audit Committee"
    held = sorted(committee.meetings.values_list("held_on", flat=True))
    assert held == [date(2022, 3, 24), date(2022, 7, 28)]
