"""Reading: the register, a response and its history, my responses."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from oversight import clock
from oversight.params import page_number
from oversight.recommendations import policies, selectors
from oversight.recommendations.models import RecommendationKind, ResponseStatus
from oversight.recommendations.services import concern_ready_to_discharge
from oversight.rules.rag import Rag


@require_safe
def register(request):
    today = clock.today()
    filters = selectors.RegisterFilters.from_query(request.GET)
    page = selectors.register_page(
        request.user,
        filters,
        page=page_number(request.GET),
        today=today,
        per_page=settings.OVERSIGHT_REGISTER_PAGE_SIZE,
    )
    return render(
        request,
        "recommendations/register.html",
        {
            "title": "Recommendation register",
            "active_section": "recommendations",
            "filters": filters,
            "page": page,
            "choices": selectors.register_choices(request.user),
            "kinds": RecommendationKind.choices,
            "statuses": ResponseStatus.choices,
            "rags": Rag.choices,
            "sorts": [(k, v[0]) for k, v in selectors.RegisterFilters.SORTS.items()],
            "today": today,
        },
        status=400 if filters.errors else 200,  # the page says which filter was not right
    )


@require_safe
def response_detail(request, pk: int):
    shown = None if request.GET.get("updates") == "all" else selectors.UPDATES_SHOWN
    response = selectors.response_detail(request.user, pk, updates=shown)
    recommendation = response.recommendation
    return render(
        request,
        "recommendations/response_detail.html",
        {
            "title": f"{recommendation.title}: {recommendation.theme}".rstrip(": "),
            "active_section": "recommendations",
            "response": response,
            "recommendation": recommendation,
            "under": selectors.recommendations_under(recommendation)
            if recommendation.kind == RecommendationKind.CAUSE_OF_CONCERN
            else [],
            "history": selectors.response_history(response, limit=10),
            "update_count": selectors.update_count(response, shown),
            "today": clock.today(),
            "shared": selectors.shared_with_others(recommendation, request.user),
            "can": {
                "manage": policies.can_manage(request.user, response),
                "contribute": policies.can_contribute(request.user, response),
                "decide": policies.can_decide(request.user, response),
                "download": policies.can_download_evidence(request.user, response),
            },
            "extensions": list(response.extensions.select_related("requested_by", "decided_by")),
            "closures": list(response.closures.select_related("requested_by")),
            "evidence": list(response.evidence.all()),
            "ready_to_discharge": recommendation.kind == RecommendationKind.CAUSE_OF_CONCERN
            and recommendation.concern_status != "discharged"
            and concern_ready_to_discharge(recommendation, response.organisation_id),
        },
    )


@require_safe
def response_history(request, pk: int):
    response = selectors.response_detail(request.user, pk)
    return render(
        request,
        "recommendations/history.html",
        {
            "title": f"History of {response.recommendation.title}",
            "active_section": "recommendations",
            "subject": response.recommendation.title,
            "back": url_for("recommendations:response-detail", pk),
            "history": selectors.response_history(response),
        },
    )


@require_safe
def recommendation_history(request, pk: int):
    recommendation = selectors.recommendation_for(request.user, pk)
    return render(
        request,
        "recommendations/history.html",
        {
            "title": f"History of {recommendation.title}",
            "active_section": "recommendations",
            "subject": f"{recommendation.title} (the recommendation as recorded)",
            "back": url_for("recommendations:register"),
            "history": selectors.recommendation_history(recommendation, request.user),
        },
    )


CLOSED_PAGE_SIZE = 20


@require_safe
def my_responses(request):
    today = clock.today()
    mine = selectors.responses_for(request.user).filter(owner=request.user)
    return render(
        request,
        "recommendations/mine.html",
        {
            "title": "My responses",
            "active_section": "mine",
            "open": mine.filter(selectors.OPEN_Q).order_by("recommendation__due_on"),
            # the closed ones grow for ever: the most recent first, in pages
            "closed": Paginator(
                mine.exclude(selectors.OPEN_Q).order_by("-closed_on", "-pk"), CLOSED_PAGE_SIZE
            ).get_page(page_number(request.GET)),
            "today": today,
        },
    )


def url_for(name: str, *args) -> str:
    return reverse(name, args=args or None)
