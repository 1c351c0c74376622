"""Home: what needs my attention. The dashboard, search. Error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from oversight import charts, clock, params
from oversight.accounts.choices import Role
from oversight.dashboards import home as waiting
from oversight.dashboards import selectors
from oversight.dashboards.search import search as search_records
from oversight.inspections.selectors import latest_grades

TREND_CHOICES = {
    "12": ("Last 12 months", 12),
    "36": ("Last 3 years", 36),
    "60": ("Last 5 years", 60),
    "all": ("Every month", None),
}  # noqa: E501
SEARCH_PAGE_SIZE = 20


@require_safe
def home(request):
    today = clock.today()
    viewer = request.user.role == Role.VIEWER
    return render(
        request,
        "dashboards/home.html",
        {
            "title": "What needs your attention",
            "active_section": "home",
            "attention": selectors.attention(request.user, today=today),
            "home": waiting.home(request.user, today=today),
            "headline": selectors.dashboard(request.user, today=today).headline if viewer else [],
            "today": today,
        },
    )


@require_safe
def dashboard(request):
    today = clock.today()
    period = request.GET.get("trend", "60")
    if period not in TREND_CHOICES:
        period = "60"
    board = selectors.dashboard(request.user, today=today, trend_months=TREND_CHOICES[period][1])
    trend = board.trend
    months = [row.label for row in trend]
    return render(
        request,
        "dashboards/dashboard.html",
        {
            "title": "Dashboard",
            "active_section": "dashboard",
            "board": board,
            "peel": latest_grades(request.user),
            "today": today,
            "period": period,
            "periods": [(k, label) for k, (label, _) in TREND_CHOICES.items()],
            "status_chart": charts.bar_chart(
                {f.label: f.count for f in board.by_status},
                title="Open responses by status",
                colours=dict.fromkeys((f.label for f in board.by_status), "#1d70b8"),
            ),
            "rag_chart": charts.rag_chart(
                {f.label: f.count for f in board.by_rag}, title="Open responses by RAG rating"
            ),
            "trend_chart": charts.trend_chart(
                months,
                {
                    "Open": [r.open for r in trend],
                    "Overdue": [r.overdue for r in trend],
                    "Closed (all time)": [r.closed for r in trend],
                },
                title="Open, overdue and closed, month by month",
            )
            if trend
            else None,
            "rag_trend_chart": charts.stacked_chart(
                months,
                {
                    "Red": [r.red for r in trend],
                    "Amber": [r.amber for r in trend],
                    "Green": [r.green for r in trend],
                    "Not rated": [r.not_rated for r in trend],
                },
                title="RAG ratings of open responses, month by month",
            )
            if trend
            else None,
        },
    )


@require_safe
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    page_number = params.page_number(request.GET)
    results = (
        search_records(
            request.user,
            query,
            limit=SEARCH_PAGE_SIZE,
            offset=(page_number - 1) * SEARCH_PAGE_SIZE,
        )
        if query
        else None
    )
    pages = None
    if results and results.total > SEARCH_PAGE_SIZE:
        pages = Paginator(range(results.total), SEARCH_PAGE_SIZE).get_page(page_number)
    return render(
        request,
        "dashboards/search.html",
        {
            "title": f"Search: {query}" if query else "Search",
            "active_section": "search",
            "query": query,
            "results": results,
            "pages": pages,
            "page_number": page_number,
        },
    )


def _error(request, status: int, template: str, title: str, detail: str):
    """An error page for people; JSON with `detail` for the API (never an HTML page)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail}, status=status)
    return render(request, template, {"title": title}, status=status)


@login_not_required
def not_found(request, exception=None):
    return _error(request, 404, "errors/404.html", "Page not found", "Not found.")


@login_not_required
def bad_request(request, exception=None):
    return _error(
        request,
        400,
        "errors/400.html",
        "The web address is not right",
        "The request could not be read.",
    )


@login_not_required
def forbidden(request, exception=None):
    return _error(request, 403, "errors/403.html", "You cannot do this", "You cannot do this.")


@login_not_required
def server_error(request):
    return _error(
        request,
        500,
        "errors/500.html",
        "Sorry, there is a problem",
        "Sorry, there is a problem. It has been logged; try again later.",
    )
