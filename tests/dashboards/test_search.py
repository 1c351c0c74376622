"""Search: finds the demo's words, ranks, highlights safely, and shows only what a person may
see. Runs on SQLite (FTS5) and PostgreSQL (DATABASE_URL=postgres://…)."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from oversight import audit
from oversight.accounts.models import Role, User
from oversight.dashboards.models import SearchEntry
from oversight.dashboards.search import index, search
from oversight.dashboards.search.highlight import excerpt, mark
from oversight.dashboards.search.terms import parse
from tests.factories import (
    InspectionFactory,
    OrganisationFactory,
    ReportFactory,
    ResponseFactory,
    UpdateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    from oversight.demo.load import load_demo

    # The demo's records reach the index once its transaction commits, as `oversight demo`'s
    # do; inside a test's transaction nothing commits, so the capture runs what would.
    with django_capture_on_commit_callbacks(execute=True):
        load_demo()


def indexed():
    """The factories write rows directly (not through the services' audit.save, which notes
    each record for the index): index what they wrote, as `oversight search_index` does."""
    index.rebuild()


def test_the_engine_is_the_databases_own(db):
    expected = {"sqlite": "fts5", "postgresql": "postgresql"}[connection.vendor]
    user = UserFactory()
    assert search(user, "anything").engine == expected


def test_demo_finds_cyber_enabled_flag_in_9159_and_an_update(demo):
    viewer = User.objects.get(username="viewer")
    results = search(viewer, "cyber-enabled flag", limit=20)
    first = results.hits[0]
    assert (first.kind, first.has_every_word) == ("recommendation", True)
    assert "Recommendation 9159" in first.title
    assert "<mark>cyber</mark>-<mark>enabled</mark> <mark>flag</mark>" in first.excerpt
    updates = [h for h in results.hits if h.kind == "update"]
    assert updates, [h.title for h in results.hits]
    assert "Recommendation 9159" in updates[0].title  # the July 2022 update on hate crime
    assert "<mark>flag</mark> is actively used" in updates[0].excerpt
    assert updates[0].url == first.url  # both lead to the force's response to 9159


def test_a_quoted_phrase_must_appear_as_written(demo):
    viewer = User.objects.get(username="viewer")
    results = search(viewer, '"cyber-enabled flag"')
    assert [h.kind for h in results.hits] == ["recommendation"]
    assert results.total == results.with_every_word == 1


def test_the_search_page_and_the_header_box(client, demo):
    client.force_login(User.objects.get(username="owner"))
    home = BeautifulSoup(client.get("/").content, "html.parser")
    box = home.select_one('header form[role="search"]')
    assert box["action"] == "/search/" and box["method"] == "get"
    assert box.select_one("label").get_text().strip().startswith("Search")
    page = client.get("/search/", {"q": "cyber-enabled flag"})
    soup = BeautifulSoup(page.content, "html.parser")
    assert "results for ‘cyber-enabled flag’" in soup.select_one("#results-heading").get_text()
    titles = [a.get_text(" ", strip=True) for a in soup.select(".app-search-result h3 a")]
    assert titles[0] == "Recommendation 9159: Hate Crime"
    assert any(t.startswith("Update of 1 July 2022 on Recommendation 9159") for t in titles)
    assert client.get(soup.select_one(".app-search-result h3 a")["href"]).status_code == 200


def test_results_respect_the_organisation(db):
    home, other = OrganisationFactory(), OrganisationFactory()
    reader = UserFactory(organisation=home, role=Role.VIEWER)
    private = ReportFactory(organisation=other, title="Zebra crossing report", summary="zebra")
    theirs = ResponseFactory(
        organisation=other, recommendation__report=private, recommendation__text="zebra one"
    )
    UpdateFactory(response=theirs, narrative="zebra progress")
    InspectionFactory(organisation=other, title="Zebra inspection", summary="zebra")
    national = ResponseFactory(organisation=other, recommendation__text="zebra national")
    mine = ResponseFactory(organisation=home, recommendation__text="our zebra work")
    UpdateFactory(response=mine, narrative="our zebra update")
    indexed()
    found = search(reader, "zebra", limit=50)
    texts = sorted(str(h.excerpt) for h in found.hits)
    # their report, their recommendation on it, their update and inspection stay hidden; the
    # national recommendation (a report about no one force) is shared by all
    assert texts == [
        "<mark>zebra</mark> national",
        "our <mark>zebra</mark> update",
        "our <mark>zebra</mark> work",
    ]
    assert found.total == 3
    assert national.recommendation.report.organisation is None


def test_highlighting_escapes_first(db):
    reader = UserFactory(role=Role.VIEWER)
    ResponseFactory(
        organisation=reader.organisation,
        recommendation__text='<script>alert("x")</script> the flag & <b>bold</b> claim',
    )
    indexed()
    page = client_page(reader, "flag")
    assert "<script>alert" not in page
    assert (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; the <mark>flag</mark> &amp; &lt;b&gt;"
        in (page)
    )
    # a search for entity names must not break an entity apart
    assert str(mark("a & b", parse("amp"))) == "a &amp; b"
    assert str(mark("<lt>", parse("lt"))) == "&lt;<mark>lt</mark>&gt;"


def client_page(user, q):
    from django.test import Client

    c = Client()
    c.force_login(user)
    return c.get("/search/", {"q": q}).content.decode()


@pytest.mark.parametrize(
    "query",
    ['"', "NEAR(a b)", "a OR", "-flag", "flag*", "title:flag", "'; DROP TABLE x; --", "ñandú ✓"],
)
def test_any_input_is_safe(db, query):
    reader = UserFactory(role=Role.VIEWER)
    ResponseFactory(organisation=reader.organisation, recommendation__text="the flag is used")
    indexed()
    results = search(reader, query)
    assert results.total >= 0
    assert client_page(reader, query)


def test_ranking_puts_every_word_first_and_titles_above_bodies(db):
    reader = UserFactory(role=Role.VIEWER)
    org = reader.organisation
    ResponseFactory(organisation=org, recommendation__theme="", recommendation__text="vetting")
    ResponseFactory(
        organisation=org, recommendation__theme="Vetting", recommendation__text="about others"
    )
    ResponseFactory(
        organisation=org, recommendation__theme="", recommendation__text="vetting and misconduct"
    )
    indexed()
    hits = search(reader, "vetting misconduct").hits
    assert "misconduct" in str(hits[0].excerpt)
    assert hits[0].has_every_word and not hits[1].has_every_word
    assert "Vetting" in str(hits[1].title)  # the word in the title ranks above the body


def test_pages_of_results(db):
    reader = UserFactory(role=Role.VIEWER)
    for _ in range(25):
        ResponseFactory(organisation=reader.organisation, recommendation__text="custody review")
    indexed()
    first = search(reader, "custody", limit=20)
    second = search(reader, "custody", limit=20, offset=20)
    assert (first.total, len(first.hits), len(second.hits)) == (25, 20, 5)
    html = client_page(reader, "custody")
    assert "?q=custody&amp;page=2" in html


def test_past_the_candidate_limit_the_newest_are_ranked_and_the_page_says_more(db, monkeypatch):
    """A search costs the same however large the record: each tier ranks the newest
    CANDIDATES matches, every-word matches first, and the page says there are more."""
    from oversight.dashboards.search import query

    monkeypatch.setattr(query, "CANDIDATES", 4)
    reader = UserFactory(role=Role.VIEWER)
    org = reader.organisation
    old_both = ResponseFactory(organisation=org, recommendation__text="custody and vetting")
    for n in range(6):
        ResponseFactory(organisation=org, recommendation__text=f"custody note {n}")
    newest_both = ResponseFactory(organisation=org, recommendation__text="vetting in custody")
    indexed()
    found = search(reader, "custody vetting")
    assert found.more and found.total == 4
    texts = [BeautifulSoup(str(h.excerpt), "html.parser").get_text() for h in found.hits]
    # both every-word records are ranked (there are only two), and come first
    assert [h.has_every_word for h in found.hits] == [True, True, False, False]
    assert sorted(texts[:2]) == sorted(
        [old_both.recommendation.text, newest_both.recommendation.text]
    )
    # then some-word matches from the newest: the oldest ones were not ranked
    assert set(texts[2:]) <= {"custody note 5", "custody note 4", "custody note 3"}
    assert len(texts) == 4
    html = client_page(reader, "custody vetting")
    assert "More than 4 results" in html
    assert "best matches among the 4 most recently recorded" in html


def test_the_index_follows_edits_and_rebuilds(db, django_capture_on_commit_callbacks):
    reader = UserFactory(role=Role.VIEWER)
    response = ResponseFactory(organisation=reader.organisation, recommendation__text="alpha")
    indexed()
    assert search(reader, "alpha").total == 1
    rec = response.recommendation
    rec.text = "bravo"
    with django_capture_on_commit_callbacks(execute=True):
        audit.save(rec, actor=None, reason="Corrected")
        assert search(reader, "bravo").total == 0  # not before the commit
    assert search(reader, "alpha").total == 0
    assert search(reader, "bravo").total == 1
    SearchEntry.objects.all().delete()
    assert search(reader, "bravo").total == 0
    call_command("search_index", stdout=io.StringIO())
    assert search(reader, "bravo").total == 1


def test_renaming_a_recommendation_retitles_its_updates_and_nothing_else_rewrites_them(
    db, django_capture_on_commit_callbacks
):
    reader = UserFactory(role=Role.VIEWER)
    responses = [ResponseFactory(organisation=reader.organisation, recommendation__theme="Custody")]
    rec = responses[0].recommendation
    responses += [ResponseFactory(recommendation=rec) for _ in range(3)]  # other forces
    for r in responses:
        UpdateFactory(response=r, narrative="progress noted")
    indexed()
    with CaptureQueriesContext(connection) as unchanged:
        rec.text = rec.text + " (corrected)"
        with django_capture_on_commit_callbacks(execute=True):
            audit.save(rec, actor=None, reason="Corrected")
    # its own entry only: its updates' titles did not change, so they are not read or written
    assert not any("recommendations_update" in q["sql"] for q in unchanged.captured_queries)
    assert any("searchentry" in q["sql"].lower() for q in unchanged.captured_queries)
    rec.theme = "Detention"
    with django_capture_on_commit_callbacks(execute=True):
        audit.save(rec, actor=None, reason="Theme corrected")
    titles = SearchEntry.objects.filter(kind="update").values_list("title", flat=True)
    assert len(titles) == 4 and all(t.endswith(": Detention") for t in titles)
    assert "Detention" in str(search(reader, "detention progress").hits[0].title)


def test_terms_and_excerpts():
    terms = parse('the "Cyber-enabled flag" Hate  crime')
    assert terms.words == ["hate", "crime"]
    assert terms.phrases == [["cyber", "enabled", "flag"]]
    long = "word " * 100 + "the flag here " + "word " * 100
    cut = str(excerpt(long, parse("flag")))
    assert cut.startswith("… ") and cut.endswith(" …") and "<mark>flag</mark>" in cut
