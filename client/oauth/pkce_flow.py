"""The OAuth2 authorization code flow with PKCE (S256) and a loopback redirect (RFC 8252).

`sign_in(provider, open_url=…, login_hint=…, timeout=…, cancel=…) -> TokenSet`:
1. listens on 127.0.0.1 on a random port (a `ThreadingHTTPServer` in its own thread);
   the redirect address is `http://<provider.redirect_host>:<port>/`;
2. builds the authorization address with a random `state` and an S256 code challenge
   (authlib) and hands it to `open_url` (the system browser, or printing it);
3. waits for the browser's redirect: a request whose `state` differs is answered with a
   plain error page and ignored; the right one gets the plain "you can close this tab" page;
4. exchanges the code (with the verifier) at the token endpoint.
Raises `FlowTimeout` (nothing came back within `timeout` seconds), `FlowCancelled`
(`cancel` was set), `ConsentDenied` / `AdminConsentRequired` / `OAuthError` (the provider's
error, in words), `TokenServiceUnavailable`. The listener is always closed on return.
Blocking: call from a worker thread (never the GUI thread). No token, code or verifier is
logged or put in an error text.
"""

from __future__ import annotations

import html
import queue
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from client.i18n import _
from client.oauth.errors import (
    FlowCancelled,
    FlowTimeout,
    OAuthError,
    TokenServiceUnavailable,
    explain,
)
from client.oauth.providers import Provider
from client.oauth.tokens import TokenSet

DEFAULT_TIMEOUT_S = 300.0
_POLL_S = 0.1

_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Tradewind</title></head>
<body style="font-family: sans-serif; margin: 3em">
<h1>{title}</h1><p>{text}</p></body></html>
"""


def _page(title: str, text: str) -> bytes:
    return _PAGE.format(title=html.escape(title), text=html.escape(text)).encode("utf-8")


class _Listener(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: str, answers: queue.Queue[dict[str, str]]) -> None:
        self.expected_state = state
        self.answers = answers
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Listener

    def log_message(self, format: str, *args: object) -> None:  # the base class's parameter names
        return  # the query holds the code: never log requests

    def do_GET(self) -> None:  # http.server's hook name
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items() if v}
        if parts.path != "/" or query.get("state") != self.server.expected_state:
            self._reply(400, _page("Tradewind", _("This address is not the sign-in Tradewind "
                                                  "started. Close this tab and start the "
                                                  "sign-in again.")))
            return
        if "error" in query:
            self._reply(200, _page(_("Tradewind: sign-in not completed"),
                                   _("The sign-in did not finish. You can close this tab and "
                                     "return to Tradewind, which says what happened.")))
        else:
            self._reply(200, _page(_("Tradewind: you are signed in"),
                                   _("You can close this tab and return to Tradewind.")))
        self.server.answers.put(query)

    def _reply(self, code: int, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)


def _session(provider: Provider, redirect_uri: str) -> object:
    from authlib.integrations.requests_client import OAuth2Session

    return OAuth2Session(
        client_id=provider.client_id, client_secret=provider.client_secret,
        scope=" ".join(provider.scopes), redirect_uri=redirect_uri,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_post" if provider.client_secret else "none",
    )


def sign_in(
    provider: Provider,
    *,
    open_url: Callable[[str], None],
    login_hint: str | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    cancel: threading.Event | None = None,
) -> TokenSet:
    """Run the whole flow and return the new tokens (see the module docstring)."""
    from authlib.common.security import generate_token
    from authlib.integrations.base_client.errors import OAuthError as LibOAuthError
    from requests import RequestException

    state = generate_token(32)
    verifier = generate_token(64)
    answers: queue.Queue[dict[str, str]] = queue.Queue()
    listener = _Listener(state, answers)
    thread = threading.Thread(target=listener.serve_forever, kwargs={"poll_interval": 0.2},
                              name="oauth-redirect", daemon=True)
    thread.start()
    try:
        port = listener.server_address[1]
        redirect_uri = f"http://{provider.redirect_host}:{port}/"
        session = _session(provider, redirect_uri)
        extra = dict(provider.auth_params)
        if login_hint:
            extra["login_hint"] = login_hint
        url, _state = session.create_authorization_url(  # type: ignore[attr-defined]
            provider.authorization_endpoint, state=state, code_verifier=verifier, **extra)
        open_url(url)
        answer = _wait(answers, timeout, cancel, provider)
        if "error" in answer:
            raise explain(answer["error"], answer.get("error_description", ""),
                          provider=provider.shown_name)
        code = answer.get("code")
        if not code:
            raise OAuthError(_("{provider} came back without a sign-in code; sign in again.",
                               provider=provider.shown_name))
        try:
            reply = session.fetch_token(  # type: ignore[attr-defined]
                provider.token_endpoint, grant_type="authorization_code", code=code,
                code_verifier=verifier, redirect_uri=redirect_uri, timeout=30)
        except LibOAuthError as exc:
            raise explain(str(getattr(exc, "error", "") or "error"),
                          str(getattr(exc, "description", "") or ""),
                          provider=provider.shown_name) from None
        except RequestException as exc:
            raise TokenServiceUnavailable(
                _("Cannot reach the sign-in service of {provider} ({reason}); check the "
                  "connection and sign in again.", provider=provider.shown_name,
                  reason=type(exc).__name__)) from None
        return TokenSet.from_reply(dict(reply), client_secret=provider.client_secret)
    finally:
        listener.shutdown()
        listener.server_close()
        thread.join(timeout=5)


def _wait(answers: queue.Queue[dict[str, str]], timeout: float,
          cancel: threading.Event | None, provider: Provider) -> dict[str, str]:
    deadline = time.monotonic() + timeout
    while True:
        if cancel is not None and cancel.is_set():
            raise FlowCancelled(_("The sign-in was cancelled; nothing was changed."))
        left = deadline - time.monotonic()
        if left <= 0:
            raise FlowTimeout(
                _("The browser did not come back from {provider} within {seconds} seconds. "
                  "Sign in again and finish the sign-in in the browser window that opens (or "
                  "cancel).", provider=provider.shown_name, seconds=int(timeout)))
        try:
            return answers.get(timeout=min(_POLL_S, left))
        except queue.Empty:
            continue
