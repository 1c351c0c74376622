"""The record as it stood at a moment: what a paper about a past period is drawn from.

A paper is about a period. Drawn, or drawn again, after the period has ended, it says what was
true at its end, not what is true now: a response closed, extended, re-rated or reassigned
since, an update or a recommendation added since, changes nothing in it. The trail
(django-simple-history) keeps every saved state of responses, recommendations, updates,
reports and inspections, so the record as at a moment is the latest saved state of each at or
before that moment; anything entered after it was not in the record then and is left out.

Names of people, portfolios, boards and other organisations are read as they are now: they
are labels, not facts the committee is told about.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import prefetch_related_objects
from django.utils import timezone

from oversight import clock
from oversight.accounts.models import Board, Portfolio, User
from oversight.inspections.choices import Grade
from oversight.inspections.models import (
    Inspection,
    InspectionEvent,
    PeelAssessment,
    PeelGrade,
    PeelQuestionArea,
    Report,
)
from oversight.recommendations.models import Recommendation, Response, Update


def _as_of(model, moment: dt.datetime, **filters) -> list:
    """Each record of `model` as it stood at `moment`: its latest saved state by then, unless
    that was its deletion. `filters` pick records by what never changes (ids, organisation);
    conditions on what may change are the caller's, on the states returned. Two states saved
    at the same instant are told apart by their order of saving."""
    states = (
        model.history.filter(history_date__lte=moment, **filters)
        .latest_of_each()
        .order_by("history_id")
    )
    latest = {}
    for state in states:
        latest[state.id] = state
    return [state.instance for state in latest.values() if state.history_type != "-"]


# Reports are picked by their publication date, which may have been corrected since: any
# published within a year before the period is read, and the date as it then stood decides.
SLACK = dt.timedelta(days=366)


def end_of(day: dt.date) -> dt.datetime:
    """The last moment of `day`, local time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


def is_past(moment: dt.datetime) -> bool:
    """Whether the record may have changed since `moment` (if not, it is read as it is).
    While the clock is not the real one (the demo writing its record at its own dates, or a
    fixed day), the record may hold changes dated after `moment`: it is read as at it."""
    return not clock.is_real() or moment < timezone.now()


def responses(organisation_id: int, moment: dt.datetime, until: dt.date) -> list[Response]:
    """The organisation's responses as they stood at `moment`, each with its recommendation
    and report, owner, portfolio and board, and `latest_update`: its newest update written by
    `until` among those entered by `moment`, as it then read (or None)."""
    found = _as_of(Response, moment, organisation_id=organisation_id)
    if not found:
        return []
    recommendations = {
        r.pk: r for r in _as_of(Recommendation, moment, id__in={r.recommendation_id for r in found})
    }
    reports = {
        r.pk: r
        for r in _as_of(Report, moment, id__in={r.report_id for r in recommendations.values()})
    }
    people = User.objects.in_bulk({r.owner_id for r in found if r.owner_id})
    portfolios = Portfolio.objects.in_bulk({r.portfolio_id for r in found if r.portfolio_id})
    boards = Board.objects.in_bulk({r.board_id for r in found if r.board_id})
    latest: dict[int, Update] = {}
    for update in _as_of(Update, moment, response_id__in=[r.pk for r in found]):
        if update.written_on > until:
            continue
        kept = latest.get(update.response_id)
        if kept is None or (update.written_on, update.pk) > (kept.written_on, kept.pk):
            latest[update.response_id] = update
    out = []
    for response in found:
        recommendation = recommendations.get(response.recommendation_id)
        report = recommendation and reports.get(recommendation.report_id)
        if recommendation is None or report is None:
            continue  # its recommendation was not yet in the record (cannot happen by design)
        recommendation.report = report
        response.recommendation = recommendation
        response.owner = people.get(response.owner_id)
        response.portfolio = portfolios.get(response.portfolio_id)
        response.board = boards.get(response.board_id)
        response.latest_update = latest.get(response.pk)
        out.append(response)
    return out


def standing_text(committee, moment: dt.datetime) -> dict:
    """The committee's standing words as they stood at `moment` (as they are now if the
    committee was set up later)."""
    states = _as_of(type(committee), moment, id=committee.pk)
    return dict((states[0] if states else committee).standing_text or {})


def entered_after(organisation_id: int, moment: dt.datetime) -> int:
    """How many of the organisation's responses were entered after `moment` (so are not in a
    paper as at it)."""
    held = Response.history.filter(organisation_id=organisation_id, history_date__lte=moment)
    return (
        Response.objects.filter(organisation_id=organisation_id)
        .exclude(id__in=held.values("id"))
        .count()
    )


def inspection_order(inspection: Inspection) -> tuple:
    """Date order, those with no date yet last (the same on every database)."""
    return (inspection.start_on is None, inspection.start_on or dt.date.min, inspection.title)


def inspections(organisation_id: int, moment: dt.datetime) -> list[Inspection]:
    """The organisation's inspections as they stood at `moment`, in date order, each with the
    dated steps recorded by then (so its status on any day is what was known at `moment`)."""
    found = sorted(
        _as_of(Inspection, moment, organisation_id=organisation_id),
        key=inspection_order,
    )
    steps: dict[int, list[InspectionEvent]] = defaultdict(list)
    for event in _as_of(InspectionEvent, moment, inspection_id__in=[i.pk for i in found]):
        steps[event.inspection_id].append(event)
    prefetch_related_objects(found, "participants__organisation", "lead_inspectorates")
    for inspection in found:
        inspection.__dict__.setdefault("_prefetched_objects_cache", {})["events"] = sorted(
            steps.get(inspection.pk, []), key=lambda e: (e.position, e.pk)
        )
    return found


def reports_published(
    organisation_id: int, start: dt.date, end: dt.date, moment: dt.datetime
) -> list[Report]:
    """Reports about the organisation, or national, published from `start` to `end` and in the
    record by `moment`, as they then stood, with their inspectorate and findings."""
    found = sorted(
        (
            report
            for report in _as_of(Report, moment, published_on__gte=start - SLACK)
            if start <= report.published_on <= end
            and report.organisation_id in (organisation_id, None)
        ),
        key=lambda r: (r.published_on, r.title),
    )
    prefetch_related_objects(found, "inspectorate", "findings")
    return found


def peel_grades(organisation_id: int, inspection_ids: list[int], moment: dt.datetime) -> dict:
    """The PEEL grades recorded by `moment` in the organisation's assessments of these
    inspections: {inspection id: [(area, grade label)]}, in the cycle's order of areas."""
    assessments = {
        a.pk: a.inspection_id
        for a in _as_of(PeelAssessment, moment, organisation_id=organisation_id)
        if a.inspection_id in inspection_ids
    }
    grades = [g for g in _as_of(PeelGrade, moment, assessment_id__in=list(assessments)) if g.grade]
    areas = PeelQuestionArea.objects.in_bulk({g.area_id for g in grades})
    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for g in sorted(grades, key=lambda g: (areas[g.area_id].position, areas[g.area_id].name)):
        out[assessments[g.assessment_id]].append((areas[g.area_id].name, Grade(g.grade).label))
    return out
