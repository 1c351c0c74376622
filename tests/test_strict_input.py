"""Every input parsed strictly: ids and page numbers are ASCII digits, anything else is a 400
with a message (JSON for the API), never a 500; the API refuses parameters it does not take.
And a national record's history names no person of another organisation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from oversight import audit
from oversight.accounts.models import Role
from oversight.api.models import ApiToken  # noqa: F401 - the app is loaded
from tests.factories import (
    InspectionFactory,
    OrganisationFactory,
    RecommendationFactory,
    ResponseFactory,
    UserFactory,
)

# "²" passes str.isdigit() and breaks int(); "١٢" (Arabic-Indic twelve) passes both; a number
# too large for the database; a negative one; words.
NOT_IDS = ["%C2%B2", "%D9%A1%D9%A2", "99999999999999999999999", "-1", "0", "abc", "1.5"]


@pytest.fixture
def liaison(db):
    home = OrganisationFactory(name="Home Force Police")
    person = UserFactory(organisation=home, role=Role.LIAISON)
    ResponseFactory(organisation=home, owner=person)
    InspectionFactory(organisation=home)
    return person


PAGES = [
    ("/recommendations/?owner={}", "Choose a owner from the list"),
    ("/recommendations/?report={}", "Choose a report from the list"),
    ("/recommendations/?portfolio={}", "Choose a portfolio from the list"),
    ("/recommendations/?board={}", "Choose a board from the list"),
    ("/recommendations/?due_within={}", "Enter a number of days"),
    ("/recommendations/?page={}", "The page number must be a whole number"),
    ("/recommendations/mine/?page={}", "The page number must be a whole number"),
    ("/search/?q=hate&page={}", "The page number must be a whole number"),
    ("/inspections/?page={}", "The page number must be a whole number"),
    ("/reminders/?page={}", "The page number must be a whole number"),
    ("/inspections/reports/new/?inspection={}", "must be the number of a record"),
    ("/inspections/engagements/new/?inspection={}", "must be the number of a record"),
    ("/inspections/engagements/new/?recommendation={}", "must be the number of a record"),
    ("/papers/tracker/?owner={}", "the spreadsheet was not made"),
    ("/papers/tracker/?format=csv&owner={}", "the spreadsheet was not made"),
]


@pytest.mark.parametrize("template, message", PAGES)
@pytest.mark.parametrize("value", NOT_IDS)
def test_a_page_given_something_that_is_not_a_number_says_so_with_400(
    client, liaison, template, message, value
):
    client.force_login(liaison)
    answer = client.get(template.format(value))
    assert answer.status_code == 400, f"{template.format(value)}: {answer.status_code}"
    assert message in answer.content.decode()


@pytest.mark.parametrize("value", NOT_IDS)
def test_the_api_answers_json_400_for_what_is_not_a_number(client, liaison, value):
    client.force_login(liaison)
    for url in (f"/api/v1/responses/?owner={value}", f"/api/v1/responses.csv?owner={value}"):
        answer = client.get(url)
        assert answer.status_code == 400, url
        assert answer["Content-Type"].startswith("application/json"), url
        assert "owner" in answer.json()


@pytest.mark.parametrize(
    "query, field",
    [
        ("page_size=abc", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=501", "page_size"),
        ("page_size=%C2%B2", "page_size"),
        ("page=abc", "page"),
        ("page=%C2%B2", "page"),
        ("kind=", "kind"),
    ],
)
def test_the_api_refuses_bad_paging_and_empty_filters(client, liaison, query, field):
    client.force_login(liaison)
    answer = client.get(f"/api/v1/responses/?{query}")
    assert answer.status_code == 400
    assert field in answer.json()


def test_the_api_refuses_a_parameter_it_does_not_take_and_says_what_it_takes(client, liaison):
    client.force_login(liaison)
    answer = client.get("/api/v1/responses/?onwer=me")  # misspelt
    assert answer.status_code == 400
    body = answer.json()
    assert body["code"] == "unknown_parameter"
    assert "onwer" in body["detail"] and "owner" in body["detail"]
    assert client.get("/api/v1/responses/?owner=me&page_size=10").status_code == 200
    assert client.get("/api/v1/organisations/?status=open").status_code == 400


def test_an_unknown_api_address_is_a_json_404(client, liaison):
    client.force_login(liaison)
    answer = client.get("/api/v1/evidence/99999999999999999999999/")
    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not found."}


def test_import_rows_to_skip_that_are_not_numbers_are_ignored_not_a_500(client, liaison):
    from oversight.ingest.views import _skip_rows

    class Request:
        POST = __import__("django.http", fromlist=["QueryDict"]).QueryDict(
            "skip=2&skip=%C2%B2&skip=%D9%A1&skip=x&skip=3"
        )

    assert _skip_rows(Request()) == [2, 3]


def test_a_national_recommendations_history_names_no_person_of_another_force(client, db):
    home, other = OrganisationFactory(name="Home Police"), OrganisationFactory(name="Away Police")
    reader = UserFactory(organisation=home, role=Role.VIEWER)
    outsider = UserFactory(
        organisation=other, role=Role.LIAISON, first_name="Olivia", last_name="Outsider"
    )
    national = RecommendationFactory(report__organisation=None)  # a national report
    ResponseFactory(organisation=home, recommendation=national, owner=reader)
    national.theme = "Vetting"
    audit.save(national, actor=outsider, reason="Imported from away-police-tracker.xlsx")
    client.force_login(reader)
    page = client.get(reverse("recommendations:recommendation-history", args=[national.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Someone at Away Police" in text
    assert "Olivia" not in text and "Outsider" not in text
    assert "away-police-tracker" not in text
    report = client.get(reverse("inspections:report-history", args=[national.report_id]))
    assert report.status_code == 200 and "Olivia" not in report.content.decode()
