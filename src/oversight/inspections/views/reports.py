"""Recording reports and their findings (the liaison). A report comes from an inspection of
this organisation, or stands on its own (a national thematic where the force was not visited)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from oversight.inspections import selectors, services
from oversight.inspections.forms.reports import OWN, FindingForm, ReportForm
from oversight.inspections.views import LIAISON, attempt, posted
from oversight.pages import render_form
from oversight.params import optional_id


def _must_edit(request, report) -> None:
    if services.report_shared_with_others(report, request.user.organisation_id):
        raise PermissionDenied(
            "Other organisations respond to this national report, so it cannot be changed here."
        )


def _report_form(request, data=None, initial=None) -> ReportForm:
    return ReportForm(
        data,
        initial=initial,
        organisation=request.user.organisation,
        inspectorates=list(selectors.inspectorates()),
        inspections=list(selectors.inspections_for(request.user).order_by("title")),
    )


def _initial_from_inspection(request) -> dict:
    initial = {"about": OWN}
    pk = optional_id(request.GET, "inspection")
    inspection = selectors.inspections_for(request.user).filter(pk=pk).first() if pk else None
    if inspection is not None:
        lead = inspection.lead_inspectorates.first()
        initial.update(
            {
                "title": inspection.title,
                "inspection": inspection.pk,
                "inspectorate": lead.pk if lead else None,
            }
        )
    return initial


@LIAISON
@require_http_methods(["GET", "POST"])
def report_add(request):
    form = _report_form(request, posted(request), initial=_initial_from_inspection(request))
    if request.method == "POST" and form.is_valid():
        report, _ = attempt(
            form, lambda: services.report_create(**form.resolved(), actor=request.user)
        )
        if report is not None:
            messages.success(request, "The report was recorded. Add its findings below.")
            return redirect("recommendations:report-detail", report.pk)
    return render_form(
        request,
        "inspections/report_form.html",
        form,
        title="Record a report",
        active_section="reports",
        editing=None,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def report_edit(request, pk: int):
    report = selectors.report_for_action(request.user, pk)
    _must_edit(request, report)
    form = _report_form(request, posted(request), initial=ReportForm.initial_from(report))
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = attempt(
            form,
            lambda: services.report_edit(
                report=report,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **form.resolved(),
            ),
        )
        if conflict is not None:
            report.refresh_from_db()
            form = _report_form(request, initial=ReportForm.initial_from(report))
        elif saved is not None:
            messages.success(request, "The report was saved.")
            return redirect("recommendations:report-detail", report.pk)
    return render_form(
        request,
        "inspections/report_form.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title=f"Edit {report.title}",
        active_section="reports",
        editing=report,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def finding_add(request, pk: int):
    report = selectors.report_for_action(request.user, pk)
    form = FindingForm(
        posted(request), organisation=request.user.organisation, initial={"about": OWN}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if form.about_organisation() is None:
            _must_edit(request, report)
        added, _ = attempt(
            form,
            lambda: services.findings_add(
                report=report,
                heading=data["heading"],
                texts=[data["text"]],
                organisation=form.about_organisation(),
                actor=request.user,
            ),
        )
        if added is not None:
            messages.success(request, "The finding was recorded.")
            return redirect("recommendations:report-detail", report.pk)
    return render_form(
        request,
        "inspections/finding_form.html",
        form,
        title=f"Add a finding: {report.title}",
        active_section="reports",
        report=report,
        editing=None,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def finding_edit(request, pk: int):
    finding = selectors.finding_for(request.user, pk)
    report = finding.report
    if finding.organisation_id is None:
        _must_edit(request, report)
    form = FindingForm(
        posted(request),
        organisation=request.user.organisation,
        initial=FindingForm.initial_from(finding),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if form.about_organisation() is None:
            _must_edit(request, report)
        saved, _ = attempt(
            form,
            lambda: services.finding_edit(
                finding=finding,
                actor=request.user,
                heading=data["heading"],
                text=data["text"],
                organisation=form.about_organisation(),
            ),
        )
        if saved is not None:
            messages.success(request, "The finding was saved.")
            return redirect("recommendations:report-detail", report.pk)
    return render_form(
        request,
        "inspections/finding_form.html",
        form,
        title=f"Edit a finding: {report.title}",
        active_section="reports",
        report=report,
        editing=finding,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def finding_delete(request, pk: int):
    finding = selectors.finding_for(request.user, pk)
    report = finding.report
    if finding.organisation_id is None:
        _must_edit(request, report)
    if request.method == "POST":
        services.finding_delete(finding=finding, actor=request.user)
        messages.success(request, "The finding was removed. The report's history keeps it.")
        return redirect("recommendations:report-detail", report.pk)
    return render(
        request,
        "inspections/finding_delete.html",
        {
            "title": f"Remove a finding: {report.title}",
            "active_section": "reports",
            "report": report,
            "finding": finding,
        },
    )
