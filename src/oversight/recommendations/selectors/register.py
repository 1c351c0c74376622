"""The register: which responses a person sees, the filters on them, and the choices the
filters offer. Also the conditions others reuse (open, overdue, reviews due)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, Q, QuerySet, Subquery

from oversight.accounts.models import Board, Organisation, Portfolio, User
from oversight.accounts.policies import organisation_id_of
from oversight.inspections.models import Report
from oversight.params import is_id
from oversight.recommendations.models import (
    CLOSED_STATUSES,
    ENDED_STATUSES,
    Recommendation,
    RecommendationKind,
    Response,
    ResponseStatus,
    Update,
)
from oversight.rules.rag import Rag

OPEN_Q = ~Q(status__in=ENDED_STATUSES)
"""Still open: not closed, and not recorded as not applying."""


def _due_expression_q(before: dt.date) -> Q:
    """Responses whose due date (revised, else computed) is before a day."""
    return Q(revised_due_on__lt=before) | Q(
        revised_due_on__isnull=True, recommendation__due_on__lt=before
    )


def _due_between_q(first: dt.date, last: dt.date) -> Q:
    """Responses whose due date (revised, else computed) is from `first` to `last`."""
    return Q(revised_due_on__gte=first, revised_due_on__lte=last) | Q(
        revised_due_on__isnull=True,
        recommendation__due_on__gte=first,
        recommendation__due_on__lte=last,
    )


def latest_update_id(until: dt.date | None = None) -> Subquery:
    """For annotating responses: the id of each one's newest update (written by `until`)."""
    newest = Update.objects.filter(response=OuterRef("pk"))
    if until is not None:
        newest = newest.filter(written_on__lte=until)
    return Subquery(newest.order_by("-written_on", "-id").values("id")[:1])


def update_narratives(ids: Iterable[int]) -> dict[int, tuple[str, dt.date]]:
    """The narrative and date of each update asked for (ids already found through a scoped
    selector, e.g. `latest_update_id`)."""
    rows = Update.objects.filter(pk__in=list(ids)).values_list("pk", "narrative", "written_on")
    return {pk: (narrative, written_on) for pk, narrative, written_on in rows}


def responses_for(user: User) -> QuerySet[Response]:
    """Every response of the person's organisation, with what a list needs to show it."""
    return Response.objects.filter(organisation_id=organisation_id_of(user)).select_related(
        "recommendation", "recommendation__report", "owner", "portfolio", "board"
    )


def overdue(qs: QuerySet[Response], today: dt.date) -> QuerySet[Response]:
    return qs.filter(OPEN_Q).filter(_due_expression_q(today))


def reviews_due(qs: QuerySet[Response], today: dt.date) -> QuerySet[Response]:
    return qs.filter(OPEN_Q, next_review_on__lte=today).order_by("next_review_on")


@dataclass
class RegisterFilters:
    """What the register may be filtered and sorted by, read from the query string."""

    kind: str = ""
    status: str = ""
    rag: str = ""
    theme: str = ""
    owner: str = ""
    report: str = ""
    overdue: bool = False
    national: str = ""  # "yes": national recommendations only; "no": the force's own only
    # Filters the dashboard links to (shown in the register's filter summary).
    portfolio: str = ""
    board: str = ""
    due_within: int | None = None  # open, due from today to today + N days
    review_due: bool = False  # open, next review on or before today
    closed_from: dt.date | None = None  # closed on or after this day
    closed_to: dt.date | None = None  # closed on or before this day
    sort: str = "due"
    errors: dict[str, str] = field(default_factory=dict)

    SORTS = {
        "due": (
            "Due date (soonest first)",
            ["recommendation__due_on", "recommendation__reference"],
        ),
        "reference": ("Reference", ["recommendation__reference", "id"]),
        "-updated": ("Recently changed", ["-updated_at", "id"]),
    }

    @classmethod
    def from_query(cls, params) -> RegisterFilters:
        f = cls(
            kind=params.get("kind", ""),
            status=params.get("status", ""),
            rag=params.get("rag", ""),
            theme=params.get("theme", "").strip(),
            owner=params.get("owner", ""),
            report=params.get("report", ""),
            overdue=params.get("overdue") in {"1", "yes", "on", "true"},
            national={"yes": "yes", "true": "yes", "no": "no", "false": "no"}.get(
                params.get("national", ""), ""
            ),
            portfolio=params.get("portfolio", ""),
            board=params.get("board", ""),
            review_due=params.get("review_due") in {"1", "yes", "on", "true"},
            sort=params.get("sort", "due") or "due",
        )
        f._read_dashboard_filters(params)
        if f.kind and f.kind not in RecommendationKind.values:
            f.errors["kind"] = "Choose a kind from the list"
            f.kind = ""
        if f.status and f.status not in ResponseStatus.values + ["any_open"]:
            f.errors["status"] = "Choose a status from the list"
            f.status = ""
        if f.rag and f.rag not in Rag.values + ["none"]:
            f.errors["rag"] = "Choose a RAG rating from the list"
            f.rag = ""
        for name in ("owner", "report", "portfolio", "board"):
            value = getattr(f, name)
            if value and not (is_id(value) or (name != "report" and value == "none")):
                f.errors[name] = f"Choose a {name} from the list"
                setattr(f, name, "")
        if f.sort not in cls.SORTS:
            f.sort = "due"
        return f

    def _read_dashboard_filters(self, params) -> None:
        days = params.get("due_within", "")
        if days:
            if is_id(days) and int(days) <= 3660:
                self.due_within = int(days)
            else:
                self.errors["due_within"] = "Enter a number of days from 1 to 3660"
        for name in ("closed_from", "closed_to"):
            value = params.get(name, "")
            if value:
                try:
                    setattr(self, name, dt.date.fromisoformat(value))
                except ValueError:
                    self.errors[name] = "Enter a date like 2022-07-31"

    @property
    def active(self) -> bool:
        return any(
            [
                self.kind,
                self.status,
                self.rag,
                self.theme,
                self.owner,
                self.report,
                self.overdue,
                self.national,
                self.portfolio,
                self.board,
                self.due_within,
                self.review_due,
                self.closed_from,
                self.closed_to,
            ]
        )

    def q(self, *, today: dt.date) -> Q:
        """The filters as one condition on responses: the register's rows, and the
        dashboard's counts (which are therefore the register's counts)."""
        q = Q()
        if self.kind:
            q &= Q(recommendation__kind=self.kind)
        if self.status == "any_open":
            q &= OPEN_Q
        elif self.status:
            q &= Q(status=self.status)
        if self.rag == "none":
            q &= Q(rag="")
        elif self.rag:
            q &= Q(rag=self.rag)
        if self.theme:
            q &= Q(recommendation__theme__iexact=self.theme)
        for name, column in (("owner", "owner"), ("portfolio", "portfolio"), ("board", "board")):
            value = getattr(self, name)
            if value == "none":
                q &= Q(**{f"{column}__isnull": True})
            elif value:
                q &= Q(**{f"{column}_id": int(value)})
        if self.report:
            q &= Q(recommendation__report_id=int(self.report))
        if self.national:  # a national recommendation's report is about no one organisation
            q &= Q(recommendation__report__organisation__isnull=self.national == "yes")
        if self.overdue:
            q &= OPEN_Q & _due_expression_q(today)
        if self.due_within:
            q &= OPEN_Q & _due_between_q(today, today + dt.timedelta(days=self.due_within))
        if self.review_due:
            q &= OPEN_Q & Q(next_review_on__lte=today)
        if self.closed_from or self.closed_to:
            q &= Q(status__in=CLOSED_STATUSES)
        if self.closed_from:
            q &= Q(closed_on__gte=self.closed_from)
        if self.closed_to:
            q &= Q(closed_on__lte=self.closed_to)
        return q


def register(user: User, filters: RegisterFilters, *, today: dt.date) -> QuerySet[Response]:
    qs = responses_for(user).filter(filters.q(today=today))
    return qs.order_by(*RegisterFilters.SORTS[filters.sort][1])


def register_page(
    user: User, filters: RegisterFilters, *, page: str | int | None, today: dt.date, per_page: int
) -> Page:
    return Paginator(register(user, filters, today=today), per_page).get_page(page)


def record_stamp(org_id: int) -> str:
    """Changes whenever the organisation's responses do (one added, removed or saved) or any
    recommendation is saved: a cache key for figures drawn from them. One query, answered from
    the indexes on (organisation, updated_at) and updated_at."""
    from django.db import connection

    responses, recommendations = Response._meta.db_table, Recommendation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {responses} WHERE organisation_id = %s), "
            f"(SELECT MAX(updated_at) FROM {responses} WHERE organisation_id = %s), "
            f"(SELECT MAX(updated_at) FROM {recommendations})",
            [org_id, org_id],
        )
        values = ":".join(str(value) for value in cursor.fetchone())
    # a digest: the values hold spaces, which some cache backends refuse in a key
    return hashlib.sha1(values.encode(), usedforsecurity=False).hexdigest()


# The filter choices are kept for this long at most; a change to the organisation's responses
# (a new one, an owner assigned) shows at once, as it changes the key.
CHOICES_SECONDS = 300


def register_choices(user: User) -> dict[str, list[tuple[str, str]]]:
    """The values the register's filters offer, cached per organisation.

    The cache key holds the number of the organisation's responses and the time the last one
    changed (one index-only query), so a response added or reassigned is offered at once; a
    renamed theme, report or person shows within CHOICES_SECONDS.
    """
    from django.core.cache import cache

    org_id = organisation_id_of(user)
    key = f"register-choices:{org_id}:{record_stamp(org_id)}"
    choices = cache.get(key)
    if choices is None:
        choices = _register_choices(user)
        cache.set(key, choices, CHOICES_SECONDS)
    return choices


def _register_choices(user: User) -> dict[str, list[tuple[str, str]]]:
    """The values the register's filters offer: only those present in the person's record.

    Each list is a DISTINCT in SQL, and the owners and reports are read by primary key from a
    subquery on the responses' own columns (an index-only scan), not by joining the people and
    reports to every response: at national scale an organisation responds to thousands.
    """
    org_id = organisation_id_of(user)
    mine = responses_for(user).order_by()
    themes = (
        mine.exclude(recommendation__theme="")
        .values_list("recommendation__theme", flat=True)
        .distinct()
        .order_by("recommendation__theme")
    )
    owners = User.objects.filter(pk__in=mine.values("owner_id")).order_by(
        "first_name", "last_name", "pk"
    )
    reports = (
        Report.objects.filter(recommendations__responses__organisation_id=org_id)
        .values_list("pk", "title")
        .distinct()
        .order_by("title", "pk")
    )
    portfolios = Portfolio.objects.filter(organisation_id=org_id).order_by("name")
    boards = Board.objects.filter(organisation_id=org_id).order_by("name")
    return {
        "themes": [(t, t) for t in themes],
        "owners": [
            (str(o.pk), o.display_name) for o in owners.only("username", "first_name", "last_name")
        ],
        "reports": [(str(pk), title) for pk, title in reports],
        "portfolios": [(str(p.pk), p.name) for p in portfolios.only("name")],
        "boards": [(str(b.pk), b.name) for b in boards.only("name")],
    }


# -- The tracker of the command line (`oversight tracker`): for the people who run the instance


def organisations_responding(name: str | None = None) -> list[Organisation]:
    """The organisations with responses, by name or short name when one is given."""
    found = Organisation.objects.filter(pk__in=Response.objects.values("organisation_id")).order_by(
        "name"
    )
    if name:
        found = found.filter(Q(name__iexact=name) | Q(short_name__iexact=name))
    return list(found)


def tracker_responses(organisation: Organisation | None) -> QuerySet[Response]:
    """Every response of one organisation, or of every organisation (None), by organisation,
    then reference."""
    found = Response.objects.all()
    if organisation is not None:
        found = found.filter(organisation=organisation)
    return found.order_by("organisation__name", "recommendation__reference", "pk")
