"""Session-scoped link-storage servers and helpers for the upload tests (import the fixtures
into a conftest or test module). Faults are reset after every test that used a server."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
import requests

from tests.servers import nginx_dav
from tests.servers.nextcloud import NextcloudServer
from tests.servers.nginx_dav import NginxDav
from tests.servers.s3 import ACCESS_KEY, SECRET_KEY, S3Server
from tests.servers.wsgidav_server import WsgiDavServer

BUCKET = "tradewind-links"
MiB = 1024 * 1024


@pytest.fixture(scope="session")
def nextcloud_session() -> Iterator[NextcloudServer]:
    server = NextcloudServer().start()
    yield server
    server.stop()


@pytest.fixture
def nextcloud_server(nextcloud_session: NextcloudServer) -> Iterator[NextcloudServer]:
    nextcloud_session.reset_faults()
    yield nextcloud_session
    nextcloud_session.reset_faults()


@pytest.fixture(scope="session")
def s3_session() -> Iterator[S3Server]:
    server = S3Server()
    server.start()
    boto3.client("s3", endpoint_url=server.url, aws_access_key_id=ACCESS_KEY,
                 aws_secret_access_key=SECRET_KEY, region_name="us-east-1").create_bucket(
        Bucket=BUCKET)
    yield server
    server.stop()


@pytest.fixture
def s3_server(s3_session: S3Server) -> Iterator[S3Server]:
    s3_session.reset_faults()
    yield s3_session
    s3_session.reset_faults()


@pytest.fixture(scope="session")
def nginx_server() -> Iterator[NginxDav]:
    if not nginx_dav.available():
        pytest.fail("nginx with libnginx-mod-http-dav-ext is needed (apt-get install nginx "
                    "libnginx-mod-http-dav-ext) and the tests must run as root")
    server = NginxDav().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def wsgidav_server() -> Iterator[WsgiDavServer]:
    server = WsgiDavServer().start()
    yield server
    server.stop()


def write_random(path: Path, size: int, seed: bytes = b"tradewind") -> str:
    """Write `size` pseudo-random bytes (SHA-256 counter stream, fast); return their SHA-256."""
    digest = hashlib.sha256()
    block = hashlib.sha256(seed).digest() * (MiB // 32)
    with open(path, "wb") as out:
        left, n = size, 0
        while left > 0:
            chunk = (n.to_bytes(8, "big") + block)[: min(MiB, left)]
            out.write(chunk)
            digest.update(chunk)
            left -= len(chunk)
            n += 1
    return digest.hexdigest()


@pytest.fixture(scope="session")
def file_200mb() -> Iterator[tuple[Path, str]]:
    folder = Path(tempfile.mkdtemp(prefix="tw-upload-200mb-"))
    path = folder / "catalogue 2027.bin"
    digest = write_random(path, 200 * MiB)
    yield path, digest
    path.unlink()
    os.rmdir(folder)


def download_sha(url: str, auth: tuple[str, str] | None = None) -> tuple[int, str]:
    """Status and SHA-256 of what the link serves (streamed)."""
    digest = hashlib.sha256()
    with requests.get(url, stream=True, timeout=60, auth=auth) as response:
        if response.status_code != 200:
            return response.status_code, ""
        for chunk in response.iter_content(MiB):
            digest.update(chunk)
    return 200, digest.hexdigest()
