"""The reads about recommendations and responses, already scoped to what a person may see."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from oversight.accounts.models import User
from oversight.accounts.permissions import organisation_id_of
from oversight.params import is_id
from oversight.recommendations.models import (
    CLOSED_STATUSES,
    ENDED_STATUSES,
    Evidence,
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
    from oversight.accounts.models import Board, Portfolio
    from oversight.inspections.models import Report

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


def response_detail(user: User, pk: int) -> Response:
    """One response of the person's organisation, with its updates newest first (each with its
    files as `update.files`), its evidence and reviews; 404 otherwise."""
    qs = (
        responses_for(user)
        .select_related(
            "organisation",
            "recommendation__cause_of_concern",
            "recommendation__report__inspectorate",
        )
        .prefetch_related(
            Prefetch("updates", queryset=Update.objects.select_related("author")),
            Prefetch("evidence", queryset=Evidence.objects.select_related("uploaded_by")),
            Prefetch("reviews", queryset=_reviews_with_reviewer()),
        )
    )
    response = get_object_or_404(qs, pk=pk)
    # Each update's files, from the response's evidence (one query for both lists).
    files: dict[int, list[Evidence]] = {}
    for evidence in sorted(response.evidence.all(), key=lambda e: (e.uploaded_at, e.pk)):
        files.setdefault(evidence.update_id, []).append(evidence)
    for update in response.updates.all():
        update.files = files.get(update.pk, [])
    return response


def response_history(response: Response) -> list[dict]:
    """The audit trail of a response and of everything hung on it, newest first."""
    from oversight.recommendations.history import field_changes, trail
    from oversight.recommendations.models import ClosureRequest, ExtensionRequest, Review

    # The response's own rows are all about this response: name it once (str of each row's
    # instance would read its organisation and recommendation again, two queries a row).
    own = field_changes(
        response.history.select_related("history_user", "owner", "portfolio", "board").order_by(
            "-history_date", "-history_id"
        ),
        subject=str(response),
    )
    hung_on = trail(
        [
            ("Update", Update.history.filter(response_id=response.pk)),
            ("Evidence", Evidence.history.filter(response_id=response.pk)),
            ("Review", Review.history.filter(response_id=response.pk)),
            ("Extension", ExtensionRequest.history.filter(response_id=response.pk)),
            ("Closure", ClosureRequest.history.filter(response_id=response.pk)),
        ]
    )
    return sorted(own + hung_on, key=lambda e: e["when"], reverse=True)


def _reviews_with_reviewer() -> QuerySet:
    from oversight.recommendations.models import Review

    return Review.objects.select_related("reviewer")


def recommendations_under(concern: Recommendation) -> QuerySet[Recommendation]:
    return concern.recommendations_under.all().order_by("reference")


def my_open_responses(user: User) -> QuerySet[Response]:
    return responses_for(user).filter(OPEN_Q, owner=user)


def response_for_action(user: User, pk: int) -> Response:
    """A response of the person's organisation, for a form; 404 otherwise."""
    return get_object_or_404(responses_for(user), pk=pk)


def evidence_for(user: User, pk: int) -> Evidence:
    """Evidence on a response of the person's organisation; 404 for anyone else."""
    return get_object_or_404(
        Evidence.objects.select_related("response", "update", "uploaded_by"),
        pk=pk,
        response__organisation_id=organisation_id_of(user),
    )


def recommendations_of(org_id: int) -> QuerySet[Recommendation]:
    """Recommendations an organisation may see: of reports about it, and national ones."""
    return Recommendation.objects.filter(
        Q(report__organisation_id=org_id) | Q(report__organisation__isnull=True)
    )


def recommendations_visible(user: User) -> QuerySet[Recommendation]:
    """Recommendations of reports about the organisation, and national ones."""
    return recommendations_of(organisation_id_of(user)).select_related("report", "cause_of_concern")


def recommendation_for(user: User, pk: int) -> Recommendation:
    return get_object_or_404(recommendations_visible(user), pk=pk)


def _national_unless(user: User, pk: int, responses: QuerySet[Response]) -> Recommendation:
    """A national recommendation visible to the person, unless their organisation's response
    to it is among `responses`; 404 otherwise."""
    theirs = responses.filter(
        recommendation=OuterRef("pk"), organisation_id=organisation_id_of(user)
    )
    return get_object_or_404(
        recommendations_visible(user)
        .filter(report__organisation__isnull=True)
        .exclude(Exists(theirs)),
        pk=pk,
    )


def national_to_take_on(user: User, pk: int) -> Recommendation:
    """A national recommendation the person's organisation has not taken on (none yet, or one
    recorded as not applying); 404 for any other (its own reports' are taken on when recorded;
    one response per organisation)."""
    return _national_unless(
        user, pk, Response.objects.exclude(status=ResponseStatus.NOT_APPLICABLE)
    )


def national_to_set_aside(user: User, pk: int) -> Recommendation:
    """A national recommendation the person's organisation may record as not applying: not
    taken on, or taken on with nothing started (still open); 404 for any other."""
    return _national_unless(user, pk, Response.objects.exclude(status=ResponseStatus.OPEN))


def own_response_to(recommendation: Recommendation, user: User) -> Response | None:
    """The person's organisation's response to a recommendation, if it has one."""
    return recommendation.responses.filter(organisation_id=organisation_id_of(user)).first()


def under_with_own_responses(
    concern: Recommendation, user: User
) -> list[tuple[Recommendation, Response | None]]:
    """The recommendations made under a cause of concern, each with the person's
    organisation's response to it (or None), in two queries."""
    under = list(concern.recommendations_under.all())
    theirs = {
        r.recommendation_id: r
        for r in Response.objects.filter(
            recommendation__in=under, organisation_id=organisation_id_of(user)
        )
    }
    return [(u, theirs.get(u.pk)) for u in under]


def shared_with_others(recommendation: Recommendation, user: User) -> bool:
    """Another organisation responds to it too: one organisation may not rewrite it."""
    return recommendation.responses.exclude(organisation_id=organisation_id_of(user)).exists()


def concerns_for(user: User) -> QuerySet[Recommendation]:
    return recommendations_visible(user).filter(kind=RecommendationKind.CAUSE_OF_CONCERN)


def extensions_for(user: User):
    from oversight.recommendations.models import ExtensionRequest

    return ExtensionRequest.objects.filter(
        response__organisation_id=organisation_id_of(user)
    ).select_related("response__recommendation", "requested_by", "decided_by")


def closures_for(user: User):
    from oversight.recommendations.models import ClosureRequest

    return ClosureRequest.objects.filter(
        response__organisation_id=organisation_id_of(user)
    ).select_related(
        "response__recommendation", "response__owner", "requested_by", "checked_by", "decided_by"
    )


def recommendation_history(recommendation: Recommendation, user: User) -> list[dict]:
    """Its trail as `user` may see it: a national recommendation is shared by every
    organisation, and other organisations' people are named by their organisation only."""
    from oversight.recommendations.history import trail

    return trail([("", recommendation.history.all())], viewer_org_id=organisation_id_of(user))


def open_responses_by_owner(user: User) -> dict[int, int]:
    """How many open responses each person of the organisation owns: {person id: count}."""
    rows = (
        responses_for(user)
        .filter(OPEN_Q, owner__isnull=False)
        .values("owner_id")
        .annotate(n=Count("id"))
        .values_list("owner_id", "n")
    )
    return dict(rows)


def closure_snapshot(closure, evidence_now: list) -> dict | None:  # noqa: ANN001 - a ClosureRequest
    """What a closure's last step approved, as it was frozen then: the recommendation's text,
    the response's status and RAG, every update and the evidence with its SHA-256, who took the
    step, when, and on which route; and whether the evidence (`evidence_now`, the response's
    evidence as the page shows it) has changed since. None when nothing was frozen."""
    import datetime as dt

    from oversight.recommendations.models import ClosureStage, ResponseStatus, SignOff

    frozen = closure.snapshot or {}
    if not frozen:
        return None
    stage = closure.stage
    if stage in {ClosureStage.APPROVED, ClosureStage.ACCEPTED} and closure.decided_by:
        heading, who, when = "What was approved", closure.decided_by, closure.decided_at
    elif stage == ClosureStage.SUBMITTED or (
        stage in {ClosureStage.REJECTED} and closure.response.sign_off == SignOff.INSPECTORATE
    ):
        heading, who, when = "What was submitted", closure.checked_by, closure.checked_at
    elif closure.checked_by:
        heading, who, when = "What was checked", closure.checked_by, closure.checked_at
    else:
        heading = "What closure was asked for"
        who, when = closure.requested_by, closure.requested_at
    taken = frozen.get("taken_at")
    response = frozen.get("response", {})
    route = {
        SignOff.CHIEF_CONSTABLE: "Signed off in the organisation, by an executive",
        SignOff.INSPECTORATE: "Closed by the inspectorate, recorded by the liaison lead",
    }.get(response.get("sign_off") or closure.response.sign_off, "")
    now = {(e.original_name, e.sha256, bool(e.withdrawn_at)) for e in evidence_now}
    then = {(e["name"], e["sha256"], e["withdrawn"]) for e in frozen.get("evidence", [])}
    return {
        "heading": heading,
        "by": who.display_name if who else "",
        "when": dt.datetime.fromisoformat(taken) if taken else when,
        "route": route,
        "status": response.get("status", ""),
        "status_label": dict(ResponseStatus.choices).get(response.get("status", ""), "Unknown"),
        "rag": response.get("rag", ""),
        "text": response.get("text", ""),
        "updates": frozen.get("updates"),
        "latest_update": frozen.get("latest_update"),
        "evidence": frozen.get("evidence", []),
        "evidence_changed": now != then,
    }
