"""PEEL: this organisation's grades compared across cycles (everyone), and recording an
assessment's grades (the liaison)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from oversight.inspections import selectors, services
from oversight.inspections.forms.programme import PeelForm
from oversight.inspections.models import InspectionKind, PeelCycle
from oversight.inspections.views import LIAISON, attempt, is_liaison, posted
from oversight.pages import render_form


@require_safe
def peel(request):
    comparison = selectors.comparison(request.user)
    return render(
        request,
        "inspections/peel.html",
        {
            "title": "PEEL grades",
            "active_section": "peel",
            "comparison": comparison,
            "can_manage": is_liaison(request.user),
        },
    )


@require_safe
def peel_assessment(request, pk: int):
    assessment = selectors.assessment_for(request.user, pk)
    grades = {g.area_id: g for g in assessment.grades.all()}
    return render(
        request,
        "inspections/peel_assessment.html",
        {
            "title": f"PEEL {assessment.cycle.name}",
            "active_section": "peel",
            "assessment": assessment,
            "areas": [(a, grades.get(a.pk)) for a in assessment.cycle.areas.order_by("position")],
            "can_manage": is_liaison(request.user),
        },
    )


def _peel_form(request, cycle, data=None, initial=None) -> PeelForm:
    inspections = selectors.inspections_for(request.user)
    peel_first = sorted(inspections, key=lambda i: (i.kind != InspectionKind.PEEL, i.title))
    return PeelForm(
        data,
        initial=initial,
        cycle=cycle,
        inspections=peel_first,
        reports=list(selectors.reports_for(request.user).filter(organisation__isnull=False)),
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def peel_record(request):
    """Choose a cycle (`?cycle=2023-25`), then record its grades."""
    recorded = set(selectors.assessments_for(request.user).values_list("cycle_id", flat=True))
    slug = request.GET.get("cycle", "")
    if not slug:
        if request.method != "GET":  # the chooser only shows: the grades are posted with a cycle
            return HttpResponseNotAllowed(["GET"])
        return render(
            request,
            "inspections/peel_choose.html",
            {
                "title": "Record PEEL grades",
                "active_section": "peel",
                "cycles": [c for c in selectors.cycles() if c.pk not in recorded],
            },
        )
    cycle = get_object_or_404(PeelCycle, slug=slug)
    existing = selectors.assessments_for(request.user).filter(cycle=cycle).first()
    if existing is not None:
        return redirect("inspections:peel-edit", existing.pk)
    form = _peel_form(request, cycle, posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        assessment, _ = attempt(
            form,
            lambda: services.peel_assessment_create(
                organisation=request.user.organisation,
                cycle=cycle,
                actor=request.user,
                grades=form.grades(),
                inspection=data["inspection"],
                report=data["report"],
                published_on=data["published_on"],
                summary=data["summary"],
            ),
        )
        if assessment is not None:
            messages.success(request, f"The PEEL {cycle.name} grades were recorded.")
            return redirect("inspections:peel")
    return render_form(
        request,
        "inspections/peel_form.html",
        form,
        title=f"Record the PEEL {cycle.name} grades",
        active_section="peel",
        cycle=cycle,
        editing=None,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def peel_edit(request, pk: int):
    assessment = selectors.assessment_for(request.user, pk)
    cycle = assessment.cycle
    form = _peel_form(request, cycle, posted(request), initial=PeelForm.initial_from(assessment))
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved, conflict = attempt(
            form,
            lambda: services.peel_assessment_edit(
                assessment=assessment,
                actor=request.user,
                expected_version=data["version"],
                grades=form.grades(),
                inspection=data["inspection"],
                report=data["report"],
                published_on=data["published_on"],
                summary=data["summary"],
            ),
        )
        if conflict is not None:
            assessment = selectors.assessment_for(request.user, pk)
            form = _peel_form(request, cycle, initial=PeelForm.initial_from(assessment))
        elif saved is not None:
            messages.success(request, f"The PEEL {cycle.name} grades were saved.")
            return redirect("inspections:peel")
    return render_form(
        request,
        "inspections/peel_form.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title=f"Change the PEEL {cycle.name} grades",
        active_section="peel",
        cycle=cycle,
        editing=assessment,
    )
