"""Who may use the API at all. Which records and which writes are the selectors' and the
services' business, as on the pages."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from oversight.accounts.choices import Role


class SignedInReadOnlyForViewers(BasePermission):
    """Signed in (token or session) and of an organisation; viewers only read."""

    message = "Viewers can read the record but not change it."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            return True
        return getattr(user, "role", None) != Role.VIEWER
