"""Fixtures of the upload tests: the link-storage servers, a Store with one account, and a
helper that adds a storage of each kind (secrets in the test keyring)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from client.profile.config import Profile
from client.store.db import Store
from client.uploads import config
from client.uploads.engine import UploadEngine
from tests.servers.link_fixtures import BUCKET
from tests.servers.s3 import ACCESS_KEY, SECRET_KEY

ACCOUNT = "rep@example.test"


@pytest.fixture
def store(profile_dir: Path) -> Iterator[Store]:
    profile = Profile.resolve()
    profile.ensure()
    opened = Store.open(profile.database)
    opened.add_account(ACCOUNT, imap_host="127.0.0.1", imap_port=1, smtp_host="127.0.0.1",
                       smtp_port=1, security="ssl")
    yield opened
    opened.close()


@pytest.fixture
def engine(store: Store) -> UploadEngine:
    return UploadEngine(store, retry_delays=(0, 0, 0))


StorageMaker = Callable[..., config.StorageConfig]


@pytest.fixture
def add_storage(store: Store, request: pytest.FixtureRequest) -> StorageMaker:
    def make(kind: str, *, secret: str | None = None, expiry_days: int = 7,
             delete_expired: bool = True) -> config.StorageConfig:
        if kind == "nextcloud":
            server = request.getfixturevalue("nextcloud_server")
            spec = config.StorageSpec("nextcloud", server.url, username=server.user,
                                      expiry_days=expiry_days, delete_expired=delete_expired)
            default = server.password
        elif kind == "s3":
            server = request.getfixturevalue("s3_server")
            spec = config.StorageSpec("s3", server.url, bucket=BUCKET, username=ACCESS_KEY,
                                      expiry_days=expiry_days, delete_expired=delete_expired)
            default = SECRET_KEY
        else:
            server = request.getfixturevalue("nginx_server" if kind == "nginx" else "wsgidav_server")
            spec = config.StorageSpec("webdav", server.url, public_url=server.public_url,
                                      username=server.user, expiry_days=expiry_days,
                                      delete_expired=delete_expired)
            default = server.password
        return config.add_storage(store, ACCOUNT, spec, secret or default)

    return make
