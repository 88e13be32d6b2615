"""The S3 parts against moto carry no flexible-checksum headers (botocore's default CRC32 is a
second pass over every byte, and headers several S3-compatible services refuse), while SigV4
still signs each part's payload; the object and its SHA-256 are whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from client.store.db import Store
from client.uploads.config import StorageConfig, open_provider
from client.uploads.engine import UploadEngine
from client.uploads.provider import Provider
from tests.client.uploads.conftest import StorageMaker
from tests.servers.link_fixtures import MiB, download_sha, write_random


def test_parts_go_without_crc32_headers_and_with_a_signed_payload(
    tmp_path: Path, store: Store, add_storage: StorageMaker
) -> None:
    storage = add_storage("s3")
    sent: list[dict[str, str]] = []

    def recording(config: StorageConfig) -> Provider:
        provider = open_provider(config)
        client: Any = provider.client  # type: ignore[attr-defined]

        def keep(request: Any, **_: Any) -> None:
            sent.append({k.lower(): (v.decode() if isinstance(v, bytes) else str(v))
                         for k, v in request.headers.items()})

        client.meta.events.register("before-send.s3.UploadPart", keep)
        return provider

    path = tmp_path / "inspection report.pdf"
    digest = write_random(path, 20 * MiB)  # three parts

    result = UploadEngine(store, provider_for=recording).upload(storage, path)

    assert result.upload.sha256 == digest
    assert download_sha(result.link.url) == (200, digest)
    assert len(sent) == 3
    for headers in sent:
        assert not [k for k in headers if k.startswith("x-amz-checksum-")
                    or k == "x-amz-sdk-checksum-algorithm"]
        assert len(headers["x-amz-content-sha256"]) == 64  # the payload's SHA-256, signed
