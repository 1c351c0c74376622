"""Single sign-on with OpenID Connect (Microsoft Entra ID, or any provider), on mozilla-django-oidc.

The library does the authorisation code flow: state, nonce, PKCE, the token request, and the
id_token's signature against the provider's JWKS. This module adds what Oversight needs:

- the provider's endpoints read from its discovery document, lazily, so that starting the
  service or signing in with a password never waits for the provider;
- the id_token's audience, issuer, expiry and subject checked (the library skips the audience);
- the person found by the provider's issuer and subject, their role and organisation taken from
  the `groups` (or `roles`) claim through OVERSIGHT_OIDC_GROUP_MAP, and refused with a clear
  page when their groups map to nothing.

The callback view calls the backend itself rather than through django.contrib.auth.authenticate,
so a refusal by the provider is not counted by django-axes as a wrong password: the provider
keeps its own lockout.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from oversight.accounts.models import Role

logger = logging.getLogger(__name__)

BACKEND_PATH = "oversight.accounts.oidc.OversightOIDCBackend"

# Most privileged first: when a person's groups map to several roles, the first here wins.
ROLE_PRECEDENCE = [Role.LIAISON, Role.EXECUTIVE, Role.OWNER, Role.VIEWER]

DISCOVERY_KEYS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_ISSUER": "issuer",
}
DISCOVERY_CACHE_SECONDS = 3600
_discovery_cache: dict[str, tuple[float, dict[str, Any]]] = {}
_discovery_lock = threading.Lock()


def oidc_enabled() -> bool:
    return bool(getattr(settings, "OIDC_ENABLED", False))


def discovery_document(url: str) -> dict[str, Any]:
    """The provider's /.well-known/openid-configuration, kept for an hour."""
    now = time.monotonic()
    with _discovery_lock:
        cached = _discovery_cache.get(url)
        if cached and now - cached[0] < DISCOVERY_CACHE_SECONDS:
            return cached[1]
    answer = requests.get(url, timeout=getattr(settings, "OIDC_TIMEOUT", 10))
    answer.raise_for_status()
    document = answer.json()
    with _discovery_lock:
        _discovery_cache[url] = (now, document)
    return document


def oidc_setting(attr: str, *default: Any) -> Any:
    """A setting for mozilla-django-oidc; an endpoint not set is read from discovery."""
    value = getattr(settings, attr, None)
    if not value and attr in DISCOVERY_KEYS and getattr(settings, "OIDC_OP_DISCOVERY", ""):
        value = discovery_document(settings.OIDC_OP_DISCOVERY).get(DISCOVERY_KEYS[attr])
    if value in (None, ""):
        if default:
            return default[0]
        if value is None:
            raise ImproperlyConfigured(f"Setting {attr} not found")
    return value


# --- the group map -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """Where a person's groups put them: an organisation (by slug) and a role."""

    organisation: str
    role: str
    group: str


def group_map_problems(group_map: Any) -> list[str]:
    """What is wrong with OVERSIGHT_OIDC_GROUP_MAP, for the system check."""
    if not isinstance(group_map, dict):
        return ["it must be a JSON object of group → {organisation, role}"]
    problems = []
    for group, target in group_map.items():
        if not isinstance(target, dict):
            problems.append(f"{group!r}: the value must be an object")
            continue
        if not target.get("organisation"):
            problems.append(f"{group!r}: no organisation slug")
        if target.get("role") not in Role.values:
            problems.append(f"{group!r}: role must be one of {', '.join(Role.values)}")
    return problems


def claimed_groups(claims: dict[str, Any]) -> list[str]:
    """The values of the `groups` and `roles` claims (Entra ID sends group ids and app roles)."""
    found: list[str] = []
    for name in ("groups", "roles"):
        value = claims.get(name)
        if isinstance(value, str):
            value = [value]
        if isinstance(value, Iterable):
            found.extend(str(v) for v in value if v not in (None, ""))
    return found


def placement_for(groups: Iterable[str], group_map: dict[str, dict[str, str]]) -> Placement | None:
    """The most privileged placement any of `groups` maps to (liaison > executive > owner >
    viewer); among equals, the group listed first by the provider. None if none maps."""
    best: Placement | None = None
    for group in groups:
        target = group_map.get(group)
        if not isinstance(target, dict) or target.get("role") not in Role.values:
            continue
        candidate = Placement(str(target.get("organisation", "")), target["role"], group)
        if not candidate.organisation:
            continue
        if best is None or ROLE_PRECEDENCE.index(candidate.role) < ROLE_PRECEDENCE.index(best.role):
            best = candidate
    return best


# --- the backend -------------------------------------------------------------------------------


class SignInRefused(Exception):
    """The provider signed the person in, but Oversight will not. The message is for them."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


NOT_SET_UP = "Your account is not set up for Oversight. Ask your HMICFRS liaison lead."


def _lazy(name: str, *default: Any) -> property:
    return property(lambda self: oidc_setting(name, *default))


class OversightOIDCBackend(OIDCAuthenticationBackend):
    """Maps the provider's claims to an Oversight person.

    The settings are read when used, not when the backend is made: Django makes every backend
    for each password sign-in, and that must not wait for the identity provider.
    """

    OIDC_OP_TOKEN_ENDPOINT = _lazy("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = _lazy("OIDC_OP_USER_ENDPOINT", "")
    OIDC_OP_JWKS_ENDPOINT = _lazy("OIDC_OP_JWKS_ENDPOINT", None)
    OIDC_RP_CLIENT_ID = _lazy("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = _lazy("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = _lazy("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_IDP_SIGN_KEY = _lazy("OIDC_RP_IDP_SIGN_KEY", None)

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()

    @staticmethod
    def get_settings(attr, *args):
        return oidc_setting(attr, *args)

    def authenticate(self, request, **kwargs):
        # Only the callback view, which passes the nonce it kept, signs in through here; never a
        # password form that happens to carry ?code=…&state=….
        if not oidc_enabled() or "nonce" not in kwargs or "password" in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def _verify_jws(self, payload, key):
        """The signature, and the claims the library leaves unchecked: audience, issuer, expiry."""
        header = jwt.get_unverified_header(payload)
        algorithm = header.get("alg")
        if algorithm != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"The id_token is signed with {algorithm!r}.")
        issuer = oidc_setting("OIDC_OP_ISSUER", "") or None
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[algorithm],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=issuer,
                leeway=60,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation(f"The id_token is not valid: {exc}") from exc

    def get_userinfo(self, access_token, id_token, payload):
        """The id_token's claims, with the userinfo endpoint's added if the provider has one.

        Entra ID puts `groups` and `roles` in the id_token only, not in userinfo.
        """
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT and access_token:
            answer = requests.get(
                self.OIDC_OP_USER_ENDPOINT,
                headers={"Authorization": f"Bearer {access_token}"},
                timeout=oidc_setting("OIDC_TIMEOUT", 10),
            )
            answer.raise_for_status()
            if answer.headers.get("content-type", "").lower().startswith("application/json"):
                info = answer.json()
                if info.get("sub") != payload.get("sub"):
                    raise SuspiciousOperation("userinfo is about someone else")
                for name, value in info.items():
                    if name not in {"iss", "aud", "exp", "iat", "nbf", "nonce", "sub"}:
                        claims.setdefault(name, value)
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        from oversight.accounts.services import person_sign_in_with_identity_provider

        claims = self.get_userinfo(access_token, id_token, payload)
        return person_sign_in_with_identity_provider(
            claims=claims, group_map=getattr(settings, "OVERSIGHT_OIDC_GROUP_MAP", {})
        )

    def get_user(self, user_id):
        from oversight.accounts.backends import load_signed_in

        user = load_signed_in(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


def username_from_claims(claims: dict[str, Any]) -> str:
    for name in ("preferred_username", "upn", "email"):
        value = claims.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip().lower()
    return ""


def names_from_claims(claims: dict[str, Any]) -> tuple[str, str]:
    first = str(claims.get("given_name") or "").strip()
    last = str(claims.get("family_name") or "").strip()
    if not first and not last and claims.get("name"):
        first, _, last = str(claims["name"]).strip().partition(" ")
    return first[:150], last[:150]


# --- the views ---------------------------------------------------------------------------------


def _provider_unavailable(request):
    return render(
        request,
        "accounts/sso_problem.html",
        {
            "title": "Your organisation's sign-in is not answering",
            "message": "Oversight cannot reach your organisation's sign-in service just now. "
            "Try again in a few minutes, or sign in with an Oversight username and password "
            "if you have one.",
        },
        status=502,
    )


@method_decorator(login_not_required, name="dispatch")
class OIDCStartView(OIDCAuthenticationRequestView):
    """Sends the person to the identity provider (state, nonce and PKCE kept in the session)."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the library reads the endpoints here; we do it in get()

    def get(self, request):
        if not oidc_enabled():
            raise Http404("Single sign-on is not set up")
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except (requests.RequestException, ValueError):
            logger.exception("The identity provider's discovery document could not be read")
            return _provider_unavailable(request)
        self.OIDC_RP_CLIENT_ID = oidc_setting("OIDC_RP_CLIENT_ID")
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class OIDCCallbackView(View):
    """Where the provider sends the person back: check, find or create them, sign them in."""

    http_method_names = ["get"]

    def get(self, request):
        if not oidc_enabled():
            raise Http404("Single sign-on is not set up")
        states = request.session.get("oidc_states")
        state = request.GET.get("state", "")
        entry = states.pop(state, None) if isinstance(states, dict) else None
        if entry is not None:
            request.session["oidc_states"] = states  # used once: a replayed callback fails
        if request.GET.get("error"):
            logger.info("The identity provider refused: %s", request.GET.get("error"))
            return self.failure(
                "Your organisation's sign-in did not sign you in. Try again, or ask your IT "
                "service desk.",
                status=403,
            )
        if entry is None or not request.GET.get("code"):
            return self.failure(
                "Your sign-in was started too long ago or in another window. Try again.",
                status=400,
            )
        backend = OversightOIDCBackend()
        try:
            user = backend.authenticate(
                request, nonce=entry.get("nonce"), code_verifier=entry.get("code_verifier")
            )
        except SignInRefused as refusal:
            logger.warning("Single sign-on refused (%s)", refusal.reason)
            return render(
                request,
                "accounts/sso_refused.html",
                {"title": "You cannot sign in to Oversight", "message": refusal.message},
                status=403,
            )
        except SuspiciousOperation as exc:
            logger.warning("Single sign-on failed a check: %s", exc)
            return self.failure(
                "Oversight could not check who you are with your organisation's sign-in. "
                "Try again; if it happens again, tell your IT service desk.",
                status=400,
            )
        except requests.RequestException:
            logger.exception("The identity provider could not be reached")
            return _provider_unavailable(request)
        if user is None or not user.is_active:
            return self.failure(
                "Oversight could not sign you in with your organisation account. Try again.",
                status=400,
            )
        if BACKEND_PATH not in settings.AUTHENTICATION_BACKENDS:
            raise ImproperlyConfigured(f"{BACKEND_PATH} must be in AUTHENTICATION_BACKENDS")
        auth.login(request, user, backend=BACKEND_PATH)
        next_url = request.session.pop("oidc_login_next", None)
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)

    def failure(self, message: str, *, status: int):
        return render(
            self.request,
            "accounts/sso_problem.html",
            {"title": "There was a problem signing you in", "message": message},
            status=status,
        )
