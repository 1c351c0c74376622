"""The reads about reminders: who is owed what, worked out from the record through the
recommendations selectors, and the log of reminders a person may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Prefetch, QuerySet

from oversight.accounts.choices import Role
from oversight.accounts.models import Organisation, User
from oversight.accounts.policies import organisation_id_of
from oversight.recommendations import selectors as rec
from oversight.recommendations.choices import RequestStatus
from oversight.recommendations.models import ClosureRequest, ExtensionRequest, Response
from oversight.reminders.models import (
    Reason,
    Reminder,
    ReminderItem,
    ReminderKind,
    ReminderStatus,
)
from oversight.reminders.timing import Intervals, is_owed
from oversight.rules.rag import is_overdue

# The order reasons are listed in: a response goes under the first of its reasons.
REASON_ORDER: list[str] = [Reason.OVERDUE, Reason.DUE_SOON, Reason.REVIEW_DUE]
# A weekly summary lists at most this many records in each section (the counts are whole).
SUMMARY_LIST_LIMIT = 50
# A sent (or being sent) reminder counts as having reminded; a failed one does not.
COUNTS_AS_REMINDED = [ReminderStatus.SENT, ReminderStatus.SENDING]


@dataclass(frozen=True)
class Due:
    """One reason a response needs its owner, and the date it is about."""

    reason: str
    on: dt.date | None

    @property
    def label(self) -> str:
        return str(Reason(self.reason).label)


@dataclass
class Line:
    """A response in a digest, with the reasons it is owed, most pressing first."""

    response: Response
    reasons: list[Due] = field(default_factory=list)

    @property
    def primary(self) -> Due:
        return self.reasons[0]

    @property
    def also(self) -> list[Due]:
        return self.reasons[1:]


def digest_lines(owner: User, *, today: dt.date, due_soon_days: int) -> list[Line]:
    """The owner's open responses that are overdue, due soon or due a review, each once."""
    mine = rec.my_open_responses(owner)
    overdue_ids = set(rec.overdue(mine, today).values_list("pk", flat=True))
    review_ids = set(rec.reviews_due(mine, today).values_list("pk", flat=True))
    horizon = today + dt.timedelta(days=due_soon_days)
    lines = []
    for response in mine:
        due = response.due_on
        line = Line(response)
        if response.pk in overdue_ids:
            line.reasons.append(Due(Reason.OVERDUE, due))
        elif (
            due is not None
            and not is_overdue(due_on=due, closed=response.is_ended, today=today)
            and due <= horizon
        ):
            line.reasons.append(Due(Reason.DUE_SOON, due))
        if response.pk in review_ids:
            line.reasons.append(Due(Reason.REVIEW_DUE, response.next_review_on))
        if line.reasons:
            lines.append(line)
    return sort_lines(lines)


def sort_lines(lines: list[Line]) -> list[Line]:
    def key(line: Line):
        return (
            REASON_ORDER.index(line.primary.reason),
            line.primary.on or dt.date.max,
            line.response.recommendation.reference,
            line.response.pk,
        )

    return sorted(lines, key=key)


def last_reminded(person: User, response_ids: list[int]) -> dict[tuple, dt.date]:
    """For each (response, reason, date) already in a digest to the person: the latest day."""
    rows = (
        ReminderItem.objects.filter(
            reminder__person=person,
            reminder__kind=ReminderKind.DIGEST,
            reminder__status__in=COUNTS_AS_REMINDED,
            response_id__in=response_ids,
        )
        .values("response_id", "reason", "on")
        .annotate(last=Max("reminder__for_date"))
    )
    return {(r["response_id"], r["reason"], r["on"]): r["last"] for r in rows}


def owed_lines(
    lines: list[Line], last: dict[tuple, dt.date], *, today: dt.date, intervals: Intervals
) -> list[Line]:
    """The lines with only the reasons the person is owed; lines left with none dropped."""
    owed = []
    for line in lines:
        reasons = [
            due
            for due in line.reasons
            if is_owed(
                reason=due.reason,
                last_reminded=last.get((line.response.pk, due.reason, due.on)),
                today=today,
                intervals=intervals,
            )
        ]
        if reasons:
            owed.append(Line(line.response, reasons))
    return sort_lines(owed)


def digest_owed(
    owner: User, *, today: dt.date, due_soon_days: int, intervals: Intervals
) -> list[Line]:
    """What the owner's digest for `today` must say: nothing they were already reminded of."""
    lines = digest_lines(owner, today=today, due_soon_days=due_soon_days)
    if not lines:
        return []
    last = last_reminded(owner, [line.response.pk for line in lines])
    return owed_lines(lines, last, today=today, intervals=intervals)


def owners_to_remind() -> QuerySet[User]:
    """Active people who own at least one open response."""
    owning = Response.objects.filter(rec.OPEN_Q, owner__isnull=False).values("owner_id")
    return (
        User.objects.filter(is_active=True, organisation__isnull=False, pk__in=owning)
        .select_related("organisation")
        .order_by("organisation_id", "pk")
    )


def liaison_leads() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, organisation__isnull=False, role=Role.LIAISON)
        .select_related("organisation")
        .order_by("organisation_id", "pk")
    )


# --- The liaison lead's weekly summary ---------------------------------------------------------


@dataclass(frozen=True)
class StaleOwner:
    person: User
    open_count: int
    last_update: dt.date | None


@dataclass
class WeeklySummary:
    organisation: Organisation
    today: dt.date
    stale_days: int
    open_count: int
    overdue: list[Response]
    overdue_count: int
    reviews_due: list[Response]
    reviews_due_count: int
    closures: list[ClosureRequest]
    extensions: list[ExtensionRequest]
    stale_owners: list[StaleOwner]
    no_owner_count: int
    owners_without_email: list[User]

    @property
    def waiting_count(self) -> int:
        return len(self.closures) + len(self.extensions)

    def figures(self) -> dict:
        """What the log keeps of it."""
        return {
            "open": self.open_count,
            "overdue": self.overdue_count,
            "reviews_due": self.reviews_due_count,
            "closures_waiting": len(self.closures),
            "extensions_waiting": len(self.extensions),
            "stale_owners": [
                {
                    "name": s.person.display_name,
                    "open": s.open_count,
                    "last_update": s.last_update.isoformat() if s.last_update else None,
                }
                for s in self.stale_owners
            ],
            "no_owner": self.no_owner_count,
        }

    def items(self) -> list[tuple[Response, str, dt.date | None]]:
        """The responses it names, with why, for the log."""
        named: list[tuple[Response, str, dt.date | None]] = []
        return (
            named
            + [(r, Reason.OVERDUE, r.due_on) for r in self.overdue]
            + [(r, Reason.REVIEW_DUE, r.next_review_on) for r in self.reviews_due]
            + [(c.response, Reason.CLOSURE_WAITING, None) for c in self.closures]
            + [(e.response, Reason.EXTENSION_WAITING, e.proposed_due_on) for e in self.extensions]
        )


def weekly_summary(liaison: User, *, today: dt.date, stale_days: int) -> WeeklySummary:
    """The state of the liaison's organisation on `today`, from the record."""
    organisation = liaison.organisation
    if organisation is None:
        raise ValueError("A weekly summary is of an organisation: this person has none")
    everything = rec.responses_for(liaison)
    open_responses = everything.filter(rec.OPEN_Q)
    overdue = rec.overdue(everything, today).order_by(
        "revised_due_on", "recommendation__due_on", "pk"
    )
    reviews = rec.reviews_due(everything, today)
    closures = [c for c in rec.closures_for(liaison).order_by("requested_at", "pk") if c.is_open]
    extensions = list(
        rec.extensions_for(liaison)
        .filter(status=RequestStatus.PENDING)
        .order_by("requested_at", "pk")
    )
    since = today - dt.timedelta(days=stale_days)
    per_owner = (
        open_responses.filter(owner__isnull=False)
        .values("owner_id")
        .annotate(open_count=Count("pk", distinct=True), last=Max("updates__written_on"))
        .order_by()
    )
    stale = {
        row["owner_id"]: row for row in per_owner if row["last"] is None or row["last"] < since
    }
    people = User.objects.in_bulk(list(stale))
    stale_owners = sorted(
        (
            StaleOwner(people[pk], row["open_count"], row["last"])
            for pk, row in stale.items()
            if pk in people
        ),
        key=lambda s: (s.last_update or dt.date.min, s.person.display_name),
    )
    owners_without_email = list(
        User.objects.filter(
            pk__in=open_responses.filter(owner__isnull=False).values("owner_id"),
            is_active=True,
            email="",
        ).order_by("first_name", "last_name", "username")
    )
    return WeeklySummary(
        organisation=organisation,
        today=today,
        stale_days=stale_days,
        open_count=open_responses.count(),
        overdue=list(overdue[:SUMMARY_LIST_LIMIT]),
        overdue_count=overdue.count(),
        reviews_due=list(reviews[:SUMMARY_LIST_LIMIT]),
        reviews_due_count=reviews.count(),
        closures=closures,
        extensions=extensions,
        stale_owners=stale_owners,
        no_owner_count=open_responses.filter(owner__isnull=True).count(),
        owners_without_email=owners_without_email,
    )


def weekly_reminders_since(person: User, since: dt.date) -> QuerySet[Reminder]:
    return Reminder.objects.filter(
        person=person, kind=ReminderKind.WEEKLY_SUMMARY, for_date__gte=since
    )


def weekly_summary_owed(person: User, *, today: dt.date, week_start: dt.date) -> bool:
    """Owed on the summary day, or later in its week after a failed send; once a week."""
    this_week = weekly_reminders_since(person, week_start)
    if this_week.filter(status__in=COUNTS_AS_REMINDED).exists():
        return False
    return today == week_start or this_week.filter(status=ReminderStatus.FAILED).exists()


# --- The reminders page ------------------------------------------------------------------------


def reminders_visible(user: User) -> QuerySet[Reminder]:
    """A person's own reminders; a liaison sees every reminder of their organisation."""
    org_id = organisation_id_of(user)
    qs = Reminder.objects.filter(organisation_id=org_id)
    if user.role != Role.LIAISON:
        qs = qs.filter(person=user)
    items = ReminderItem.objects.filter(response__organisation_id=org_id).select_related(
        "response__recommendation"
    )
    return qs.select_related("person").prefetch_related(Prefetch("items", queryset=items))


def reminders_page(user: User, *, page: str | int | None, per_page: int = 25) -> Page:
    return Paginator(reminders_visible(user), per_page).get_page(page)
