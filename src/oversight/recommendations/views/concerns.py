"""A cause of concern's steps, recorded by the liaison: the inspectorate's revisit (its date
and what it found), then its discharge."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from oversight.accounts.choices import Role
from oversight.accounts.policies import role_required
from oversight.pages import render_form
from oversight.recommendations import selectors, services
from oversight.recommendations.forms import DischargeForm, RevisitForm
from oversight.recommendations.models import RecommendationKind
from oversight.recommendations.views import posted

LIAISON = role_required(Role.LIAISON)


def _concern(request, pk: int):
    concern = selectors.recommendation_for(request.user, pk)
    if concern.kind != RecommendationKind.CAUSE_OF_CONCERN:
        raise PermissionDenied("Only a cause of concern is revisited and discharged.")
    return concern


def _back(request, concern):
    own = selectors.own_response_to(concern, request.user)
    return (
        redirect("recommendations:response-detail", own.pk)
        if own
        else redirect("recommendations:register")
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def concern_revisit(request, pk: int):
    concern = _concern(request, pk)
    form = RevisitForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_revisit(
                concern=concern,
                actor=request.user,
                finding=form.cleaned_data["finding"],
                on=form.cleaned_data["revisited_on"],
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"The revisit of {concern.title} was recorded.")
            return _back(request, concern)
    return render_form(
        request,
        "recommendations/revisit_form.html",
        form,
        title=f"Record the revisit of {concern.title}",
        active_section="recommendations",
        concern=concern,
        own=selectors.own_response_to(concern, request.user),
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def concern_discharge(request, pk: int):
    concern = _concern(request, pk)
    form = DischargeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_discharge(
                concern=concern,
                actor=request.user,
                note=form.cleaned_data["note"],
                on=form.cleaned_data["discharged_on"],
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{concern.title} was recorded as discharged.")
            return _back(request, concern)
    return render_form(
        request,
        "recommendations/discharge_form.html",
        form,
        title=f"Discharge {concern.title}",
        active_section="recommendations",
        concern=concern,
        own=selectors.own_response_to(concern, request.user),
        under=selectors.under_with_own_responses(concern, request.user),
        ready=services.concern_ready_to_discharge(concern, request.user.organisation_id),
    )
