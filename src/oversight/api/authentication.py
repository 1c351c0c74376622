"""How the API knows who is asking: `Authorization: Bearer <token>`, or the browser session."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from oversight.api import selectors, services


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """A personal API token. Revoked and expired tokens, and tokens of people who can no
    longer sign in, are refused (401)."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the token as 'Authorization: Bearer <token>'."
            )
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed("The token is not valid.") from exc
        token = selectors.token_presented(secret)
        if token is None:
            raise exceptions.AuthenticationFailed("The token is not valid.")
        now = timezone.now()
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed("This token has been revoked.")
        if token.is_expired(now):
            raise exceptions.AuthenticationFailed("This token has expired.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(
                "The person this token belongs to cannot sign in."
            )
        services.token_touch(token=token, now=now)
        return (token.user, token)

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'


class SessionAuthentication(authentication.SessionAuthentication):
    """A signed-in browser; writes need the CSRF token, as on the pages."""


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "oversight.api.authentication.BearerTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token made on the 'API tokens' page of your account.",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "oversight.api.authentication.SessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
