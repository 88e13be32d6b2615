"""Every provider against its real test server: the link serves the same bytes, revoking
stops it, wrong credentials and a full storage fail in words and keep a retryable record."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.profile import secrets
from client.store.db import Store
from client.uploads import config, links, records
from client.uploads.engine import UploadEngine
from client.uploads.provider import AuthError, QuotaError, TransientError, UploadError
from tests.client.uploads.conftest import ACCOUNT, StorageMaker
from tests.servers.link_fixtures import MiB, download_sha, write_random
from tests.servers.nginx_dav import NginxDav
from tests.servers.wsgidav_server import WsgiDavServer

KINDS = ["nginx", "wsgidav", "nextcloud", "s3"]


@pytest.mark.parametrize("kind", KINDS)
def test_link_serves_the_uploaded_bytes_and_revoke_stops_it(
    kind: str, tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker
) -> None:
    storage = add_storage(kind)
    path = tmp_path / "price list 报价.xlsx"
    digest = write_random(path, 20 * MiB + 4321)  # several parts on Nextcloud and S3

    result = engine.upload(storage, path)

    assert result.upload.state == "shared"
    assert result.upload.sha256 == digest
    assert download_sha(result.link.url) == (200, digest)
    assert result.link.expires is not None
    links.revoke(store, result.link.id)
    assert download_sha(result.link.url)[0] in (401, 403, 404)
    assert [v.state for v in links.list_links(store)] == ["revoked"]


@pytest.mark.parametrize("kind", KINDS)
def test_wrong_credentials_fail_in_words_and_the_retry_succeeds(
    kind: str, tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker,
    request: pytest.FixtureRequest,
) -> None:
    wrong = "wrong-Secret-7781"
    if kind == "s3":
        storage = add_storage(kind)
        server = request.getfixturevalue("s3_server")
        server.wrong_key = "AKIATRADEWINDTEST"
    else:
        storage = add_storage(kind, secret=wrong)
    path = tmp_path / "offer.pdf"
    digest = write_random(path, 3 * MiB)

    with pytest.raises(AuthError) as raised:
        engine.upload(storage, path)

    message = str(raised.value)
    assert "refused" in message and wrong not in message
    (failed,) = records.uploads_where(store, "1", ())
    assert failed.state == "failed" and failed.last_error == message
    if kind == "s3":
        server.wrong_key = None
    else:
        secrets.set_storage_secret(storage.id, ACCOUNT, config_secret(request, kind))
    result = engine.run(failed.id)
    assert result.upload.state == "shared"
    assert download_sha(result.link.url) == (200, digest)


def config_secret(request: pytest.FixtureRequest, kind: str) -> str:
    name = {"nginx": "nginx_server", "wsgidav": "wsgidav_server", "nextcloud": "nextcloud_server"}
    return str(request.getfixturevalue(name[kind]).password)


@pytest.mark.parametrize("server_class", [NginxDav, WsgiDavServer])
def test_a_full_webdav_disk_is_a_clear_error_and_no_partial_file_is_left(
    server_class: type[NginxDav] | type[WsgiDavServer], tmp_path: Path, store: Store,
    engine: UploadEngine,
) -> None:
    server = server_class(tmpfs_mb=20).start()
    try:
        storage = config.add_storage(store, ACCOUNT, config.StorageSpec(
            "webdav", server.url, public_url=server.public_url, username=server.user),
            server.password)
        path = tmp_path / "samples.zip"
        write_random(path, 30 * MiB)
        with pytest.raises(TransientError) as raised:
            engine.upload(storage, path)
        assert "disk may be full" in str(raised.value)
        assert "tradewind/" not in str(raised.value)  # no remote path (it holds the token)
        (failed,) = records.uploads_where(store, "1", ())
        assert failed.state == "failed" and "disk may be full" in (failed.last_error or "")
        assert path.stat().st_size == 30 * MiB  # the rep's file is untouched
        left = [p for p in server.root.rglob("*") if p.is_file() and p.parent.name != "body"]
        assert left == []  # a truncated upload was deleted
    finally:
        server.stop()


@pytest.mark.parametrize("kind", ["nextcloud", "s3"])
def test_a_full_storage_is_a_quota_error(
    kind: str, tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker,
    request: pytest.FixtureRequest,
) -> None:
    storage = add_storage(kind)
    server = request.getfixturevalue(f"{kind}_server")
    server.quota_bytes = 20 * MiB  # Nextcloud answers 507, S3 services EntityTooLarge
    path = tmp_path / "video.mp4"
    write_random(path, 30 * MiB)

    with pytest.raises(QuotaError) as raised:
        engine.upload(storage, path)

    assert "full" in str(raised.value)
    (failed,) = records.uploads_where(store, "1", ())
    assert failed.state == "failed" and failed.last_error == str(raised.value)
    server.quota_bytes = None
    result = engine.run(failed.id)
    assert result.upload.state == "shared"


@pytest.mark.parametrize("kind", ["nextcloud", "s3"])
def test_a_5xx_storm_is_retried_then_fails_in_words_and_resumes_later(
    kind: str, tmp_path: Path, store: Store, add_storage: StorageMaker,
    request: pytest.FixtureRequest,
) -> None:
    storage = add_storage(kind)
    server = request.getfixturevalue(f"{kind}_server")
    path = tmp_path / "brochure.pdf"
    digest = write_random(path, 24 * MiB)
    slept: list[float] = []
    engine = UploadEngine(store, retry_delays=(1, 2), sleep=slept.append)
    server.fail_puts = [503] * 2
    first = engine.upload(storage, path)  # two faults, each retried: it goes through
    assert first.upload.sha256 == digest
    # parts go one at a time on Nextcloud (the second fault waits 2 s), five at once on S3
    # (each part has its own retry schedule)
    assert slept == ([1, 2] if kind == "nextcloud" else [1, 1])

    other = tmp_path / "brochure-2.pdf"
    other_size = 24 * MiB if kind == "nextcloud" else 80 * MiB  # parts wait to be sent
    write_random(other, other_size, seed=b"other")
    engine = UploadEngine(store, retry_delays=(0,), sleep=slept.append)
    held = records.parts_of  # parts confirmed before the storm

    def storm_after_first_part(progress: object) -> None:
        server.fail_puts = [503] * 50

    with pytest.raises(UploadError) as raised:
        engine.upload(storage, other, progress=storm_after_first_part)
    assert "503" in str(raised.value) or "ServiceUnavailable" in str(raised.value)
    assert "tradewind/" not in str(raised.value)  # no remote path (it holds the token)
    failed = records.uploads_where(store, "state = 'failed'", ())[-1]
    confirmed = sum(p.size for p in held(store, failed.id).values())
    assert confirmed > 0
    server.fail_puts = []
    server.counter.reset()
    result = engine.run(failed.id)
    assert result.upload.state == "shared"
    assert server.counter.by_method.get("PUT", 0) == other_size - confirmed
    assert download_sha(result.link.url)[0] == 200


@pytest.mark.parametrize("kind", ["nextcloud", "s3"])
def test_a_line_dropped_mid_part_resends_only_the_parts_in_flight(
    kind: str, tmp_path: Path, store: Store, add_storage: StorageMaker,
    request: pytest.FixtureRequest, make_fault_proxy: object,
) -> None:
    server = request.getfixturevalue(f"{kind}_server")
    proxy = make_fault_proxy(int(server.url.rsplit(":", 1)[1]))  # type: ignore[operator]
    spec_url = f"http://{proxy.host}:{proxy.port}"
    if kind == "nextcloud":
        spec = config.StorageSpec("nextcloud", spec_url, username=server.user)
        secret = server.password
    else:
        from tests.servers.link_fixtures import BUCKET
        from tests.servers.s3 import ACCESS_KEY, SECRET_KEY

        spec = config.StorageSpec("s3", spec_url, bucket=BUCKET, username=ACCESS_KEY)
        secret = SECRET_KEY
    storage = config.add_storage(store, ACCOUNT, spec, secret)
    path = tmp_path / "drawings.dwg"
    size = 34 * MiB
    digest = write_random(path, size)
    cut = {"done": False}

    def cut_mid_second_part(total: int) -> None:
        if not cut["done"] and total > 20 * MiB:
            cut["done"] = True
            proxy.cut_now(reset=True)

    server.counter.on_read = cut_mid_second_part
    engine = UploadEngine(store, retry_delays=(0, 0))
    result = engine.upload(storage, path)

    assert cut["done"]
    assert result.upload.sha256 == digest
    assert download_sha(result.link.url.replace(spec_url, server.url))[1] == digest
    in_flight = 16 * MiB if kind == "nextcloud" else 5 * 8 * MiB  # one chunk, or 5 S3 parts
    assert server.counter.by_method.get("PUT", 0) <= size + in_flight


def test_a_nextcloud_link_with_a_password_needs_it(
    tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker
) -> None:
    storage = add_storage("nextcloud")
    path = tmp_path / "contract.pdf"
    digest = write_random(path, MiB)

    result = engine.upload(storage, path, password="Sent-Separately-42")

    assert result.link.password_set and links.link_block(store, result.upload.id).password_sent_separately
    token = result.link.url.rstrip("/").rsplit("/", 1)[-1]
    assert download_sha(result.link.url + "/download")[0] == 401
    assert download_sha(result.link.url + "/download", auth=(token, "Sent-Separately-42")) == (
        200, digest)


@pytest.mark.parametrize("kind", ["wsgidav", "s3"])
def test_a_password_where_the_storage_has_none_fails_in_words(
    kind: str, tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker
) -> None:
    storage = add_storage(kind)
    path = tmp_path / "contract.pdf"
    write_random(path, MiB)
    with pytest.raises(UploadError, match="cannot be protected with a password|cannot protect"):
        engine.upload(storage, path, password="pw")
    (record,) = records.uploads_where(store, "1", ())
    assert record.state == "failed" and "password" in (record.last_error or "")
