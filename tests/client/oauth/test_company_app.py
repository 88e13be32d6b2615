"""The company's registered app (client id) from the signed company bundle."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from client.oauth.company import oauth_settings, parse_bundle_file
from client.oauth.errors import ProviderConfigError
from client.oauth.providers import load_provider
from client.signatures import provision
from client.store.db import Store
from tests.client.signatures.fixtures import Keys, sign_dir


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "tradewind.db") as opened:
        yield opened


def _provision(store: Store, make_policy: Callable[..., Path], keys: Keys,
               oauth: dict[str, object]) -> None:
    directory = make_policy(sign=False)
    (directory / "oauth.json").write_text(json.dumps(oauth), encoding="utf-8")
    sign_dir(directory, keys.private)
    provision.use_policy(store, str(directory), keys.public.read_bytes())


def test_the_signed_bundle_gives_every_rep_the_company_client_id(
        store: Store, make_policy: Callable[..., Path], keys: Keys) -> None:
    _provision(store, make_policy, keys, {"schema_version": 1, "providers": {
        "microsoft": {"client_id": "company-app"},
        "google": {"client_id": "g-app", "client_secret": "g-desktop"}}})
    assert load_provider("microsoft", oauth_settings(store)).client_id == "company-app"
    assert load_provider("google", oauth_settings(store)).client_secret == "g-desktop"


def test_the_profiles_own_setting_wins(
        store: Store, make_policy: Callable[..., Path], keys: Keys) -> None:
    _provision(store, make_policy, keys, {"schema_version": 1, "providers": {
        "microsoft": {"client_id": "company-app"}}})
    store.set_setting("oauth.microsoft.client_id", "my-own")
    assert load_provider("microsoft", oauth_settings(store)).client_id == "my-own"


def test_without_a_bundle_only_settings_count(store: Store) -> None:
    assert oauth_settings(store) == {}
    with pytest.raises(ProviderConfigError, match="ships no client id"):
        load_provider("microsoft", oauth_settings(store))


@pytest.mark.parametrize("data, words", [
    (b"{", "not valid JSON"),
    (b'{"providers": {}}', "schema_version"),
    (b'{"schema_version": 1, "providers": {"yahoo": {}}}', "unknown provider"),
    (b'{"schema_version": 1, "providers": {"google": {"token": "x"}}}', "unknown key"),
])
def test_a_bad_oauth_file_is_refused_in_words(data: bytes, words: str) -> None:
    with pytest.raises(ProviderConfigError, match=words):
        parse_bundle_file(data)
