"""Reading reports: about the person's organisation, and national reports shared by all."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from oversight.accounts.models import User
from oversight.accounts.policies import organisation_id_of
from oversight.inspections import history
from oversight.inspections.models import Finding, Report


def reports_of(org_id: int) -> QuerySet[Report]:
    """Reports an organisation may see: about it, and national reports shared by all."""
    return Report.objects.filter(Q(organisation_id=org_id) | Q(organisation__isnull=True))


def reports_for(user: User) -> QuerySet[Report]:
    """Reports about the person's organisation, and national reports shared by all."""
    return reports_of(organisation_id_of(user)).select_related("inspectorate", "organisation")


def report_list(user: User) -> QuerySet[Report]:
    org_id = organisation_id_of(user)
    return (
        reports_for(user)
        .annotate(
            response_count=Count(
                "recommendations__responses",
                filter=Q(recommendations__responses__organisation_id=org_id),
            )
        )
        .order_by("-published_on", "title")
    )


def _own_findings(org_id: int) -> QuerySet[Finding]:
    return Finding.objects.filter(Q(organisation_id=org_id) | Q(organisation__isnull=True))


def report_detail(user: User, pk: int) -> Report:
    """A report the person may see, with its inspection and the findings about their
    organisation (its recommendations and responses: recommendations.selectors)."""
    org_id = organisation_id_of(user)
    qs = (
        reports_for(user)
        .select_related("inspection")
        .prefetch_related(Prefetch("findings", queryset=_own_findings(org_id)))
    )
    return get_object_or_404(qs, pk=pk)


def report_for_action(user: User, pk: int) -> Report:
    return get_object_or_404(reports_for(user), pk=pk)


def findings_visible(user: User) -> QuerySet[Finding]:
    """Findings the person may see: about their organisation or everyone, in a visible report."""
    org_id = organisation_id_of(user)
    return _own_findings(org_id).filter(
        Q(report__organisation_id=org_id) | Q(report__organisation__isnull=True)
    )


def finding_for(user: User, pk: int) -> Finding:
    """A finding the person may see (about their organisation or everyone) in a visible report."""
    return get_object_or_404(findings_visible(user).select_related("report"), pk=pk)


def _subject(record) -> str:
    if record.instance_type is Report:
        return "The report"
    heading = f" ({record.heading})" if record.heading else ""
    text = record.text if len(record.text) <= 60 else record.text[:57] + "…"
    return f"Finding{heading}: {text}"


def report_history(report: Report, user: User) -> list[dict]:
    org_id = organisation_id_of(user)
    findings = Finding.history.filter(report_id=report.pk).filter(
        Q(organisation_id=org_id) | Q(organisation__isnull=True)
    )
    records = [
        *report.history.select_related("history_user__organisation"),
        *findings.select_related("history_user__organisation"),
    ]
    # a national report is shared: other organisations' people are named by their organisation
    return history.entries(records, subject=_subject, viewer_org_id=org_id)
