"""The import pages, for the liaison: upload a file, check the preview, match a tracker's
columns, confirm (or cancel), and see what was imported."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from oversight.accounts.choices import Role
from oversight.accounts.policies import role_required
from oversight.ingest import selectors, services
from oversight.ingest.extraction import UnreadableFile
from oversight.ingest.forms import ColumnsForm, UploadForm
from oversight.ingest.models import BatchStatus
from oversight.ingest.services.batches import batch_preview
from oversight.ingest.stored import extraction_from_json
from oversight.pages import render_form
from oversight.params import is_id

liaison_only = role_required(Role.LIAISON)


@liaison_only
@require_http_methods(["GET", "POST"])
def upload(request):
    form = UploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            preview = services.ingest_preview(actor=request.user, upload=form.cleaned_data["file"])
        except UnreadableFile as exc:
            form.add_error("file", f"The file could not be read. {exc}")
        else:
            if preview.already:
                messages.info(request, services.already_imported(preview.batch))
                return redirect("import:result", preview.batch.pk)
            return redirect("import:preview", preview.batch.pk)
    return render_form(
        request,
        "ingest/upload.html",
        form,
        title="Import a file",
        active_section="import",
        batches=selectors.batches_for(request.user)[:10],
        max_mb=services.max_import_bytes() // (1024 * 1024),
    )


def _row_errors(rows) -> list[dict]:
    return [
        {
            "text": f"Row {row} has a problem: fix the file and upload it again, or "
            "tick “Skip this row”",
            "href": f"#skip-{row}",
        }
        for row in rows
    ]


def _preview_page(request, batch, *, errors=None, skipped=(), status=200):
    preview = batch_preview(batch)
    problem = batch.problem or {}
    if errors is None and problem:  # the last attempt to import it, in the background
        errors = _row_errors(problem.get("rows", [])) or [
            {"text": problem.get("message", ""), "href": "#main-content"}
        ]
        skipped = skipped or batch.skipped_rows
    unmapped = [c for c in preview.plan.extraction.columns if not c.field]
    return render(
        request,
        "ingest/preview.html",
        {
            "title": f"Check the import: {batch.file_name}",
            "active_section": "import",
            "batch": batch,
            "plan": preview.plan,
            "extraction": preview.plan.extraction,
            "unmapped": unmapped,
            "errors": errors or [],
            "form_has_errors": bool(errors),
            "skipped": {int(r) for r in skipped},
        },
        status=status,
    )


@liaison_only
@require_http_methods(["GET"])
def preview(request, pk: int):
    batch = selectors.batch_for(request.user, pk)
    if batch.status in (BatchStatus.IMPORTED, BatchStatus.IMPORTING):
        return redirect("import:result", batch.pk)
    return _preview_page(request, batch)


@liaison_only
@require_http_methods(["GET", "POST"])
def columns(request, pk: int):
    batch = selectors.batch_for(request.user, pk)
    if batch.status != BatchStatus.PREVIEWED:
        return redirect("import:preview", batch.pk)
    extraction = extraction_from_json(batch.extraction)  # the columns; no plan needed
    current = {int(k): v for k, v in (batch.column_map or {}).items()}
    form = ColumnsForm(
        request.POST if request.method == "POST" else None,
        columns=extraction.columns,
        current=current,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.ingest_remap(batch=batch, actor=request.user, column_map=form.column_map())
        except (UnreadableFile, services.ImportRefused) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The file was read again with the columns you chose.")
            return redirect("import:preview", batch.pk)
    return render_form(
        request,
        "ingest/columns.html",
        form,
        title=f"Match the columns: {batch.file_name}",
        active_section="import",
        batch=batch,
    )


def _skip_rows(request) -> list[int]:
    return sorted({int(v) for v in (v.strip() for v in request.POST.getlist("skip")) if is_id(v)})


@liaison_only
@require_POST
def confirm(request, pk: int):
    batch = selectors.batch_for(request.user, pk)
    skip = _skip_rows(request)
    try:
        batch = services.ingest_confirm_later(batch=batch, actor=request.user, skip_rows=skip)
    except services.ImportBlocked as exc:
        return _preview_page(request, batch, errors=_row_errors(exc.rows), skipped=skip, status=400)
    except services.ImportRefused as exc:
        errors = [{"text": str(exc), "href": "#main-content"}]
        return _preview_page(request, batch, errors=errors, skipped=skip, status=400)
    if batch.status == BatchStatus.PREVIEWED:  # refused at once (the tests' immediate worker)
        return redirect("import:preview", batch.pk)
    if batch.status == BatchStatus.CANCELLED and batch.summary.get("already_imported_as"):
        previous = selectors.batch_for(request.user, batch.summary["already_imported_as"])
        messages.info(request, services.already_imported(previous))
        return redirect("import:result", previous.pk)
    return redirect("import:result", batch.pk)


@liaison_only
@require_POST
def cancel(request, pk: int):
    batch = selectors.batch_for(request.user, pk)
    try:
        services.ingest_cancel(batch=batch, actor=request.user)
    except services.ImportRefused as exc:
        messages.info(request, str(exc))
    else:
        messages.success(
            request, f"The import of {batch.file_name} was cancelled. Nothing was imported."
        )
    return redirect("import:upload")


@liaison_only
@require_http_methods(["GET"])
def result(request, pk: int):
    batch = selectors.batch_for(request.user, pk)
    if batch.status == BatchStatus.IMPORTING:
        return render(
            request,
            "ingest/progress.html",
            {
                "title": f"Importing: {batch.file_name}",
                "active_section": "import",
                "batch": batch,
                "progress": services.import_progress(batch),
                "refresh_seconds": 2,
            },
        )
    if batch.status != BatchStatus.IMPORTED:
        return redirect("import:preview", batch.pk)
    return render(
        request,
        "ingest/result.html",
        {
            "title": f"Imported: {batch.file_name}",
            "active_section": "import",
            "batch": batch,
            "records": selectors.batch_records(batch),
            "summary": services.summary_sentence(batch.summary or {}),
        },
    )
