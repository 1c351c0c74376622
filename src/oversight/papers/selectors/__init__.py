"""The reads for committee papers: the facts a paper is drawn from, as plain JSON-ready data.

What `paper_facts` returns is what an issued paper freezes in `Paper.data`: the paper can be
read again exactly as issued, whatever the record says later.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from oversight.accounts.models import Organisation, User
from oversight.accounts.policies import organisation_id_of
from oversight.dates import long_date  # noqa: F401 — compose and build use it from here
from oversight.inspections.choices import InspectionKind, InspectionStatus
from oversight.inspections.models import Inspection, Report
from oversight.inspections.selectors.forward import status_as_of
from oversight.papers import policies
from oversight.papers.facts import PaperFacts
from oversight.papers.models import Committee, Meeting, Paper, PaperStatus
from oversight.papers.selectors import as_at
from oversight.recommendations.choices import CLOSED_STATUSES, RecommendationKind, ResponseStatus
from oversight.recommendations.models import Response, Update
from oversight.recommendations.selectors import latest_update_id
from oversight.rules.rag import rag_label

TOOK_PLACE = {
    InspectionStatus.FIELDWORK,
    InspectionStatus.DEBRIEFED,
    InspectionStatus.AWAITING_REPORT,
    InspectionStatus.PUBLISHED,
}
CONCERN_KINDS = {RecommendationKind.CAUSE_OF_CONCERN, RecommendationKind.NATIONAL_RECOMMENDATION}


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


# --- Committees, meetings and papers --------------------------------------------------------


def committees_for(user: User) -> QuerySet[Committee]:
    return Committee.objects.filter(organisation_id=organisation_id_of(user))


def next_meeting_of(user: User, today: dt.date) -> Meeting | None:
    """The next meeting (today or later) of any of the person's organisation's committees."""
    return (
        Meeting.objects.filter(committee__in=committees_for(user), held_on__gte=today)
        .select_related("committee")
        .order_by("held_on", "pk")
        .first()
    )


def committee_for(user: User, pk: int) -> Committee:
    return get_object_or_404(committees_for(user), pk=pk)


def committees_named(name: str) -> QuerySet[Committee]:
    """Committees called `name` (or with that short name), in any organisation: for the
    operators' `oversight paper` command, which names a committee, not a person."""
    return Committee.objects.filter(Q(name__iexact=name) | Q(short_name__iexact=name))


def meeting_for(user: User, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("committee__organisation"),
        pk=pk,
        committee__organisation_id=organisation_id_of(user),
    )


def papers_for(user: User) -> QuerySet[Paper]:
    return Paper.objects.filter(
        meeting__committee__organisation_id=organisation_id_of(user)
    ).select_related("meeting__committee", "issued_by", "created_by")


def paper_for(user: User, pk: int) -> Paper:
    # The facts (Paper.data) are left unread until something asks for them: at a national
    # instance they are megabytes, and the page and the exports need only Paper.drawn.
    return get_object_or_404(papers_for(user).prefetch_related("sections").defer("data"), pk=pk)


def paper_readable(user: User, pk: int) -> Paper:
    """A paper of the person's organisation they may read: issued, or a draft for those who
    read drafts (papers.policies); 404 otherwise, as for another organisation's."""
    paper = paper_for(user, pk)
    if paper.status == PaperStatus.DRAFT and not policies.can_read_drafts(user):
        raise Http404("Drafts are seen by the liaison lead and executives only")
    return paper


def previous_issued(meeting: Meeting) -> Paper | None:
    """The latest issued paper for an earlier meeting of the same committee."""
    return (
        Paper.objects.filter(
            meeting__committee=meeting.committee,
            meeting__held_on__lt=meeting.held_on,
            status=PaperStatus.ISSUED,
        )
        .order_by("-meeting__held_on", "-version")
        .first()
    )


def default_period(meeting: Meeting) -> tuple[dt.date, dt.date]:
    """Since the last issued paper's meeting (or the committee's previous meeting), to this
    meeting; three months back where there is neither."""
    previous = previous_issued(meeting)
    if previous:
        return previous.meeting.held_on, meeting.held_on
    earlier = (
        Meeting.objects.filter(committee=meeting.committee, held_on__lt=meeting.held_on)
        .order_by("-held_on")
        .first()
    )
    if earlier:
        return earlier.held_on, meeting.held_on
    from dateutil.relativedelta import relativedelta

    return meeting.held_on - relativedelta(months=3), meeting.held_on


# --- The facts of a paper -------------------------------------------------------------------


def status_on(inspection: Inspection, day: dt.date) -> str | None:
    """The step an inspection had reached on `day`: the same rule as the forward look."""
    return status_as_of(inspection, day)


def _overlaps(inspection: Inspection, start: dt.date, end: dt.date) -> bool:
    first = inspection.start_on
    if first is None:
        return False
    last = inspection.start.end or first
    if inspection.end_on:
        last = inspection.end.end or inspection.end_on
    return first <= end and last >= start


def _reference_order(response: Response) -> tuple:
    """References in number order (8539 before 10618), then those without one."""
    ref = response.recommendation.reference
    return (
        (0, int(ref), "")
        if ref.isascii() and ref.isdigit()
        else (1, 0, ref or response.recommendation.number)
    )


def _with_latest_update(responses: QuerySet[Response], until: dt.date) -> list[Response]:
    """The responses, each with `latest_update`: its newest update written by `until` (or
    None). Two queries, however many updates there are: only the latest ones are read."""
    found: list[Any] = list(responses.annotate(latest_update_id=latest_update_id(until)))
    updates = Update.objects.in_bulk([r.latest_update_id for r in found if r.latest_update_id])
    for response in found:
        response.latest_update = updates.get(response.latest_update_id)
    return found


def _inspection_facts(inspection: Inspection, status: str | None) -> dict:
    return {
        "id": inspection.pk,
        "title": inspection.title,
        "kind": inspection.kind,
        "kind_label": inspection.get_kind_display(),
        "when": inspection.when,
        "start_on": _day(inspection.start_on),
        "status": status,
        "summary": inspection.summary,
        "leads": [o.short_name or o.name for o in inspection.lead_inspectorates.all()],
        "participants": [
            {"name": p.name_as_written or p.organisation.name, "note": p.note}
            for p in inspection.participants.all()
        ],
        "participants_note": inspection.participants_note,
        "debrief_strengths": list(inspection.debrief_strengths or []),
        "debrief_areas": list(inspection.debrief_areas_to_consider or []),
        "debrief_notes": inspection.debrief_notes,
    }


def _response_facts(response: Response, today: dt.date) -> dict:
    recommendation = response.recommendation
    update = response.latest_update
    due = response.due_on
    return {
        "id": response.pk,
        "reference": recommendation.reference,
        "number": recommendation.number,
        "title": recommendation.title,
        "kind": recommendation.kind,
        "theme": recommendation.theme,
        "text": recommendation.text,
        "national": recommendation.report.organisation_id is None,
        "audience": list(recommendation.audience or []),
        "deadline_text": recommendation.deadline_text,
        "due_on": _day(due),
        "report_id": recommendation.report_id,
        "rag": "blue" if response.is_closed else response.rag,
        "rag_label": rag_label("blue" if response.is_closed else response.rag),
        "status": response.status,
        "status_label": response.get_status_display(),
        "closed_on": _day(response.closed_on),
        "overdue": bool(due and due < today and not response.is_ended),
        "owner": response.owner.display_name if response.owner else "",
        "portfolio": response.portfolio.name if response.portfolio else "",
        "portfolio_lead": response.portfolio.lead if response.portfolio else "",
        "board": response.board.name if response.board else "",
        "narrative": update.narrative if update else "",
        "narrative_on": _day(update.written_on) if update else None,
        "next_steps": update.next_steps if update else "",
        "created_on": _day(response.created_at.date()),
        # a cause of concern's own steps, as they stood: the inspectorate's revisit
        "concern_status": recommendation.concern_status,
        "revisited_on": _day(recommendation.revisited_on),
        "revisit_finding": recommendation.revisit_finding,
        "discharged_on": _day(recommendation.discharged_on),
    }


# What the inspectorate notifies a force of; the force's own submissions (the force
# management statement) are not "inspections notified for the coming months".
NOTIFIED_KINDS = frozenset(InspectionKind.values) - {InspectionKind.FMS}


def _current_peel(inspections: list[Inspection], period_end: dt.date) -> list[Inspection]:
    """The PEEL position a paper reports: the latest PEEL inspection begun by the end of the
    period, and any notified or scheduled after it (not every PEEL inspection there has been).
    For a fire and rescue service, its own inspections play that part."""
    main = {InspectionKind.PEEL, InspectionKind.FRS}
    peel = [i for i in inspections if i.kind in main]
    begun = [i for i in peel if i.start_on and i.start_on <= period_end]
    coming = [
        i for i in peel if i not in begun and status_on(i, period_end) != InspectionStatus.CANCELLED
    ]
    return begun[-1:] + coming


def _record(
    organisation: Organisation, period_start: dt.date, period_end: dt.date, moment: dt.datetime
):
    """The inspections, responses and reports a paper is drawn from: the record as it stood
    at `moment`, the end of the period (`selectors.as_at`), once that has passed, else as it
    is."""

    if as_at.is_past(moment):
        return (
            as_at.inspections(organisation.pk, moment),
            as_at.responses(organisation.pk, moment, period_end),
            as_at.reports_published(organisation.pk, period_start, period_end, moment),
        )
    inspections = sorted(
        Inspection.objects.filter(organisation=organisation).prefetch_related(
            "events", "participants__organisation", "lead_inspectorates"
        ),
        key=as_at.inspection_order,
    )
    responses = _with_latest_update(
        Response.objects.filter(organisation=organisation).select_related(
            "recommendation__report", "owner", "portfolio", "board"
        ),
        period_end,
    )
    reports = list(
        Report.objects.filter(published_on__gte=period_start, published_on__lte=period_end)
        .filter(Q(organisation=organisation) | Q(organisation__isnull=True))
        .select_related("inspectorate")
        .prefetch_related("findings")
        .order_by("published_on", "title")
    )
    return inspections, responses, reports


def entered_after_period(paper: Paper) -> int:
    """Responses entered after the end of the paper's period, so not in it (0 while the
    period has not ended)."""
    moment = as_at.end_of(paper.period_end)
    if not as_at.is_past(moment):
        return 0
    return as_at.entered_after(paper.meeting.committee.organisation_id, moment)


def _standing(committee: Committee, moment: dt.datetime) -> dict:
    if as_at.is_past(moment):
        return as_at.standing_text(committee, moment)
    return dict(committee.standing_text or {})


def paper_facts(meeting: Meeting, period_start: dt.date, period_end: dt.date) -> PaperFacts:
    """Everything the paper for `meeting` says, drawn from the record as it stood at the end
    of the period: drawn again later, it says the same."""
    committee = meeting.committee
    organisation = committee.organisation
    today = period_end

    moment = as_at.end_of(period_end)  # the paper says what the record held then
    inspections, responses, published = _record(organisation, period_start, period_end, moment)
    # national recommendations recorded as not applying: named once, not counted or rated
    not_applying = [r for r in responses if r.status == ResponseStatus.NOT_APPLICABLE]
    responses = [r for r in responses if r.status != ResponseStatus.NOT_APPLICABLE]
    current_peel = _current_peel(inspections, period_end)
    grades = as_at.peel_grades(organisation.pk, [i.pk for i in current_peel], moment)
    peel = [
        {
            **_inspection_facts(i, status_on(i, period_end)),
            "grades": [{"area": area, "grade": grade} for area, grade in grades.get(i.pk, [])],
        }
        for i in current_peel
    ]
    in_period, notified = [], []
    for inspection in inspections:
        if inspection.kind == InspectionKind.PEEL:
            continue
        status = status_on(inspection, period_end)
        if status in TOOK_PLACE and _overlaps(inspection, period_start, period_end):
            in_period.append(_inspection_facts(inspection, status))
        elif (
            inspection.kind in NOTIFIED_KINDS
            and status
            in {
                InspectionStatus.NOTIFIED,
                InspectionStatus.SCHEDULED,
            }
            and (
                inspection.start_on is None
                or (inspection.start.end or inspection.start_on) > period_end
            )
        ):
            notified.append(_inspection_facts(inspection, status))

    responses.sort(key=_reference_order)
    all_responses = {str(r.pk): _response_facts(r, today) for r in responses}
    concerns = [
        all_responses[str(r.pk)]
        for r in responses
        if r.recommendation.kind in CONCERN_KINDS
        and (not r.is_ended or (r.closed_on and r.closed_on >= period_start))
    ]

    reports = []
    report_ids_with_responses = {r.recommendation.report_id for r in responses}
    for report in published:
        if report.organisation_id is None and report.pk not in report_ids_with_responses:
            continue
        reports.append(
            {
                "id": report.pk,
                "title": report.title,
                "published_on": _day(report.published_on),
                "inspectorate": report.inspectorate.short_name or report.inspectorate.name,
                "summary": report.summary,
                "findings": [
                    {
                        "heading": f.heading,
                        "text": f.text,
                        "about_us": f.organisation_id is not None,
                    }
                    for f in report.findings.all()
                    if f.organisation_id in (None, organisation.pk)
                ],
                "recommendations": [
                    fact for fact in all_responses.values() if fact["report_id"] == report.pk
                ],
            }
        )

    previous = previous_issued(meeting)
    return {
        "organisation": organisation.name,
        "organisation_short": organisation.short_name or organisation.name,
        "organisation_kind": organisation.kind,
        "committee": committee.name,
        "committee_short": committee.short_name or committee.name,
        "meeting": _day(meeting.held_on),
        "period_start": _day(period_start),
        "period_end": _day(period_end),
        "as_at": _day(period_end),
        "standing": _standing(committee, moment),
        # how the committee wants its paper set out: its choice now (the record is as at)
        "settings": {"item_order": committee.item_order, "names_owners": committee.names_owners},
        "peel": peel,
        "concerns": concerns,
        "inspections": in_period,
        "notified": notified,
        "reports": reports,
        "responses": all_responses,
        "previous": {
            "paper_id": previous.pk,
            "meeting": _day(previous.meeting.held_on),
            "responses": (previous.data or {}).get("responses", {}),
        }
        if previous
        else None,
        "closed_statuses": sorted(CLOSED_STATUSES),
        "not_applying": [
            {
                "title": r.recommendation.title,
                "theme": r.recommendation.theme,
                "reason": r.not_applicable_reason,
            }
            for r in sorted(not_applying, key=_reference_order)
        ],
    }
