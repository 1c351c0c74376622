"""A report's page: what the inspectorate published (from inspections), and each of its
recommendations with this organisation's response, taken on or not (everyone reads it; the
liaison takes a national recommendation on, or records that it does not apply)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from oversight.inspections import selectors as inspection_selectors
from oversight.inspections.services import report_shared_with_others
from oversight.recommendations import policies, selectors


@require_safe
def report_detail(request, pk: int):
    report = inspection_selectors.report_detail(request.user, pk)
    liaison = policies.is_liaison(request.user)
    return render(
        request,
        "recommendations/report_detail.html",
        {
            "title": report.title,
            "active_section": "reports",
            "report": report,
            "recommendations": selectors.report_recommendations(request.user, report),
            "can_manage": liaison,
            "can_edit": liaison
            and not report_shared_with_others(report, request.user.organisation_id),
        },
    )
