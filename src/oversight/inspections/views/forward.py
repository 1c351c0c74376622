"""The forward look: printable, as of any day (`?from=2022-04-01`, default today)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from oversight import clock
from oversight.dates import long_date
from oversight.inspections import selectors
from oversight.inspections.dates import read_when


@require_safe
def forward_look(request):
    today = clock.today()
    written = request.GET.get("from", "").strip()
    as_of, error = today, ""
    if written:
        when = read_when(written, reference=today)
        if when.on is None:
            error = "Enter the date to look forward from, like 1 April 2022 or 2022-04-01"
        else:
            as_of = when.on
    look = selectors.forward_look(request.user, as_of)
    return render(
        request,
        "inspections/forward_look.html",
        {
            "title": f"Forward look from {long_date(as_of)}",
            "active_section": "forward",
            "look": look,
            "written": written,
            "error": error,
            "form_has_errors": bool(error),
            "errors": [{"text": error, "href": "#from"}] if error else [],
            "today": today,
        },
        status=400 if error else 200,
    )
