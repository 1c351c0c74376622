"""A small OpenID Connect provider for the tests, on 127.0.0.1 in a thread.

Standard library http.server and PyJWT. It signs everyone in at once as `provider.identity`
(no login form): the authorisation endpoint answers straight away with a redirect carrying a
code. It implements what the code flow needs: discovery, authorisation (state, nonce and PKCE
S256 kept with the code), token (client secret, redirect URI and code verifier checked; each
code used once), userinfo (Bearer token) and JWKS. Knobs let tests break it on purpose.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa


class OIDCProvider:
    def __init__(self, *, client_id: str = "oversight", client_secret: str = "s3cret"):
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "test-key-1"
        self.identity: dict[str, Any] = {}
        self.codes: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, dict[str, Any]] = {}
        self.requests: list[str] = []
        self.reset()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # --- knobs ---------------------------------------------------------------------------------

    def reset(self) -> None:
        self.identity = {
            "sub": "00000000-aaaa-4bbb-8ccc-000000000001",
            "preferred_username": "Alex.Jones@force.example",
            "email": "alex.jones@force.example",
            "given_name": "Alex",
            "family_name": "Jones",
            "groups": [],
        }
        self.tamper_signature = False  # flip a byte of the id_token's signature
        self.sign_with_other_key = False  # sign with a key that is not in the JWKS
        self.audience: str | None = None  # None: the client id
        self.issuer: str | None = None  # None: this provider's URL
        self.nonce_override: str | None = None
        self.requests = []

    # --- lifecycle -----------------------------------------------------------------------------

    def start(self) -> OIDCProvider:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def discovery_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "email", "profile"],
        }

    def jwks(self) -> dict[str, Any]:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    # --- the flow ------------------------------------------------------------------------------

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        if query.get("client_id") != self.client_id or query.get("response_type") != "code":
            return 400, {}, {"error": "invalid_request"}
        code = secrets.token_urlsafe(24)
        self.codes[code] = {
            "redirect_uri": query["redirect_uri"],
            "nonce": query.get("nonce"),
            "code_challenge": query.get("code_challenge"),
            "identity": dict(self.identity),
        }
        target = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]})
        return 302, {"Location": target}, None

    def token(self, form: dict[str, str], authorization: str) -> tuple[int, dict[str, str], Any]:
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        if authorization.startswith("Basic "):
            decoded = base64.b64decode(authorization[6:]).decode()
            client_id, _, client_secret = decoded.partition(":")
        if (client_id, client_secret) != (self.client_id, self.client_secret):
            return 401, {}, {"error": "invalid_client"}
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or form.get("grant_type") != "authorization_code":
            return 400, {}, {"error": "invalid_grant"}
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return 400, {}, {"error": "invalid_grant", "error_description": "redirect_uri"}
        if grant["code_challenge"]:
            verifier = form.get("code_verifier", "")
            challenge = (
                base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                .rstrip(b"=")
                .decode()
            )
            if challenge != grant["code_challenge"]:
                return 400, {}, {"error": "invalid_grant", "error_description": "PKCE"}
        identity = grant["identity"]
        now = int(time.time())
        claims = {
            **identity,
            "iss": self.issuer or self.url,
            "aud": self.audience or self.client_id,
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
            "nonce": self.nonce_override or grant["nonce"],
        }
        key = self.other_key if self.sign_with_other_key else self.key
        id_token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})
        if self.tamper_signature:
            head, body, signature = id_token.split(".")
            raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
            raw[10] ^= 0xFF
            signature = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
            id_token = f"{head}.{body}.{signature}"
        access_token = secrets.token_urlsafe(24)
        # like Entra ID, userinfo carries the person's names but not their groups
        self.tokens[access_token] = {k: v for k, v in identity.items() if k != "groups"}
        return (
            200,
            {},
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": 3600,
                "id_token": id_token,
            },
        )

    def userinfo(self, authorization: str) -> tuple[int, dict[str, str], Any]:
        claims = self.tokens.get(authorization.removeprefix("Bearer ").strip())
        if claims is None:
            return 401, {}, {"error": "invalid_token"}
        return 200, {}, claims

    # --- HTTP ----------------------------------------------------------------------------------

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _answer(self, status: int, headers: dict[str, str], body: Any) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                data = b""
                if body is not None:
                    data = json.dumps(body).encode()
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlsplit(self.path)
                provider.requests.append(f"GET {url.path}")
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/.well-known/openid-configuration":
                    return self._answer(200, {}, provider.discovery())
                if url.path == "/jwks":
                    return self._answer(200, {}, provider.jwks())
                if url.path == "/authorize":
                    return self._answer(*provider.authorize(query))
                if url.path == "/userinfo":
                    return self._answer(*provider.userinfo(self.headers.get("Authorization", "")))
                return self._answer(404, {}, {"error": "not_found"})

            def do_POST(self):
                url = urlsplit(self.path)
                provider.requests.append(f"POST {url.path}")
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                form = {k: v[0] for k, v in parse_qs(raw).items()}
                if url.path == "/token":
                    auth = self.headers.get("Authorization", "")
                    return self._answer(*provider.token(form, auth))
                return self._answer(404, {}, {"error": "not_found"})

        return Handler
