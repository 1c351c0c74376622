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

        wrapped.allowed_roles = allowed
        return wrapped

    return decorator


def can_use_admin(user: User) -> bool:
    return bool(
        user.is_active
        and user.is_staff
        and (user.is_superuser or (user.role == Role.LIAISON and user.organisation_id))
    )
