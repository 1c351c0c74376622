"""Response headers for every page."""

from __future__ import annotations

import secrets
import time

from django.conf import settings
from django.utils.cache import add_never_cache_headers

from oversight.params import BadParameter

TOUCHED = "_oversight_touched"


class SecurityHeadersMiddleware:
    """A per-request nonce for the one inline script of the GOV.UK template, a strict CSP, and
    `Cache-Control: no-store` on everything the app answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        # Every page, answer and download is of the record: no browser or proxy keeps a copy.
        # (Static files never get here: whitenoise answers them first, cached for a year.)
        if "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        if request.path.startswith("/admin/"):
            return response
        response.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; "
            f"script-src 'self' 'nonce-{request.csp_nonce}'; "
            "style-src 'self'; img-src 'self' data:; font-src 'self'; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        )
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class SlidingSessionMiddleware:
    """Sign a person out after SESSION_COOKIE_AGE without a request, saving the session at most
    once every SESSION_TOUCH_SECONDS rather than on every request.

    Django's SESSION_SAVE_EVERY_REQUEST writes the session row on every page (three statements
    on SQLite, and a write lock that queues every other request behind it). Here the expiry is
    moved on only when the last save is older than the touch interval, so the idle limit is
    kept to within that interval. Sessions of people not signed in are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if session.session_key and session.get("_auth_user_id"):
            now = int(time.time())
            if now - int(session.get(TOUCHED, 0)) >= settings.SESSION_TOUCH_SECONDS:
                session[TOUCHED] = now
        return self.get_response(request)


class BadParameterMiddleware:
    """A query parameter that cannot be read (oversight.params.BadParameter) is a 400 with its
    message: a page for people, JSON for the API. Never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, BadParameter):
            return None
        if request.path.startswith("/api/"):
            from django.http import JsonResponse

            return JsonResponse({"detail": str(exception), "parameter": exception.name}, status=400)
        from django.shortcuts import render

        return render(
            request,
            "errors/400.html",
            {"title": "The web address is not right", "message": str(exception)},
            status=400,
        )
