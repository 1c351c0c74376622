"""The recommendation register and the response page (reading; editing comes with the lifecycle)."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from oversight.recommendations import selectors
from oversight.recommendations.models import RecommendationKind, ResponseStatus
from oversight.rules.rag import Rag


def register(request):
    today = timezone.localdate()
    filters = selectors.RegisterFilters.from_query(request.GET)
    page = selectors.register_page(
        request.user,
        filters,
        page=request.GET.get("page"),
        today=today,
        per_page=settings.OVERSIGHT_REGISTER_PAGE_SIZE,
    )
    return render(
        request,
        "recommendations/register.html",
        {
            "title": "Recommendation register",
            "active_section": "register",
            "filters": filters,
            "page": page,
            "choices": selectors.register_choices(request.user),
            "kinds": RecommendationKind.choices,
            "statuses": ResponseStatus.choices,
            "rags": Rag.choices,
            "sorts": [(k, v[0]) for k, v in selectors.RegisterFilters.SORTS.items()],
            "today": today,
        },
    )


def response_detail(request, pk: int):
    response = selectors.response_detail(request.user, pk)
    recommendation = response.recommendation
    return render(
        request,
        "recommendations/response_detail.html",
        {
            "title": f"{recommendation.title}: {recommendation.theme}".rstrip(": "),
            "active_section": "register",
            "response": response,
            "recommendation": recommendation,
            "under": selectors.recommendations_under(recommendation)
            if recommendation.kind == RecommendationKind.CAUSE_OF_CONCERN
            else [],
            "history": selectors.response_history(response),
            "today": timezone.localdate(),
        },
    )
