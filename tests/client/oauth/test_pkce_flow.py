"""The loopback PKCE flow against the test authorization server (a real HTTP exchange)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from client.oauth.errors import AdminConsentRequired, ConsentDenied, FlowCancelled, FlowTimeout
from client.oauth.pkce_flow import sign_in
from client.oauth.providers import Provider
from tests.servers.oauth_server import OAuthServer


def test_the_flow_returns_tokens_the_server_accepts(
        provider: Provider, oauth_server: OAuthServer, browser: Callable[[str], None]) -> None:
    seen: list[str] = []

    def open_url(url: str) -> None:
        seen.append(url)
        browser(url)

    tokens = sign_in(provider, open_url=open_url, login_hint="alice@example.test", timeout=30)
    assert oauth_server.active_user(tokens.access_token) == "alice"
    assert tokens.refresh_token in oauth_server.issued
    query = parse_qs(urlsplit(seen[0]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["redirect_uri"][0].startswith("http://127.0.0.1:")
    assert query["login_hint"] == ["alice@example.test"]
    assert len(query["state"][0]) >= 32


def test_the_browser_sees_a_plain_close_this_tab_page(
        provider: Provider, oauth_server: OAuthServer) -> None:
    pages: list[requests.Response] = []
    sign_in(provider, open_url=lambda url: pages.append(requests.get(url, timeout=30)),
            timeout=30)
    assert "close this tab" in pages[0].text
    assert "<script" not in pages[0].text.lower()


def test_a_redirect_with_another_state_is_refused_and_the_flow_goes_on(
        provider: Provider, oauth_server: OAuthServer) -> None:
    statuses: list[int] = []

    def open_url(url: str) -> None:
        query = parse_qs(urlsplit(url).query)
        redirect = query["redirect_uri"][0]
        forged = requests.get(redirect, params={"code": "stolen", "state": "forged"}, timeout=30)
        statuses.append(forged.status_code)
        requests.get(url, timeout=30)

    tokens = sign_in(provider, open_url=open_url, timeout=30)
    assert statuses == [400]
    assert oauth_server.active_user(tokens.access_token) == "alice"


def test_a_pkce_verifier_the_server_did_not_see_is_refused(oauth_server: OAuthServer) -> None:
    # the server side of the check: a token request with a wrong verifier fails
    url = oauth_server.base_url + "/authorize"
    redirect = "http://127.0.0.1:9/"
    reply = requests.get(url, params={
        "client_id": oauth_server.client_id, "redirect_uri": redirect, "state": "s",
        "code_challenge": "x" * 43, "code_challenge_method": "S256", "response_type": "code",
    }, allow_redirects=False, timeout=30)
    code = parse_qs(urlsplit(reply.headers["Location"]).query)["code"][0]
    token = requests.post(oauth_server.base_url + "/token", data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": redirect,
        "client_id": oauth_server.client_id, "code_verifier": "wrong"}, timeout=30)
    assert token.status_code == 400 and token.json()["error"] == "invalid_grant"


def test_consent_not_given_says_so(provider: Provider, oauth_server: OAuthServer,
                                   browser: Callable[[str], None]) -> None:
    oauth_server.consent = "deny"
    with pytest.raises(ConsentDenied, match="permission"):
        sign_in(provider, open_url=browser, timeout=30)


def test_admin_consent_required_names_the_administrator(
        provider: Provider, oauth_server: OAuthServer, browser: Callable[[str], None]) -> None:
    oauth_server.consent = "admin"
    with pytest.raises(AdminConsentRequired, match="administrator"):
        sign_in(provider, open_url=browser, timeout=30)


def test_a_browser_that_never_returns_times_out(provider: Provider) -> None:
    with pytest.raises(FlowTimeout, match="did not come back"):
        sign_in(provider, open_url=lambda url: None, timeout=0.5)


def test_cancel_stops_the_wait(provider: Provider) -> None:
    cancel = threading.Event()
    with pytest.raises(FlowCancelled):
        sign_in(provider, open_url=lambda url: cancel.set(), timeout=60, cancel=cancel)


def test_the_listener_is_closed_after_the_flow(provider: Provider) -> None:
    urls: list[str] = []
    with pytest.raises(FlowTimeout):
        sign_in(provider, open_url=urls.append, timeout=0.2)
    redirect = parse_qs(urlsplit(urls[0]).query)["redirect_uri"][0]
    with pytest.raises(requests.ConnectionError):
        requests.get(redirect, timeout=5)


def test_the_rep_reads_the_sign_in_failures_in_their_language(provider: Provider) -> None:
    # The wizard in a Chinese UI showed "The sign-in was cancelled; nothing was changed." in
    # English: the flow's messages go through the core's catalog like every other failure.
    from client import i18n
    from client.oauth.errors import explain

    i18n.set_language("zh_CN")
    try:
        cancel = threading.Event()
        with pytest.raises(FlowCancelled) as cancelled:
            sign_in(provider, open_url=lambda url: cancel.set(), timeout=60, cancel=cancel)
        assert str(cancelled.value) == "登录已取消；没有任何更改。"
        expired = str(explain("invalid_grant", "AADSTS700082: The refresh token has expired",
                              provider="Microsoft"))
        assert "Microsoft" in expired and "重新登录" in expired and "AADSTS700082" in expired
        assert "服务商" in str(explain("server_error"))
    finally:
        i18n.set_language("en")
    assert str(explain("server_error")).startswith("the provider could not complete")
