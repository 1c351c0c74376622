"""What a paper's facts hold (papers.selectors.paper_facts builds them; papers.compose writes
the sections from them; an issued paper keeps them frozen as JSON in Paper.data).

Dates are ISO strings ("2022-07-28"), so the facts survive JSON unchanged. Keys added after
papers were first issued are optional (`NotRequired`): an old paper's frozen facts lack them,
and the composer reads them with `.get`.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class Previous(TypedDict):
    """The last issued paper of the committee: what its responses were then."""

    paper_id: int
    meeting: str | None
    responses: dict[str, Any]


class NotApplying(TypedDict):
    """A national recommendation the organisation recorded as not applying to it."""

    title: str
    theme: str
    reason: str


class PaperFacts(TypedDict):
    organisation: str
    organisation_short: str
    organisation_kind: str
    committee: str
    committee_short: str
    meeting: str | None
    period_start: str | None
    period_end: str | None
    as_at: str | None
    standing: dict[str, Any]  # the committee's standing words (purpose, closing, kinds …)
    settings: dict[str, Any]  # how the committee wants the paper set out
    peel: list[dict[str, Any]]  # the PEEL inspection(s) of the period, with their grades
    concerns: list[dict[str, Any]]  # causes of concern and national items, as responses
    inspections: list[dict[str, Any]]  # inspections that took place in the period
    notified: list[dict[str, Any]]  # inspections notified for the coming months
    reports: list[dict[str, Any]]  # reports published in the period, with their findings
    responses: dict[str, dict[str, Any]]  # every response, by id
    previous: Previous | None
    closed_statuses: list[str]
    not_applying: NotRequired[list[NotApplying]]
