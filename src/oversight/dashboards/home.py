"""What waits for each person on their home page, by role, each item with where it is done.

- liaison: closures waiting for the evidence check, closures to submit to the inspectorate
  and those waiting for its decision, imports previewed but not confirmed, the next committee
  meeting and the state of its paper (and, as for everyone, overdue and reviews due);
- executive: closures to sign off and extensions to decide, with how long each has waited;
- owner: their own open responses (dashboards.selectors.attention), and closures returned;
- viewer: the latest issued paper, the headline figures, the next meeting.

Read through the owning apps' selectors, so everything is scoped to the person's organisation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from oversight.accounts.choices import Role
from oversight.dates import long_date
from oversight.ingest.choices import BatchStatus
from oversight.ingest.selectors import batches_for
from oversight.papers.choices import PaperStatus
from oversight.papers.selectors import next_meeting_of, papers_for
from oversight.recommendations import selectors as rec
from oversight.recommendations.choices import ClosureStage, RequestStatus, SignOff

if TYPE_CHECKING:
    from oversight.accounts.models import User
    from oversight.papers.models import Meeting, Paper

ROWS = 10  # the rest is on the list page the heading links to


@dataclass(frozen=True)
class Waiting:
    """One thing waiting for this person: what, where it is done, since when."""

    what: str
    detail: str
    href: str
    since: dt.datetime | dt.date | None
    today: dt.date

    @property
    def waited(self) -> str:
        if self.since is None:
            return ""
        day = self.since
        if isinstance(day, dt.datetime):
            day = timezone.localtime(day).date()
        days = (self.today - day).days
        if days <= 0:
            return "since today"
        return f"waiting {days} day{'s' if days != 1 else ''} (since {long_date(day)})"


@dataclass
class Queue:
    key: str
    heading: str
    items: list[Waiting]
    total: int
    list_href: str = ""
    empty: str = "Nothing is waiting."


@dataclass
class NextMeeting:
    meeting: Meeting
    paper: Paper | None
    paper_href: str
    state: str  # in words: "Draft, version 2", "Issued on 10 March 2022", "Not started"
    action: str  # what to do next, for the liaison


@dataclass
class Home:
    role: str
    queues: list[Queue] = field(default_factory=list)
    next_meeting: NextMeeting | None = None
    latest_paper: Paper | None = None

    @property
    def waiting_count(self) -> int:
        return sum(q.total for q in self.queues)


def _closure_queue(user, today, key, heading, stages, sign_off, since, empty) -> Queue:
    qs = rec.closures_for(user).filter(stage__in=stages)
    if sign_off is not None:
        qs = qs.filter(response__sign_off=sign_off)
    qs = qs.order_by("requested_at", "pk")
    items = [
        Waiting(
            what=c.response.recommendation.title,
            detail=c.response.recommendation.theme or c.response.recommendation.text[:80],
            href=reverse("recommendations:closure-detail", args=[c.pk]),
            since=getattr(c, since) or c.requested_at,
            today=today,
        )
        for c in qs[:ROWS]
    ]
    return Queue(
        key, heading, items, qs.count(), reverse("recommendations:closure-list"), empty=empty
    )


def _extensions(user, today) -> Queue:
    qs = rec.extensions_for(user).filter(status=RequestStatus.PENDING).order_by("requested_at")
    items = [
        Waiting(
            what=e.response.recommendation.title,
            detail=(
                f"From {long_date(e.current_due_on) or 'no date'} to {long_date(e.proposed_due_on)}"
            ),
            href=reverse("recommendations:extension-decide", args=[e.pk]),
            since=e.requested_at,
            today=today,
        )
        for e in qs[:ROWS]
    ]
    return Queue(
        "extensions",
        "Extensions to decide",
        items,
        qs.count(),
        reverse("recommendations:extension-list"),
        empty="No extension is waiting for a decision.",
    )


def _imports(user, today) -> Queue:
    qs = batches_for(user).filter(status=BatchStatus.PREVIEWED).order_by("created_at")
    items = [
        Waiting(
            what=b.file_name,
            detail="Previewed, not yet imported",
            href=reverse("import:preview", args=[b.pk]),
            since=b.created_at,
            today=today,
        )
        for b in qs[:ROWS]
    ]
    return Queue(
        "imports",
        "Imports waiting",
        items,
        qs.count(),
        reverse("import:upload"),
        empty="No import is waiting to be confirmed.",
    )


def next_meeting(user: User, today: dt.date) -> NextMeeting | None:
    """The organisation's next committee meeting (today or later) and its paper's state."""
    meeting = next_meeting_of(user, today)
    if meeting is None:
        return None
    paper = papers_for(user).filter(meeting=meeting).order_by("-version").first()
    liaison = user.role == Role.LIAISON
    if paper is not None and paper.status == PaperStatus.ISSUED:
        state, action = f"Issued on {long_date(paper.issued_at)}", "See the paper"
        href = reverse("papers:detail", args=[paper.pk])
    elif user.role not in {Role.LIAISON, Role.EXECUTIVE}:  # drafts are not theirs to see
        return NextMeeting(meeting, None, "", "The paper has not been issued yet", "")
    elif paper is None:
        state, action = "Not started", "Draft the paper" if liaison else ""
        href = reverse("papers:draft-create", args=[meeting.pk]) if liaison else ""
    else:
        state = f"Draft, version {paper.version}"
        action = "Review and issue the draft" if liaison else "See the draft"
        href = reverse("papers:detail", args=[paper.pk])
    return NextMeeting(meeting, paper, href, state, action)


def latest_issued_paper(user: User) -> Paper | None:
    return (
        papers_for(user)
        .filter(status=PaperStatus.ISSUED)
        .select_related("meeting__committee")
        .order_by("-meeting__held_on", "-version")
        .first()
    )


def home(user: User, *, today: dt.date) -> Home:
    """What waits for `user` today, by their role."""
    page = Home(role=user.role)
    if user.role == Role.LIAISON:
        page.queues = [
            _closure_queue(
                user, today, "evidence_checks", "Evidence checks waiting",
                [ClosureStage.REQUESTED], None, "requested_at",
                "No closure request is waiting for its evidence check.",
            ),
            _closure_queue(
                user, today, "to_submit", "Closures to submit to the inspectorate",
                [ClosureStage.EVIDENCE_CHECKED], SignOff.INSPECTORATE, "checked_at",
                "No checked closure is waiting to be submitted.",
            ),
            _closure_queue(
                user, today, "inspectorate", "Waiting for the inspectorate's decision",
                [ClosureStage.SUBMITTED], None, "checked_at",
                "Nothing is with the inspectorate.",
            ),
            _imports(user, today),
        ]  # fmt: skip
    elif user.role == Role.EXECUTIVE:
        page.queues = [
            _closure_queue(
                user, today, "sign_offs", "Closures to sign off",
                [ClosureStage.EVIDENCE_CHECKED], SignOff.CHIEF_CONSTABLE, "checked_at",
                "No closure is waiting for your sign-off.",
            ),
            _extensions(user, today),
        ]  # fmt: skip
    page.next_meeting = next_meeting(user, today)
    if user.role == Role.VIEWER:
        page.latest_paper = latest_issued_paper(user)
    return page
