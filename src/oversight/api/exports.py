"""The CSV files for Power BI and Excel: one row per record, with stable column names.

The columns below are a promise: a column is never renamed or removed, only added at the end
(docs/api.md lists them, and the API documentation page is drawn from this module).

Values: dates as YYYY-MM-DD; times as ISO 8601 in UTC; true/false; codes (e.g. `in_progress`)
beside their labels; UTF-8 with a byte order mark so Excel reads it. A text value that starts
with = + - @ or a tab is written with a leading apostrophe, so a spreadsheet never runs it as a
formula.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from oversight import clock
from oversight.csv_cells import safe_text
from oversight.rules.rag import is_overdue

if TYPE_CHECKING:
    from oversight.accounts.models import User


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    value: Callable[[Any], Any]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return safe_text(str(value))


def _today() -> dt.date:
    return clock.today()


def _name(person: User | None) -> str:
    return person.display_name if person else ""


RESPONSE_COLUMNS: list[Column] = [
    Column("response_id", "Oversight's id of the response.", lambda r: r.pk),
    Column(
        "recommendation_id", "Oversight's id of the recommendation.", lambda r: r.recommendation_id
    ),
    Column(
        "reference",
        "The inspectorate's reference, e.g. 9159.",
        lambda r: r.recommendation.reference,
    ),
    Column("number", "Its number in the report, if it has one.", lambda r: r.recommendation.number),
    Column(
        "kind",
        "recommendation, cause_of_concern, area_for_improvement or national_recommendation.",
        lambda r: r.recommendation.kind,
    ),
    Column("kind_label", "The kind in words.", lambda r: r.recommendation.get_kind_display()),
    Column("theme", "The theme, e.g. Hate crime.", lambda r: r.recommendation.theme),
    Column("recommendation_text", "What the report asks for.", lambda r: r.recommendation.text),
    Column("report_id", "Oversight's id of the report.", lambda r: r.recommendation.report_id),
    Column("report_title", "The report's title.", lambda r: r.recommendation.report.title),
    Column(
        "report_published_on",
        "The report's publication date.",
        lambda r: r.recommendation.report.published_on,
    ),
    Column(
        "deadline_text",
        "The deadline as written, e.g. Within three months.",
        lambda r: r.recommendation.deadline_text,
    ),
    Column(
        "original_due_on",
        "The due date worked out from the deadline.",
        lambda r: r.recommendation.due_on,
    ),
    Column(
        "revised_due_on", "The due date agreed by extension, if any.", lambda r: r.revised_due_on
    ),
    Column("due_on", "The revised due date, else the original one.", lambda r: r.due_on),
    Column(
        "overdue",
        "true when open and past its due date.",
        lambda r: is_overdue(due_on=r.due_on, closed=r.is_ended, today=_today()),
    ),
    Column(
        "status",
        "open, in_progress, ready_for_closure, submitted, closed, closed_by_inspectorate "
        "or superseded.",
        lambda r: r.status,
    ),
    Column("status_label", "The status in words.", lambda r: r.get_status_display()),
    Column(
        "rag",
        "red, amber, green, or blue once closed; empty when not rated.",
        lambda r: "blue" if r.is_closed else r.rag,
    ),
    Column("owner_id", "Oversight's id of the owner.", lambda r: r.owner_id),
    Column("owner", "The owner's name.", lambda r: _name(r.owner)),
    Column(
        "portfolio", "The portfolio, e.g. Crime.", lambda r: r.portfolio.name if r.portfolio else ""
    ),
    Column("board", "The governance board.", lambda r: r.board.name if r.board else ""),
    Column(
        "sign_off", "chief_constable or inspectorate: who signs off closure.", lambda r: r.sign_off
    ),
    Column("next_review_on", "When it is next reviewed.", lambda r: r.next_review_on),
    Column("closed_on", "When it was closed.", lambda r: r.closed_on),
    Column("latest_update_on", "The date of the latest update.", lambda r: r.latest_update_on),
    Column("updated_at", "When the response last changed (UTC).", lambda r: r.updated_at),
]

RECOMMENDATION_COLUMNS: list[Column] = [
    Column("recommendation_id", "Oversight's id of the recommendation.", lambda r: r.pk),
    Column("reference", "The inspectorate's reference, e.g. 9159.", lambda r: r.reference),
    Column("number", "Its number in the report, if it has one.", lambda r: r.number),
    Column(
        "kind",
        "recommendation, cause_of_concern, area_for_improvement or national_recommendation.",
        lambda r: r.kind,
    ),
    Column("kind_label", "The kind in words.", lambda r: r.get_kind_display()),
    Column("theme", "The theme.", lambda r: r.theme),
    Column("text", "What the report asks for.", lambda r: r.text),
    Column("audience", "Who it is for, separated by '; '.", lambda r: "; ".join(r.audience or [])),
    Column("deadline_text", "The deadline as written.", lambda r: r.deadline_text),
    Column("due_on", "The due date worked out from the deadline.", lambda r: r.due_on),
    Column("report_id", "Oversight's id of the report.", lambda r: r.report_id),
    Column("report_title", "The report's title.", lambda r: r.report.title),
    Column(
        "report_published_on", "The report's publication date.", lambda r: r.report.published_on
    ),
    Column(
        "inspectorate",
        "The inspectorate that published the report.",
        lambda r: r.report.inspectorate.display_short_name,
    ),
    Column(
        "national",
        "true for a national report shared by every organisation.",
        lambda r: r.report.organisation_id is None,
    ),
    Column(
        "cause_of_concern_id",
        "The cause of concern it was made under, if any.",
        lambda r: r.cause_of_concern_id,
    ),
    Column(
        "concern_status",
        "For a cause of concern: open, revisited or discharged.",
        lambda r: r.concern_status,
    ),
    Column(
        "response_id",
        "Your organisation's response to it, if there is one.",
        lambda r: r.own_response_id,
    ),
    Column("response_status", "That response's status.", lambda r: r.own_response_status),
    Column("response_rag", "That response's RAG rating as stored.", lambda r: r.own_response_rag),
]

UPDATE_COLUMNS: list[Column] = [
    Column("update_id", "Oversight's id of the update.", lambda u: u.pk),
    Column("response_id", "The response it is about.", lambda u: u.response_id),
    Column(
        "recommendation_id",
        "The recommendation it is about.",
        lambda u: u.response.recommendation_id,
    ),
    Column(
        "reference",
        "The recommendation's reference.",
        lambda u: u.response.recommendation.reference,
    ),
    Column("written_on", "The date of the update.", lambda u: u.written_on),
    Column("author_id", "Oversight's id of its author.", lambda u: u.author_id),
    Column("author", "Its author's name.", lambda u: _name(u.author)),
    Column(
        "proposed_rag", "The RAG rating proposed: red, amber or green.", lambda u: u.proposed_rag
    ),
    Column("narrative", "The progress made.", lambda u: u.narrative),
    Column("next_steps", "The next steps.", lambda u: u.next_steps),
    Column("evidence_count", "How many evidence files came with it.", lambda u: u.evidence_count),
    Column("created_at", "When it was entered (UTC).", lambda u: u.created_at),
]

FILES = {
    "responses": RESPONSE_COLUMNS,
    "recommendations": RECOMMENDATION_COLUMNS,
    "updates": UPDATE_COLUMNS,
}


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(records: Iterable[Any], columns: list[Column]) -> Iterator[str]:
    """The lines of the file: a byte order mark, the header, one row per record."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield "\ufeff" + writer.writerow([c.name for c in columns])
    for record in records:
        yield writer.writerow([_cell(c.value(record)) for c in columns])
