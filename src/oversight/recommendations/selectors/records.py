"""Reading one response, one recommendation and their history; national recommendations and
causes of concern; the decisions waiting; a report's recommendations with the organisation's
responses."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.shortcuts import get_object_or_404

from oversight.accounts.models import User
from oversight.accounts.policies import organisation_id_of
from oversight.inspections.models import Report
from oversight.recommendations.history import field_changes, trail
from oversight.recommendations.models import (
    ClosureRequest,
    ClosureStage,
    Evidence,
    ExtensionRequest,
    Recommendation,
    RecommendationKind,
    Response,
    ResponseStatus,
    Review,
    SignOff,
    Update,
)
from oversight.recommendations.selectors.register import OPEN_Q, responses_for

UPDATES_SHOWN = 20  # the response page's newest updates; the rest on asking


def response_detail(user: User, pk: int, *, updates: int | None = None) -> Response:
    """One response of the person's organisation, with its updates newest first (each with its
    files as `update.files`; with `updates`, the newest that many: `update_count` says how
    many there are), its evidence and reviews; 404 otherwise."""
    newest = Update.objects.select_related("author")
    if updates is not None:  # a slice cannot be prefetched through a relation: its ids can
        ids = Update.objects.filter(response_id=pk).order_by("-written_on", "-id").values("id")
        newest = newest.filter(pk__in=Subquery(ids[:updates]))
    qs = (
        responses_for(user)
        .select_related(
            "organisation",
            "recommendation__cause_of_concern",
            "recommendation__report__inspectorate",
        )
        .prefetch_related(
            Prefetch("updates", queryset=newest),
            Prefetch("evidence", queryset=Evidence.objects.select_related("uploaded_by")),
            Prefetch("reviews", queryset=_reviews_with_reviewer()),
        )
    )
    response = get_object_or_404(qs, pk=pk)
    # Each update's files, from the response's evidence (one query for both lists).
    files: dict[int, list[Evidence]] = {}
    for evidence in sorted(response.evidence.all(), key=lambda e: (e.uploaded_at, e.pk)):
        if evidence.update_id is not None:
            files.setdefault(evidence.update_id, []).append(evidence)
    shown = response.updates.all()
    for update in shown:
        update.files = files.get(update.pk, [])
    return response


def update_count(response: Response, shown: int | None) -> int:
    """How many updates the response has, given the newest `shown` of them were read (None:
    all of them were): counted only when there may be more."""
    prefetched = len(response.updates.all())
    if shown is None or prefetched < shown:
        return prefetched
    return Update.objects.filter(response_id=response.pk).count()  # not the prefetched few


# (label, model with django-simple-history): what hangs on a response and has a history
HUNG_ON_A_RESPONSE: list[tuple[str, Any]] = [
    ("Update", Update),
    ("Evidence", Evidence),
    ("Review", Review),
    ("Extension", ExtensionRequest),
    ("Closure", ClosureRequest),
]


def response_history(response: Response, limit: int | None = None) -> list[dict]:
    """The audit trail of a response and of everything hung on it, newest first; with `limit`,
    the newest `limit` entries only, read without reading the rest (the response page shows
    ten, and a response under a year of updates has hundreds)."""
    # The response's own rows are all about this response: name it once (str of each row's
    # instance would read its organisation and recommendation again, two queries a row).
    own_rows = response.history.select_related(
        "history_user", "owner", "portfolio", "board"
    ).order_by("-history_date", "-history_id")
    if limit is not None:
        own_rows = own_rows[: limit + 1]  # the row before the oldest shown, to compare with
    own = field_changes(own_rows, subject=str(response))
    if limit is not None:
        own = own[:limit]
    sources = [
        # the historical model's own manager: `Model.history` builds a manager on each use
        (label, model.history.model._default_manager.filter(response_id=response.pk))
        for label, model in HUNG_ON_A_RESPONSE
    ]
    hung_on = trail(sources if limit is None else _newest_records(sources, limit))
    entries = sorted(own + hung_on, key=lambda e: e["when"], reverse=True)
    return entries if limit is None else entries[:limit]


def _newest_records(sources: list[tuple[str, QuerySet]], limit: int) -> list:
    """The sources narrowed to the records with one of the newest `limit` rows of them all
    (one query across the five tables), each with every row: any entry of the newest `limit`
    is among them, with the earlier row it is compared with."""
    parts = [
        rows.order_by().annotate(source=Value(index, IntegerField()))
        .values_list("source", "id", "history_date")
        for index, (_, rows) in enumerate(sources)
    ]  # fmt: skip
    wanted: dict[int, set[int]] = defaultdict(set)
    for source, record_id, _ in (
        parts[0].union(*parts[1:], all=True).order_by("-history_date")[:limit]
    ):
        wanted[source].add(record_id)
    return [
        (label, rows.filter(id__in=wanted[index]))
        for index, (label, rows) in enumerate(sources)
        if wanted[index]
    ]


def _reviews_with_reviewer() -> QuerySet:
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


def responses_of(org_id: int) -> QuerySet[Response]:
    """An organisation's responses with their owner, recommendation, portfolio and board (the
    import matches a file's rows against them)."""
    return Response.objects.filter(organisation_id=org_id).select_related(
        "owner", "recommendation", "portfolio", "board"
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
    return ExtensionRequest.objects.filter(
        response__organisation_id=organisation_id_of(user)
    ).select_related("response__recommendation", "requested_by", "decided_by")


def closures_for(user: User):
    return ClosureRequest.objects.filter(
        response__organisation_id=organisation_id_of(user)
    ).select_related(
        "response__recommendation", "response__owner", "requested_by", "checked_by", "decided_by"
    )


def recommendation_history(recommendation: Recommendation, user: User) -> list[dict]:
    """Its trail as `user` may see it: a national recommendation is shared by every
    organisation, and other organisations' people are named by their organisation only."""
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

    frozen = closure.snapshot or {}
    if not frozen:
        return None
    stage = closure.stage
    if (
        stage in {ClosureStage.SIGNED_OFF, ClosureStage.CLOSED_BY_INSPECTORATE}
        and closure.decided_by
    ):
        heading, who, when = "What was approved", closure.decided_by, closure.decided_at
    elif stage == ClosureStage.SUBMITTED or (
        stage in {ClosureStage.NOT_ACCEPTED} and closure.response.sign_off == SignOff.INSPECTORATE
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


def report_recommendations(user: User, report: Report) -> list[Recommendation]:
    """A report's recommendations in its own order, each with `own_responses`: the person's
    organisation's response to it, as a list of at most one (two queries)."""
    return list(
        report.recommendations.order_by("number", "reference", "id").prefetch_related(
            Prefetch(
                "responses",
                queryset=Response.objects.filter(
                    organisation_id=organisation_id_of(user)
                ).select_related("owner", "portfolio"),
                to_attr="own_responses",
            )
        )
    )


# --- What hangs on the person's organisation's responses (the API lists them) --------------


def updates_for(user: User) -> QuerySet[Update]:
    """Updates on the organisation's responses, each with its author."""
    return Update.objects.filter(response__in=responses_for(user)).select_related("author")


def evidence_visible(user: User) -> QuerySet[Evidence]:
    """Evidence records on the organisation's responses (withdrawn ones too), with who
    uploaded each. Reading the record is not downloading the file: see policies."""
    return Evidence.objects.filter(response__in=responses_for(user)).select_related("uploaded_by")


def reviews_for(user: User) -> QuerySet[Review]:
    """Reviews of the organisation's responses, each with its reviewer."""
    return Review.objects.filter(response__in=responses_for(user)).select_related(
        "reviewer", "board"
    )


def evidence_file_names() -> set[str]:
    """Every stored file name an evidence record points to, now or in its history (for the
    sweep of files nothing points to; not scoped to a person)."""
    names = set(Evidence.objects.values_list("file", flat=True))
    names |= set(Evidence.history.values_list("file", flat=True))
    return {n for n in names if n}
