"""The figures on the home page and the dashboard, read through the recommendations
selectors (so they are scoped to the person's organisation like every other page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from oversight.accounts.choices import Role
from oversight.accounts.models import User
from oversight.accounts.policies import organisation_id_of
from oversight.dashboards.models import MonthlySnapshot
from oversight.dashboards.snapshots import Figures, figures_now, month_start
from oversight.recommendations import selectors as rec
from oversight.recommendations.choices import ENDED_STATUSES, RecommendationKind, ResponseStatus
from oversight.recommendations.models import Response


@dataclass
class Attention:
    """The first rows of each queue (HOME_ROWS at most) and how many there are in all."""

    mine: list[Response]
    overdue: list[Response]
    reviews_due: list[Response]
    mine_count: int
    overdue_count: int
    reviews_count: int
    open_count: int
    show_organisation_queues: bool


HOME_ROWS = 10  # the rest is one click away in the register, filtered


def attention(user: User, *, today: dt.date) -> Attention:
    """My open responses, and for everyone the overdue ones and those due a review."""
    everything = rec.responses_for(user)
    mine = rec.my_open_responses(user).order_by("recommendation__due_on")
    overdue = rec.overdue(everything, today).order_by("recommendation__due_on")
    reviews = rec.reviews_due(everything, today)
    queues = user.role != Role.OWNER
    # the four counts in one query, each with the register's own condition
    counts = _counts(
        user,
        {
            "mine": {**OPEN, "owner": str(user.pk)},
            "overdue": {"overdue": "1"},
            "reviews": {"review_due": "1"},
            "open": OPEN,
        },
        today,
    )
    return Attention(
        mine=list(mine[:HOME_ROWS]),
        overdue=list(overdue[:HOME_ROWS]) if queues else [],
        reviews_due=list(reviews[:HOME_ROWS]) if queues else [],
        mine_count=counts["mine"],
        overdue_count=counts["overdue"],
        reviews_count=counts["reviews"] if queues else 0,
        open_count=counts["open"],
        show_organisation_queues=queues,
    )


# --- The dashboard -------------------------------------------------------------------------
# Every figure is a count of the register with a query string, counted with the register's
# own condition (RegisterFilters.q), so following its link shows exactly those responses.


@dataclass
class Figure:
    label: str
    count: int
    params: dict[str, str]

    @property
    def url(self) -> str:
        return reverse("recommendations:register") + "?" + urlencode(self.params)


@dataclass
class Breakdown:
    title: str
    column: str
    figures: list[Figure]


@dataclass
class TrendRow:
    month: dt.date
    open: int
    closed: int
    overdue: int
    red: int
    amber: int
    green: int
    not_rated: int
    source: str

    @property
    def label(self) -> str:
        return f"{self.month:%b %Y}"


@dataclass
class Dashboard:
    today: dt.date
    quarter: tuple[dt.date, dt.date]
    headline: list[Figure]
    by_status: list[Figure]
    by_rag: list[Figure]
    breakdowns: list[Breakdown]
    trend: list[TrendRow] = field(default_factory=list)


OPEN = {"status": "any_open"}
RAG_FIGURES = [("red", "Red"), ("amber", "Amber"), ("green", "Green"), ("blue", "Blue (complete)")]


def quarter_of(today: dt.date) -> tuple[dt.date, dt.date]:
    first = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    after = dt.date(first.year + (first.month + 3 > 12), (first.month + 2) % 12 + 1, 1)
    return first, after - dt.timedelta(days=1)


def _counts(user: User, specs: dict[str, dict[str, str]], today: dt.date) -> dict[str, int]:
    """Many register counts in one aggregate query."""
    return rec.responses_for(user).aggregate(
        **{
            key: Count("id", filter=rec.RegisterFilters.from_query(params).q(today=today))
            for key, params in specs.items()
        }
    )


def _grouped(user: User, column: str, name_columns: list[str]) -> list[dict]:
    return list(
        rec.responses_for(user)
        .filter(rec.OPEN_Q)
        .values(column, *name_columns)
        .annotate(n=Count("id"))
        .order_by("-n", *name_columns)
    )


def _person(row: dict) -> str:
    name = f"{row['owner__first_name']} {row['owner__last_name']}".strip()
    return name or row["owner__username"]  # as User.display_name


KINDS = dict(RecommendationKind.choices)
# (title, column heading, the register filter it links to, the grouped column, the columns
# that name a group, how to name a group, the name of "none")
BREAKDOWNS = [
    ("Open responses by portfolio", "Portfolio", "portfolio", "portfolio_id",
     ["portfolio__name"], lambda r: r["portfolio__name"], "No portfolio"),
    ("Open responses by owner", "Owner", "owner", "owner_id",
     ["owner__first_name", "owner__last_name", "owner__username"], _person, "Not assigned"),
    ("Open responses by board", "Board", "board", "board_id",
     ["board__name"], lambda r: r["board__name"], "No board"),
    ("Open responses by report", "Report", "report", "recommendation__report_id",
     ["recommendation__report__title"], lambda r: r["recommendation__report__title"], ""),
    ("Open responses by kind", "Kind", "kind", "recommendation__kind",
     [], lambda r: KINDS.get(r["recommendation__kind"], r["recommendation__kind"]), ""),
]  # fmt: skip
NATIONAL_LABEL = "National: made to every force or service"
OWN_LABEL = "Your own: from reports about you"


def _breakdowns(user: User) -> list[Breakdown]:
    """One grouped query per breakdown; each figure links to the register filtered to it."""
    out = []
    for title, heading, key, column, names, name_of, none in BREAKDOWNS:
        figures = [
            Figure(
                name_of(row) if row[column] is not None else none,
                row["n"],
                {**OPEN, key: str(row[column]) if row[column] is not None else "none"},
            )
            for row in _grouped(user, column, names)
        ]
        out.append(Breakdown(title, heading, figures))
    return out


# The dashboard is kept for this long at most; a change to the organisation's responses or
# to any recommendation changes its key, so its figures are never stale. Names, and the
# monthly snapshots written by `oversight snapshot`, show within this long.
DASHBOARD_SECONDS = 300


def dashboard(user: User, *, today: dt.date, trend_months: int | None = 60) -> Dashboard:
    """The dashboard's figures, cached on the record's stamp and the day (the figures are
    counts over the whole record, so they grow with it; reading them again is free)."""
    from django.core.cache import cache

    org_id = organisation_id_of(user)
    key = f"dashboard:{org_id}:{rec.record_stamp(org_id)}:{today.isoformat()}:{trend_months}"
    board = cache.get(key)
    if board is None:
        board = _dashboard(user, today=today, trend_months=trend_months)
        cache.set(key, board, DASHBOARD_SECONDS)
    return board


def _dashboard(user: User, *, today: dt.date, trend_months: int | None = 60) -> Dashboard:
    """The dashboard's figures: one aggregate query for the headline, status and RAG figures,
    one grouped query per breakdown, one for the trend."""
    first, last = quarter_of(today)
    headline_specs = {
        "open": ("Open responses", OPEN),
        "overdue": ("Overdue", {"overdue": "1"}),
        "due_30": ("Due in the next 30 days", {"due_within": "30"}),
        "due_90": ("Due in the next 90 days", {"due_within": "90"}),
        "reviews": ("Reviews due", {"review_due": "1"}),
        "closed_quarter": (
            "Closed this quarter",
            {"closed_from": first.isoformat(), "closed_to": last.isoformat()},
        ),
    }
    open_statuses = [s for s in ResponseStatus if s not in ENDED_STATUSES]
    status_specs = {f"status_{s.value}": (s.label, {"status": s.value}) for s in open_statuses}
    rag_specs = {f"rag_{v}": (label, {**OPEN, "rag": v}) for v, label in RAG_FIGURES}
    rag_specs["rag_none"] = ("Not rated", {**OPEN, "rag": "none"})
    # national recommendations (made to every force or service) apart from the force's own
    origin_specs = {
        f"{which}_{key}": (label, {**params, "national": key})
        for which, params in (("open", OPEN), ("overdue", {"overdue": "1"}))
        for key, label in (("yes", NATIONAL_LABEL), ("no", OWN_LABEL))
    }
    specs = {**headline_specs, **status_specs, **rag_specs, **origin_specs}
    counts = _counts(user, {k: params for k, (_, params) in specs.items()}, today)

    def figures(group: dict) -> list[Figure]:
        return [Figure(label, counts[key], params) for key, (label, params) in group.items()]

    by_rag = [f for f in figures(rag_specs) if f.count or f.params["rag"] != "blue"]
    return Dashboard(
        today=today,
        quarter=(first, last),
        headline=figures(headline_specs),
        by_status=figures(status_specs),
        by_rag=by_rag,
        breakdowns=[
            Breakdown(
                f"{which.capitalize()} responses: national or your own",
                f"{which.capitalize()}: national or own",
                figures({k: v for k, v in origin_specs.items() if k.startswith(which)}),
            )
            for which in ("open", "overdue")
        ]
        + _breakdowns(user),
        trend=trend(user, today=today, months=trend_months),
    )


def trend(user: User, *, today: dt.date, months: int | None = 60) -> list[TrendRow]:
    """Month by month: the stored snapshots of earlier months, and this month as it is now."""
    org_id = organisation_id_of(user)
    this_month = month_start(today)
    qs = MonthlySnapshot.objects.filter(organisation_id=org_id, month__lt=this_month)
    if months:
        first = this_month
        for _ in range(months - 1):
            first = (first - dt.timedelta(days=1)).replace(day=1)
        qs = qs.filter(month__gte=first)
    rows = [
        TrendRow(
            s.month, s.open, s.closed, s.overdue, s.red, s.amber, s.green, s.not_rated, s.source
        )
        for s in qs.order_by("month")
    ]
    now = figures_now(today, [org_id]).get(org_id)
    if now or rows:
        f = now or Figures()
        rows.append(
            TrendRow(
                this_month, f.open, f.closed, f.overdue, f.red, f.amber, f.green, f.not_rated, "now"
            )
        )
    return rows
