"""What a file says about a response, put through the workflow's own steps.

An import (the page or the `oversight ingest` command) never sets a response's status, RAG,
due date or owner itself. Each change goes to the service a person would use, and that
service's rule decides:

- an owner, portfolio or board: assigned, as the liaison assigns on the page;
- a red, amber or green rating: confirmed by the liaison who imports, as on the page;
- "closed", "complete", blue, "ready for closure" or "submitted": a closure request, which
  waits for the evidence check and the sign-off the response needs (the file cannot close it);
- a due date where the response has none: set, with the file as the reason;
- a different due date where it has one: an extension request, which an executive decides.

A change a rule refuses (a closed response, a closure already in progress, an earlier date) is
left as it is, and the import says why in the rule's own words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from oversight.accounts.models import Board, Portfolio, User
from oversight.dates import long_date
from oversight.recommendations.models import (
    CLOSED_STATUSES,
    RequestStatus,
    Response,
    ResponseStatus,
)
from oversight.recommendations.services import decisions, records
from oversight.rules.rag import Rag, rag_label

# what a file's status or RAG asks for, by the step that would bring it about
ASKS_FOR_CLOSURE = frozenset(
    {
        ResponseStatus.READY_FOR_CLOSURE,
        ResponseStatus.SUBMITTED,
        ResponseStatus.CLOSED,
        ResponseStatus.CLOSED_BY_INSPECTORATE,
    }
)
WORKING = frozenset({ResponseStatus.OPEN, ResponseStatus.IN_PROGRESS})
RATINGS = frozenset({Rag.RED, Rag.AMBER, Rag.GREEN})


@dataclass
class Wanted:
    """What a file's row says about our response (None: it says nothing)."""

    owner: User | None = None
    portfolio: Portfolio | None = None
    board: Board | None = None
    rag: str | None = None
    status: str | None = None
    due_on: dt.date | None = None


@dataclass
class Outcome:
    """What applying a row did: changes made, requests left waiting, changes left undone."""

    made: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return self.made + self.requested + self.left


def _status_label(value: str) -> str:
    return str(ResponseStatus(value).label)


def asks_for_closure(wanted: Wanted) -> bool:
    return wanted.status in ASKS_FOR_CLOSURE or wanted.rag == Rag.BLUE


def closure_statement(wanted: Wanted, source: str) -> str:
    said = _status_label(wanted.status) if wanted.status in ASKS_FOR_CLOSURE else "Blue (complete)"
    return (
        f"{source} gives this response as “{said}”. Imported as a closure request: check the "
        "evidence before it goes for sign-off."
    )


def apply_from_file(*, response: Response, actor: User, wanted: Wanted, source: str) -> Outcome:
    """Put what `source` says about `response` through the workflow, step by step."""
    outcome = Outcome()
    why = f"As given in {source}"

    def attempt(doing, made: str | None = None, requested: str | None = None, what: str = ""):
        try:
            doing()
        except ValueError as refused:
            outcome.left.append(f"{what} left as it is: {refused}")
            return
        if made:
            outcome.made.append(made)
        if requested:
            outcome.requested.append(requested)

    current = Response.objects.select_related("recommendation", "organisation").get(pk=response.pk)
    if current.status == ResponseStatus.NOT_APPLICABLE:
        return foreseen(current, wanted, due_on=current.due_on)  # left as it is, said why
    people: dict[str, Any] = {
        name: value
        for name, value in (
            ("owner", wanted.owner),
            ("portfolio", wanted.portfolio),
            ("board", wanted.board),
        )
        if value is not None and getattr(current, f"{name}_id") != value.pk
    }
    assigned = "; ".join(
        f"{name.capitalize()}: {getattr(value, 'display_name', None) or value.name}"
        for name, value in people.items()
    )
    if people:
        attempt(
            lambda: records.response_assign(
                response=current, actor=actor, reason="Assigned: " + assigned, **people
            ),
            made=assigned,
            what=" and ".join(name.capitalize() for name in people),
        )
    if wanted.rag in RATINGS and wanted.rag != current.rag:
        attempt(
            lambda: records.rag_confirm(
                response=current,
                actor=actor,
                rag=wanted.rag,
                expected_version=None,
            ),
            made=f"RAG confirmed as {rag_label(wanted.rag)}",
            what="RAG",
        )
    current.refresh_from_db()
    if asks_for_closure(wanted) and current.status not in CLOSED_STATUSES:
        if current.status in {ResponseStatus.READY_FOR_CLOSURE, ResponseStatus.SUBMITTED}:
            pass  # a closure is already on its way: its own steps close it
        else:
            attempt(
                lambda: decisions.closure_request(
                    response=current, actor=actor, statement=closure_statement(wanted, source)
                ),
                requested="Closure requested: it waits for the evidence check and sign-off",
                what="Closure",
            )
    elif wanted.status in WORKING and wanted.status != current.status:
        if current.status == ResponseStatus.OPEN and wanted.status == ResponseStatus.IN_PROGRESS:
            attempt(
                lambda: records.response_start(
                    response=current, actor=actor, reason="Work started"
                ),
                made="Status: In progress",
                what="Status",
            )
        else:
            outcome.left.append(
                f"Status “{_status_label(wanted.status)}” left as it is: the response is "
                f"{_status_label(current.status).lower()}, and moves on by its own steps "
                "(an update, a closure request, a reopening)."
            )
    elif wanted.status == ResponseStatus.SUPERSEDED and current.status != wanted.status:
        outcome.left.append(
            "Status “Superseded” left as it is: a response is not superseded by a file; "
            "record the inspectorate's decision on the response's page."
        )
    current.refresh_from_db()
    if wanted.due_on and wanted.due_on != current.due_on:
        if current.due_on is None:
            attempt(
                lambda: decisions.due_date_set(
                    response=current, actor=actor, due_on=wanted.due_on, reason=why
                ),
                made=f"Due date set: {long_date(wanted.due_on)}",
                what="Due date",
            )
        else:
            attempt(
                lambda: decisions.extension_request(
                    response=current,
                    actor=actor,
                    proposed_due_on=wanted.due_on,
                    reason=f"{source} gives the due date as {long_date(wanted.due_on)}.",
                ),
                requested=(
                    f"Extension to {long_date(wanted.due_on)} requested: an executive decides"
                ),
                what="Due date",
            )
    return outcome


def foreseen(response: Response | None, wanted: Wanted, *, due_on: dt.date | None) -> Outcome:
    """What `apply_from_file` would do, in words, for the import's preview. `response` is
    None for a response the import opens (open, unrated, due on `due_on`)."""
    outcome = Outcome()
    if response is None:  # opened by the import: open and unrated
        response = Response(status=ResponseStatus.OPEN, rag="")
    status = response.status
    rag = response.rag
    if status == ResponseStatus.NOT_APPLICABLE:
        outcome.left.append(
            "Left as it is: "
            + records.NOT_APPLYING.format(organisation=response.organisation.display_short_name)
        )
        return outcome
    if status in CLOSED_STATUSES:
        changed = [
            what
            for what, differs in (
                ("owner", wanted.owner and wanted.owner.pk != response.owner_id),
                ("portfolio", wanted.portfolio and wanted.portfolio.pk != response.portfolio_id),
                ("board", wanted.board and wanted.board.pk != response.board_id),
                ("RAG", wanted.rag in RATINGS and wanted.rag != rag),
                ("due date", wanted.due_on and wanted.due_on != due_on),
                ("status", wanted.status and wanted.status not in CLOSED_STATUSES),
            )
            if differs
        ]
        if changed:
            outcome.left.append(
                f"The file's {', '.join(changed)} left as it is: {records.CLOSED_RESPONSE}"
            )
        return outcome
    if wanted.rag in RATINGS and wanted.rag != rag:
        outcome.made.append(f"RAG: {rag_label(rag)} → {rag_label(wanted.rag)}")
    if asks_for_closure(wanted):
        if status not in {ResponseStatus.READY_FOR_CLOSURE, ResponseStatus.SUBMITTED}:
            said = _status_label(wanted.status) if wanted.status in ASKS_FOR_CLOSURE else "Blue"
            outcome.requested.append(
                f"Closure requested (the file says “{said}”): it waits for the evidence check "
                "and sign-off; the file does not close it"
            )
    elif wanted.status in WORKING and wanted.status != status:
        if status == ResponseStatus.OPEN and wanted.status == ResponseStatus.IN_PROGRESS:
            outcome.made.append("Status: Open → In progress")
        else:
            outcome.left.append(
                f"Status “{_status_label(wanted.status)}” left as it is: the response is "
                f"{_status_label(status).lower()}, and moves on by its own steps."
            )
    elif wanted.status == ResponseStatus.SUPERSEDED:
        outcome.left.append("Status “Superseded” left as it is: a file does not supersede it.")
    if wanted.due_on and wanted.due_on != due_on:
        if due_on is None:
            outcome.made.append(f"Due date set: {long_date(wanted.due_on)}")
        elif wanted.due_on < due_on:
            outcome.left.append(
                f"Due date {long_date(wanted.due_on)} left as it is: it is earlier than "
                f"{long_date(due_on)}, and a due date moves only by an extension."
            )
        elif (
            response is not None
            and response.extensions.filter(status=RequestStatus.PENDING).exists()
        ):
            outcome.left.append(
                f"Due date {long_date(wanted.due_on)} left as it is: an extension is already "
                "waiting for a decision."
            )
        else:
            outcome.requested.append(
                f"Extension from {long_date(due_on)} to {long_date(wanted.due_on)} requested: "
                "an executive decides"
            )
    return outcome
