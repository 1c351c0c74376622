"""The reminders page: what was e-mailed, when, and about which responses."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from oversight.accounts.choices import Role
from oversight.params import page_number
from oversight.reminders import selectors
from oversight.reminders.timing import Intervals


@require_safe
def reminder_list(request):
    return render(
        request,
        "reminders/list.html",
        {
            "title": "Reminders",
            "active_section": "reminders",
            "page": selectors.reminders_page(request.user, page=page_number(request.GET)),
            "whole_organisation": request.user.role == Role.LIAISON,
            "due_soon_days": settings.OVERSIGHT_REMIND_DUE_SOON_DAYS,
            "every": Intervals.from_settings(),
        },
    )
