"""Nextcloud / ownCloud storage: chunked upload v2 and a public share link through OCS.

Upload (Nextcloud's documented chunking v2): `MKCOL remote.php/dav/uploads/USER/ID` with a
`Destination` header, `PUT .../ID/00001` … (parts of at least 5 MiB but the last, at most
10,000), then `MOVE .../ID/.file` to `remote.php/dav/files/USER/PATH`. The upload folder keeps
the confirmed chunks, so a later process resumes: `PROPFIND` (Depth 1) lists them. Share:
`POST ocs/v2.php/apps/files_sharing/api/v1/shares` with `shareType=3`, `expireDate`, an
optional `password` and `OCS-APIRequest: true`; revoke `DELETE .../shares/ID`. Use an app
password. One thread per instance; methods block and raise only `UploadError`s.
"""

from __future__ import annotations

import json
import secrets
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from client.i18n import _
from client.uploads import http
from client.uploads.names import ROOT, new_remote_path
from client.uploads.provider import (
    AuthError,
    Link,
    MiB,
    PermanentError,
    Session,
    SessionLost,
    TransientError,
)

PART_SIZE = 16 * MiB
MAX_PARTS = 10_000
_OCS_SHARES = "ocs/v2.php/apps/files_sharing/api/v1/shares"
_DAV = "{DAV:}"


def part_size_for(size: int) -> int:
    """16 MiB, or more so that the file fits in 10,000 chunks."""
    need = -(-size // MAX_PARTS)
    return max(PART_SIZE, -(-need // MiB) * MiB)


class NextcloudProvider:
    kind = "nextcloud"

    def __init__(self, url: str, username: str, password: str) -> None:
        if not username:
            raise PermanentError(_("A Nextcloud storage needs the user name (--username)."))
        self.root = url.rstrip("/") + "/"
        self.user = username
        self.host = http.host_of(url)
        self.http = http.session(username, password)
        self.http.headers["OCS-APIRequest"] = "true"

    def _files(self, path: str) -> str:
        return f"{self.root}remote.php/dav/files/{quote(self.user)}/{quote(path)}"

    def _uploads(self, upload_id: str, tail: str = "") -> str:
        return f"{self.root}remote.php/dav/uploads/{quote(self.user)}/{upload_id}" + tail

    def _request(self, method: str, url: str, what: str, ok: tuple[int, ...] = (), **kw: Any) -> Any:
        with http.guard(what, self.host):
            response = self.http.request(method, url, timeout=http.TIMEOUT, **kw)
        http.check(response, what, self.host, ok=ok)
        return response

    def begin(self, name: str, size: int) -> Session:
        remote = new_remote_path(name)
        for folder in (ROOT, remote.rsplit("/", 1)[0]):
            self._request("MKCOL", self._files(folder) + "/", _("Creating a folder"), ok=(405,))
        upload_id = "tradewind-" + secrets.token_hex(16)
        self._request(
            "MKCOL", self._uploads(upload_id), _("Starting the upload"),
            headers={"Destination": self._files(remote)},
        )
        return Session(
            remote_path=remote, part_size=part_size_for(size), resumable=True,
            state={"upload_id": upload_id, "size": size},
        )

    def confirmed_parts(self, session: Session) -> dict[int, tuple[int, str]] | None:
        upload_id = str(session.state["upload_id"])
        with http.guard(_("Resuming the upload"), self.host):
            response = self.http.request(
                "PROPFIND", self._uploads(upload_id) + "/", headers={"Depth": "1"},
                timeout=http.TIMEOUT,
            )
        if response.status_code == 404:
            raise SessionLost(_("The server no longer holds the unfinished upload."))
        http.check(response, _("Resuming the upload"), self.host)
        found: dict[int, tuple[int, str]] = {}
        try:
            tree = ET.fromstring(response.content)
        except ET.ParseError:
            raise TransientError(
                _("Resuming the upload failed: {host} sent an unreadable folder listing.",
                  host=self.host)
            ) from None
        for item in tree.iter(f"{_DAV}response"):
            href = unquote(item.findtext(f"{_DAV}href") or "").rstrip("/").rsplit("/", 1)[-1]
            length = item.findtext(f".//{_DAV}getcontentlength")
            if href.isdigit() and length is not None and length.strip().isdigit():
                found[int(href)] = (int(length), "")
        return found

    def put_part(
        self, session: Session, number: int, offset: int, data: bytes | Iterable[bytes], size: int
    ) -> str:
        upload_id = str(session.state["upload_id"])
        response = self._request(
            "PUT", self._uploads(upload_id, f"/{number:05d}"), _("Uploading a part"),
            data=data,
            headers={
                "Destination": self._files(session.remote_path),
                "OC-Total-Length": str(session.state["size"]),
                "Content-Length": str(size),
            },
        )
        return str(response.headers.get("ETag", ""))

    def complete(self, session: Session, parts: list[tuple[int, str]]) -> None:
        upload_id = str(session.state["upload_id"])
        self._request(
            "MOVE", self._uploads(upload_id, "/.file"), _("Finishing the upload"),
            headers={
                "Destination": self._files(session.remote_path),
                "OC-Total-Length": str(session.state["size"]),
                "Overwrite": "T",
            },
        )

    def remote_size(self, remote_path: str) -> int | None:
        with http.guard(_("Checking the file"), self.host):
            response = self.http.request("PROPFIND", self._files(remote_path),
                                         headers={"Depth": "0"}, timeout=http.TIMEOUT)
        if response.status_code == 404:
            return None
        http.check(response, _("Checking the file"), self.host)
        try:
            length = ET.fromstring(response.content).findtext(f".//{_DAV}getcontentlength")
        except ET.ParseError:
            return None
        return int(length) if length and length.strip().isdigit() else None

    def abort(self, session: Session) -> None:
        try:
            self._request(
                "DELETE", self._uploads(str(session.state["upload_id"])), _("Cancelling the upload"),
                ok=(404,),
            )
        except Exception:  # noqa: BLE001 - best effort
            pass

    def _ocs(self, response: Any, what: str) -> dict[str, Any]:
        try:
            document = json.loads(response.content)
            meta = document["ocs"]["meta"]
            data = document["ocs"].get("data") or {}
        except (ValueError, KeyError, TypeError):
            raise PermanentError(_("{what} failed: {host} did not answer like Nextcloud.",
                                   what=what, host=self.host)) from None
        code = int(meta.get("statuscode") or 0)
        if code in (100, 200):
            return data if isinstance(data, dict) else {}
        message = str(meta.get("message") or "")[:200].replace("\n", " ")
        if code in (401, 997):
            raise AuthError(_("{what} failed: {host} refused the user name or app password.",
                              what=what, host=self.host))
        raise PermanentError(_("{what} failed: {host} answered {code} {message}", what=what,
                               host=self.host, code=code, message=message).rstrip() + ".")

    def share(self, remote_path: str, expiry_s: int, password: str | None) -> Link:
        day = datetime.fromtimestamp(time.time() + expiry_s, UTC).date()
        form = {"path": "/" + remote_path, "shareType": "3", "expireDate": day.isoformat()}
        if password:
            form["password"] = password
        response = self._request(
            "POST", self.root + _OCS_SHARES, _("Sharing the file"), ok=(400, 403, 404),
            data=form, headers={"Accept": "application/json"},
        )
        data = self._ocs(response, _("Sharing the file"))
        url = str(data.get("url") or "")
        if not url or urlsplit(url).scheme not in ("http", "https"):
            raise PermanentError(_("Sharing the file failed: {host} gave no link.",
                                   host=self.host))
        expires = datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()
        return Link(url=url, expires=expires, remote_id=str(data.get("id") or ""),
                    password_set=bool(password))

    def revoke(self, link: Link, remote_path: str) -> None:
        if link.remote_id:
            response = self._request(
                "DELETE", f"{self.root}{_OCS_SHARES}/{quote(link.remote_id)}", _("Revoking the link"),
                ok=(404,), headers={"Accept": "application/json"},
            )
            if response.status_code != 404:
                try:
                    self._ocs(response, _("Revoking the link"))
                except PermanentError:
                    pass  # already gone (OCS 404 inside a 200)
        self.delete(remote_path)

    def delete(self, remote_path: str) -> None:
        folder = remote_path.rsplit("/", 1)[0]
        self._request("DELETE", self._files(folder) + "/", _("Deleting the file"), ok=(404,))

    def test(self) -> str:
        self._request("PROPFIND", self._files("") , _("Checking the storage"),
                      headers={"Depth": "0"})
        return _("Nextcloud storage on {host}: signed in as {user}.", host=self.host,
                 user=self.user)
