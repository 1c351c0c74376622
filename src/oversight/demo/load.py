"""Load the demo record (West Midlands Police, 2022) through the services.

:func:`load_demo` writes everything in the ``facts*`` modules in one transaction. It is safe
to run twice: once the ``liaison`` user exists it does nothing and returns zero counts.

Each thing is recorded (its trail's date) on the day the force would have entered it, not the
day the demo is loaded (`oversight.clock.recorded_at`): people, boards and the committee when
the record begins, a report and its recommendations when the report was published, an update
on the day it was written, an inspection at its first dated step, and each paper a fortnight
before its meeting. So the record's history and the papers drawn as at a past date read as the
force's record did then.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from oversight import audit
from oversight.accounts.models import Board, Organisation, Portfolio, User
from oversight.accounts.reference_data import load_reference_organisations
from oversight.accounts.services import board_create, person_create, portfolio_create
from oversight.clock import recorded_at
from oversight.demo import facts
from oversight.demo.facts import InspectionFact, RecommendationFact, ReportFact
from oversight.demo.facts_inspections import INSPECTIONS
from oversight.demo.facts_recommendations import RECOMMENDATIONS
from oversight.demo.facts_reports import REPORTS
from oversight.demo.load_programme import first_step, later_steps, load_programme
from oversight.inspections.models import Inspection, Report
from oversight.inspections.services import (
    findings_add,
    inspection_create,
    inspection_edit,
    report_create,
)
from oversight.papers.services import (
    committee_create,
    committee_standing_text_set,
    meeting_create,
    paper_draft_create,
    paper_issue,
)
from oversight.recommendations.models import Response
from oversight.recommendations.services import (
    closure_check,
    closure_request,
    extension_request,
    rag_confirm,
    recommendation_create,
    response_create,
    update_add,
)

COUNTS = (
    "organisations",
    "people",
    "portfolios",
    "boards",
    "committees",
    "meetings",
    "papers",
    "inspections",
    "participants",
    "reports",
    "findings",
    "recommendations",
    "responses",
    "updates",
)


PAPER_LEAD_DAYS = 14  # a paper is drafted a fortnight before its meeting


def _on(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


# The record begins when the earliest report it holds was published.
BEGINS = _on(min(report.published_on for report in REPORTS))


class _Organisations:
    """Find reference organisations by name, short name or any alias (case-insensitive)."""

    def __init__(self) -> None:
        self._by_name: dict[str, Organisation] = {}
        for organisation in Organisation.objects.all():
            self.add(organisation)

    def add(self, organisation: Organisation) -> None:
        for name in (organisation.name, organisation.short_name, *organisation.aliases):
            if name:
                self._by_name.setdefault(name.casefold(), organisation)

    def __getitem__(self, name: str) -> Organisation:
        try:
            return self._by_name[name.casefold()]
        except KeyError:
            raise LookupError(f"No organisation is called {name!r}") from None


class _Loader:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.organisations = _Organisations()
        self.force = self.organisations[facts.FORCE]
        self.people: dict[str, User] = {}
        self.portfolios: dict[str, Portfolio] = {}
        self.boards: dict[str, Board] = {}
        self.inspections: dict[str, Inspection] = {}
        self.reports: dict[str, Report] = {}
        self.responses: dict[tuple[str, str], Response] = {}  # by (theme, number)
        self.actor: User | None = None

    def run(self) -> None:
        with recorded_at(BEGINS):
            self.pcc_office()
            self.people_and_structure()
            self.committee()
        for inspection in INSPECTIONS:
            with recorded_at(_first_recorded(inspection)):
                self.inspection(inspection)
        for report in REPORTS:
            with recorded_at(max(BEGINS, _on(report.published_on))):
                self.report(report)
        self.recommendations(RECOMMENDATIONS)
        with recorded_at(BEGINS):
            load_programme(self)
        self.waiting()  # before the papers: the July draft is as at the end of July
        self.papers()

    def waiting(self) -> None:
        """Work waiting on the demo's day: closures to check and to sign off, an extension to
        decide (illustrations, dated after the July draft: the papers do not mention them)."""
        rape = {number: r for (theme, number), r in self.responses.items() if theme == "Rape"}
        for number, asked, checked, words in facts.DEMO_WAITING_CLOSURES:
            response = rape[number]
            with recorded_at(_on(asked, hour=11)):
                closure = closure_request(response=response, actor=response.owner, statement=words)
            if checked:
                with recorded_at(_on(checked, hour=15)):
                    closure_check(closure=closure, actor=self.actor, note="Evidence checked.")
            self.counts["closures"] += 1
        number, asked, wanted, why = facts.DEMO_WAITING_EXTENSION
        response = rape[number]
        with recorded_at(_on(asked, hour=10)):
            extension_request(
                response=response, actor=response.owner, proposed_due_on=wanted, reason=why
            )
        self.counts["extensions"] += 1

    def pcc_office(self) -> None:
        # There is no organisation_create service yet, so this is the one write that goes
        # straight through the audit helper the services use.
        name = facts.PCC_OFFICE["name"]
        if Organisation.objects.filter(name=name).exists():
            return
        office = Organisation(
            name=name,
            short_name=facts.PCC_OFFICE["short_name"],
            slug=slugify(name),
            kind=facts.PCC_OFFICE["kind"],
        )
        audit.save(office, actor=None, reason="Demo: the PCC's office")
        self.organisations.add(office)
        self.counts["organisations"] += 1

    def people_and_structure(self) -> None:
        for person in facts.PEOPLE:
            self.people[person.username] = person_create(
                organisation=self.force,
                username=person.username,
                password=facts.DEMO_PASSWORD,
                role=person.role,
                first_name=person.first_name,
                last_name=person.last_name,
                job_title=person.job_title,
                email=f"{person.username}@example.org",
            )
            self.counts["people"] += 1
        self.actor = self.people[facts.LIAISON_USERNAME]
        for portfolio in facts.PORTFOLIOS:
            self.portfolios[portfolio.name] = portfolio_create(
                organisation=self.force, name=portfolio.name, lead=portfolio.lead, actor=self.actor
            )
            self.counts["portfolios"] += 1
        for board in facts.BOARDS:
            self.boards[board.name] = board_create(
                organisation=self.force, name=board.name, chair=board.chair, actor=self.actor
            )
            self.counts["boards"] += 1

    def committee(self) -> None:
        self.jac = committee_create(
            organisation=self.force,
            name=facts.COMMITTEE["name"],
            short_name=facts.COMMITTEE["short_name"],
            standing_text=facts.STANDING_TEXT["2022-03"],
            actor=self.actor,
        )
        self.counts["committees"] += 1
        self.meetings = {}
        for held_on in facts.MEETINGS:
            self.meetings[held_on] = meeting_create(
                committee=self.jac, held_on=held_on, actor=self.actor
            )
            self.counts["meetings"] += 1

    def papers(self) -> None:
        """The March paper issued with March's words; the July paper drafted with July's,
        left for the liaison to edit and issue."""
        lead = dt.timedelta(days=PAPER_LEAD_DAYS)
        with recorded_at(_on(facts.MARCH_MEETING - lead)):
            march = paper_draft_create(
                meeting=self.meetings[facts.MARCH_MEETING],
                actor=self.actor,
                period_start=facts.MARCH_PERIOD_START,
            )
            paper_issue(paper=march, actor=self.actor)
        with recorded_at(_on(facts.JULY_MEETING - lead)):
            committee_standing_text_set(
                committee=self.jac,
                actor=self.actor,
                texts=facts.STANDING_TEXT["2022-07"],
                inspection_kinds=None,  # the July paper does not explain the kinds again
            )
            self.jac.refresh_from_db()
            paper_draft_create(meeting=self.meetings[facts.JULY_MEETING], actor=self.actor)
        self.counts["papers"] += 2

    def inspection(self, fact: InspectionFact) -> None:
        participants = [(self.organisations[name], name, note) for name, note in fact.participants]
        self.inspections[fact.key] = inspection_create(
            organisation=self.force,
            title=fact.title,
            kind=fact.kind,
            start=fact.start,
            summary=fact.summary,
            lead_inspectorates=[self.organisations[name] for name in fact.lead_inspectorates],
            participants=participants,
            participants_note=fact.participants_note,
            debrief_strengths=fact.debrief_strengths,
            debrief_areas_to_consider=fact.debrief_areas_to_consider,
            debrief_notes=fact.debrief_notes,
            actor=self.actor,
            reason="Demo: from the JAC papers of March and July 2022",
            **first_step(fact),
        )
        later_steps(self, fact, self.inspections[fact.key])
        for day, summary in fact.rewritten:
            inspection = self.inspections[fact.key]
            with recorded_at(_on(day)):
                self.inspections[fact.key] = inspection_edit(
                    inspection=inspection,
                    actor=self.actor,
                    expected_version=None,
                    title=inspection.title,
                    kind=inspection.kind,
                    summary=summary,
                    start=inspection.start,
                    end=inspection.end,
                )
        self.counts["inspections"] += 1
        self.counts["participants"] += len(participants)

    def report(self, fact: ReportFact) -> None:
        report = report_create(
            title=fact.title,
            inspectorate=self.organisations[fact.inspectorate],
            organisation=self.force if fact.about_force else None,
            published_on=fact.published_on,
            inspection=self.inspections[fact.inspection] if fact.inspection else None,
            summary=fact.summary,
            actor=self.actor,
        )
        self.reports[fact.key] = report
        self.counts["reports"] += 1
        for group in fact.findings:
            added = findings_add(
                report=report,
                heading=group.heading,
                texts=group.texts,
                organisation=self.force if group.about_force else None,
                actor=self.actor,
            )
            self.counts["findings"] += len(added)

    def recommendations(self, recommendations: tuple[RecommendationFact, ...]) -> None:
        for fact in recommendations:
            published = self.reports[fact.report].published_on
            with recorded_at(max(BEGINS, _on(published))):
                self.recommendation(fact)

    def recommendation(self, fact: RecommendationFact) -> None:
        recommendation = recommendation_create(
            report=self.reports[fact.report],
            kind=fact.kind,
            text=fact.text,
            reference=fact.reference,
            number=fact.number,
            theme=fact.theme,
            audience=fact.audience,
            deadline_text=fact.deadline_text,
            actor=self.actor,
        )
        self.counts["recommendations"] += 1
        plan = fact.response
        owner = self.people[plan.owner]
        response = response_create(
            organisation=self.force,
            recommendation=recommendation,
            owner=owner,
            portfolio=self.portfolios[plan.portfolio],
            board=self.boards[plan.board],
            # what the force knew when the report came out: open and not yet rated; each
            # update then moves it on, and its proposed rating is confirmed that day
            sign_off=plan.sign_off,
            next_review_on=plan.next_review_on,
            actor=self.actor,
        )
        self.counts["responses"] += 1
        self.responses[(fact.theme, fact.number)] = response
        for update in plan.updates:
            with recorded_at(_on(update.written_on, hour=17)):
                update_add(
                    response=response,
                    author=owner,
                    written_on=update.written_on,
                    narrative=update.narrative,
                    proposed_rag=update.proposed_rag,
                )
                if update.proposed_rag:
                    response.refresh_from_db()
                    rag_confirm(
                        response=response,
                        actor=self.actor,
                        rag=update.proposed_rag,
                        expected_version=response.version,
                    )
            self.counts["updates"] += 1
        response.refresh_from_db()
        if (response.status, response.rag) != (plan.status, plan.rag):
            raise ValueError(
                f"{fact.reference or fact.text[:40]}: its updates end at "
                f"{response.status}/{response.rag}, not {plan.status}/{plan.rag}"
            )


def _first_recorded(fact: InspectionFact) -> dt.datetime:
    """When the force would have entered an inspection: at its first dated step (else when the
    record begins)."""
    first = fact.steps[0].when.on if fact.steps else fact.start.on
    return max(BEGINS, _on(first)) if first else BEGINS


def load_demo() -> dict[str, int]:
    """Create the demo record; return how many of each thing were created."""
    with transaction.atomic():
        if User.objects.filter(username=facts.LIAISON_USERNAME).exists():
            return dict.fromkeys(COUNTS, 0)
        # The reference list comes with a migration; a flushed test database lacks it.
        load_reference_organisations(Organisation)
        loader = _Loader()
        loader.run()
    return {name: loader.counts[name] for name in COUNTS}
