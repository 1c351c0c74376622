"""Managing the record: the liaison records and assigns recommendations and responses,
confirms RAG ratings, records reviews, reassigns a leaver's work."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from oversight import clock
from oversight.accounts.choices import Role
from oversight.accounts.policies import role_required
from oversight.accounts.selectors import people_in
from oversight.conflicts import EditConflict
from oversight.dates import long_date
from oversight.inspections.selectors import reports_for
from oversight.pages import render_form
from oversight.recommendations import policies, selectors, services
from oversight.recommendations.forms import (
    DueDateForm,
    RagForm,
    ReassignForm,
    RecommendationForm,
    ReopenForm,
    ResponseForm,
    ReviewForm,
)
from oversight.recommendations.views import posted

LIAISON = role_required(Role.LIAISON)


def _must_manage(user, response):
    if not policies.can_manage(user, response):
        raise PermissionDenied("Only the liaison lead can do this.")


@LIAISON
@require_http_methods(["GET", "POST"])
def recommendation_add(request):
    """Record a recommendation from a report, and open this organisation's response to it."""
    form = RecommendationForm(
        posted(request),
        reports=list(reports_for(request.user)),
        concerns=list(selectors.concerns_for(request.user)),
        initial={"report": request.GET.get("report")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recommendation = services.recommendation_create(
            report=data["report"],
            kind=data["kind"],
            text=data["text"],
            reference=data["reference"],
            theme=data["theme"],
            audience=data["audience"],
            deadline_text=data["deadline_text"],
            cause_of_concern=data["cause_of_concern"],
            actor=request.user,
        )
        response = services.response_create(
            organisation=request.user.organisation,
            recommendation=recommendation,
            actor=request.user,
        )
        messages.success(request, "The recommendation was recorded. Now assign its owner.")
        return redirect("recommendations:response-edit", response.pk)
    return render_form(
        request,
        "recommendations/recommendation_form.html",
        form,
        title="Record a recommendation",
        active_section="recommendations",
        editing=None,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def recommendation_edit(request, pk: int):
    recommendation = selectors.recommendation_for(request.user, pk)
    if selectors.shared_with_others(recommendation, request.user):
        raise PermissionDenied(
            "Other organisations respond to this recommendation, so it cannot be changed here."
        )
    form = RecommendationForm(
        posted(request),
        reports=list(reports_for(request.user)),
        concerns=list(selectors.concerns_for(request.user).exclude(pk=recommendation.pk)),
        initial=RecommendationForm.initial_from(recommendation),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.recommendation_edit(
                recommendation=recommendation,
                actor=request.user,
                expected_version=data["version"],
                report=data["report"],
                kind=data["kind"],
                text=data["text"],
                reference=data["reference"],
                theme=data["theme"],
                audience=data["audience"],
                deadline_text=data["deadline_text"],
                cause_of_concern=data["cause_of_concern"],
            )
        except EditConflict as exc:
            conflict = exc
            recommendation.refresh_from_db()
            form = RecommendationForm(
                reports=list(reports_for(request.user)),
                concerns=list(selectors.concerns_for(request.user).exclude(pk=recommendation.pk)),
                initial=RecommendationForm.initial_from(recommendation),
            )
        else:
            messages.success(request, "The recommendation was saved.")
            own = selectors.own_response_to(recommendation, request.user)
            if own:
                return redirect("recommendations:response-detail", own.pk)
            return redirect("recommendations:register")
    return render_form(
        request,
        "recommendations/recommendation_form.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title=f"Edit {recommendation.title}",
        active_section="recommendations",
        editing=recommendation,
        own=selectors.own_response_to(recommendation, request.user),
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def response_edit(request, pk: int):
    response = selectors.response_for_action(request.user, pk)
    _must_manage(request.user, response)
    initial = {
        "version": response.version,
        "owner": response.owner_id,
        "portfolio": response.portfolio_id,
        "board": response.board_id,
        "sign_off": response.sign_off,
        "next_review_on": response.next_review_on,
    }
    form = ResponseForm(posted(request), initial=initial, organisation_id=response.organisation_id)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.response_edit(
                response=response,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **form.resolved(),
            )
        except ValueError as exc:  # closed: reopened first, with a reason
            form.add_error(None, str(exc))
        except EditConflict as exc:
            conflict = exc
            response.refresh_from_db()
            form = ResponseForm(
                initial={
                    **initial,
                    "version": response.version,
                    "owner": response.owner_id,
                    "portfolio": response.portfolio_id,
                    "board": response.board_id,
                    "sign_off": response.sign_off,
                    "next_review_on": response.next_review_on,
                },
                organisation_id=response.organisation_id,
            )
        else:
            messages.success(request, "The response was saved.")
            return redirect("recommendations:response-detail", response.pk)
    return render_form(
        request,
        "recommendations/response_form.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title=f"Assign {response.recommendation.title}",
        active_section="recommendations",
        response=response,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def rag_confirm(request, pk: int):
    response = selectors.response_for_action(request.user, pk)
    _must_manage(request.user, response)
    latest = response.updates.exclude(proposed_rag="").order_by("-written_on", "-id").first()
    form = RagForm(
        posted(request),
        initial={
            "version": response.version,
            "rag": (latest.proposed_rag if latest else response.rag) or None,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.rag_confirm(
                response=response,
                actor=request.user,
                rag=form.cleaned_data["rag"],
                expected_version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
            )
        except EditConflict as exc:
            conflict = exc
            response.refresh_from_db()
            form = RagForm(initial={"version": response.version, "rag": response.rag or None})
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The RAG rating was confirmed.")
            return redirect("recommendations:response-detail", response.pk)
    return render_form(
        request,
        "recommendations/rag_form.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title=f"Confirm the RAG rating: {response.recommendation.title}",
        active_section="recommendations",
        response=response,
        latest=latest,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def review_add(request, pk: int):
    response = selectors.response_for_action(request.user, pk)
    _must_manage(request.user, response)
    form = ReviewForm(posted(request), initial={"reviewed_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        review = services.review_record(
            response=response,
            actor=request.user,
            outcome=data["outcome"],
            notes=data["notes"],
            reviewed_on=data["reviewed_on"],
        )
        messages.success(
            request, f"The review was recorded. Next review: {long_date(review.next_review_on)}."
        )
        return redirect("recommendations:response-detail", response.pk)
    return render_form(
        request,
        "recommendations/review_form.html",
        form,
        title=f"Record a review: {response.recommendation.title}",
        active_section="recommendations",
        response=response,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def response_reopen(request, pk: int):
    response = selectors.response_for_action(request.user, pk)
    _must_manage(request.user, response)
    form = ReopenForm(posted(request), initial={"version": response.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.response_reopen(
                response=response,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except EditConflict as exc:
            conflict = exc
            response.refresh_from_db()
            form = ReopenForm(initial={"version": response.version})
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The response was reopened. Its evidence can be changed.")
            return redirect("recommendations:response-detail", response.pk)
    return render_form(
        request,
        "recommendations/reopen_form.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title=f"Reopen: {response.recommendation.title}",
        active_section="recommendations",
        response=response,
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def due_date_set(request, pk: int):
    response = selectors.response_for_action(request.user, pk)
    _must_manage(request.user, response)
    if response.due_on is not None:
        return redirect("recommendations:extension-request", response.pk)
    form = DueDateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.due_date_set(
                response=response,
                actor=request.user,
                due_on=form.cleaned_data["due_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The due date was set.")
            return redirect("recommendations:response-detail", response.pk)
    return render_form(
        request,
        "recommendations/due_date_form.html",
        form,
        title=f"Set the due date: {response.recommendation.title}",
        active_section="recommendations",
        response=response,
    )


@LIAISON
@require_safe
def reviews_due(request):
    today = clock.today()
    due = selectors.reviews_due(selectors.responses_for(request.user), today)
    return render(
        request,
        "recommendations/reviews_due.html",
        {
            "title": "Reviews due",
            "active_section": "reviews",
            "responses": due,
            "today": today,
        },
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def reassign(request):
    form = ReassignForm(posted(request), organisation_id=request.user.organisation_id)
    if request.method == "POST" and form.is_valid():
        people = people_in(request.user.organisation_id)
        source = get_object_or_404(people, pk=form.cleaned_data["from_owner"])
        target = get_object_or_404(people, pk=form.cleaned_data["to_owner"])
        moved = services.responses_reassign(
            organisation=request.user.organisation,
            from_owner=source,
            to_owner=target,
            actor=request.user,
        )
        messages.success(
            request,
            f"{moved} open response{'s' * (moved != 1)} moved from "
            f"{source.display_name} to {target.display_name}.",
        )
        return redirect("recommendations:register")
    return render_form(
        request,
        "recommendations/reassign_form.html",
        form,
        title="Reassign responses",
        active_section="recommendations",
    )
