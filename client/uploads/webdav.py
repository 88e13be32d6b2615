"""Generic WebDAV storage: one streamed PUT per file with Basic auth; the public link is the
configured download prefix + the file's unguessable remote path.

Plain WebDAV cannot resume a file (servers refuse `PUT` with `Content-Range`), so a session is
not resumable: the engine sends the whole file as one part (`put_file`: straight from the file
with `socket.sendfile`, see `client.uploads.plain_http`) and starts it again after a fault.
The link is the file itself: `revoke` and `delete` both remove the file and its folder.
One thread per instance; every method blocks on the network and raises only `UploadError`s.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import BinaryIO
from urllib.parse import quote

from client.i18n import _
from client.uploads.names import ROOT, new_remote_path
from client.uploads.plain_http import PlainHttp, Reply
from client.uploads.provider import Link, PermanentError, Session
from client.uploads.statuses import raise_for

_OCTETS = {"Content-Type": "application/octet-stream"}


class WebDavProvider:
    kind = "webdav"

    def __init__(self, url: str, public_url: str | None, username: str, password: str) -> None:
        if not public_url:
            raise PermanentError(
                _("A WebDAV storage needs a public download address (--public-url) to build "
                  "links.")
            )
        self.base = url.rstrip("/") + "/"
        self.public = public_url.rstrip("/") + "/"
        self.http = PlainHttp(self.base, username, password)
        self.host = self.http.host

    def _url(self, path: str) -> str:
        return self.base + quote(path)

    def _check(self, reply: Reply, what: str, *, ok: tuple[int, ...] = ()) -> None:
        raise_for(reply.status, reply.reason, what, self.host, ok=ok)

    def _mkcol(self, path: str) -> None:
        what = _("Creating a folder")
        reply = self.http.request("MKCOL", self._url(path) + "/", what=what)
        self._check(reply, what, ok=(405,))  # 405: already there

    def begin(self, name: str, size: int) -> Session:
        remote = new_remote_path(name)
        self._mkcol(ROOT)
        self._mkcol(remote.rsplit("/", 1)[0])
        return Session(remote_path=remote, part_size=max(size, 1), resumable=False)

    def confirmed_parts(self, session: Session) -> dict[int, tuple[int, str]] | None:
        return None

    def put_part(
        self, session: Session, number: int, offset: int, data: bytes | Iterable[bytes], size: int
    ) -> str:
        if number != 1 or offset != 0:
            raise PermanentError(_("A plain WebDAV upload is sent in one piece."))
        chunks = [data] if isinstance(data, bytes) else data
        what = _("Uploading the file")
        return self._stored(session, what, lambda: self.http.put_chunks(
            self._url(session.remote_path), chunks, size, what=what, headers=_OCTETS))

    def put_file(self, session: Session, handle: BinaryIO, size: int,
                 on_sent: Callable[[int], None]) -> str:
        """Send the first `size` bytes of `handle` as the whole file; returns the ETag."""
        what = _("Uploading the file")
        return self._stored(session, what, lambda: self.http.put_file(
            self._url(session.remote_path), handle, size, what=what, on_sent=on_sent,
            headers=_OCTETS))

    def _stored(self, session: Session, what: str, send: Callable[[], Reply]) -> str:
        try:
            reply = send()
            self._check(reply, what)
        except Exception:
            self._delete_quietly(session.remote_path, folder=False)  # wsgidav keeps a truncated file
            raise
        return reply.headers.get("ETag", "") or ""

    def complete(self, session: Session, parts: list[tuple[int, str]]) -> None:
        return None

    def remote_size(self, remote_path: str) -> int | None:
        what = _("Checking the file")
        reply = self.http.request("HEAD", self._url(remote_path), what=what)
        if reply.status == 404:
            return None
        self._check(reply, what)
        length = reply.headers.get("Content-Length", "") or ""
        return int(length) if length.isdigit() else None

    def abort(self, session: Session) -> None:
        self._delete_quietly(session.remote_path)

    def share(self, remote_path: str, expiry_s: int, password: str | None) -> Link:
        if password:
            raise PermanentError(_("A plain WebDAV storage cannot protect a link with a "
                                   "password."))
        return Link(url=self.public + quote(remote_path), expires=time.time() + expiry_s)

    def revoke(self, link: Link, remote_path: str) -> None:
        self.delete(remote_path)

    def delete(self, remote_path: str, *, folder: bool = True) -> None:
        what = _("Deleting the file")
        paths = [remote_path] + ([remote_path.rsplit("/", 1)[0] + "/"] if folder else [])
        for path in paths:
            reply = self.http.request("DELETE", self._url(path), what=what)
            self._check(reply, what, ok=(404,))

    def _delete_quietly(self, remote_path: str, *, folder: bool = True) -> None:
        try:
            self.delete(remote_path, folder=folder)
        except Exception:  # noqa: BLE001 - best effort after a failed upload
            pass

    def test(self) -> str:
        what = _("Checking the storage")
        reply = self.http.request("PROPFIND", self.base, what=what, headers={"Depth": "0"})
        self._check(reply, what)
        return _("WebDAV storage on {host}: signed in, folder readable.", host=self.host)
