"""A small OAuth2 authorization server for the test bed (127.0.0.1 only, plain HTTP: loopback
addresses are what RFC 8252 allows without TLS).

``OAuthServer(client_id=…, client_secret=None).start()`` serves on ``base_url``:
- ``GET /authorize``: checks the client, the loopback redirect and the S256 challenge, then
  auto-consents for ``user`` (a Dovecot user name) and redirects with ``code`` + ``state``.
  ``consent = "deny"`` redirects with ``error=access_denied``; ``"admin"`` with the
  AADSTS65001 "admin consent required" error.
- ``POST /token``: ``authorization_code`` (code once, same client and redirect, PKCE verified)
  and ``refresh_token`` grants; errors are RFC 6749 JSON (``invalid_grant`` …).
- ``POST /revoke`` (RFC 7009), ``POST /introspect`` (RFC 7662, what Dovecot asks, answers
  ``{"active": true, "username": …}``), ``GET /.well-known/oauth-authorization-server``.
Switches: ``expire_access_tokens()`` (every access token issued so far is dead now),
``revoke_refresh_tokens()``; ``access_lifetime`` (seconds). Records: ``issued`` (every token
string handed out, to check none leaks), ``grants`` (grant types in order), ``introspected``.
Thread-safe; stop with ``stop()``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

HOST = "127.0.0.1"


@dataclass
class _Code:
    client_id: str
    redirect_uri: str
    challenge: str
    user: str
    scope: str


class OAuthServer:
    """See the module docstring."""

    def __init__(self, client_id: str = "tradewind-test", client_secret: str | None = None,
                 scopes: tuple[str, ...] = ("mail",)) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.scopes = scopes
        self.user = ""
        self.consent = "grant"
        self.access_lifetime = 3600
        self.issued: list[str] = []
        self.grants: list[str] = []
        self.introspected: list[bool] = []
        self._codes: dict[str, _Code] = {}
        self._access: dict[str, tuple[str, float]] = {}
        self._refresh: dict[str, str] = {}
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    # -- life cycle -------------------------------------------------------------------------
    def start(self) -> OAuthServer:
        server = self

        class Handler(_Handler):
            owner = server

        self._httpd = ThreadingHTTPServer((HOST, 0), Handler)
        self._httpd.daemon_threads = True
        self.port = int(self._httpd.server_address[1])
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True,
                                        name="oauth-test-server")
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def provider_json(self) -> dict[str, Any]:
        """The ``--oauth FILE`` content for this server."""
        data: dict[str, Any] = {
            "issuer": self.base_url,
            "authorization_endpoint": self.base_url + "/authorize",
            "token_endpoint": self.base_url + "/token",
            "revocation_endpoint": self.base_url + "/revoke",
            "client_id": self.client_id,
            "scopes": list(self.scopes),
        }
        if self.client_secret:
            data["client_secret"] = self.client_secret
        return data

    # -- switches ---------------------------------------------------------------------------
    def expire_access_tokens(self) -> None:
        with self._lock:
            self._access = {t: (u, 0.0) for t, (u, _) in self._access.items()}

    def revoke_refresh_tokens(self) -> None:
        with self._lock:
            self._refresh.clear()
            self._access.clear()

    def active_user(self, token: str) -> str | None:
        with self._lock:
            entry = self._access.get(token)
        return entry[0] if entry and entry[1] > time.time() else None

    # -- protocol ---------------------------------------------------------------------------
    def _new_token(self, prefix: str) -> str:
        token = prefix + secrets.token_urlsafe(24)
        self.issued.append(token)
        return token

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        redirect = query.get("redirect_uri", "")
        parts = urlsplit(redirect)
        if (query.get("client_id") != self.client_id or parts.scheme != "http"
                or parts.hostname not in ("127.0.0.1", "localhost")):
            return 400, {}, b"unknown client or redirect"
        state = query.get("state", "")

        def back(params: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
            return 302, {"Location": redirect + "?" + urlencode({**params, "state": state})}, b""

        if self.consent == "deny":
            return back({"error": "access_denied", "error_description": "The user declined."})
        if self.consent == "admin":
            return back({"error": "invalid_client", "error_description":
                         "AADSTS65001: The user or administrator has not consented to use the "
                         "application."})
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            return back({"error": "invalid_request", "error_description": "PKCE S256 required"})
        code = secrets.token_urlsafe(16)
        with self._lock:
            self._codes[code] = _Code(self.client_id, redirect, query["code_challenge"],
                                      self.user, query.get("scope", ""))
        return back({"code": code})

    def _client_ok(self, form: dict[str, str]) -> bool:
        if form.get("client_id") != self.client_id:
            return False
        return self.client_secret is None or form.get("client_secret") == self.client_secret

    def _issue(self, user: str, refresh: str | None) -> dict[str, Any]:
        access = self._new_token("at-")
        with self._lock:
            self._access[access] = (user, time.time() + self.access_lifetime)
            if refresh is None:
                refresh = self._new_token("rt-")
                self._refresh[refresh] = user
        return {"access_token": access, "token_type": "Bearer",
                "expires_in": self.access_lifetime, "refresh_token": refresh}

    def token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        grant = form.get("grant_type", "")
        self.grants.append(grant)
        if not self._client_ok(form):
            return 401, {"error": "invalid_client"}
        if grant == "authorization_code":
            with self._lock:
                code = self._codes.pop(form.get("code", ""), None)
            if code is None or code.redirect_uri != form.get("redirect_uri"):
                return 400, {"error": "invalid_grant", "error_description": "bad code"}
            verifier = form.get("code_verifier", "").encode()
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
            if digest.decode() != code.challenge:
                return 400, {"error": "invalid_grant", "error_description": "PKCE mismatch"}
            return 200, self._issue(code.user, None)
        if grant == "refresh_token":
            with self._lock:
                user = self._refresh.get(form.get("refresh_token", ""))
            if user is None:
                return 400, {"error": "invalid_grant",
                             "error_description": "The refresh token was revoked."}
            reply = self._issue(user, form["refresh_token"])
            return 200, reply
        return 400, {"error": "unsupported_grant_type"}

    def revoke(self, form: dict[str, str]) -> None:
        token = form.get("token", "")
        with self._lock:
            self._refresh.pop(token, None)
            self._access.pop(token, None)

    def introspect(self, form: dict[str, str]) -> dict[str, Any]:
        user = self.active_user(form.get("token", ""))
        self.introspected.append(user is not None)
        return {"active": True, "username": user} if user else {"active": False}


class _Handler(BaseHTTPRequestHandler):
    owner: OAuthServer

    def log_message(self, format: str, *args: object) -> None:
        return

    def _send(self, code: int, body: bytes, headers: dict[str, str] | None = None,
              content_type: str = "application/json") -> None:
        self.send_response(code)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path == "/authorize":
            code, headers, body = self.owner.authorize(query)
            self._send(code, body, headers, "text/plain")
        elif parts.path == "/.well-known/oauth-authorization-server":
            data = self.owner.provider_json()
            data.pop("client_id")
            data.pop("scopes")
            data.pop("client_secret", None)
            self._send(200, json.dumps(data).encode())
        else:
            self._send(404, b"{}")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        path = urlsplit(self.path).path
        if path == "/token":
            code, data = self.owner.token(form)
            self._send(code, json.dumps(data).encode())
        elif path == "/revoke":
            self.owner.revoke(form)
            self._send(200, b"")
        elif path == "/introspect":
            self._send(200, json.dumps(self.owner.introspect(form)).encode())
        else:
            self._send(404, b"{}")
