"""Home: what needs my attention. Error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils import timezone

from oversight.dashboards import selectors


def home(request):
    today = timezone.localdate()
    return render(
        request,
        "dashboards/home.html",
        {
            "title": "What needs your attention",
            "active_section": "home",
            "attention": selectors.attention(request.user, today=today),
            "today": today,
        },
    )


@login_not_required
def not_found(request, exception=None):
    return render(request, "errors/404.html", {"title": "Page not found"}, status=404)


@login_not_required
def forbidden(request, exception=None):
    return render(request, "errors/403.html", {"title": "You cannot do this"}, status=403)


@login_not_required
def server_error(request):
    return render(request, "errors/500.html", {"title": "Sorry, there is a problem"}, status=500)
