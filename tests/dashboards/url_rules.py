"""Who may open the dashboard and search pages (merged into tests/test_permissions.py)."""

from __future__ import annotations


def rules(*, EVERYONE, **_):
    # Everyone signed in reads them; each sees only their own organisation's figures and
    # records (a person of another organisation gets their own, hence 200).
    return {
        "dashboards:dashboard": (None, EVERYONE, "get"),
        "dashboards:search": (None, EVERYONE, "get"),
    }


BUILDERS: dict = {}
