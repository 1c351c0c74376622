"""National recommendations (made to every force or service): the liaison takes one on, or
records, with a reason, that it does not apply to the organisation."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from oversight.accounts.choices import Role
from oversight.accounts.policies import role_required
from oversight.pages import render_form
from oversight.recommendations import selectors, services
from oversight.recommendations.forms import NotApplicableForm, ResponseForm
from oversight.recommendations.models import SignOff
from oversight.recommendations.views import posted

LIAISON = role_required(Role.LIAISON)


@LIAISON
@require_http_methods(["GET", "POST"])
def take_on(request, pk: int):
    """Take on a national recommendation: open this organisation's response to it, with its
    owner, portfolio and board (or open again one recorded as not applying)."""
    recommendation = selectors.national_to_take_on(request.user, pk)
    organisation = request.user.organisation
    form = ResponseForm(
        posted(request),
        initial={"version": 0, "sign_off": SignOff.CHIEF_CONSTABLE},
        organisation_id=organisation.pk,
    )
    if request.method == "POST" and form.is_valid():
        try:
            response = services.response_take_on(
                organisation=organisation,
                recommendation=recommendation,
                actor=request.user,
                **form.resolved(),
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        except IntegrityError:  # taken on by someone else a moment ago: one response each
            messages.success(request, f"{recommendation.title} has already been taken on.")
            return redirect("recommendations:register")
        else:
            messages.success(request, f"{recommendation.title} was taken on.")
            return redirect("recommendations:response-detail", response.pk)
    return render_form(
        request,
        "recommendations/take_on_form.html",
        form,
        title=f"Take on {recommendation.title}",
        active_section="recommendations",
        recommendation=recommendation,
        set_aside=selectors.own_response_to(recommendation, request.user),
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def not_applicable(request, pk: int):
    """Record that a national recommendation does not apply to this organisation, and why."""
    recommendation = selectors.national_to_set_aside(request.user, pk)
    organisation = request.user.organisation
    form = NotApplicableForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            response = services.response_not_applicable(
                organisation=organisation,
                recommendation=recommendation,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        except IntegrityError:  # taken on by someone else a moment ago
            messages.success(request, f"{recommendation.title} has already been taken on.")
            return redirect("recommendations:register")
        else:
            messages.success(
                request,
                f"{recommendation.title} was recorded as not applying to "
                f"{organisation.display_short_name}.",
            )
            return redirect("recommendations:response-detail", response.pk)
    return render_form(
        request,
        "recommendations/not_applicable_form.html",
        form,
        title=f"{recommendation.title} does not apply",
        active_section="recommendations",
        recommendation=recommendation,
    )
