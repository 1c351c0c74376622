"""The register: scoped to the organisation, filtered, sorted, paginated; bad filters explained."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from oversight.accounts.models import Role
from oversight.recommendations.models import RecommendationKind, ResponseStatus
from tests.factories import (
    OrganisationFactory,
    ResponseFactory,
    UpdateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def force():
    return OrganisationFactory(name="Home Force Police")


@pytest.fixture
def liaison(force):
    return UserFactory(organisation=force, role=Role.LIAISON)


def register(client, person, **params):
    client.force_login(person)
    return client.get(reverse("recommendations:register"), params)


def test_register_lists_only_own_organisation(client, force, liaison):
    ResponseFactory(organisation=force, recommendation__reference="1111")
    ResponseFactory(recommendation__reference="2222")  # another force
    page = register(client, liaison).content.decode()
    assert "1111" in page
    assert "2222" not in page


def test_register_filters_by_kind_and_overdue(client, force, liaison):
    ResponseFactory(
        organisation=force,
        recommendation__reference="3333",
        recommendation__kind=RecommendationKind.CAUSE_OF_CONCERN,
        recommendation__due_on=dt.date(2018, 10, 19),
    )
    ResponseFactory(
        organisation=force,
        recommendation__reference="4444",
        recommendation__due_on=dt.date.today() + dt.timedelta(days=30),
    )
    ResponseFactory(
        organisation=force,
        recommendation__reference="5555",
        recommendation__due_on=dt.date(2018, 1, 1),
        status=ResponseStatus.CLOSED,
    )
    page = register(client, liaison, kind="cause_of_concern").content.decode()
    assert "3333" in page and "4444" not in page
    page = register(client, liaison, overdue="1").content.decode()
    assert "3333" in page and "4444" not in page
    assert "5555" not in page  # closed is never overdue


def test_register_bad_filter_gets_a_message_not_an_error(client, liaison):
    answer = register(client, liaison, kind="nonsense", owner="abc")
    assert answer.status_code == 400  # the page, with what was not right
    page = answer.content.decode()
    assert "There is a problem with the filters" in page
    assert "Choose a kind from the list" in page


def test_a_huge_id_in_the_query_gets_a_message_not_an_error(client, liaison):
    answer = register(client, liaison, report="9" * 30, owner="9" * 30)
    assert answer.status_code == 400  # the page, with what was not right
    assert "Choose a report from the list" in answer.content.decode()


def test_register_paginates(client, force, liaison, settings):
    settings.OVERSIGHT_REGISTER_PAGE_SIZE = 2
    for n in range(5):
        ResponseFactory(organisation=force, recommendation__reference=f"70{n}")
    page1 = register(client, liaison, sort="reference").content.decode()
    assert "700" in page1 and "702" not in page1
    page3 = register(client, liaison, sort="reference", page=3).content.decode()
    assert "704" in page3 and "700" not in page3
    # the page links keep the sort and move the page
    assert 'href="?sort=reference&amp;page=2"' in page1
    assert "govuk-pagination__next" in page1 and "govuk-pagination__next" not in page3


def test_response_page_shows_updates_newest_first_and_history(client, force, liaison):
    response = ResponseFactory(organisation=force, recommendation__reference="9159")
    UpdateFactory(response=response, written_on=dt.date(2022, 3, 1), narrative="Older note")
    UpdateFactory(response=response, written_on=dt.date(2022, 7, 1), narrative="Newer note")
    client.force_login(liaison)
    page = client.get(reverse("recommendations:response-detail", args=[response.pk]))
    text = page.content.decode()
    assert text.index("Newer note") < text.index("Older note")
    assert "History" in text


def test_response_of_another_organisation_is_not_found(client, liaison):
    elsewhere = ResponseFactory()
    client.force_login(liaison)
    answer = client.get(reverse("recommendations:response-detail", args=[elsewhere.pk]))
    assert answer.status_code == 404


def test_user_text_is_escaped(client, force, liaison):
    response = ResponseFactory(organisation=force, recommendation__theme="<script>x</script>")
    client.force_login(liaison)
    page = client.get(reverse("recommendations:response-detail", args=[response.pk]))
    assert "<script>x</script>" not in page.content.decode()
    assert "&lt;script&gt;" in page.content.decode()


def test_full_history_gathers_updates_evidence_and_decisions(client, force, liaison):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from oversight.recommendations import services

    response = ResponseFactory(organisation=force)
    services.update_add(
        response=response,
        author=response.owner,
        written_on=dt.date(2022, 7, 1),
        narrative="Dip samples done",
        proposed_rag="green",
        files=[(SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n1 0 obj\n%%EOF\n"), "Minutes")],
    )
    services.extension_request(
        response=response,
        actor=response.owner,
        proposed_due_on=dt.date(2031, 1, 31),
        reason="Training runs into next year",
    )
    client.force_login(liaison)
    page = client.get(reverse("recommendations:response-history", args=[response.pk]))
    text = page.content.decode()
    assert "Update: Update of 1 July 2022" in text
    assert "Evidence: minutes.pdf" in text
    assert "Extension: Extension to 31 January 2031" in text
    assert "Status</strong>: Open" in text  # the response moved to in progress, field by field


def test_filters_offer_what_is_in_use_and_keep_the_choice(client, force, liaison):
    """Themes, owners and reports of the organisation's own responses only; the chosen one
    selected; names written as text."""
    import re

    owner = UserFactory(organisation=force, first_name="Dana <b>", last_name="Okafor")
    chosen = ResponseFactory(
        organisation=force,
        owner=owner,
        recommendation__theme='Custody & "detention"',
        recommendation__report__title="Custody report",
    )
    ResponseFactory(organisation=force, recommendation__theme="Vetting")
    stranger = UserFactory(first_name="Someone", last_name="Elsewhere")
    ResponseFactory(
        owner=stranger,
        recommendation__theme="Only elsewhere",
        recommendation__report__title="Their report",
    )
    page = register(client, liaison, owner=str(owner.pk)).content.decode()

    def options(name):
        select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
        return re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select[1])

    themes = options("theme")
    assert [t for _, _, t in themes] == ["Any", "Custody &amp; &#34;detention&#34;", "Vetting"]
    owners = options("owner")
    assert (str(owner.pk), " selected", "Dana &lt;b&gt; Okafor") in owners
    assert all("Elsewhere" not in text for _, _, text in owners)
    reports = [text for _, _, text in options("report")]
    assert "Custody report" in reports
    assert len(reports) == 3  # "Any" and the two reports the force responds to
    assert "Their report" not in page
    assert chosen.recommendation.reference in page


def test_a_newly_assigned_owner_is_offered_at_once(client, force, liaison):
    """The filter choices are cached, keyed on the organisation's responses: assigning an
    owner changes the key, so the new owner is offered on the next page."""
    response = ResponseFactory(organisation=force, owner=None)
    page = register(client, liaison).content.decode()
    newcomer = UserFactory(organisation=force, first_name="Newly", last_name="Assigned")
    assert "Newly Assigned" not in page
    response.owner = newcomer
    response.save()
    assert "Newly Assigned" in register(client, liaison).content.decode()
