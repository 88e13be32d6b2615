"""The durable, resumable upload engine: files to link storages, recorded in the cache.

Contract:
- `UploadEngine(store, ...)` works on the caller's Store and thread (a worker thread in the
  app; never the GUI thread): every method blocks on disk and network.
- `create(storage, path, recipient_domain=, outbox_id=) -> upload id` records a `pending`
  upload. `run(upload_id, password=, progress=) -> UploadResult` drives it pending →
  uploading → uploaded → shared; it is idempotent (a shared upload returns its link) and is
  also the retry of a `failed` one. `upload(...)` = reuse an identical file or create + run.
- Streaming: parts of `session.part_size` bytes are read one at a time (constant memory); the
  SHA-256 of the file is computed on the way. Each part the server confirmed is recorded
  durably (offset, size, etag, the SHA-256 of the file up to its end) before the next one is
  read, so after a cut line, a killed process or a reboot, `run` asks the server which parts
  it holds (`confirmed_parts`) and sends only the others; confirmed parts are re-read locally
  (to finish the file's SHA-256 and to check each part's fingerprint), never re-sent. A provider that cannot resume
  (plain WebDAV) restarts the file.
- Transient faults are retried per part after `retry_delays`; then, and for every other
  fault, the upload becomes `failed` with the reason in words (`last_error`), keeps its
  record and parts, and `run` raises the `UploadError`. A file missing, changed in size or
  mtime, or whose confirmed bytes no longer hash the same fails with `FileChanged`; its record
  is reset to the file as it now is, so a retry uploads the new content from the start.
- Reuse: `upload` with a recipient domain returns the live link of an upload of the same
  storage and domain with the same size and SHA-256 instead of sending the file again.
- When an upload ends (shared or failed) `client.events.UploadFinished` is published.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from client import crashpoints, events
from client.i18n import _
from client.store.updates import update_sql
from client.uploads import records
from client.uploads.config import StorageConfig, get_storage, open_provider
from client.uploads.names import safe_name
from client.uploads.provider import (
    Link,
    PermanentError,
    Provider,
    Session,
    SessionLost,
    TransientError,
    UploadError,
)
from client.uploads.records import LinkRecord, UploadRecord
from client.uploads.streaming import (
    FileChanged,
    Hasher,
    Meter,
    Progress,
    ProgressCallback,
    hash_file,
    read_ahead,
)

__all__ = ["FileChanged", "Progress", "ProgressCallback", "UploadCancelled", "UploadEngine",
           "UploadNotFound", "UploadResult", "hash_file"]

if TYPE_CHECKING:
    from client.store.db import Store

REUSE_MIN_LEFT_S = 24 * 3600  # a link that expires within a day is not reused
#: The columns ``_set`` may change (``update_sql``'s allow-list).
_CHANGING = frozenset({"state", "last_error", "attempts", "sha256", "remote_path", "session_json",
                       "updated"})


class UploadNotFound(UploadError):
    """No upload with that id."""

    retryable = False


class UploadCancelled(UploadNotFound):
    """The rep cancelled the message while its upload ran (its record is gone): stop."""


@dataclass(frozen=True)
class UploadResult:
    upload: UploadRecord
    link: LinkRecord
    reused: bool = False


def _stat(path: str) -> os.stat_result:
    try:
        return os.stat(path)
    except FileNotFoundError:
        raise FileChanged(_("The file {name} is no longer on the disk.",
                            name=Path(path).name)) from None
    except OSError as exc:
        raise FileChanged(_("The file {name} cannot be read: {reason}.", name=Path(path).name,
                            reason=exc.strerror)) from None


def _cancelled(record: UploadRecord) -> UploadCancelled:
    return UploadCancelled(_("The upload of {name} was cancelled.", name=record.file_name))


class UploadEngine:
    def __init__(
        self,
        store: Store,
        *,
        provider_for: Callable[[StorageConfig], Provider] = open_provider,
        retry_delays: Sequence[float] = (1.0, 2.0, 5.0, 10.0),
        sleep: Callable[[float], None] = time.sleep,
        bus: events.EventBus | None = None,
    ) -> None:
        self.store = store
        self.provider_for = provider_for
        self.retry_delays = tuple(retry_delays)
        self.sleep = sleep
        self.bus = bus or events.default_bus()

    # ------------------------------------------------------------------ records
    def create(self, storage: StorageConfig, path: str | os.PathLike[str], *,
               recipient_domain: str | None = None, outbox_id: int | None = None) -> int:
        """Record a pending upload of `path` (absolute path kept); raises `FileChanged` when
        the file cannot be read."""
        full = os.path.abspath(os.fspath(path))
        if os.path.isdir(full):
            raise FileChanged(_("{name} is a folder, not a file.", name=Path(full).name))
        st = _stat(full)
        now = time.time()
        with self.store.transaction(durable=True) as conn:
            cursor = conn.execute(
                "INSERT INTO uploads (storage_id, path, file_name, size, mtime_ns, "
                "recipient_domain, outbox_id, state, part_size, created, updated) "
                "VALUES (?,?,?,?,?,?,?,'pending',0,?,?)",
                (storage.id, full, safe_name(Path(full).name), st.st_size, st.st_mtime_ns,
                 (recipient_domain or "").strip().lower() or None, outbox_id, now, now))
            return int(cursor.lastrowid or 0)

    def get(self, upload_id: int) -> UploadRecord:
        record = records.get_upload(self.store, upload_id)
        if record is None:
            raise UploadNotFound(_("No upload with id {id}.", id=upload_id))
        return record

    def pending_for_message(self, outbox_id: int) -> list[UploadRecord]:
        """Uploads of an outbox message that have no link yet (the message must wait)."""
        return records.uploads_where(self.store, "outbox_id = ? AND state != 'shared'", (outbox_id,))

    def _set(self, upload_id: int, **fields: object) -> None:
        fields["updated"] = time.time()
        sql, values = update_sql("uploads", fields, _CHANGING, "id = ?")
        with self.store.transaction(durable=True) as conn:
            conn.execute(sql, (*values, upload_id))

    def _fail(self, record: UploadRecord, error: UploadError) -> None:
        self._set(record.id, state="failed", last_error=str(error), attempts=record.attempts + 1)
        self.bus.publish(events.UploadFinished(record.id, "failed", record.outbox_id,
                                               message=str(error)))

    def _reset(self, record: UploadRecord, st: os.stat_result | None) -> None:
        with self.store.transaction(durable=True) as conn:
            conn.execute("DELETE FROM upload_parts WHERE upload_id = ?", (record.id,))
            conn.execute(
                "UPDATE uploads SET session_json = NULL, remote_path = NULL, sha256 = NULL, "
                "size = ?, mtime_ns = ?, updated = ? WHERE id = ?",
                (st.st_size if st else record.size, st.st_mtime_ns if st else record.mtime_ns,
                 time.time(), record.id))

    # ------------------------------------------------------------------ public
    def upload(self, storage: StorageConfig, path: str | os.PathLike[str], *,
               recipient_domain: str | None = None, outbox_id: int | None = None,
               password: str | None = None, progress: ProgressCallback | None = None) -> UploadResult:
        """Resume an unfinished upload of the same file to the same storage, else reuse an
        identical upload for the same domain, else create and run a new one."""
        full = os.path.abspath(os.fspath(path))
        unfinished = records.uploads_where(
            self.store, "storage_id = ? AND path = ? AND state != 'shared' AND "
            "coalesce(recipient_domain, '') = ? AND coalesce(outbox_id, -1) = ?",
            (storage.id, full, (recipient_domain or "").strip().lower(),
             -1 if outbox_id is None else outbox_id))
        if unfinished:
            return self.run(unfinished[-1].id, password=password, progress=progress)
        reused = self._reusable(storage, full, recipient_domain)
        if reused is not None:
            return reused
        upload_id = self.create(storage, full, recipient_domain=recipient_domain,
                                outbox_id=outbox_id)
        return self.run(upload_id, password=password, progress=progress)

    def _reusable(self, storage: StorageConfig, path: str,
                  recipient_domain: str | None) -> UploadResult | None:
        domain = (recipient_domain or "").strip().lower()
        if not domain:
            return None
        st = _stat(path)
        candidates = records.uploads_where(
            self.store, "storage_id = ? AND recipient_domain = ? AND size = ? AND state = 'shared'",
            (storage.id, domain, st.st_size))
        live: list[tuple[UploadRecord, LinkRecord]] = []
        for upload in candidates:
            for link in records.links_where(self.store, "upload_id = ? AND state = 'active'",
                                            (upload.id,)):
                if link.expires is None or link.expires > time.time() + REUSE_MIN_LEFT_S:
                    live.append((upload, link))
        if not live:
            return None
        digest = hash_file(path)
        for upload, link in reversed(live):
            if upload.sha256 == digest:
                return UploadResult(upload, link, reused=True)
        return None

    def run(self, upload_id: int, *, password: str | None = None,
            progress: ProgressCallback | None = None,
            expiry_days: int | None = None) -> UploadResult:
        """Upload (or resume, or retry) and share; see the module docstring. `expiry_days`
        replaces the storage's (the company policy's), capped by the provider (S3: 7)."""
        record = self.get(upload_id)
        if record.state == "shared":
            links = records.links_where(self.store, "upload_id = ? ORDER BY id DESC LIMIT 1",
                                        (upload_id,))
            if links:
                return UploadResult(record, links[0])
        storage = get_storage(self.store, record.storage_id)
        try:
            provider = self.provider_for(storage)
            if record.state != "uploaded":
                self._transfer(record, provider, progress)
            record = self.get(upload_id)
            link = self._share(record, provider, storage, password, expiry_days)
        except UploadCancelled:
            raise  # its record is gone: nothing to note
        except UploadError as exc:
            self._fail(self.get(upload_id), exc)
            exc.upload_id = upload_id
            raise
        record = self.get(upload_id)
        self.bus.publish(events.UploadFinished(record.id, "shared", record.outbox_id, link.id))
        return UploadResult(record, link)

    # ------------------------------------------------------------------ transfer
    def _session(self, record: UploadRecord, provider: Provider
                 ) -> tuple[Session, dict[int, records.PartRecord], bool]:
        """The session to continue (with the parts both sides agree on), or a new one; the flag
        is True when the server already assembled the file (a process killed between the
        server's completion and the cache's record of it): nothing is sent again."""
        parts = records.parts_of(self.store, record.id)
        if record.session_json:
            session = Session(**json.loads(record.session_json))
            if session.resumable:
                try:
                    held = provider.confirmed_parts(session)
                except SessionLost:
                    held = None
                    if (sum(p.size for p in parts.values()) == record.size
                            and provider.remote_size(session.remote_path) == record.size):
                        return session, parts, True
                if held is not None:
                    agreed = {n: p for n, p in parts.items()
                              if n in held and held[n][0] == p.size
                              and (not held[n][1] or not p.etag or held[n][1] == p.etag)}
                    if set(agreed) != set(parts):
                        with self.store.transaction(durable=True) as conn:
                            conn.execute("DELETE FROM upload_parts WHERE upload_id = ? AND number "
                                         f"NOT IN ({','.join('?' * len(agreed)) or 'NULL'})",
                                         (record.id, *agreed))
                    return session, agreed, False
            provider.abort(session)
        session = provider.begin(record.file_name, record.size)
        with self.store.transaction(durable=True) as conn:
            conn.execute("DELETE FROM upload_parts WHERE upload_id = ?", (record.id,))
            conn.execute("UPDATE uploads SET session_json = ?, remote_path = ?, part_size = ?, "
                         "state = 'uploading', last_error = NULL, updated = ? WHERE id = ?",
                         (json.dumps(asdict(session)), session.remote_path, session.part_size,
                          time.time(), record.id))
        return session, {}, False

    def _check_same(self, record: UploadRecord) -> None:
        """Raise `FileChanged` (and reset the record) when the file is not as recorded."""
        st = _stat(record.path)
        if st.st_size != record.size or st.st_mtime_ns != record.mtime_ns:
            self._reset(record, st)
            raise FileChanged(_("The file {name} changed on the disk since its upload began; "
                                "retry to upload the new version.", name=record.file_name))

    def _transfer(self, record: UploadRecord, provider: Provider,
                  progress: ProgressCallback | None) -> None:
        self._check_same(record)
        session, done_parts, finished = self._session(record, provider)
        self._set(record.id, state="uploading", last_error=None)
        digest = hashlib.sha256()
        whole_sha = ""
        meter = Meter(record.id, record.size, 0, progress)
        confirmed: list[tuple[int, str]] = []
        with open(record.path, "rb") as handle:
            if not session.resumable:
                etag, whole_sha = self._whole_file(record, provider, session, handle, meter)
                confirmed.append((1, etag))
            else:
                confirmed = self._parts(record, provider, session, done_parts, handle, digest,
                                        meter)
        st = _stat(record.path)
        if st.st_size != record.size or st.st_mtime_ns != record.mtime_ns:
            self._abort_changed(record, provider, session)
        if not finished:
            self._retrying(lambda: provider.complete(session, confirmed))
            crashpoints.hit("upload-remote-complete")
        sha = digest.hexdigest() if session.resumable else whole_sha
        self._set(record.id, state="uploaded", sha256=sha, last_error=None)
        crashpoints.hit("upload-complete")

    def _parts(self, record: UploadRecord, provider: Provider, session: Session,
               done_parts: dict[int, records.PartRecord], handle: BinaryIO,
               digest: hashlib._Hash, meter: Meter) -> list[tuple[int, str]]:
        """Send the parts the server does not hold, `provider.parallel_parts` at a time (at
        most that many part buffers in memory). Reading, hashing and every cache write happen
        on this thread, in file order; only `put_part` runs on the pool. A part confirmed
        while another one failed is still recorded before the error is raised."""
        workers = max(1, int(getattr(provider, "parallel_parts", 1)))
        confirmed: dict[int, str] = {}
        inflight: dict[Future[tuple[str, str]], tuple[int, int, int]] = {}
        failure: BaseException | None = None

        def settle(block: bool) -> None:
            nonlocal failure
            if not inflight:
                return
            finished, _pending = wait(list(inflight), return_when=FIRST_COMPLETED if block else ALL_COMPLETED)
            for future in finished:
                number, offset, size = inflight.pop(future)
                try:
                    etag, part_sha = future.result()
                except BaseException as exc:  # noqa: BLE001 - raised after the others settle
                    failure = failure or exc
                    continue
                try:
                    # committed (a killed process keeps it) but not fsynced: 128 fsyncs per
                    # GiB stalled the reader; a part lost to a power cut is sent again
                    with self.store.transaction() as conn:
                        conn.execute(
                            "INSERT OR REPLACE INTO upload_parts (upload_id, number, offset, "
                            "size, etag, sha256) VALUES (?,?,?,?,?,?)",
                            (record.id, number, offset, size, etag, part_sha))
                except sqlite3.IntegrityError:  # the record went: cancelled meanwhile
                    failure = failure or _cancelled(record)
                    continue
                confirmed[number] = etag
                crashpoints.hit(f"upload-part-{number}")
                meter.add(size)

        count = max(1, -(-record.size // session.part_size))
        with ThreadPoolExecutor(workers, thread_name_prefix="upload-part") as pool:
            try:
                for number in range(1, count + 1):
                    offset = (number - 1) * session.part_size
                    size = min(session.part_size, record.size - offset)
                    handle.seek(offset)
                    data = handle.read(size)
                    if len(data) != size:
                        self._reset(record, None)
                        raise FileChanged(_("The file {name} became shorter while it was "
                                            "uploaded; retry to upload it again.",
                                            name=record.file_name))
                    digest.update(data)
                    # the part's fingerprint: SHA-256 of the file up to its end, from the one
                    # running digest (a second pass per part cost a sixth of the throughput)
                    prefix = digest.copy().hexdigest()
                    known = done_parts.get(number)
                    if known is not None:
                        if known.sha256 != prefix and known.sha256 != hashlib.sha256(
                                data).hexdigest():  # (a part recorded by an older version)
                            self._abort_changed(record, provider, session)
                        confirmed[number] = known.etag
                        meter.add(size)
                        continue
                    while len(inflight) >= workers and failure is None:
                        settle(block=True)
                    if failure is None and records.get_upload(self.store, record.id) is None:
                        failure = _cancelled(record)
                    if failure is not None:
                        break
                    future = pool.submit(self._send_part, provider, session, number, offset,
                                         data, prefix)
                    inflight[future] = (number, offset, size)
                    del data
            finally:
                while inflight:
                    settle(block=False)
        if failure is not None:
            raise failure
        return sorted(confirmed.items())

    def _send_part(self, provider: Provider, session: Session, number: int, offset: int,
                   data: bytes, fingerprint: str) -> tuple[str, str]:
        """On a pool thread: `put_part` with retries; returns (etag, `fingerprint`)."""
        etag = self._retrying(functools.partial(
            provider.put_part, session, number, offset, data, len(data)))
        return etag, fingerprint

    def _abort_changed(self, record: UploadRecord, provider: Provider, session: Session) -> None:
        provider.abort(session)
        self._reset(record, _stat(record.path))
        raise FileChanged(_("The file {name} changed on the disk while it was uploaded; "
                            "retry to upload the new version.", name=record.file_name))

    def _whole_file(self, record: UploadRecord, provider: Provider, session: Session,
                    handle: BinaryIO, meter: Meter) -> tuple[str, str]:
        """Send the file in one streamed request (providers that cannot resume); returns the
        etag and the SHA-256 of the file. A provider with `put_file` sends from the file itself
        (zero-copy) while `Hasher` hashes it on its own thread and handle; the file is
        checked unchanged (size, mtime) before and after, so that SHA-256 is the one of the
        bytes sent. Other providers get the chunks of `_read_ahead`, hashed on the way."""
        holder = {"sha": ""}
        put_file = getattr(provider, "put_file", None)

        def shorter() -> FileChanged:
            return FileChanged(_("The file {name} became shorter while it was uploaded.",
                                 name=record.file_name))

        def attempt() -> str:
            handle.seek(0)
            meter.done = 0
            if put_file is None:
                digest = hashlib.sha256()
                etag = provider.put_part(
                    session, 1, 0, read_ahead(handle, record.size, digest, meter, shorter),
                    record.size)
                holder["sha"] = digest.hexdigest()
                return etag
            hasher = Hasher(record.path, record.size)
            try:
                etag = str(put_file(session, handle, record.size, meter.add) or "")
            except UploadError:
                if hasher.finish() is None:
                    raise shorter() from None
                raise
            sha = hasher.finish()
            if sha is None:
                raise shorter()
            holder["sha"] = sha
            return etag

        etag = self._retrying(attempt)
        with self.store.transaction(durable=True) as conn:
            conn.execute("INSERT OR REPLACE INTO upload_parts (upload_id, number, offset, size, "
                         "etag, sha256) VALUES (?,1,0,?,?,?)",
                         (record.id, record.size, etag, holder["sha"]))
        return etag, holder["sha"]

    def _retrying(self, action: Callable[[], str | None]) -> str:
        delays = list(self.retry_delays)
        while True:
            try:
                return action() or ""
            except TransientError:
                if not delays:
                    raise
                self.sleep(delays.pop(0))

    # ------------------------------------------------------------------ share
    def _share(self, record: UploadRecord, provider: Provider, storage: StorageConfig,
               password: str | None, expiry_days: int | None = None) -> LinkRecord:
        if record.remote_path is None:
            raise PermanentError(_("The upload has no file on the server; retry it."))
        remote = record.remote_path
        expiry_s = (expiry_days or storage.expiry_days) * 86400  # S3 caps it at 7 days
        link: Link = self._retrying_link(lambda: provider.share(remote, expiry_s, password))
        now = time.time()
        with self.store.transaction(durable=True) as conn:
            cursor = conn.execute(
                "INSERT INTO links (upload_id, url, remote_id, expires, password_set, state, "
                "created) VALUES (?,?,?,?,?,'active',?)",
                (record.id, link.url, link.remote_id, link.expires, int(link.password_set), now))
            conn.execute("UPDATE uploads SET state = 'shared', last_error = NULL, updated = ? "
                         "WHERE id = ?", (now, record.id))
            link_id = int(cursor.lastrowid or 0)
        found = records.get_link(self.store, link_id)
        assert found is not None
        return found

    def _retrying_link(self, action: Callable[[], Link]) -> Link:
        delays = list(self.retry_delays)
        while True:
            try:
                return action()
            except TransientError:
                if not delays:
                    raise
                self.sleep(delays.pop(0))
