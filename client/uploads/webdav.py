"""Generic WebDAV storage: one streamed PUT per file with Basic auth; the public link is the
configured download prefix + the file's unguessable remote path.

Plain WebDAV cannot resume a file (servers refuse `PUT` with `Content-Range`), so a session is
not resumable: the engine sends the whole file as one part and starts it again after a fault.
The link is the file itself: `revoke` and `delete` both remove the file and its folder.
One thread per instance; every method blocks on the network and raises only `UploadError`s.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from urllib.parse import quote

from client.i18n import _
from client.uploads import http
from client.uploads.names import ROOT, new_remote_path
from client.uploads.provider import Link, PermanentError, Session


class _SizedBody:
    """An iterable of chunks with a length: requests then streams it with a Content-Length
    (no chunked encoding, which some WebDAV servers refuse), one chunk in memory at a time."""

    def __init__(self, chunks: Iterable[bytes], size: int) -> None:
        self.chunks, self.size = chunks, size

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.chunks)


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
        self.host = http.host_of(url)
        self.http = http.session(username, password)

    def _url(self, path: str) -> str:
        return self.base + quote(path)

    def _mkcol(self, path: str) -> None:
        with http.guard(_("Creating a folder"), self.host):
            response = self.http.request("MKCOL", self._url(path) + "/", timeout=http.TIMEOUT)
        http.check(response, _("Creating a folder"), self.host, ok=(405,))  # 405: already there

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
        headers = {"Content-Type": "application/octet-stream"}
        body: bytes | _SizedBody = data if isinstance(data, bytes) else _SizedBody(data, size)
        with http.guard(_("Uploading the file"), self.host):
            response = self.http.put(
                self._url(session.remote_path), data=body, headers=headers, timeout=http.TIMEOUT
            )
        try:
            http.check(response, _("Uploading the file"), self.host)
        except Exception:
            self._delete_quietly(session.remote_path, folder=False)  # wsgidav keeps a truncated file
            raise
        return response.headers.get("ETag", "")

    def complete(self, session: Session, parts: list[tuple[int, str]]) -> None:
        return None

    def remote_size(self, remote_path: str) -> int | None:
        with http.guard(_("Checking the file"), self.host):
            response = self.http.head(self._url(remote_path), timeout=http.TIMEOUT)
        if response.status_code == 404:
            return None
        http.check(response, _("Checking the file"), self.host)
        length = response.headers.get("Content-Length", "")
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
        paths = [remote_path] + ([remote_path.rsplit("/", 1)[0] + "/"] if folder else [])
        for path in paths:
            with http.guard(_("Deleting the file"), self.host):
                response = self.http.delete(self._url(path), timeout=http.TIMEOUT)
            http.check(response, _("Deleting the file"), self.host, ok=(404,))

    def _delete_quietly(self, remote_path: str, *, folder: bool = True) -> None:
        try:
            self.delete(remote_path, folder=folder)
        except Exception:  # noqa: BLE001 - best effort after a failed upload
            pass

    def test(self) -> str:
        with http.guard(_("Checking the storage"), self.host):
            response = self.http.request(
                "PROPFIND", self.base, headers={"Depth": "0"}, timeout=http.TIMEOUT
            )
        http.check(response, _("Checking the storage"), self.host)
        return _("WebDAV storage on {host}: signed in, folder readable.", host=self.host)
