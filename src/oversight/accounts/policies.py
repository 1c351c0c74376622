"""Who may do what. Views ask here; selectors scope every query to the person's organisation."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404

from oversight.accounts.models import Role, User

READ_ROLES = frozenset(Role.values)


def organisation_id_of(user: User) -> int:
    """The organisation a person acts for; a person with none sees nothing."""
    if not user.is_authenticated or not user.organisation_id:
        raise Http404("No organisation")
    return user.organisation_id


def role_required(*roles: str) -> Callable:
    """Allow only people with one of `roles`; others get 403 (they know the page exists)."""

    allowed = frozenset(roles)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if getattr(request.user, "role", None) not in allowed:
                raise PermissionDenied("Your role cannot do this.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


LIAISON_ONLY = "Only the liaison lead of this organisation can do this."


def require_liaison(
    actor: User | None, organisation_id: int | None = None, *, refusal: str = LIAISON_ONLY
) -> None:
    """Only the liaison lead of the organisation may (every service that writes the record
    asks here); `actor` None is the system itself (the demo loader, the import, single
    sign-on). `refusal` says what was refused, in the service's own words."""
    if actor is None:
        return
    if actor.role != Role.LIAISON or (
        organisation_id is not None and actor.organisation_id != organisation_id
    ):
        raise PermissionDenied(refusal)
