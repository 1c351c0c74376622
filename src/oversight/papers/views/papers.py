"""The papers: the list, a paper and its sections (drafted, edited, issued by the liaison;
read by everyone once issued), its downloads, and the tracker spreadsheet."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from oversight import clock
from oversight.conflicts import EditConflict
from oversight.pages import render_form
from oversight.papers import policies, selectors, services
from oversight.papers import tracker as sheet
from oversight.papers.documents import build
from oversight.papers.documents.html import section_html
from oversight.papers.forms import (
    DraftForm,
    SectionForm,
)
from oversight.papers.models import PaperStatus
from oversight.papers.views import LIAISON, posted
from oversight.params import BadParameter
from oversight.recommendations import selectors as rec_selectors


@require_safe
def paper_list(request):
    committees = selectors.committees_for(request.user).prefetch_related("meetings__papers")
    return render(
        request,
        "papers/paper_list.html",
        {
            "title": "Committee papers",
            "active_section": "papers",
            "committees": committees,
            "can_prepare": policies.can_prepare(request.user),
            "sees_drafts": policies.can_read_drafts(request.user),
        },
    )


@LIAISON
@require_http_methods(["GET", "POST"])
def draft_create(request, pk: int):
    meeting = selectors.meeting_for(request.user, pk)
    start, end = selectors.default_period(meeting)
    form = DraftForm(posted(request), initial={"period_start": start, "period_end": end})
    if request.method == "POST" and form.is_valid():
        try:
            paper = services.paper_draft_create(
                meeting=meeting,
                actor=request.user,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                "The draft was assembled from the record. Check each "
                "section, edit what needs a human, then issue it.",
            )
            return redirect("papers:detail", paper.pk)
    return render_form(
        request,
        "papers/draft_form.html",
        form,
        title=f"Prepare the paper for {meeting}",
        active_section="papers",
        meeting=meeting,
        previous=selectors.previous_issued(meeting),
    )


@require_safe
def paper_detail(request, pk: int):
    paper = selectors.paper_readable(request.user, pk)
    sections = list(paper.sections.all())
    versions = paper.meeting.papers.order_by("version")
    if not policies.can_read_drafts(request.user):
        versions = versions.filter(status=PaperStatus.ISSUED)
    document = build.paper_document(paper, png=False)  # the page shows the SVG
    charts = {s.key: s for s in document.sections}
    return render(
        request,
        "papers/paper_detail.html",
        {
            "title": f"{paper.title}: {paper.meeting}",
            "active_section": "papers",
            "paper": paper,
            "sections": [
                {
                    "section": s,
                    "html": section_html(s.text),
                    "doc": charts.get(s.key),
                    "label": charts[s.key].number if s.key in charts else "",
                }
                for s in sections
            ],
            "versions": versions,
            "can_edit": policies.can_prepare(request.user) and not paper.is_issued,
            "can_new_version": policies.can_prepare(request.user)
            and paper.is_issued
            and not paper.meeting.papers.filter(status=PaperStatus.DRAFT).exists(),
            "stale": [s for s in sections if s.record_changed_under_edit],
            "entered_later": 0 if paper.is_issued else selectors.entered_after_period(paper),
        },
    )


def _section(request, pk: int, key: str):
    paper = selectors.paper_for(request.user, pk)
    section = get_object_or_404(paper.sections, key=key)
    return paper, section


@LIAISON
@require_http_methods(["GET", "POST"])
def section_edit(request, pk: int, key: str):
    paper, section = _section(request, pk, key)
    if paper.is_issued:
        raise PermissionDenied("An issued paper cannot be edited: make a new version.")
    form = SectionForm(
        posted(request),
        initial={
            "heading": section.heading,
            "text": section.text,
            "expected": services.section_digest(section),
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.section_edit(
                section=section,
                actor=request.user,
                text=form.cleaned_data["text"],
                heading=form.cleaned_data["heading"],
                expected=form.cleaned_data["expected"] or None,
            )
        except EditConflict as exc:
            conflict = exc
            section.refresh_from_db()
            form = SectionForm(
                initial={
                    "heading": section.heading,
                    "text": section.text,
                    "expected": services.section_digest(section),
                }
            )
        except ValueError as exc:
            form.add_error("text", str(exc))
        else:
            messages.success(request, f"“{section.heading}” was saved.")
            return redirect(f"{paper_url(paper)}#section-{section.key}")
    return render_form(
        request,
        "papers/section_form.html",
        form,
        status=409 if conflict else None,
        conflict=conflict,
        title=f"Edit “{section.heading}”",
        active_section="papers",
        paper=paper,
        section=section,
        preview=section_html(form["text"].value() or ""),
    )


def paper_url(paper) -> str:
    from django.urls import reverse

    return reverse("papers:detail", args=[paper.pk])


@LIAISON
@require_POST
def section_undo(request, pk: int, key: str):
    paper, section = _section(request, pk, key)
    try:
        services.section_undo_edit(section=section, actor=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"“{section.heading}” is back to the text from the record.")
    return redirect(f"{paper_url(paper)}#section-{section.key}")


@LIAISON
@require_POST
def regenerate(request, pk: int):
    paper = selectors.paper_for(request.user, pk)
    try:
        stale = services.paper_regenerate(paper=paper, actor=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        if stale:
            messages.success(
                request,
                "The sections were drawn again from the record. The record "
                "has changed under your edits of: " + ", ".join(s.heading for s in stale) + ".",
            )
        else:
            messages.success(
                request, "The sections were drawn again from the record. Your edits were kept."
            )
    return redirect("papers:detail", paper.pk)


@LIAISON
@require_http_methods(["GET", "POST"])
def issue(request, pk: int):
    paper = selectors.paper_for(request.user, pk)
    if request.method == "POST":
        try:
            services.paper_issue(paper=paper, actor=request.user)
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Version {paper.version} was issued. It will not change.")
        return redirect("papers:detail", paper.pk)
    return render(
        request,
        "papers/issue_confirm.html",
        {
            "title": "Issue this paper",
            "active_section": "papers",
            "paper": paper,
            "stale": [s for s in paper.sections.all() if s.record_changed_under_edit],
        },
    )


@LIAISON
@require_POST
def new_version(request, pk: int):
    paper = selectors.paper_for(request.user, pk)
    try:
        draft = services.paper_new_version(paper=paper, actor=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("papers:detail", paper.pk)
    messages.success(
        request,
        f"Version {draft.version} was started from version "
        f"{paper.version}, with your edits carried over.",
    )
    return redirect("papers:detail", draft.pk)


@require_safe
def download(request, pk: int, fmt: str):
    paper = selectors.paper_readable(request.user, pk)
    if fmt not in {"docx", "pdf", "html"}:
        raise Http404("Unknown format")
    content, content_type, ext = build.export(paper, fmt)
    answer = HttpResponse(content, content_type=content_type)
    disposition = "inline" if fmt == "html" and request.GET.get("view") else "attachment"
    answer["Content-Disposition"] = f'{disposition}; filename="{build.file_name(paper, ext)}"'
    answer["Cache-Control"] = "private, no-store"
    if fmt == "html":
        answer["Content-Security-Policy"] = (
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"
        )
    return answer


@require_safe
def tracker(request):
    """The register, as filtered, as a spreadsheet (?format=xlsx, the default, or csv)."""
    filters = rec_selectors.RegisterFilters.from_query(request.GET)
    if filters.errors:  # a download of what the register would not show
        name, message = next(iter(filters.errors.items()))
        raise BadParameter(name, f"{message}: the spreadsheet was not made.")
    today = clock.today()
    queryset = rec_selectors.register(request.user, filters, today=today)
    stamp = today.strftime("%Y-%m-%d")
    if request.GET.get("format") == "csv":
        answer = StreamingHttpResponse(
            sheet.csv_lines(queryset, today=today), content_type="text/csv; charset=utf-8"
        )
        answer["Content-Disposition"] = f'attachment; filename="oversight-tracker-{stamp}.csv"'
        return answer
    # Written to a temporary file in constant memory, then streamed from it in chunks.
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    sheet.write_xlsx(queryset, handle, today=today)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"oversight-tracker-{stamp}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
