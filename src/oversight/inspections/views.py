"""Inspections and reports (reading; editing comes with the inspection programme)."""

from __future__ import annotations

from django.shortcuts import render

from oversight.inspections import selectors
from oversight.inspections.models import InspectionKind, InspectionStatus


def inspection_list(request):
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    return render(
        request,
        "inspections/inspection_list.html",
        {
            "title": "Inspections",
            "active_section": "inspections",
            "inspections": selectors.inspection_list(request.user, status=status, kind=kind),
            "status": status,
            "kind": kind,
            "statuses": InspectionStatus.choices,
            "kinds": InspectionKind.choices,
        },
    )


def inspection_detail(request, pk: int):
    inspection = selectors.inspection_detail(request.user, pk)
    return render(
        request,
        "inspections/inspection_detail.html",
        {"title": inspection.title, "active_section": "inspections", "inspection": inspection},
    )


def report_list(request):
    return render(
        request,
        "inspections/report_list.html",
        {
            "title": "Reports",
            "active_section": "reports",
            "reports": selectors.report_list(request.user),
        },
    )


def report_detail(request, pk: int):
    report = selectors.report_detail(request.user, pk)
    return render(
        request,
        "inspections/report_detail.html",
        {"title": report.title, "active_section": "reports", "report": report},
    )
