"""Decisions: extensions of due dates and closures. The owner asks, the liaison checks, an
executive decides (or the inspectorate, recorded by the liaison)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from oversight.pages import render_form
from oversight.recommendations import policies, selectors, services
from oversight.recommendations.forms import (
    ClosureActionForm,
    ClosureRequestForm,
    DecisionForm,
    ExtensionForm,
)
from oversight.recommendations.models import ClosureStage, RequestStatus
from oversight.recommendations.views import posted


@require_http_methods(["GET", "POST"])
def extension_request(request, pk: int):
    response = selectors.response_for_action(request.user, pk)
    if not policies.can_contribute(request.user, response):
        raise PermissionDenied("Only the owner or the liaison lead can ask for an extension.")
    form = ExtensionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.extension_request(
                response=response,
                actor=request.user,
                proposed_due_on=form.cleaned_data["proposed_due_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Your extension request was sent to the executive.")
            return redirect("recommendations:response-detail", response.pk)
    return render_form(
        request,
        "recommendations/extension_form.html",
        form,
        title=f"Ask for more time: {response.recommendation.title}",
        active_section="recommendations",
        response=response,
    )


@require_safe
def extension_list(request):
    extensions = selectors.extensions_for(request.user)
    return render(
        request,
        "recommendations/extension_list.html",
        {
            "title": "Extension requests",
            "active_section": "decisions",
            "pending": extensions.filter(status=RequestStatus.PENDING),
            "decided": extensions.exclude(status=RequestStatus.PENDING)[:50],
        },
    )


@require_http_methods(["GET", "POST"])
def extension_decide(request, pk: int):
    extension = get_object_or_404(selectors.extensions_for(request.user), pk=pk)
    can_decide = (
        policies.can_decide(request.user, extension.response)
        and extension.status == RequestStatus.PENDING
    )
    form = DecisionForm(posted(request))
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied("Only an executive decides extensions.")
        if form.is_valid():
            try:
                services.extension_decide(
                    extension=extension,
                    actor=request.user,
                    approve=form.cleaned_data["decision"] == "approve",
                    note=form.cleaned_data["note"],
                )
            except ValueError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Your decision was recorded.")
                return redirect("recommendations:response-detail", extension.response_id)
    return render_form(
        request,
        "recommendations/extension_detail.html",
        form,
        title="Extension request",
        active_section="decisions",
        extension=extension,
        can_decide=can_decide,
    )


@require_http_methods(["GET", "POST"])
def closure_request(request, pk: int):
    response = selectors.response_for_action(request.user, pk)
    if not policies.can_contribute(request.user, response):
        raise PermissionDenied("Only the owner or the liaison lead can ask for closure.")
    form = ClosureRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            closure = services.closure_request(
                response=response, actor=request.user, statement=form.cleaned_data["statement"]
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, "Closure was requested. The liaison lead will check the evidence."
            )
            return redirect("recommendations:closure-detail", closure.pk)
    return render_form(
        request,
        "recommendations/closure_request_form.html",
        form,
        title=f"Ask for closure: {response.recommendation.title}",
        active_section="recommendations",
        response=response,
        evidence=list(response.evidence.filter(withdrawn_at__isnull=True)),
        can_download=policies.can_download_evidence(request.user, response),
    )


@require_safe
def closure_list(request):
    closures = selectors.closures_for(request.user)
    open_stages = [ClosureStage.REQUESTED, ClosureStage.EVIDENCE_CHECKED, ClosureStage.SUBMITTED]
    return render(
        request,
        "recommendations/closure_list.html",
        {
            "title": "Closure requests",
            "active_section": "decisions",
            "open": closures.filter(stage__in=open_stages),
            "done": closures.exclude(stage__in=open_stages)[:50],
        },
    )


ACTIONS = {
    "check": lambda c, u, note: services.closure_check(closure=c, actor=u, note=note),
    "return": lambda c, u, note: services.closure_return(closure=c, actor=u, note=note),
    "sign_off": lambda c, u, note: services.closure_sign_off(closure=c, actor=u, note=note),
    "submit": lambda c, u, note: services.closure_submit(closure=c, actor=u, note=note),
    "closed_by_inspectorate": lambda c, u, note: services.closure_inspectorate_decision(
        closure=c, actor=u, accepted=True, note=note
    ),
    "not_accepted": lambda c, u, note: services.closure_inspectorate_decision(
        closure=c, actor=u, accepted=False, note=note
    ),
}


@require_http_methods(["GET", "POST"])
def closure_detail(request, pk: int):
    closure = get_object_or_404(selectors.closures_for(request.user), pk=pk)
    allowed = policies.closure_actions(request.user, closure)
    if "inspectorate_decision" in allowed:
        allowed = (allowed - {"inspectorate_decision"}) | {"closed_by_inspectorate", "not_accepted"}
    form = ClosureActionForm(posted(request), allowed=allowed)
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied("You cannot act on this closure request now.")
        if form.is_valid():
            action = form.cleaned_data["action"]
            try:
                ACTIONS[action](closure, request.user, form.cleaned_data["note"])
            except ValueError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Your decision was recorded.")
                return redirect("recommendations:closure-detail", closure.pk)
    evidence = list(closure.response.evidence.select_related("uploaded_by"))
    return render_form(
        request,
        "recommendations/closure_detail.html",
        form,
        title=f"Closure of {closure.response.recommendation.title}",
        active_section="decisions",
        closure=closure,
        allowed=allowed,
        evidence=evidence,
        can_download=policies.can_download_evidence(request.user, closure.response),
        approved=selectors.closure_snapshot(closure, evidence),
    )
