"""Who may open the accounts pages (walked by tests/test_permissions.py)."""

from __future__ import annotations


def rules(*, EVERYONE, ROLES, OTHER, ANON, **_) -> dict:
    everyone_redirected = {**{r: 302 for r in ROLES}, OTHER: 302, ANON: 302}
    # Single sign-on is off in the tests' settings: its pages do not exist (tests/accounts/
    # test_oidc.py turns it on against its own provider).
    not_found = {**{r: 404 for r in ROLES}, OTHER: 404, ANON: 404}
    return {
        # with no password given first, back to sign-in; signed in, home
        "accounts:sign-in-code": (None, everyone_redirected, "get"),
        "accounts:two-factor": (None, EVERYONE, "get"),
        "accounts:two-factor-set-up": (None, EVERYONE, "get"),
        "accounts:oidc-start": (None, not_found, "get"),
        "accounts:oidc-callback": (None, not_found, "get"),
    }
