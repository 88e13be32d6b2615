"""A cache rebuild keeps link storages, uploads, their confirmed parts and links: they exist
only on this computer (checklist S3: never lose local-only data)."""

from __future__ import annotations

from pathlib import Path

from client.store.db import Store
from client.store.recovery import quarantine_and_rebuild
from client.uploads import config, links, records
from client.uploads.engine import UploadEngine
from tests.client.uploads.conftest import StorageMaker
from tests.servers.link_fixtures import MiB, download_sha, write_random


def test_a_rebuilt_cache_keeps_storages_uploads_parts_and_links(
    tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker
) -> None:
    storage = add_storage("s3")
    path = tmp_path / "catalogue.pdf"
    digest = write_random(path, 20 * MiB)
    result = engine.upload(storage, path, recipient_domain="buyer.example")
    parts = records.parts_of(store, result.upload.id)
    db = Path(store.path)
    store.close()

    quarantine_and_rebuild(db)

    rebuilt = Store.open(db)
    try:
        assert [s.id for s in config.list_storages(rebuilt)] == [storage.id]
        assert records.get_upload(rebuilt, result.upload.id) == result.upload
        assert records.parts_of(rebuilt, result.upload.id) == parts
        (view,) = links.list_links(rebuilt)
        assert (view.id, view.url, view.state, view.sha256) == (
            result.link.id, result.link.url, "active", digest)
        again = UploadEngine(rebuilt).upload(config.get_storage(rebuilt, storage.id), path,
                                            recipient_domain="buyer.example")
        assert again.reused and download_sha(again.link.url) == (200, digest)
    finally:
        rebuilt.close()
