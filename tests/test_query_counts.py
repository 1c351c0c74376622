"""Each page reads the database a fixed number of times, however big the record is.

The bench generator (bench.data, the one `make bench` uses) writes a small
record, every page is asked for and its SQL statements counted; then the same again with a
record three times the size. The counts must be equal and at most MAX_QUERIES: a count that
grows with the record is an N+1 query, which national scale turns into a slow page.
Timings are for `make bench`, not for the test suite.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from bench import data as benchdata
from oversight.accounts.models import User

MAX_QUERIES = 15
# Search reads one or two more tables for each kind of record among the first page of hits
# (at most five kinds): its count follows what was found, not how big the record is, so only
# the bound is asserted for it.
SHAPE_DEPENDENT = {"search"}
# Known to be over the bound, held where they are until fixed (bench/results.md says how):
# the response page reads six history tables, extension and closure requests and its evidence
# again in the view, and on SQLite the session save is three statements.
KNOWN_OVER = {"response detail": 20}
SMALL, LARGE = 0.002, 0.006  # about 120 and 360 responses

# (page, URL names tried in order, who asks, query string, arguments)
PAGES = [
    ("register", ("recommendations:register",), "bench-liaison", {}, None),
    ("register, filtered", ("recommendations:register",), "bench-liaison",
     {"status": "any_open", "overdue": "1", "rag": "amber"}, None),
    ("register, sorted", ("recommendations:register",), "bench-liaison",
     {"sort": "-updated"}, None),
    ("response detail", ("recommendations:response-detail",), "bench-owner", {}, "showcase"),
    ("my responses", ("recommendations:mine",), "bench-owner", {}, None),
    ("inspection list", ("inspections:list",), "bench-liaison", {}, None),
    ("home", ("dashboards:home",), "bench-liaison", {}, None),
    ("dashboard", ("dashboards:dashboard", "dashboards:overview"), "bench-liaison", {}, None),
    ("search", ("dashboards:search", "search:search"), "bench-liaison", {"q": "force training"},
     None),
    ("API list", ("api:response-list", "api:responses-list"), "bench-liaison", {}, None),
]  # fmt: skip


def _url(names, args) -> str | None:
    for name in names:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return None


def _counts(scale: float, tmp_path) -> dict[str, int]:
    result = benchdata.generate(scale=scale, media_root=tmp_path, papers=False)
    clients: dict[str, Client] = {}
    counts = {}
    for page, names, username, query, args in PAGES:
        url = _url(names, [result.showcase_response_id] if args == "showcase" else None)
        if url is None:  # that page is not built yet
            continue
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        client = clients[username]
        assert client.get(url, query).status_code == 200, page  # warm: caches, session
        with CaptureQueriesContext(connection) as captured:
            answer = client.get(url, query)
        assert answer.status_code == 200, page
        counts[page] = len(captured)
    return counts


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_record(tmp_path):
    with transaction.atomic():
        small = _counts(SMALL, tmp_path)
        transaction.set_rollback(True)
    large = _counts(LARGE, tmp_path)
    assert set(small) == set(large)
    assert {"register", "response detail", "my responses", "inspection list", "home"} <= set(small)
    grew = {
        page: (small[page], large[page])
        for page in small
        if small[page] != large[page] and page not in SHAPE_DEPENDENT
    }
    assert not grew, f"query count grows with the record (small, large): {grew}"
    too_many = {page: n for page, n in large.items() if n > KNOWN_OVER.get(page, MAX_QUERIES)}
    assert not too_many, f"more than {MAX_QUERIES} queries: {too_many}"


@pytest.mark.django_db
def test_the_generator_writes_what_the_scale_asks_for(tmp_path):
    from oversight.recommendations.models import Recommendation, Response, Update

    result = benchdata.generate(scale=SMALL, media_root=tmp_path, papers=False)
    wanted = benchdata.counts_for(SMALL)
    assert Recommendation.objects.count() == wanted["recommendations"]
    assert Response.objects.count() == pytest.approx(wanted["responses"], rel=0.1)
    assert Update.objects.count() == pytest.approx(wanted["updates"], rel=0.1)
    assert Response.history.count() >= Response.objects.count()
    showcase = Response.objects.get(pk=result.showcase_response_id)
    assert showcase.updates.count() == benchdata.SHOWCASE_UPDATES
    assert showcase.owner.username == "bench-owner"
