"""The writes of the API app: making, using and revoking personal API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from oversight import audit
from oversight.accounts.models import User
from oversight.api.models import ApiToken

TOKEN_START = "ovs_"
MAX_ACTIVE_TOKENS = 20
# last_used_at is written at most this often, so reading the API does not write every time
TOUCH_EVERY = dt.timedelta(minutes=5)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


@transaction.atomic
def token_create(*, user: User, name: str, lifetime_days: int | None) -> NewToken:
    """A new token for `user`. The secret is in the answer and nowhere else."""
    if not user.is_active or not user.organisation_id:
        raise PermissionDenied("Only a person of an organisation can make an API token.")
    name = " ".join(name.split())
    if not name:
        raise ValueError("Enter a name for the token, so you can tell it apart later")
    if lifetime_days is not None and not 1 <= lifetime_days <= 366:
        raise ValueError("Choose when the token expires")
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True).exclude(
        expires_at__lte=timezone.now()
    )
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise ValueError(
            f"You have {MAX_ACTIVE_TOKENS} active tokens: revoke one you no longer use first"
        )
    lookup = secrets.token_hex(4)  # 8 characters shown on the page
    secret = f"{TOKEN_START}{lookup}_{secrets.token_urlsafe(32)}"
    token = audit.save(
        ApiToken(
            user=user,
            name=name[:100],
            prefix=f"{TOKEN_START}{lookup}",
            key_hash=digest(secret),
            expires_at=(
                timezone.now() + dt.timedelta(days=lifetime_days) if lifetime_days else None
            ),
        ),
        actor=user,
        reason="API token created",
    )
    return NewToken(token=token, secret=secret)


@transaction.atomic
def token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Stop a token working, for good. It stays listed as revoked."""
    if token.user_id != actor.pk:
        raise PermissionDenied("You can revoke only your own tokens.")
    current = ApiToken.objects.select_for_update().get(pk=token.pk)
    if current.revoked_at is None:
        current.revoked_at = timezone.now()
        audit.save(current, actor=actor, reason="API token revoked")
    return current


def token_touch(*, token: ApiToken, now: dt.datetime | None = None) -> None:
    """Note when a token was last used (at most every few minutes; no history row)."""
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
