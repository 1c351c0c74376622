"""Who may open each page of the inspection programme: walked by tests/test_permissions.py.

Everyone in the organisation reads; only its liaison records and edits (others get 403); a
record of another organisation is not found (404).
"""

from __future__ import annotations

import datetime as dt

from oversight.accounts.models import Organisation, Role
from oversight.inspections import services
from oversight.inspections.models import PeelCycle
from oversight.rules.partial_dates import PartialDate, Precision


def rules(*, EVERYONE, OWN_ORG_ONLY, LIAISON_OBJECT, LIAISON_PAGE, **_) -> dict:
    return {
        # reading
        "inspections:history": ("inspection", OWN_ORG_ONLY, "get"),
        "inspections:report-history": ("report", OWN_ORG_ONLY, "get"),
        "inspections:forward-look": (None, EVERYONE, "get"),
        "inspections:peel": (None, EVERYONE, "get"),
        "inspections:peel-assessment": ("peel_assessment", OWN_ORG_ONLY, "get"),
        "inspections:monitoring": (None, EVERYONE, "get"),
        "inspections:engagement-list": (None, EVERYONE, "get"),
        # inspections: the liaison
        "inspections:add": (None, LIAISON_PAGE, "get"),
        "inspections:edit": ("inspection", LIAISON_OBJECT, "get"),
        "inspections:move": ("inspection", LIAISON_OBJECT, "get"),
        "inspections:people": ("inspection", LIAISON_OBJECT, "get"),
        "inspections:debrief": ("inspection", LIAISON_OBJECT, "get"),
        "inspections:action-add": ("inspection", LIAISON_OBJECT, "get"),
        "inspections:action-edit": ("follow_up_action", LIAISON_OBJECT, "get"),
        "inspections:step-edit": ("inspection_step", LIAISON_OBJECT, "get"),
        # reports and findings: the liaison
        "inspections:report-add": (None, LIAISON_PAGE, "get"),
        "inspections:report-edit": ("report", LIAISON_OBJECT, "get"),
        "inspections:finding-add": ("report", LIAISON_OBJECT, "get"),
        "inspections:finding-edit": ("own_finding", LIAISON_OBJECT, "get"),
        "inspections:finding-delete": ("own_finding", LIAISON_OBJECT, "get"),
        # PEEL, monitoring stage, engagement log: the liaison
        "inspections:peel-record": (None, LIAISON_PAGE, "get"),
        "inspections:peel-edit": ("peel_assessment", LIAISON_OBJECT, "get"),
        "inspections:monitoring-add": (None, LIAISON_PAGE, "get"),
        "inspections:monitoring-edit": ("monitoring_change", LIAISON_OBJECT, "get"),
        "inspections:engagement-add": (None, LIAISON_PAGE, "get"),
        "inspections:engagement-edit": ("engagement", LIAISON_OBJECT, "get"),
    }


def _liaison(people):
    return people[Role.LIAISON]


def _inspection(home, people):
    return services.inspection_create(
        organisation=home,
        title="Thematic inspection of vetting",
        kind="national_thematic",
        start=PartialDate(dt.date(2022, 10, 1), Precision.MONTH, "October – date TBC"),
        status_when=PartialDate(dt.date(2022, 3, 1), Precision.MONTH, "March 2022"),
        actor=_liaison(people),
    )


def _action(home, people):
    action = services.action_add(
        inspection=_inspection(home, people),
        actor=_liaison(people),
        text="Statement of proposed actions",
        owner="Local authority",
        due=PartialDate(dt.date(2022, 5, 1), Precision.MONTH, "by May 2022"),
    )
    return {"pk": action.pk}


def _step(home, people):
    return {"pk": _inspection(home, people).events.get().pk}


def _finding(home, people):
    report = services.report_create(
        title="A report about the home force",
        inspectorate=Organisation.objects.get(short_name="HMICFRS"),
        organisation=home,
        actor=_liaison(people),
    )
    (finding,) = services.findings_add(
        report=report, heading="Findings", texts=["A finding"], organisation=home
    )
    return {"pk": finding.pk}


def _peel(home, people):
    assessment = services.peel_assessment_create(
        organisation=home,
        cycle=PeelCycle.objects.get(slug="2021-22"),
        actor=_liaison(people),
    )
    return {"pk": assessment.pk}


def _monitoring(home, people):
    change = services.monitoring_stage_record(
        organisation=home, actor=_liaison(people), stage="scan", started_on=dt.date(2021, 4, 1)
    )
    return {"pk": change.pk}


def _engagement(home, people):
    engagement = services.engagement_record(
        organisation=home,
        actor=_liaison(people),
        kind="data_return",
        when=PartialDate(dt.date(2022, 3, 1), Precision.SEASON, "Spring 2022"),
        subject="Spring Data Request",
    )
    return {"pk": engagement.pk}


BUILDERS = {
    "follow_up_action": _action,
    "inspection_step": _step,
    "own_finding": _finding,
    "peel_assessment": _peel,
    "monitoring_change": _monitoring,
    "engagement": _engagement,
}
