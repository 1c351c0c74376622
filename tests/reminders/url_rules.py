"""Who may open the reminders page (merged into tests/test_permissions.py)."""

from __future__ import annotations


def rules(*, EVERYONE, **_):
    # Everyone signed in sees the page; it lists only their own reminders (a liaison: their
    # organisation's). tests/reminders/test_page.py checks what each person sees on it.
    return {"reminders:list": (None, EVERYONE, "get")}


BUILDERS: dict = {}
