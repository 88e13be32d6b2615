"""Reading a file for an upload with constant memory: progress, read-ahead chunks, hashing.

- `Progress` / `ProgressCallback`: bytes `done` of `total` as reported to the caller;
  `Meter` turns byte counts into `Progress` reports (speed over this run, time left).
- `read_ahead(handle, size, digest, meter, shorter)`: the file's chunks for a streamed body,
  read and hashed on a helper thread (at most `READ_AHEAD` chunks wait).
- `Hasher(path, size)`: the SHA-256 of a file on a thread of its own, for a body the
  provider sends straight from the file (zero-copy); `hash_file(path)`: the same, inline.
- `FileChanged`: the file is gone, unreadable or changed (the engine's error for it).
Any thread; the helper threads stop when their consumer does; nothing here writes.
"""

from __future__ import annotations

import hashlib
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from client.i18n import _
from client.uploads.provider import PermanentError

STREAM_CHUNK = 4 * 1024 * 1024  # bytes per read-ahead chunk
READ_AHEAD = 4  # chunks read and hashed ahead of the sender (bounded memory)
class FileChanged(PermanentError):
    """The file is gone from the disk, or changed before or while it was uploaded."""


@dataclass(frozen=True)
class Progress:
    """Bytes `done` of `total`; `speed` in bytes/s over this run; `eta_s` None when unknown."""

    upload_id: int
    done: int
    total: int
    speed: float
    eta_s: float | None


ProgressCallback = Callable[[Progress], None]


def hash_file(path: str) -> str:
    """The SHA-256 of a file, read in chunks (constant memory)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(STREAM_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class Meter:
    def __init__(self, upload_id: int, total: int, done: int, callback: ProgressCallback | None):
        self.upload_id, self.total, self.done, self.callback = upload_id, total, done, callback
        self.started, self.start_done = time.monotonic(), done

    def add(self, n: int) -> None:
        self.done += n
        if self.callback is None:
            return
        elapsed = time.monotonic() - self.started
        sent = self.done - self.start_done
        speed = sent / elapsed if elapsed > 0 else 0.0
        eta = (self.total - self.done) / speed if speed > 0 else None
        self.callback(Progress(self.upload_id, self.done, self.total, speed, eta))


def read_ahead(handle: BinaryIO, size: int, digest: hashlib._Hash, meter: Meter,
                shorter: Callable[[], Exception]) -> Iterator[bytes]:
    """The file's bytes in chunks, read and hashed on a helper thread while the caller sends
    the previous ones (hashlib and file reads release the GIL, so they overlap the socket).
    At most `READ_AHEAD` chunks wait; the thread stops when the consumer does."""
    chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(READ_AHEAD)
    stop = threading.Event()

    def offer(item: bytes | BaseException | None) -> bool:
        while not stop.is_set():
            try:
                chunks.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def reader() -> None:
        left = size
        try:
            while left > 0:
                chunk = handle.read(min(STREAM_CHUNK, left))
                if not chunk:
                    offer(shorter())
                    return
                left -= len(chunk)
                digest.update(chunk)
                if not offer(chunk):
                    return
            offer(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer
            offer(exc)

    thread = threading.Thread(target=reader, name="upload-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            item = chunks.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            meter.add(len(item))
            yield item
    finally:
        stop.set()
        thread.join()


HASH_CHUNK = 1024 * 1024  # the hasher's one reused buffer (fits the CPU's cache)


class Hasher:
    """The SHA-256 of the first `size` bytes of a file, on a thread of its own with its own
    handle, read into one reused buffer (hashlib releases the GIL: it runs beside the send).
    `finish()` waits and returns the hex digest, or None when the file ended early; it raises
    `FileChanged` when the file cannot be read. Started by the constructor."""

    def __init__(self, path: str, size: int) -> None:
        self.path, self.size = path, size
        self.digest = hashlib.sha256()
        self.read = 0
        self.error: OSError | None = None
        self.thread = threading.Thread(target=self._run, name="upload-hash", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        buffer = bytearray(HASH_CHUNK)
        view = memoryview(buffer)
        try:
            with open(self.path, "rb", buffering=0) as handle:
                while self.read < self.size:
                    n = handle.readinto(view[:min(HASH_CHUNK, self.size - self.read)])
                    if not n:
                        return
                    self.digest.update(view[:n])
                    self.read += n
        except OSError as exc:
            self.error = exc

    def finish(self) -> str | None:
        self.thread.join()
        if self.error is not None:
            raise FileChanged(_("The file {name} cannot be read: {reason}.",
                                name=Path(self.path).name, reason=self.error.strerror))
        return self.digest.hexdigest() if self.read == self.size else None
