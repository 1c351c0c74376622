"""The reads of the API app: a person's own tokens, and the token a request presents."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from oversight.accounts.models import User
from oversight.api.models import ApiToken
from oversight.api.services import TOKEN_START, digest


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-id")


def token_of(user: User, pk: int) -> ApiToken:
    """One of the person's own tokens; anyone else's is not found."""
    return get_object_or_404(ApiToken, pk=pk, user=user)


def token_presented(secret: str) -> ApiToken | None:
    """The token whose secret this is, with its person; None if there is none."""
    if not secret.startswith(TOKEN_START) or len(secret) > 200:
        return None
    return (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(key_hash=digest(secret))
        .first()
    )
