"""`search(user, query, limit=, offset=)`: the one selector for search.

Ranked in two tiers: records with every word (or quoted phrase) first, then records with
some of them, each tier by the database's relevance (bm25 on SQLite FTS5, ts_rank on
PostgreSQL), then newest first. Scoped to what the person may see by the same selectors as
the pages: only the ids those selectors return can come back.

Each tier ranks at most CANDIDATES matches, the most recently indexed first, so a search costs
the same however large the record grows; past that the page says "more than".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from markupsafe import Markup

from oversight.accounts.models import User
from oversight.accounts.policies import organisation_id_of
from oversight.dashboards.models import SearchEntry, SearchKind
from oversight.dashboards.search import fulltext
from oversight.dashboards.search.highlight import excerpt, mark
from oversight.dashboards.search.terms import Terms, parse
from oversight.inspections.models import Finding, Inspection, Report
from oversight.inspections.selectors.reports import findings_visible, reports_for
from oversight.recommendations.choices import RecommendationKind
from oversight.recommendations.models import Recommendation, Response, Update
from oversight.recommendations.selectors import recommendations_visible


@dataclass
class SearchHit:
    kind: str
    kind_label: str
    title: Markup
    excerpt: Markup
    url: str
    context: str
    dated: dt.date | None
    has_every_word: bool


@dataclass
class SearchResults:
    query: str
    terms: Terms
    total: int = 0  # at most CANDIDATES: see `more`
    with_every_word: int = 0
    hits: list[SearchHit] = field(default_factory=list)
    engine: str = ""

    @property
    def more(self) -> bool:
        """There are more matches than were ranked (the counts are lower bounds)."""
        return self.total >= CANDIDATES


# Each tier ranks at most this many matches, the newest in the index first: ranking costs a
# score per match, and at national scale a common word matches most of the record. Below it
# (the demo, a force's own record) every match is ranked; above it, the page says "more than".
CANDIDATES = 1000


def scope_q(user: User) -> Q:
    """The index entries of records the person may see (another organisation's: none)."""
    org_id = organisation_id_of(user)
    return (
        Q(
            kind=SearchKind.RECOMMENDATION,
            object_id__in=recommendations_visible(user).values("id"),
        )
        # An update is its response's organisation's, an inspection its organisation's: the
        # entry carries that organisation, so these two are a test on the entry itself (the
        # organisation's updates are most of its record; a list of their ids grew with it).
        | Q(kind__in=[SearchKind.UPDATE, SearchKind.INSPECTION], organisation_id=org_id)
        | Q(kind=SearchKind.REPORT, object_id__in=reports_for(user).values("id"))
        | Q(kind=SearchKind.FINDING, object_id__in=findings_visible(user).values("id"))
    )


def search(user: User, query: str, *, limit: int = 20, offset: int = 0) -> SearchResults:
    terms = parse(query)
    engine = fulltext.engine(connection)
    results = SearchResults(query=query, terms=terms, engine=engine)
    if terms.empty:
        return results
    scoped = SearchEntry.objects.filter(scope_q(user))
    limit, offset = max(1, min(limit, 100)), max(0, offset)
    if engine == "fts5":
        ranked, results.total, results.with_every_word = _fts5(scoped, terms, limit, offset)
    elif engine == "postgresql":
        ranked, results.total, results.with_every_word = _postgresql(scoped, terms, limit, offset)
    else:
        ranked, results.total, results.with_every_word = _icontains(scoped, terms, limit, offset)
    results.hits = _hits(user, ranked, terms)
    return results


# --- SQLite FTS5 ---------------------------------------------------------------------------


def _fts5_expression(terms: Terms, operator: str) -> str:
    # Every term is made of \w characters only (terms.parse), quoted as an FTS5 string.
    parts = [f'"{w}"' for w in terms.words] + [f'"{" ".join(p)}"' for p in terms.phrases]
    return f" {operator} ".join(parts)


def _scope_where(scoped: QuerySet) -> tuple[str, list]:
    """The scope as a condition on the SearchEntry table itself (not `id IN (…)`), so the
    database checks only the rows the full-text match found."""
    query = scoped.query
    compiler = query.get_compiler(connection=connection)
    sql, params = query.where.as_sql(compiler, connection)
    return sql, list(params)


def _fts5(scoped: QuerySet, terms: Terms, limit: int, offset: int):
    scope_sql, scope_params = _scope_where(scoped)
    fts, entry = fulltext.FTS_TABLE, fulltext.ENTRY_TABLE
    sql = (
        f"SELECT {entry}.id, bm25({fts}, 4.0, 1.0), {entry}.dated "
        f"FROM {fts} JOIN {entry} ON {entry}.id = {fts}.rowid "
        f"WHERE {fts} MATCH %s AND ({scope_sql}) ORDER BY {fts}.rowid DESC LIMIT %s"
    )

    def candidates(expression: str) -> list[tuple]:
        # bm25 is lower for better matches; rank by its negation like ts_rank.
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, *scope_params, CANDIDATES])
            return [(pk, -score, dated) for pk, score, dated in cursor.fetchall()]

    every = _fts5_expression(terms, "AND")
    some = _fts5_expression(terms, "OR")
    return _rank(candidates(every), candidates(some) if some != every else [], limit, offset)


# --- PostgreSQL ----------------------------------------------------------------------------


def _pg_queries(terms: Terms) -> tuple[str, str, list[str]]:
    config = fulltext.PG_CONFIG
    parts = [f"plainto_tsquery('{config}', %s)" for _ in terms.words] + [
        f"phraseto_tsquery('{config}', %s)" for _ in terms.phrases
    ]
    params = [*terms.words, *(" ".join(p) for p in terms.phrases)]
    return " && ".join(parts), " || ".join(parts), params


def _postgresql(scoped: QuerySet, terms: Terms, limit: int, offset: int):
    scope_sql, scope_params = _scope_where(scoped)
    every, some, params = _pg_queries(terms)
    column, entry = fulltext.PG_COLUMN, fulltext.ENTRY_TABLE

    def candidates(tsquery: str) -> list[tuple]:
        # The newest CANDIDATES matches first, then ts_rank on those only.
        sql = (
            f"WITH q AS (SELECT ({tsquery}) AS query), found AS ("
            f"SELECT {entry}.id, {entry}.{column} AS document, {entry}.dated FROM {entry}, q "
            f"WHERE {entry}.{column} @@ q.query AND ({scope_sql}) "
            f"ORDER BY {entry}.id DESC LIMIT %s) "
            "SELECT found.id, ts_rank(found.document, q.query), found.dated FROM found, q"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *scope_params, CANDIDATES])
            return list(cursor.fetchall())

    every_found = candidates(every)
    some_found = candidates(some) if len(params) > 1 else []
    return _rank(every_found, some_found, limit, offset)


# --- Ranking the candidates ----------------------------------------------------------------


def _rank(every: list[tuple], some: list[tuple], limit: int, offset: int):
    """(the page's (id, has every word), how many found, how many with every word).

    `every` and `some` are (id, score, date) of the newest CANDIDATES entries matching every
    word and any word. Those with every word come first, each tier by score (higher is
    better), then newest first. When either list is full, there are more matches than were
    ranked: the counts are then CANDIDATES (the page says "more than").
    """
    with_every = {pk for pk, _, _ in every}
    rows = [(0, pk, score, dated) for pk, score, dated in every]
    rows += [(1, pk, score, dated) for pk, score, dated in some if pk not in with_every]

    def order(row):
        tier, pk, score, dated = row
        return (tier, -float(score), -(dated.toordinal() if dated else 0), pk)

    rows = sorted(rows, key=order)[:CANDIDATES]
    ranked = [(pk, tier == 0) for tier, pk, _, _ in rows[offset : offset + limit]]
    return ranked, len(rows), min(len(every), CANDIDATES)


# --- Anything else: icontains --------------------------------------------------------------


def _icontains(scoped: QuerySet, terms: Terms, limit: int, offset: int):
    pieces = [*terms.words, *(" ".join(p) for p in terms.phrases)]
    each = [Q(title__icontains=p) | Q(body__icontains=p) for p in pieces]
    every, some = Q(), Q()
    for q in each:
        every &= q
        some |= q
    qs = scoped.filter(some).annotate(
        tier=Case(When(every, then=Value(0)), default=Value(1), output_field=IntegerField())
    )
    ranked = [
        (pk, tier == 0)
        for pk, tier in qs.order_by("tier", "-dated", "id").values_list("id", "tier")[
            offset : offset + limit
        ]
    ]
    return ranked, qs.count(), qs.filter(tier=0).count()


# --- From index entries to what the page shows ---------------------------------------------


def _hits(user: User, ranked: list[tuple[int, bool]], terms: Terms) -> list[SearchHit]:
    if not ranked:
        return []
    entries = SearchEntry.objects.in_bulk([pk for pk, _ in ranked])
    ids: dict[str, list[int]] = {}
    for entry in entries.values():
        ids.setdefault(entry.kind, []).append(entry.object_id)
    links = _links(user, ids)
    labels = dict(SearchKind.choices)
    hits = []
    for pk, every in ranked:
        entry = entries[pk]
        url, context = links.get((entry.kind, entry.object_id), ("", ""))
        hits.append(
            SearchHit(
                kind=entry.kind,
                kind_label=labels.get(entry.kind, entry.kind),
                title=mark(entry.title, terms),
                excerpt=excerpt(entry.body, terms),
                url=url,
                context=context,
                dated=entry.dated,
                has_every_word=every,
            )
        )
    return hits


def _links(user: User, ids: dict[str, list[int]]) -> dict[tuple[str, int], tuple[str, str]]:
    """(kind, id) → (where the result leads, a line of context). A few queries per page."""
    org_id = organisation_id_of(user)
    out: dict[tuple[str, int], tuple[str, str]] = {}
    if SearchKind.RECOMMENDATION in ids:
        recs = ids[SearchKind.RECOMMENDATION]
        own = dict(
            Response.objects.filter(organisation_id=org_id, recommendation_id__in=recs).values_list(
                "recommendation_id", "id"
            )
        )
        kinds = dict(RecommendationKind.choices)
        for pk, report_id, report_title, kind in Recommendation.objects.filter(
            pk__in=recs
        ).values_list("id", "report_id", "report__title", "kind"):
            url = (
                reverse("recommendations:response-detail", args=[own[pk]])
                if pk in own
                else reverse("recommendations:report-detail", args=[report_id])
            )
            out[(SearchKind.RECOMMENDATION, pk)] = (
                url,
                f"{kinds.get(kind, kind)} in {report_title}",
            )
    if SearchKind.UPDATE in ids:
        for pk, response_id, author_first, author_last in Update.objects.filter(
            pk__in=ids[SearchKind.UPDATE]
        ).values_list("id", "response_id", "author__first_name", "author__last_name"):
            by = f"{author_first} {author_last}".strip()
            out[(SearchKind.UPDATE, pk)] = (
                reverse("recommendations:response-detail", args=[response_id]),
                f"Progress update by {by}" if by else "Progress update",
            )
    if SearchKind.INSPECTION in ids:
        for inspection in Inspection.objects.filter(pk__in=ids[SearchKind.INSPECTION]):
            out[(SearchKind.INSPECTION, inspection.pk)] = (
                reverse("inspections:detail", args=[inspection.pk]),
                f"{inspection.get_kind_display()} · {inspection.get_status_display()}",
            )
    if SearchKind.REPORT in ids:
        for pk, inspectorate in Report.objects.filter(pk__in=ids[SearchKind.REPORT]).values_list(
            "id", "inspectorate__name"
        ):
            out[(SearchKind.REPORT, pk)] = (
                reverse("recommendations:report-detail", args=[pk]),
                f"Published by {inspectorate}",
            )
    if SearchKind.FINDING in ids:
        for pk, report_id, report_title in Finding.objects.filter(
            pk__in=ids[SearchKind.FINDING]
        ).values_list("id", "report_id", "report__title"):
            out[(SearchKind.FINDING, pk)] = (
                reverse("recommendations:report-detail", args=[report_id]),
                f"In {report_title}",
            )
    return out
