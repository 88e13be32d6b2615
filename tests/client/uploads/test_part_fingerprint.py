"""Each confirmed part is recorded with the SHA-256 of the file up to its end (taken from the
one running digest, so no second hashing pass), and a resume checks the re-read bytes
against it: the last part's fingerprint is the file's SHA-256; a byte changed in a confirmed
part (same size and mtime) is caught; a part recorded by an older version with its own
SHA-256 still resumes."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from client import crashpoints
from client.store.db import Store
from client.uploads.engine import FileChanged, UploadEngine
from client.uploads.s3 import S3Provider
from tests.client.uploads.conftest import StorageMaker
from tests.servers.link_fixtures import MiB, download_sha, write_random


def _parts(store: Store, upload_id: int) -> list[tuple[int, int, str]]:
    return [(int(r[0]), int(r[1]), str(r[2])) for r in store.conn.execute(
        "SELECT number, size, sha256 FROM upload_parts WHERE upload_id = ? ORDER BY number",
        (upload_id,))]


def _interrupted(engine: UploadEngine, upload_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    class Stop(Exception):
        pass

    def stop(name: str) -> None:
        if name == "upload-part-2":
            raise Stop

    with monkeypatch.context() as patched:  # the process "dies" after part 2 is recorded
        patched.setattr(crashpoints, "hit", stop)
        # one part at a time: with parts in flight, all of them could be recorded before the
        # "death" reaches the engine (seen once in CI), and the resume would have nothing to do
        patched.setattr(S3Provider, "parallel_parts", 1)
        with pytest.raises(Stop):
            engine.run(upload_id)


def test_the_part_fingerprints_are_prefix_digests(store: Store, engine: UploadEngine,
                                                  add_storage: StorageMaker,
                                                  tmp_path: Path) -> None:
    storage = add_storage("s3")
    path = tmp_path / "catalogue.bin"
    digest = write_random(path, 20 * MiB)  # parts of 8, 8, 4 MiB
    result = engine.run(engine.create(storage, path))
    assert download_sha(result.link.url) == (200, digest)
    data = path.read_bytes()
    parts = _parts(store, result.upload.id)
    assert [p[1] for p in parts] == [8 * MiB, 8 * MiB, 4 * MiB]
    ends = [8 * MiB, 16 * MiB, 20 * MiB]
    assert [p[2] for p in parts] == [hashlib.sha256(data[:end]).hexdigest() for end in ends]
    assert parts[-1][2] == digest == result.upload.sha256


def test_a_resume_catches_a_changed_byte_and_accepts_older_records(
        store: Store, engine: UploadEngine, add_storage: StorageMaker, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    storage = add_storage("s3")
    path = tmp_path / "drawings.bin"
    digest = write_random(path, 30 * MiB)
    upload_id = engine.create(storage, path)
    _interrupted(engine, upload_id, monkeypatch)
    recorded = _parts(store, upload_id)
    assert recorded and len(recorded) < 4
    data = path.read_bytes()
    with store.transaction() as conn:  # as an older version recorded them: each part's own hash
        for number, size, _fingerprint in recorded:
            own = data[(number - 1) * 8 * MiB:(number - 1) * 8 * MiB + size]
            conn.execute("UPDATE upload_parts SET sha256 = ? WHERE upload_id = ? AND number = ?",
                         (hashlib.sha256(own).hexdigest(), upload_id, number))
    result = engine.run(upload_id)
    assert download_sha(result.link.url) == (200, digest)

    other = tmp_path / "report.bin"
    write_random(other, 30 * MiB, seed=b"other")
    second_id = engine.create(storage, other)
    _interrupted(engine, second_id, monkeypatch)
    number = _parts(store, second_id)[0][0]
    st = os.stat(other)
    with open(other, "r+b") as handle:  # one byte of a recorded part, same size and mtime
        handle.seek((number - 1) * 8 * MiB + 100)
        byte = handle.read(1)
        handle.seek((number - 1) * 8 * MiB + 100)
        handle.write(bytes([byte[0] ^ 0xFF]))
    os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
    with pytest.raises(FileChanged, match="changed on the disk"):
        engine.run(second_id)
