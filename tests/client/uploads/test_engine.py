"""The upload engine's contract: files missing or changed before/while uploading, reuse per
recipient domain, progress, events, the outbox seam, purge of expired links."""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from client import events
from client.store.db import Store
from client.uploads import links, records
from client.uploads.engine import FileChanged, Progress, UploadEngine
from client.uploads.names import new_remote_path, safe_name
from client.uploads.provider import UploadError
from tests.client.uploads.conftest import StorageMaker
from tests.servers.link_fixtures import MiB, download_sha, write_random
from tests.servers.nextcloud import NextcloudServer
from tests.servers.s3 import S3Server


def test_a_file_deleted_before_the_upload_fails_in_words_and_keeps_the_record(
    tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker
) -> None:
    storage = add_storage("s3")
    path = tmp_path / "gone.pdf"
    write_random(path, MiB)
    upload_id = engine.create(storage, path)
    path.unlink()

    with pytest.raises(FileChanged, match="no longer on the disk"):
        engine.run(upload_id)

    record = engine.get(upload_id)
    assert record.state == "failed" and "gone.pdf is no longer on the disk" in (record.last_error or "")


def test_a_file_changed_before_the_upload_fails_then_the_retry_sends_the_new_content(
    tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker
) -> None:
    storage = add_storage("s3")
    path = tmp_path / "quote.xlsx"
    write_random(path, MiB)
    upload_id = engine.create(storage, path)
    new_digest = write_random(path, 2 * MiB, seed=b"edited")

    with pytest.raises(FileChanged, match="changed on the disk"):
        engine.run(upload_id)
    assert engine.get(upload_id).state == "failed"

    result = engine.run(upload_id)
    assert result.upload.sha256 == new_digest
    assert download_sha(result.link.url) == (200, new_digest)


def test_a_file_changed_while_uploading_is_detected_and_nothing_wrong_is_shared(
    tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker
) -> None:
    storage = add_storage("s3")
    path = tmp_path / "catalogue.pdf"
    write_random(path, 30 * MiB)
    touched = {"done": False}

    def edit_after_first_part(progress: Progress) -> None:
        if not touched["done"]:
            touched["done"] = True
            with open(path, "ab") as handle:
                handle.write(b"a late edit")

    with pytest.raises(FileChanged, match="changed on the disk while it was uploaded"):
        engine.upload(storage, path, progress=edit_after_first_part)

    (record,) = records.uploads_where(store, "1", ())
    assert record.state == "failed" and links.list_links(store) == []
    result = engine.run(record.id)
    assert result.upload.size == 30 * MiB + len(b"a late edit")
    status, digest = download_sha(result.link.url)
    assert status == 200 and digest == result.upload.sha256


def test_confirmed_parts_whose_bytes_changed_behind_the_same_size_and_mtime_are_caught(
    tmp_path: Path, store: Store, add_storage: StorageMaker, nextcloud_server: NextcloudServer
) -> None:
    storage = add_storage("nextcloud")  # one part at a time: the storm meets the second
    path = tmp_path / "specs.pdf"
    write_random(path, 30 * MiB)
    stat = path.stat()
    engine = UploadEngine(store, retry_delays=())

    def storm(progress: Progress) -> None:
        nextcloud_server.fail_puts = [503] * 5

    with pytest.raises(UploadError):
        engine.upload(storage, path, progress=storm)
    (record,) = records.uploads_where(store, "1", ())
    assert records.parts_of(store, record.id)  # the first part was confirmed
    nextcloud_server.fail_puts = []
    with open(path, "r+b") as handle:  # same size, first byte changed, mtime put back
        handle.write(b"X")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    with pytest.raises(FileChanged):
        engine.run(record.id)
    assert engine.get(record.id).state == "failed"


def test_an_identical_file_for_the_same_domain_is_reused_not_uploaded_again(
    tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker,
    s3_server: S3Server,
) -> None:
    storage = add_storage("s3")
    path = tmp_path / "certificate.pdf"
    write_random(path, 9 * MiB)
    first = engine.upload(storage, path, recipient_domain="Buyer.example")
    copy = tmp_path / "copy of certificate.pdf"
    copy.write_bytes(path.read_bytes())
    s3_server.counter.reset()

    again = engine.upload(storage, copy, recipient_domain="buyer.example")

    assert again.reused and again.link.id == first.link.id
    assert s3_server.counter.by_method.get("PUT", 0) == 0
    elsewhere = engine.upload(storage, copy, recipient_domain="other.example")
    assert not elsewhere.reused and elsewhere.link.id != first.link.id
    write_random(copy, 9 * MiB, seed=b"different")
    changed = engine.upload(storage, copy, recipient_domain="buyer.example")
    assert not changed.reused


def test_progress_reports_bytes_speed_and_time_left(
    tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker
) -> None:
    storage = add_storage("nextcloud")
    path = tmp_path / "video.mp4"
    write_random(path, 40 * MiB)
    seen: list[Progress] = []

    engine.upload(storage, path, progress=seen.append)

    assert [p.done for p in seen] == [16 * MiB, 32 * MiB, 40 * MiB]
    assert all(p.total == 40 * MiB and p.speed > 0 for p in seen)
    assert seen[0].eta_s is not None and seen[-1].eta_s == 0


def test_the_outbox_seam_lists_waiting_uploads_and_the_bus_announces_the_link(
    tmp_path: Path, store: Store, add_storage: StorageMaker
) -> None:
    storage = add_storage("s3")
    bus = events.EventBus()
    seen: list[events.Event] = []
    bus.subscribe(seen.append)
    engine = UploadEngine(store, retry_delays=(), bus=bus)
    path = tmp_path / "invoice.pdf"
    digest = write_random(path, MiB)
    upload_id = engine.create(storage, path, outbox_id=42)
    assert [u.id for u in engine.pending_for_message(42)] == [upload_id]

    result = engine.run(upload_id, password=None)

    assert engine.pending_for_message(42) == []
    assert seen == [events.UploadFinished(upload_id, "shared", 42, result.link.id)]
    block = links.link_block(store, upload_id)
    assert (block.file_name, block.size, block.sha256, block.url) == (
        "invoice.pdf", MiB, digest, result.link.url)
    assert block.expires == result.link.expires and not block.password_sent_separately


def test_s3_links_are_capped_at_seven_days(
    tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker
) -> None:
    storage = add_storage("s3", expiry_days=7)
    path = tmp_path / "a.txt"
    write_random(path, 1000)
    from client.uploads.config import open_provider

    provider = open_provider(storage)
    link = provider.share(engine.upload(storage, path).upload.remote_path or "", 30 * 86400, None)
    query = parse_qs(urlsplit(link.url).query)
    assert query["X-Amz-Expires"] == ["604800"]
    assert link.expires is not None and link.expires <= time.time() + 604800


@pytest.mark.parametrize("policy", [True, False])
def test_purge_expired_ends_links_and_deletes_files_when_the_policy_says_so(
    policy: bool, tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker
) -> None:
    storage = add_storage("nginx", delete_expired=policy)
    path = tmp_path / "old.pdf"
    digest = write_random(path, MiB)
    result = engine.upload(storage, path)
    fresh = engine.upload(storage, tmp_path / "old.pdf", recipient_domain="x.example")
    with store.transaction() as conn:
        conn.execute("UPDATE links SET expires = ? WHERE id = ?", (time.time() - 60, result.link.id))

    report = links.purge_expired(store)

    assert report.expired == [result.link.id]
    assert report.deleted == ([result.link.id] if policy else [])
    states = {v.id: v.state for v in links.list_links(store)}
    assert states == {result.link.id: "purged" if policy else "expired", fresh.link.id: "active"}
    assert download_sha(result.link.url) == ((404, "") if policy else (200, digest))
    assert download_sha(fresh.link.url) == (200, digest)


def test_remote_names_hold_an_unguessable_token_and_a_safe_file_name() -> None:
    root, token, name = new_remote_path("../../etc/pass\x00wd").split("/")
    assert root == "tradewind" and name == "pass_wd"
    assert len(token) >= 22  # 24 random bytes, base64url: 192 bits (checklist A3: >= 128)
    assert new_remote_path("a") != new_remote_path("a")
    assert safe_name("C:\\Users\\rep\\报价单.xlsx") == "报价单.xlsx" and safe_name("..") == "file"
