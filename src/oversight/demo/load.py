"""Load the demo record (West Midlands Police, 2022) through the services.

:func:`load_demo` writes everything in the ``facts*`` modules in one transaction. It is safe
to run twice: once the ``liaison`` user exists it does nothing and returns zero counts.
"""

from __future__ import annotations

from collections import Counter

from django.db import transaction
from django.utils.text import slugify

from oversight import audit
from oversight.accounts.models import Board, Organisation, Portfolio, User
from oversight.accounts.reference_data import load_reference_organisations
from oversight.accounts.services import board_create, person_create, portfolio_create
from oversight.demo import facts
from oversight.demo.facts import InspectionFact, RecommendationFact, ReportFact
from oversight.demo.facts_inspections import INSPECTIONS
from oversight.demo.facts_recommendations import RECOMMENDATIONS
from oversight.demo.facts_reports import REPORTS
from oversight.demo.load_programme import first_step, later_steps, load_programme
from oversight.inspections.models import Inspection, Report
from oversight.inspections.services import findings_add, inspection_create, report_create
from oversight.papers.services import (
    committee_create,
    committee_standing_text_set,
    meeting_create,
    paper_draft_create,
    paper_issue,
)
from oversight.recommendations.services import recommendation_create, response_create, update_add

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
        self.actor: User | None = None

    def run(self) -> None:
        self.pcc_office()
        self.people_and_structure()
        self.committee()
        for inspection in INSPECTIONS:
            self.inspection(inspection)
        for report in REPORTS:
            self.report(report)
        self.recommendations(RECOMMENDATIONS)
        load_programme(self)
        self.papers()

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
        march = paper_draft_create(
            meeting=self.meetings[facts.MARCH_MEETING],
            actor=self.actor,
            period_start=facts.MARCH_PERIOD_START,
        )
        paper_issue(paper=march, actor=self.actor)
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
                rag=plan.rag,
                status=plan.status,
                sign_off=plan.sign_off,
                next_review_on=plan.next_review_on,
                actor=self.actor,
            )
            self.counts["responses"] += 1
            for update in plan.updates:
                update_add(
                    response=response,
                    author=owner,
                    written_on=update.written_on,
                    narrative=update.narrative,
                    proposed_rag=update.proposed_rag,
                )
                self.counts["updates"] += 1


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
