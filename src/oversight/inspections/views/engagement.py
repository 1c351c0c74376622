"""The monitoring stage history and the engagement log: everyone reads, the liaison records."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from oversight import clock
from oversight.inspections import selectors, services
from oversight.inspections.dates import as_written, read_when, reread_when, say_back
from oversight.inspections.forms.programme import EngagementForm, MonitoringForm
from oversight.inspections.models import EngagementKind
from oversight.inspections.views import LIAISON, attempt, is_liaison, posted
from oversight.pages import render_form
from oversight.params import optional_id


@require_safe
def monitoring(request):
    history = selectors.monitoring_history(request.user)
    return render(
        request,
        "inspections/monitoring.html",
        {
            "title": "Monitoring stage",
            "active_section": "inspections",
            "history": history,
            "current": history[0] if history else None,
            "can_manage": is_liaison(request.user),
        },
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def monitoring_add(request):
    form = MonitoringForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        change, _ = attempt(
            form,
            lambda: services.monitoring_stage_record(
                organisation=request.user.organisation,
                actor=request.user,
                stage=data["stage"],
                started_on=data["started_on"],
                letter=data["letter"],
                letter_on=data["letter_on"],
                letter_url=data["letter_url"],
                note=data["note"],
            ),
        )
        if change is not None:
            messages.success(request, "The monitoring stage was recorded.")
            return redirect("inspections:monitoring")
    return render_form(
        request,
        "inspections/monitoring_form.html",
        form,
        title="Record a change of monitoring stage",
        active_section="inspections",
        editing=None,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def monitoring_edit(request, pk: int):
    change = selectors.monitoring_change_for(request.user, pk)
    form = MonitoringForm(posted(request), initial=MonitoringForm.initial_from(change))
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved, conflict = attempt(
            form,
            lambda: services.monitoring_stage_edit(
                change=change,
                actor=request.user,
                expected_version=data["version"],
                stage=data["stage"],
                started_on=data["started_on"],
                letter=data["letter"],
                letter_on=data["letter_on"],
                letter_url=data["letter_url"],
                note=data["note"],
            ),
        )
        if conflict is not None:
            change.refresh_from_db()
            form = MonitoringForm(initial=MonitoringForm.initial_from(change))
        elif saved is not None:
            messages.success(request, "The monitoring stage was saved.")
            return redirect("inspections:monitoring")
    return render_form(
        request,
        "inspections/monitoring_form.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title="Correct a monitoring stage",
        active_section="inspections",
        editing=change,
    )


@require_safe
def engagement_list(request):
    kind = request.GET.get("kind", "")
    return render(
        request,
        "inspections/engagement_list.html",
        {
            "title": "Engagement log",
            "active_section": "inspections",
            "engagements": selectors.engagements_for(request.user, kind=kind),
            "kind": kind,
            "kinds": EngagementKind.choices,
            "can_manage": is_liaison(request.user),
        },
    )


def _engagement_form(request, data=None, initial=None) -> EngagementForm:
    return EngagementForm(
        data,
        initial=initial,
        inspections=list(selectors.inspections_for(request.user).order_by("title")),
        recommendations=list(selectors.recommendations_to_link(request.user)),
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def engagement_add(request):
    today = clock.today()
    initial = {"when": as_written(today)}
    for name in ("inspection", "recommendation"):
        value = optional_id(request.GET, name)
        if value is not None:
            initial[name] = value
    form = _engagement_form(request, posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        when = read_when(data["when"], reference=today)
        engagement, _ = attempt(
            form,
            lambda: services.engagement_record(
                organisation=request.user.organisation,
                actor=request.user,
                kind=data["kind"],
                when=when,
                subject=data["subject"],
                with_whom=data["with_whom"],
                summary=data["summary"],
                inspection=data["inspection"],
                recommendation=data["recommendation"],
            ),
        )
        if engagement is not None:
            messages.success(request, f"The contact was logged. {say_back('When', when)}")
            return redirect("inspections:engagement-list")
    return render_form(
        request,
        "inspections/engagement_form.html",
        form,
        title="Log a contact with the inspectorate",
        active_section="inspections",
        editing=None,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def engagement_edit(request, pk: int):
    engagement = selectors.engagement_for(request.user, pk)
    form = _engagement_form(
        request, posted(request), initial=EngagementForm.initial_from(engagement)
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        when = reread_when(data["when"], current=engagement.when, today=clock.today())
        saved, conflict = attempt(
            form,
            lambda: services.engagement_edit(
                engagement=engagement,
                actor=request.user,
                expected_version=data["version"],
                kind=data["kind"],
                when=when,
                subject=data["subject"],
                with_whom=data["with_whom"],
                summary=data["summary"],
                inspection=data["inspection"],
                recommendation=data["recommendation"],
            ),
        )
        if conflict is not None:
            engagement.refresh_from_db()
            form = _engagement_form(request, initial=EngagementForm.initial_from(engagement))
        elif saved is not None:
            messages.success(request, f"The contact was saved. {say_back('When', when)}")
            return redirect("inspections:engagement-list")
    return render_form(
        request,
        "inspections/engagement_form.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title="Edit a logged contact",
        active_section="inspections",
        editing=engagement,
    )
