"""System checks: single sign-on's settings make sense before anyone tries to sign in."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Warning, register

from oversight.accounts.oidc import BACKEND_PATH, group_map_problems


@register()
def check_single_sign_on(app_configs=None, **kwargs):
    if not getattr(settings, "OIDC_ENABLED", False):
        return []
    issues = []
    group_map = getattr(settings, "OVERSIGHT_OIDC_GROUP_MAP", {})
    for problem in group_map_problems(group_map):
        issues.append(Error(f"OVERSIGHT_OIDC_GROUP_MAP: {problem}", id="oversight.E101"))
    if isinstance(group_map, dict) and not group_map:
        issues.append(
            Warning(
                "Single sign-on is on but OVERSIGHT_OIDC_GROUP_MAP is empty: nobody can sign in "
                "with it.",
                id="oversight.W102",
            )
        )
    if BACKEND_PATH not in settings.AUTHENTICATION_BACKENDS:
        issues.append(
            Error(f"{BACKEND_PATH} is not in AUTHENTICATION_BACKENDS", id="oversight.E103")
        )
    return issues
