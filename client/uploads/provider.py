"""The small interface every link storage implements, and the typed errors it raises.

A provider is created per use from a `StorageConfig` and its secret; it holds an HTTP session
and is used by one thread. Every method may block on the network. Errors are always one of
`AuthError`, `QuotaError`, `TransientError` (worth retrying: 5xx, a dropped line, a timeout)
or `PermanentError`, each with a message in words that never holds a secret or a link.

Protocol of one upload: `begin(name, size) -> Session` (JSON-serialisable `state`, kept in the
cache so a later process can resume), then `put_part(session, number, offset, data)` for parts
1..N of `session.part_size` bytes (the last may be shorter; a provider that cannot resume takes
one part holding the whole file, as an iterable of chunks), `confirmed_parts(session)` lists
what the server already holds (None: the provider cannot tell, start again), `complete`, then
`share(remote_path, expiry_s, password) -> Link`. A provider that cannot resume may also offer
`put_file(session, handle, size, on_sent) -> etag`: send the first `size` bytes of the open
file itself (`on_sent(n)` as bytes go); the engine then hashes the file beside it.
`revoke(link)` makes a link stop working, `delete(remote_path)` removes the file; both are
idempotent (absent is fine).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

KINDS = ("webdav", "nextcloud", "s3")  # the storage kinds `client.uploads.config` opens

MiB = 1024 * 1024
MAX_S3_EXPIRY_S = 7 * 24 * 3600  # SigV4 presigned URLs live at most 7 days


class UploadError(Exception):
    """A storage operation failed; `str(exc)` says why in words (no secret, no link).
    `upload_id` is set by the engine to the upload record the failure was recorded on."""

    retryable = True
    upload_id: int | None = None


class AuthError(UploadError):
    """The storage refused the user name, password or key."""


class QuotaError(UploadError):
    """The storage is full or refuses a file this large."""


class TransientError(UploadError):
    """A fault worth retrying: a server error, a dropped line, a timeout."""


class PermanentError(UploadError):
    """The request cannot succeed as it is (bad configuration, missing bucket...)."""


class SessionLost(PermanentError):
    """The server forgot the upload session (expired or aborted): start the file again."""


@dataclass
class Session:
    """One upload in progress on the server. `state` is the provider's resume token (JSON)."""

    remote_path: str
    part_size: int
    resumable: bool
    state: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Link:
    """A public link. `remote_id`: the provider's share handle ('' when the file is the link)."""

    url: str
    expires: float | None
    remote_id: str = ""
    password_set: bool = False


class Provider(Protocol):
    """What the engine needs from a storage (see the module docstring)."""

    kind: str

    def begin(self, name: str, size: int) -> Session: ...

    def confirmed_parts(self, session: Session) -> dict[int, tuple[int, str]] | None:
        """Part number -> (size, etag) the server holds; None when it cannot be known."""
        ...

    def put_part(
        self, session: Session, number: int, offset: int, data: bytes | Iterable[bytes], size: int
    ) -> str:
        """Send one part; returns its etag ('' if the server gives none)."""
        ...

    def complete(self, session: Session, parts: list[tuple[int, str]]) -> None: ...

    def remote_size(self, remote_path: str) -> int | None:
        """The size of the finished file on the server, or None when it is not there."""
        ...

    def abort(self, session: Session) -> None: ...

    def share(self, remote_path: str, expiry_s: int, password: str | None) -> Link: ...

    def revoke(self, link: Link, remote_path: str) -> None: ...

    def delete(self, remote_path: str) -> None: ...

    def test(self) -> str:
        """Check the credentials and the storage; returns a short description. Raises."""
        ...
