"""Request bodies and uploads that leave nothing behind.

- **Before the body is read**, a request whose Content-Length is over what its page takes gets
  413 (a page for people, JSON for the API). A visitor who is not signed in may send a small
  form only (the sign-in page); an upload page takes its file limit and a little more for
  the form around it.
- **While it is read**, each file is counted: past its page's file limit the rest is dropped,
  not written, and the form says the file is too large.
- **Temporary files** of uploads over FILE_UPLOAD_MAX_MEMORY_SIZE go to a folder the app owns
  (OVERSIGHT_UPLOAD_TEMP_DIR, 0700), named with the process's id. Django deletes them when the
  request ends; a worker killed mid-upload leaves its files behind, and `sweep_uploads` removes
  every file whose process is gone: when gunicorn sees a worker die, when it starts, and in
  `oversight sweep_orphans`.
"""

from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, TemporaryFileUploadHandler
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)

MB = 1024 * 1024
FORM_ALLOWANCE = 1 * MB  # the rest of a multipart form around its files
VISITOR_MAX_BYTES = 64 * 1024  # a visitor's form: signing in, choosing a password


def _evidence() -> int:
    return int(settings.OVERSIGHT_EVIDENCE_MAX_BYTES)


def _import() -> int:
    return int(settings.OVERSIGHT_IMPORT_MAX_BYTES)


def _template() -> int:
    return int(settings.OVERSIGHT_TEMPLATE_MAX_BYTES)


# URL name -> (largest file, how many files at most)
UPLOAD_PAGES = {
    "recommendations:evidence-add": (_evidence, 1),
    "recommendations:update-add": (_evidence, lambda: settings.OVERSIGHT_UPDATE_MAX_FILES),
    "api:response-evidence": (_evidence, 1),
    "import:upload": (_import, 1),
    "papers:word-template": (_template, 1),
}


def limits_for(request) -> tuple[int, int | None]:
    """(largest body, largest file or None) that this request's page takes."""
    try:
        name = resolve(request.path_info).view_name
    except Resolver404:
        name = ""
    if name in UPLOAD_PAGES and _may_upload(request):
        file_limit, files = UPLOAD_PAGES[name]
        count = files() if callable(files) else files
        return file_limit() * count + FORM_ALLOWANCE, file_limit()
    if request.user.is_authenticated or _bearer(request):
        return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE), None
    return VISITOR_MAX_BYTES, None


def _bearer(request) -> bool:
    return request.META.get("HTTP_AUTHORIZATION", "").lower().startswith("bearer ")


def _may_upload(request) -> bool:
    # signed in, or an API token (checked by the API before anything is saved)
    return request.user.is_authenticated or _bearer(request)


def too_large_answer(request, limit: int):
    from django.http import JsonResponse
    from django.shortcuts import render

    size = f"{limit / MB:.0f} MB" if limit >= MB else f"{limit // 1024} KB"
    message = f"What was sent is too large: this page takes at most {size}."
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "too_large"}, status=413)
    response = render(
        request,
        "errors/413.html",
        {"title": "The file is too large", "message": message},
        status=413,
    )
    response["Connection"] = "close"  # the rest of the body is never read
    return response


class UploadLimitMiddleware:
    """Refuses a body over its page's limit from its Content-Length, before anything reads it;
    keeps the page's file limit on the request for the upload handler."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH"):
            body_limit, file_limit = limits_for(request)
            request.upload_file_limit = file_limit
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > body_limit:
                logger.info(
                    "Refused a body of %s bytes to %s (%s)", length, request.path, body_limit
                )
                return too_large_answer(request, body_limit)
        return self.get_response(request)


class TooLargeUpload(UploadedFile):
    """A file that went past its page's limit: its bytes were dropped as they came; `size` is how
    many came. Services refuse it by its size, as any file over the limit."""

    def __init__(self, name: str, content_type: str, size: int):
        from io import BytesIO

        super().__init__(BytesIO(b""), name=name, content_type=content_type, size=size)
        self.too_large = True


class FileLimitUploadHandler(FileUploadHandler):
    """First of the upload handlers: passes each chunk on until the file is over its page's
    limit, then drops the rest and answers with a TooLargeUpload."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.limit = getattr(self.request, "upload_file_limit", None)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.limit is not None and self.received > self.limit:
            if self.received - len(raw_data) <= self.limit:
                self._discard_what_was_kept()
            return None  # not passed on: nothing more of it is kept
        return raw_data

    def _discard_what_was_kept(self) -> None:
        """The handlers after this one have kept the start of the file (in memory, or in a
        temporary file): close it now, which deletes a temporary file."""
        for handler in self.request.upload_handlers:
            kept = getattr(handler, "file", None)
            if handler is not self and kept is not None and not kept.closed:
                kept.close()

    def file_complete(self, file_size):
        if self.limit is not None and self.received > self.limit:
            return TooLargeUpload(self.file_name, self.content_type, self.received)
        return None


def temp_dir() -> Path:
    path = Path(settings.FILE_UPLOAD_TEMP_DIR)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


PREFIX = "upload-"
NAMED = re.compile(rf"{PREFIX}(\d+)-")


class OwnedTemporaryUploadedFile(TemporaryUploadedFile):
    """Django's temporary upload, named with the process that owns it (upload-<pid>-…)."""

    def __init__(self, name, content_type, size, charset, content_type_extra=None):
        import tempfile

        _, ext = os.path.splitext(name)
        file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed (and deleted) with the upload
            prefix=f"{PREFIX}{os.getpid()}-", suffix=".upload" + ext[:20], dir=temp_dir()
        )
        UploadedFile.__init__(self, file, name, content_type, size, charset, content_type_extra)


class OwnedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    def new_file(self, *args, **kwargs):
        FileUploadHandler.new_file(self, *args, **kwargs)
        self.file = OwnedTemporaryUploadedFile(
            self.file_name, self.content_type, 0, self.charset, self.content_type_extra
        )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_uploads(*, pid: int | None = None, older_than_hours: float = 24) -> list[str]:
    """Delete temporary uploads left by processes that are gone (or by `pid`, just gone), and
    any older than `older_than_hours` whatever named them. Returns the names deleted."""
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR)
    if not folder.is_dir():
        return []
    removed = []
    cutoff = time.time() - older_than_hours * 3600
    for path in folder.iterdir():
        if not path.is_file():
            continue
        match = NAMED.match(path.name)
        owner = int(match.group(1)) if match else None
        gone = owner is not None and (owner == pid or (owner != os.getpid() and not _alive(owner)))
        try:
            old = path.stat().st_mtime < cutoff
        except FileNotFoundError:
            continue
        if gone or old:
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            removed.append(path.name)
    if removed:
        logger.warning("Removed %d temporary upload(s) left behind: %s", len(removed), removed)
    return removed
