"""Who may open each API URL (merged into tests/test_permissions.py).

The API answers 401 (not a redirect to sign-in) to anonymous requests. Another organisation's
record is not found (404); lists show another organisation's person an empty page (200).
"""

from __future__ import annotations

import datetime as dt


def rules(*, EVERYONE, OWN_ORG_ONLY, ROLES, OTHER, ANON, **_) -> dict:
    liaison, owner, executive, viewer = ROLES
    api_list = {**{r: 200 for r in ROLES}, OTHER: 200, ANON: 401}
    api_object = {**{r: 200 for r in ROLES}, OTHER: 404, ANON: 401}
    # JSON posted empty: the people who may write get 400 (nothing sent), others 403/404
    api_contribute = {liaison: 400, owner: 400, executive: 403, viewer: 403, OTHER: 404, ANON: 401}
    api_liaison = {liaison: 400, owner: 403, executive: 403, viewer: 403, OTHER: 404, ANON: 401}
    return {
        "api:organisation-list": (None, api_list, "get"),
        "api:organisation-detail": ("organisation", {**api_object, OTHER: 200}, "get"),
        "api:inspection-list": (None, api_list, "get"),
        "api:inspection-detail": ("inspection", api_object, "get"),
        "api:report-list": (None, api_list, "get"),
        "api:report-detail": ("report", api_object, "get"),
        "api:recommendation-list": (None, api_list, "get"),
        "api:recommendation-detail": ("recommendation", api_object, "get"),
        "api:response-list": (None, api_list, "get"),
        "api:response-detail": ("response", api_object, "get"),
        "api:response-rag": ("response", api_liaison, "post"),
        "api:response-updates": ("response", api_contribute, "post"),
        "api:response-evidence": ("response", api_contribute, "post"),
        "api:response-reviews": ("response", api_liaison, "post"),
        "api:update-list": (None, api_list, "get"),
        "api:update-detail": ("api_update", api_object, "get"),
        "api:evidence-list": (None, api_list, "get"),
        "api:evidence-detail": ("evidence", api_object, "get"),
        "api:evidence-download": ("evidence", {**api_object, viewer: 403}, "get"),
        "api:review-list": (None, api_list, "get"),
        "api:review-detail": ("api_review", api_object, "get"),
        "api:responses-csv": (None, api_list, "get"),
        "api:recommendations-csv": (None, api_list, "get"),
        "api:updates-csv": (None, api_list, "get"),
        "api:schema": (None, {**api_list, ANON: 401}, "get"),
        # pages: like every other page
        "api:docs": (None, EVERYONE, "get"),
        "api:tokens": (None, EVERYONE, "get"),
        # a person's own token only: everyone else's is not found
        "api:token-revoke": (
            "api_token",
            {liaison: 200, owner: 404, executive: 404, viewer: 404, OTHER: 404, ANON: 302},
            "get",
        ),
    }


def _update(home, people):
    from oversight.accounts.models import Role
    from oversight.recommendations.models import Response, Update

    response = Response.objects.filter(organisation=home).order_by("pk").first()
    update = Update.objects.create(
        response=response,
        author=people[Role.OWNER],
        written_on=dt.date(2022, 7, 1),
        narrative="Progress has been made.",
    )
    return {"pk": update.pk}


def _review(home, people):
    from oversight.accounts.models import Role
    from oversight.recommendations.models import Response, Review

    response = Response.objects.filter(organisation=home).order_by("pk").first()
    review = Review.objects.create(
        response=response,
        reviewer=people[Role.LIAISON],
        reviewed_on=dt.date(2022, 7, 1),
        outcome="accepted",
    )
    return {"pk": review.pk}


def _token(home, people):
    from oversight.accounts.models import Role
    from oversight.api import services

    made = services.token_create(user=people[Role.LIAISON], name="Power BI", lifetime_days=90)
    return {"pk": made.token.pk}


BUILDERS = {
    "organisation": lambda home, people: {"pk": home.pk},
    "api_update": _update,
    "api_review": _review,
    "api_token": _token,
}
