"""Progress: the owner (or the liaison) adds updates and evidence; evidence is downloaded and
withdrawn, never deleted."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from oversight import clock
from oversight.pages import render_form
from oversight.recommendations import policies, selectors, services
from oversight.recommendations.filetypes import Detected, RefusedFile, safe_download_name
from oversight.recommendations.forms import EvidenceForm, UpdateForm, WithdrawForm
from oversight.recommendations.views import posted, posted_files


def _response_page(response):
    return redirect("recommendations:response-detail", response.pk)


@require_http_methods(["GET", "POST"])
def update_add(request, pk: int):
    response = selectors.response_for_action(request.user, pk)
    if not policies.can_contribute(request.user, response):
        raise PermissionDenied("Only the owner of this response can add an update.")
    form = UpdateForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_add(
                response=response,
                author=request.user,
                written_on=clock.today(),
                narrative=data["narrative"],
                proposed_rag=data["proposed_rag"],
                next_steps=data["next_steps"],
                files=[(f, data["file_description"]) for f in data["files"]],
            )
        except RefusedFile as exc:
            form.add_error("files", str(exc))
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            count = len(data["files"])
            messages.success(
                request,
                "Your update was added"
                + (f" with {count} evidence file{'s' * (count > 1)}" if count else ""),
            )
            return _response_page(response)
    return render_form(
        request,
        "recommendations/update_form.html",
        form,
        title=f"Add an update: {response.recommendation.title}",
        active_section="recommendations",
        response=response,
        max_mb=services.max_evidence_bytes() // (1024 * 1024),
    )


@require_http_methods(["GET", "POST"])
def evidence_add(request, pk: int):
    response = selectors.response_for_action(request.user, pk)
    if not policies.can_contribute(request.user, response):
        raise PermissionDenied("Only the owner or the liaison lead can add evidence.")
    form = EvidenceForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        try:
            evidence = services.evidence_add(
                response=response,
                actor=request.user,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except RefusedFile as exc:
            form.add_error("file", str(exc))
        except ValueError as exc:  # the response is closed
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{evidence.original_name} was added as evidence")
            return _response_page(response)
    return render_form(
        request,
        "recommendations/evidence_form.html",
        form,
        title=f"Add evidence: {response.recommendation.title}",
        active_section="recommendations",
        response=response,
        max_mb=services.max_evidence_bytes() // (1024 * 1024),
    )


@require_http_methods(["GET"])
def evidence_download(request, pk: int):
    """Served only through here, to people who may see the response, as an attachment."""
    evidence = selectors.evidence_for(request.user, pk)
    if not policies.can_download_evidence(request.user, evidence.response):
        raise PermissionDenied(
            "Your organisation lets viewers read the record but not download evidence files."
        )
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing from storage") from exc

    name = safe_download_name(
        evidence.original_name,
        Detected(
            kind="",
            label="",
            content_type=evidence.content_type,
            extension=_extension_for(evidence.content_type, evidence.original_name),
        ),
    )
    answer = FileResponse(
        handle, as_attachment=True, filename=name, content_type=evidence.content_type
    )
    answer["X-Content-Type-Options"] = "nosniff"
    answer["Content-Security-Policy"] = "default-src 'none'; sandbox"
    answer["Cache-Control"] = "private, no-store"
    return answer


EXTENSIONS = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/msword": ".doc",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.ms-outlook": ".msg",
    "text/csv": ".csv",
    "text/plain": ".txt",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "message/rfc822": ".eml",
}


def _extension_for(content_type: str, original: str) -> str:
    """The extension that matches what the file is (decided from its content on upload).

    Text kinds are stored with their charset ("text/plain; charset=utf-8"): look up the type alone.
    """
    return EXTENSIONS.get(content_type.split(";")[0].strip().lower(), ".bin")


@require_http_methods(["GET", "POST"])
def evidence_withdraw(request, pk: int):
    evidence = selectors.evidence_for(request.user, pk)
    if not policies.can_contribute(request.user, evidence.response):
        raise PermissionDenied("Only the owner or the liaison lead can withdraw evidence.")
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.evidence_withdraw(
                evidence=evidence, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"{evidence.original_name} was withdrawn. It stays in the record with your reason.",
            )
            return _response_page(evidence.response)
    return render_form(
        request,
        "recommendations/withdraw_form.html",
        form,
        title=f"Withdraw {evidence.original_name}",
        active_section="recommendations",
        evidence=evidence,
        response=evidence.response,
    )
