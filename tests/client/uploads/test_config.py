"""Storage definitions: validation in words, secrets only in the keyring (their own entry
kind beside the account passwords), removal refused while links are active."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.profile import secrets
from client.store.db import Store
from client.uploads import config, links
from client.uploads.engine import UploadEngine
from tests.client.uploads.conftest import ACCOUNT, StorageMaker
from tests.servers.link_fixtures import write_random
from tests.support.memory_keyring import MemoryKeyring


@pytest.mark.parametrize(("spec", "words"), [
    (config.StorageSpec("ftp", "http://h/"), "Unknown storage kind"),
    (config.StorageSpec("webdav", "http://h/dav/", username="u"), "--public-url"),
    (config.StorageSpec("webdav", "file:///etc", public_url="http://h/", username="u"), "http://"),
    (config.StorageSpec("nextcloud", "https://u:pw@h/", username="u"), "must not hold a user"),
    (config.StorageSpec("nextcloud", "https://h/"), "--username"),
    (config.StorageSpec("s3", "http://h/", bucket="b", username="K"), "--bucket"),
    (config.StorageSpec("s3", "http://h/", bucket="links", username="K", expiry_days=8),
     "at most 7 days"),
    (config.StorageSpec("s3", "http://h/", bucket="links", username="K", expiry_days=0),
     "between 1 and"),
])
def test_bad_definitions_are_refused_in_words(spec: config.StorageSpec, words: str,
                                              store: Store) -> None:
    with pytest.raises(config.StorageConfigError, match=words):
        config.add_storage(store, ACCOUNT, spec, "secret")
    assert config.list_storages(store) == []


def test_the_secret_lives_in_the_keyring_only_beside_the_account_password(
    store: Store, memory_keyring: MemoryKeyring
) -> None:
    secrets.set_password(ACCOUNT, "mail-password")
    item = config.add_storage(store, ACCOUNT, config.StorageSpec(
        "nextcloud", "https://cloud.example/", username="rep"), "app-Password-93")

    assert secrets.get_storage_secret(item.id, ACCOUNT) == "app-Password-93"
    assert secrets.get_password(ACCOUNT) == "mail-password"
    store.close()
    raw = b"".join(p.read_bytes() for p in Path(store.path).parent.glob("tradewind.db*"))
    assert b"app-Password-93" not in raw
    reopened = Store.open(store.path)
    config.remove_storage(reopened, item.id)
    assert secrets.get_storage_secret(item.id, ACCOUNT) is None
    assert secrets.get_password(ACCOUNT) == "mail-password"
    reopened.close()


def test_a_storage_with_active_links_is_not_removed(
    tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker
) -> None:
    storage = add_storage("s3")
    path = tmp_path / "f.bin"
    write_random(path, 1000)
    result = engine.upload(storage, path)

    with pytest.raises(config.StorageConfigError, match="links revoke"):
        config.remove_storage(store, storage.id)
    links.revoke(store, result.link.id)
    config.remove_storage(store, storage.id)
    assert config.list_storages(store) == []


def test_a_missing_secret_is_a_keyring_error_in_words(store: Store) -> None:
    item = config.add_storage(store, ACCOUNT, config.StorageSpec(
        "nextcloud", "https://cloud.example/", username="rep"), "x-secret")
    secrets.delete_storage_secret(item.id, ACCOUNT)
    with pytest.raises(secrets.SecretsError, match="no secret for link storage"):
        config.open_provider(item)
