"""A busy or missing database gives a clear "service unavailable" page (503), never a trace.

Django turns an exception raised in a view or a middleware into a 500 page, and that page
itself reads the signed-in person from the database. So the error is caught three ways:

- ``process_exception``: a view raised it;
- ``got_request_exception`` (see ``note_database_error``): a middleware raised it and Django
  is about to render its 500 page; the request is marked (and made anonymous, so that page
  does not go back to the database), and the 500 is replaced with the 503 here;
- ``__call__``: the 500 page itself failed on the database and the error came all the way up.

The 503 page extends the base layout but is given an anonymous person and no messages, so it
renders without the database.
"""

from __future__ import annotations

import logging
import secrets
import sys
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import get_template

logger = logging.getLogger("oversight.ops")

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30

FALLBACK_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Service unavailable – Oversight</title></head>
<body><main><h1>Sorry, the service is unavailable</h1>
<p>Try again in a few minutes. Nothing you entered has been saved unless you were told it was.</p>
<p>If this goes on, tell the HMICFRS liaison lead or your IT service desk.</p></main></body></html>
"""


def note_database_error(sender, request=None, **kwargs) -> None:
    """Receiver for got_request_exception: remember that this request failed on the database."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_ERRORS):
        request._oversight_database_error = error
        # Django renders its 500 page next, and that page shows the signed-in person: without
        # this it would go back to the database, fail again, once per middleware, each time
        # after the busy timeout. The response is replaced with the 503 page anyway.
        request.user = AnonymousUser()


def unavailable(request, error: BaseException) -> HttpResponse:
    logger.error(
        "Database unavailable on %s %s: %s",
        request.method,
        request.path,
        error,
        exc_info=(type(error), error, error.__traceback__),
    )
    nonce = getattr(request, "csp_nonce", None) or secrets.token_urlsafe(16)
    safe_request = SimpleNamespace(
        user=AnonymousUser(), csp_nonce=nonce, path=request.path, method=request.method, GET={}
    )
    context = {
        "request": safe_request,
        "title": "Service unavailable",
        "csrf_input": "",
        "csrf_token": "",
    }
    try:
        body = get_template("errors/503.html").render(context)
    except Exception:  # the page must never fail: a plain one will do
        logger.exception("The service unavailable page could not be rendered")
        body = FALLBACK_PAGE
    response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{nonce}'; "
        "style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except DATABASE_ERRORS as error:
            return unavailable(request, error)
        error = getattr(request, "_oversight_database_error", None)
        if error is not None and response.status_code >= 500:
            return unavailable(request, error)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return unavailable(request, exception)
        return None
