"""Fixtures of the OAuth2 tests: the test authorization server and a "browser"."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import requests

from client.oauth.providers import Provider, from_metadata
from tests.servers.oauth_server import OAuthServer


@pytest.fixture
def oauth_server() -> Iterator[OAuthServer]:
    server = OAuthServer().start()
    server.user = "alice"
    yield server
    server.stop()


@pytest.fixture
def provider(oauth_server: OAuthServer) -> Provider:
    return from_metadata(oauth_server.provider_json(), name="testbed")


def follow(url: str) -> None:
    """The browser: GET the authorization address and follow the redirect to the loopback."""
    page = requests.get(url, timeout=30, allow_redirects=True)
    assert page.status_code == 200, page.text


@pytest.fixture
def browser() -> Callable[[str], None]:
    return follow
