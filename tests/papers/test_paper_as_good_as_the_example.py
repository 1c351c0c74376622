"""The generated March and July 2022 papers are no worse than the hand-written ones in
../shared/examples (#16.4), section by section:

- no paragraph said twice (the PEEL paragraph of March and of July, a note two inspections
  share, a progress narrative several recommendations share);
- national items followed by their progress: no "overdue" against the inspectorate's dates
  of 2018–2020, no due date under them;
- no individual named, unless the committee's setting asks for owners;
- items in the committee's order: by theme by default, which gives the real July paper's order;
  by reference number when the committee chooses it;
- no redundant sentence: "The report is awaited." after words saying when it is published,
  no "2021 PEEL inspection: report published." stub above the force's own words;
- the same facts in no more than 1.5 times the real paper's words.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse
from docx import Document

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "examples"
MARCH = dt.date(2022, 3, 24)
JULY = dt.date(2022, 7, 28)
REAL = {MARCH: "jac-hmicfrs-update-2022-03.txt", JULY: "jac-hmicfrs-update-2022-07.txt"}
pytestmark = pytest.mark.django_db


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’\-]*", text))


def _docx_paragraphs(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    parts = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text.strip() for cell in row.cells if cell.text.strip())
    return parts


@pytest.fixture(scope="module")
def drawn(django_db_setup, django_db_blocker):
    """The demo's papers as the committee gets them (Word), then the July draft re-drawn with
    each of the committee's settings changed; the database is left as it was."""
    from oversight.accounts.models import User
    from oversight.conflicts import latest_change
    from oversight.demo.load import load_demo
    from oversight.papers.documents import build
    from oversight.papers.models import Paper
    from oversight.papers.services import committee_change, paper_regenerate

    out: dict = {}
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        liaison = User.objects.get(username="liaison")
        out["people"] = [
            u.display_name for u in User.objects.filter(organisation=liaison.organisation)
        ]
        for day in (MARCH, JULY):
            paper = Paper.objects.get(meeting__held_on=day)
            content, _, _ = build.export(paper, "docx")
            out[day] = _docx_paragraphs(content)
        july = Paper.objects.get(meeting__held_on=JULY)
        committee = july.meeting.committee
        for key, change in (
            ("named", {"names_owners": True}),
            ("by_reference", {"item_order": "reference", "names_owners": False}),
        ):
            committee.refresh_from_db()
            committee_change(
                committee=committee,
                actor=liaison,
                name=committee.name,
                short_name=committee.short_name,
                expected=latest_change(committee),
                **change,
            )
            paper_regenerate(paper=Paper.objects.get(pk=july.pk), actor=liaison)
            content, _, _ = build.export(Paper.objects.get(pk=july.pk), "docx")
            out[key] = _docx_paragraphs(content)
        transaction.set_rollback(True)
    return out


def _real(day) -> str:
    path = EXAMPLES / REAL[day]
    if not path.exists():
        pytest.skip(f"{path} is not beside the checkout")
    return path.read_text(encoding="utf-8")


def _references(paragraphs: list[str]) -> list[str]:
    """The recommendation numbers in the order the PEEL and national section sets them out."""
    text = "\n".join(paragraphs)
    section = text.split("HMICFRS INSPECTIONS")[0]
    return list(dict.fromkeys(re.findall(r"\(Recommendation (\d+)\)", section)))


@pytest.mark.parametrize("day", [MARCH, JULY], ids=["march", "july"])
def test_no_paragraph_is_said_twice(drawn, day):
    long = [p for p in drawn[day] if _words(p) >= 8]
    repeated = {p for p in long if long.count(p) > 1}
    assert repeated == set()


def test_the_july_peel_paragraph_is_julys_only_and_has_no_stub_line(drawn):
    text = "\n".join(drawn[JULY])
    assert "The 2021 PEEL inspection concluded late last year" in text
    assert "The PEEL inspection programme is an assessment" not in text  # March's words
    assert "report published." not in text
    march = "\n".join(drawn[MARCH])
    assert "The PEEL inspection programme is an assessment" in march
    assert "concluded late last year" not in march


@pytest.mark.parametrize("day", [MARCH, JULY], ids=["march", "july"])
def test_national_items_are_followed_by_progress_not_flagged_overdue(drawn, day):
    section = "\n".join(drawn[day]).split("HMICFRS INSPECTIONS")[0]
    assert "Overdue" not in section
    assert not re.search(r"due \d{1,2} \w+ 20(1\d|20)", section), "a national due date shown"
    annex = "\n".join(drawn[day]).split("OVERDUE RECOMMENDATIONS")[1]
    assert "followed by progress" in annex


@pytest.mark.parametrize("day", [MARCH, JULY], ids=["march", "july"])
def test_no_individual_is_named_unless_the_committee_asks(drawn, day):
    text = "\n".join(drawn[day])
    named = [person for person in drawn["people"] if person in text]
    assert named == []


def test_the_committee_that_asks_gets_owners_named(drawn):
    text = "\n".join(drawn["named"])
    assert "Owner: " in text
    assert any(person in text for person in drawn["people"])


def test_items_follow_the_real_papers_order_by_theme_and_by_reference_when_chosen(drawn):
    real = re.findall(r"\(Recommendation (\d+)\)", _real(JULY))
    assert real == ["9159", "10618", "9962", "8539", "9472"]
    assert _references(drawn[JULY]) == real
    assert _references(drawn["by_reference"]) == ["8539", "9159", "9472", "9962", "10618"]


def test_no_redundant_sentences(drawn):
    text = "\n".join(drawn[JULY])
    assert "will be published during summer 2022" in text
    assert "The report is awaited." not in text
    assert text.count("No progress update has been recorded yet") <= 1
    march = "\n".join(drawn[MARCH])
    assert march.count("No progress update has been recorded yet") <= 1
    assert march.count("These recommendations have been brought into the Crime portfolio") == 1


@pytest.mark.parametrize("day", [MARCH, JULY], ids=["march", "july"])
def test_the_same_facts_in_no_more_than_one_and_a_half_times_the_real_length(drawn, day):
    ours, real = _words("\n".join(drawn[day])), _words(_real(day))
    assert ours <= 1.5 * real, (ours, real)


def test_bad_settings_are_refused_with_a_clear_message_and_change_nothing(db, client):
    from oversight.accounts.models import User
    from oversight.demo.load import load_demo
    from oversight.papers.models import Committee
    from tests.factories import OrganisationFactory, UserFactory

    load_demo()
    liaison = User.objects.get(username="liaison")
    committee = Committee.objects.get(organisation=liaison.organisation)
    client.force_login(liaison)
    url = reverse("papers:committee-edit", args=[committee.pk])
    for bad, message in (
        ({"item_order": "by-whim"}, "Choose the order the paper sets out recommendations in"),
        ({"item_order": "٣"}, "Choose the order the paper sets out recommendations in"),
        ({"names_owners": "x" * 10_000}, "Choose whether the paper names owners"),
    ):
        page = client.post(url, {"name": committee.name, "short_name": "JAC", **bad})
        assert page.status_code == 400 and message in page.text
    committee.refresh_from_db()
    assert (committee.item_order, committee.names_owners) == ("theme", False)
    # another organisation's liaison cannot see or change it
    other = UserFactory(organisation=OrganisationFactory(), role="liaison")
    client.force_login(other)
    assert client.post(url, {"name": "Taken", "item_order": "reference"}).status_code == 404
    committee.refresh_from_db()
    assert committee.item_order == "theme"
