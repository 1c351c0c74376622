"""National recommendations are said and filterable (#17.2): the API's `national` field and
`?national=` filter, the register's filter and the pages' "National" label agree."""

from __future__ import annotations

from django.urls import reverse

from oversight.recommendations.models import Response


def _one_of_our_own(liaison) -> Response:
    """A recommendation of a report about the force itself (the demo's are all national)."""
    from oversight.inspections.models import Report
    from oversight.recommendations.services import recommendation_create, response_create

    report = Report.objects.filter(organisation=liaison.organisation).first()
    made = recommendation_create(
        report=report,
        kind="recommendation",
        text="The force should improve the quality of records on Connect.",
        reference="OWN-1",
        actor=liaison,
    )
    return response_create(organisation=liaison.organisation, recommendation=made, actor=liaison)


def _national_ids(liaison) -> set[int]:
    return set(
        Response.objects.filter(
            organisation=liaison.organisation, recommendation__report__organisation__isnull=True
        ).values_list("pk", flat=True)
    )


def test_the_api_says_national_and_filters_by_it(client, person, token_for, bearer):
    liaison = person("liaison")
    own_one = _one_of_our_own(liaison)
    headers = bearer(token_for("liaison"))
    url = reverse("api:response-list")
    national = _national_ids(liaison)
    everything = client.get(url, {"page_size": 100}, headers=headers).json()["results"]
    assert {r["id"] for r in everything if r["national"]} == national
    assert national and len(national) < len(everything)
    only = client.get(url, {"national": "true", "page_size": 100}, headers=headers).json()
    assert {r["id"] for r in only["results"]} == national
    own = client.get(url, {"national": "false", "page_size": 100}, headers=headers).json()
    assert {r["id"] for r in own["results"]} == {r["id"] for r in everything} - national
    assert own_one.pk in {r["id"] for r in own["results"]}
    refused = client.get(url, {"national": "perhaps"}, headers=headers)
    assert refused.status_code == 400


def test_the_register_filters_national_and_the_pages_say_it(client, person):
    liaison = person("liaison")
    own_one = _one_of_our_own(liaison)
    client.force_login(liaison)
    national = _national_ids(liaison)
    page = client.get(reverse("recommendations:register"), {"national": "yes"}).text
    shown = {r.pk for r in Response.objects.filter(organisation=liaison.organisation) if
             reverse("recommendations:response-detail", args=[r.pk]) + '"' in page}  # fmt: skip
    assert shown == national and own_one.pk not in shown
    assert "National or your own" in page and "· National" in page
    one = next(iter(national))
    detail = client.get(reverse("recommendations:response-detail", args=[one])).text
    assert "National: made to every force or service" in detail


def test_the_dashboard_separates_national_from_your_own(client, person):
    from oversight import clock
    from oversight.dashboards.selectors import dashboard

    liaison = person("liaison")
    own_one = _one_of_our_own(liaison)
    board = dashboard(liaison, today=clock.today())
    origin = {b.title: {f.label: f for f in b.figures} for b in board.breakdowns[:2]}
    opened = origin["Open responses: national or your own"]
    national = _national_ids(liaison)
    open_national = Response.objects.filter(pk__in=national).exclude(
        status__in=["closed", "closed_by_inspectorate", "superseded"]
    )
    assert opened["National: made to every force or service"].count == open_national.count()
    assert opened["Your own: from reports about you"].count == 1 and own_one.pk
    assert "Overdue responses: national or your own" in origin
    # each figure links to the register showing exactly those
    client.force_login(liaison)
    page = client.get(opened["Your own: from reports about you"].url).text
    assert reverse("recommendations:response-detail", args=[own_one.pk]) + '"' in page
    assert (
        "Open responses: national or your own" in client.get(reverse("dashboards:dashboard")).text
    )
