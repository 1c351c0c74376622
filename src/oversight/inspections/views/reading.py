"""Reading: inspections, reports, and the history of each (everyone in the organisation)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from oversight.inspections import selectors
from oversight.inspections.dates import understood_as
from oversight.inspections.models import InspectionKind, InspectionStatus, next_steps
from oversight.inspections.views import is_liaison, url_for
from oversight.params import page_number

INSPECTIONS_PER_PAGE = 50


@require_safe
def inspection_list(request):
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    return render(
        request,
        "inspections/inspection_list.html",
        {
            "title": "Inspections",
            "active_section": "inspections",
            "page": Paginator(
                selectors.inspection_list(request.user, status=status, kind=kind),
                INSPECTIONS_PER_PAGE,
            ).get_page(page_number(request.GET)),
            "status": status,
            "kind": kind,
            "statuses": InspectionStatus.choices,
            "kinds": InspectionKind.choices,
            "can_manage": is_liaison(request.user),
        },
    )


@require_safe
def inspection_detail(request, pk: int):
    inspection = selectors.inspection_detail(request.user, pk)
    return render(
        request,
        "inspections/inspection_detail.html",
        {
            "title": inspection.title,
            "active_section": "inspections",
            "inspection": inspection,
            "understood": understood_as(inspection.start),
            "understood_end": understood_as(inspection.end) if inspection.has_end else "",
            "can_manage": is_liaison(request.user),
            "can_move": bool(next_steps(inspection.status)),
        },
    )


@require_safe
def inspection_history(request, pk: int):
    inspection = selectors.inspection_detail(request.user, pk)
    return render(
        request,
        "inspections/history.html",
        {
            "title": f"History of {inspection.title}",
            "active_section": "inspections",
            "subject": inspection.title,
            "back": url_for("inspections:detail", pk),
            "history": selectors.inspection_history(inspection),
        },
    )


@require_safe
def report_list(request):
    return render(
        request,
        "inspections/report_list.html",
        {
            "title": "Reports",
            "active_section": "reports",
            "reports": selectors.report_list(request.user),
            "can_manage": is_liaison(request.user),
        },
    )


@require_safe
def report_history(request, pk: int):
    report = selectors.report_detail(request.user, pk)
    return render(
        request,
        "inspections/history.html",
        {
            "title": f"History of {report.title}",
            "active_section": "reports",
            "subject": report.title,
            "back": url_for("recommendations:report-detail", pk),
            "history": selectors.report_history(report, request.user),
        },
    )
