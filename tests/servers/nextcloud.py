"""A Nextcloud-style test server: WebDAV files, chunked upload v2 and the OCS share API.

Faithful to Nextcloud's documented behaviour for what Tradewind uses:
- Basic auth with a user and app password on ``/remote.php/dav/...`` and ``/ocs/...``
  (401 otherwise; OCS answers ``statuscode`` 997).
- ``/remote.php/dav/files/USER/PATH``: ``PROPFIND`` (207), ``MKCOL`` (201; 405 when it exists;
  409 without parent), ``GET``, ``DELETE`` (204; 404).
- Chunking v2 under ``/remote.php/dav/uploads/USER/ID``: ``MKCOL`` (needs ``Destination``),
  ``PUT ID/N`` for N in 1..10000, ``PROPFIND`` Depth 1 lists the chunks with their sizes,
  ``MOVE ID/.file`` with ``Destination`` and ``OC-Total-Length`` assembles them in numeric
  order (every chunk but the last at least 5 MiB, else 400; total length checked, else 400)
  and removes the upload folder. ``DELETE ID`` cancels.
- OCS ``POST /ocs/v2.php/apps/files_sharing/api/v1/shares`` (``OCS-APIRequest: true``
  required) with ``path``, ``shareType=3``, ``expireDate`` (YYYY-MM-DD), ``password``:
  JSON ``{"ocs": {"meta": …, "data": {"id", "token", "url", "expiration"}}}``; a missing path
  gives 404. ``DELETE …/shares/ID`` removes the share.
- Public download ``GET /s/TOKEN/download`` (404 once the share is deleted or past its
  expiry date; a password share needs Basic auth with the token as user name).

Test switches (on the server object): ``quota_bytes`` (chunk bytes accepted after it was set
beyond this answer 507 Insufficient Storage),
``fail_puts`` (a list of statuses the next PUTs answer, after reading their body: a 5xx
storm), and ``counter`` (a ``CountingApp``: bytes received). State lives in a temp folder.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import secrets
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.servers.wsgi_host import CountingApp, WsgiHost

MIN_CHUNK = 5 * 1024 * 1024
_OCS = "/ocs/v2.php/apps/files_sharing/api/v1/shares"


@dataclass
class Share:
    id: int
    token: str
    path: str
    expires: dt.date | None
    password: str | None


class NextcloudApp:
    def __init__(self, root: Path, user: str, password: str) -> None:
        self.root, self.user, self.password = root, user, password
        self.files = root / "files" / user
        self.uploads = root / "uploads" / user
        self.files.mkdir(parents=True)
        self.uploads.mkdir(parents=True)
        self.shares: dict[int, Share] = {}
        self.lock = threading.Lock()
        self.next_id = 1
        self.quota_bytes: int | None = None
        self.accepted = 0  # chunk bytes accepted since the faults were last reset
        self.fail_puts: list[int] = []
        self.base_url = ""

    # ------------------------------------------------------------ helpers
    def _authorised(self, environ: dict[str, Any], user: str, password: str) -> bool:
        header = str(environ.get("HTTP_AUTHORIZATION", ""))
        if not header.startswith("Basic "):
            return False
        try:
            name, _, given = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return secrets.compare_digest(name, user) and secrets.compare_digest(given, password)

    def _safe(self, base: Path, rel: str) -> Path:
        target = (base / unquote(rel).strip("/")).resolve()
        if not target.is_relative_to(base.resolve()):
            raise PermissionError(rel)
        return target

    def _destination(self, environ: dict[str, Any]) -> Path | None:
        dest = urlsplit(str(environ.get("HTTP_DESTINATION", ""))).path
        prefix = f"/remote.php/dav/files/{self.user}/"
        if not dest.startswith(prefix):
            return None
        return self._safe(self.files, dest[len(prefix):])

    @staticmethod
    def _body(environ: dict[str, Any]) -> Iterable[bytes]:
        stream = environ["wsgi.input"]
        left = int(environ.get("CONTENT_LENGTH") or 0)
        while left > 0:
            chunk = stream.read(min(1 << 20, left))
            if not chunk:
                raise ConnectionError("body ended early")
            left -= len(chunk)
            yield chunk

    def _drain(self, environ: dict[str, Any]) -> None:
        for _ in self._body(environ):
            pass

    # ------------------------------------------------------------ WSGI
    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        method = str(environ["REQUEST_METHOD"])

        def reply(status: str, body: bytes = b"", headers: list[tuple[str, str]] | None = None) -> list[bytes]:
            start_response(status, [("Content-Length", str(len(body))), *(headers or [])])
            return [body]

        try:
            if path.startswith("/s/") and method in ("GET", "HEAD"):
                return self._public(environ, path, start_response, reply)
            if path.startswith("/ocs/"):
                return self._ocs(environ, path, method, reply)
            if not self._authorised(environ, self.user, self.password):
                self._drain(environ)
                return reply("401 Unauthorized", b"", [("WWW-Authenticate", 'Basic realm="Nextcloud"')])
            files_prefix = f"/remote.php/dav/files/{self.user}"
            uploads_prefix = f"/remote.php/dav/uploads/{self.user}/"
            if path.startswith(files_prefix):
                return self._files(environ, method, path[len(files_prefix):], reply)
            if path.startswith(uploads_prefix):
                return self._chunked(environ, method, path[len(uploads_prefix):], reply)
            return reply("404 Not Found")
        except PermissionError:
            return reply("403 Forbidden")
        except ConnectionError:
            return reply("400 Bad Request")

    def _files(self, environ: dict[str, Any], method: str, rel: str, reply: Any) -> list[bytes]:
        target = self._safe(self.files, rel)
        if method == "PROPFIND":
            if not target.exists():
                return reply("404 Not Found")
            return reply("207 Multi-Status", _multistatus([(rel or "/", target)]),
                         [("Content-Type", "application/xml; charset=utf-8")])
        if method == "MKCOL":
            if target.exists():
                return reply("405 Method Not Allowed")
            if not target.parent.is_dir():
                return reply("409 Conflict")
            target.mkdir()
            return reply("201 Created")
        if method == "GET":
            if not target.is_file():
                return reply("404 Not Found")
            return reply("200 OK", target.read_bytes())
        if method == "DELETE":
            if not target.exists():
                return reply("404 Not Found")
            shutil.rmtree(target) if target.is_dir() else target.unlink()
            return reply("204 No Content")
        return reply("405 Method Not Allowed")

    def _chunked(self, environ: dict[str, Any], method: str, rel: str, reply: Any) -> list[bytes]:
        upload_id, _, chunk = rel.strip("/").partition("/")
        folder = self._safe(self.uploads, upload_id)
        if method == "MKCOL" and not chunk:
            if self._destination(environ) is None:
                return reply("400 Bad Request")
            if folder.exists():
                return reply("405 Method Not Allowed")
            folder.mkdir()
            return reply("201 Created")
        if not folder.is_dir():
            self._drain(environ)
            return reply("404 Not Found")
        if method == "PUT" and chunk.isdigit() and 1 <= int(chunk) <= 10000:
            with self.lock:
                failing = self.fail_puts.pop(0) if self.fail_puts else None
            size = int(environ.get("CONTENT_LENGTH") or 0)
            if failing is not None:
                self._drain(environ)
                return reply(f"{failing} Injected Fault")
            with self.lock:
                over = self.quota_bytes is not None and self.accepted + size > self.quota_bytes
                if not over:
                    self.accepted += size
            if over:
                self._drain(environ)
                return reply("507 Insufficient Storage")
            part = folder / chunk
            partial = folder / (chunk + ".part")
            with open(partial, "wb") as out:
                for data in self._body(environ):
                    out.write(data)
            os.replace(partial, part)
            return reply("201 Created", b"", [("ETag", f'"{secrets.token_hex(8)}"')])
        if method == "PROPFIND" and not chunk:
            entries = [(f"{upload_id}/", folder)]
            entries += [(f"{upload_id}/{p.name}", p) for p in sorted(folder.iterdir())
                        if p.name.isdigit()]
            return reply("207 Multi-Status", _multistatus(entries, prefix=f"/remote.php/dav/uploads/{self.user}/"),
                         [("Content-Type", "application/xml; charset=utf-8")])
        if method == "MOVE" and chunk == ".file":
            dest = self._destination(environ)
            if dest is None or not dest.parent.is_dir():
                return reply("409 Conflict")
            chunks = sorted((p for p in folder.iterdir() if p.name.isdigit()), key=lambda p: int(p.name))
            sizes = [p.stat().st_size for p in chunks]
            total = environ.get("HTTP_OC_TOTAL_LENGTH")
            if any(s < MIN_CHUNK for s in sizes[:-1]) or (total is not None and int(total) != sum(sizes)):
                return reply("400 Bad Request")
            with open(dest, "wb") as out:
                for p in chunks:
                    with open(p, "rb") as src:
                        shutil.copyfileobj(src, out, 1 << 20)
            shutil.rmtree(folder)
            return reply("201 Created")
        if method == "DELETE" and not chunk:
            shutil.rmtree(folder)
            return reply("204 No Content")
        return reply("405 Method Not Allowed")

    def _ocs_reply(self, reply: Any, http_status: str, code: int, message: str,
                   data: object = None) -> list[bytes]:
        body = json.dumps({"ocs": {"meta": {"status": "ok" if code == 200 else "failure",
                                            "statuscode": code, "message": message},
                                   "data": data if data is not None else []}}).encode()
        return reply(http_status, body, [("Content-Type", "application/json")])

    def _ocs(self, environ: dict[str, Any], path: str, method: str, reply: Any) -> list[bytes]:
        raw = b"".join(self._body(environ))
        if environ.get("HTTP_OCS_APIREQUEST", "").lower() != "true":
            return self._ocs_reply(reply, "412 Precondition Failed", 412, "CSRF check failed")
        if not self._authorised(environ, self.user, self.password):
            return self._ocs_reply(reply, "401 Unauthorized", 997, "Current user is not logged in")
        if method == "POST" and path == _OCS:
            form = {k: v[0] for k, v in parse_qs(raw.decode("utf-8")).items()}
            if form.get("shareType") != "3":
                return self._ocs_reply(reply, "400 Bad Request", 400, "Unknown share type")
            target = self._safe(self.files, form.get("path", ""))
            if not target.exists():
                return self._ocs_reply(reply, "404 Not Found", 404,
                                       "Wrong path, file/folder does not exist")
            expires = dt.date.fromisoformat(form["expireDate"]) if form.get("expireDate") else None
            with self.lock:
                share = Share(self.next_id, secrets.token_urlsafe(24), form["path"], expires,
                              form.get("password") or None)
                self.shares[share.id] = share
                self.next_id += 1
            data = {"id": str(share.id), "share_type": 3, "token": share.token,
                    "url": f"{self.base_url}/s/{share.token}", "path": share.path,
                    "expiration": f"{expires.isoformat()} 00:00:00" if expires else None}
            return self._ocs_reply(reply, "200 OK", 200, "OK", data)
        if method == "DELETE" and path.startswith(_OCS + "/"):
            share_id = path[len(_OCS) + 1:]
            with self.lock:
                found = self.shares.pop(int(share_id), None) if share_id.isdigit() else None
            if found is None:
                return self._ocs_reply(reply, "404 Not Found", 404, "Wrong share ID, share does not exist")
            return self._ocs_reply(reply, "200 OK", 200, "OK")
        return self._ocs_reply(reply, "404 Not Found", 404, "Unknown endpoint")

    def _public(self, environ: dict[str, Any], path: str, start_response: Any, reply: Any) -> Iterable[bytes]:
        token = path[3:].split("/", 1)[0]
        with self.lock:
            share = next((s for s in self.shares.values() if s.token == token), None)
        if share is None or (share.expires is not None and dt.date.today() > share.expires):
            return reply("404 Not Found")
        if share.password and not self._authorised(environ, token, share.password):
            return reply("401 Unauthorized", b"", [("WWW-Authenticate", 'Basic realm="share"')])
        target = self._safe(self.files, share.path)
        if not target.is_file():
            return reply("404 Not Found")
        start_response("200 OK", [("Content-Length", str(target.stat().st_size)),
                                  ("Content-Type", "application/octet-stream")])
        return _file_chunks(target)


def _file_chunks(path: Path) -> Iterable[bytes]:
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            yield chunk


def _multistatus(entries: list[tuple[str, Path]], prefix: str = "") -> bytes:
    parts = ['<?xml version="1.0" encoding="utf-8"?><d:multistatus xmlns:d="DAV:">']
    for href, target in entries:
        props = "<d:resourcetype><d:collection/></d:resourcetype>" if target.is_dir() else (
            f"<d:resourcetype/><d:getcontentlength>{target.stat().st_size}</d:getcontentlength>")
        parts.append(f"<d:response><d:href>{prefix}{href}</d:href><d:propstat><d:prop>{props}"
                     "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>")
    parts.append("</d:multistatus>")
    return "".join(parts).encode()


class NextcloudServer:
    """The app above on a loopback port, with a byte counter. ``url`` is the server root."""

    def __init__(self, user: str = "rep", password: str = "app-pass-1234") -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="tw-nextcloud-"))
        self.user, self.password = user, password
        self.app = NextcloudApp(self.dir / "data", user, password)
        self.counter = CountingApp(self.app)
        self.host = WsgiHost(self.counter)
        self.app.base_url = self.host.url

    @property
    def url(self) -> str:
        return self.host.url

    def start(self) -> NextcloudServer:
        self.host.start()
        return self

    @property
    def quota_bytes(self) -> int | None:
        return self.app.quota_bytes

    @quota_bytes.setter
    def quota_bytes(self, value: int | None) -> None:
        with self.app.lock:
            self.app.quota_bytes, self.app.accepted = value, 0

    @property
    def fail_puts(self) -> list[int]:
        return self.app.fail_puts

    @fail_puts.setter
    def fail_puts(self, value: list[int]) -> None:
        with self.app.lock:
            self.app.fail_puts = list(value)

    def reset_faults(self) -> None:
        self.quota_bytes = None
        self.fail_puts = []
        self.counter.reset()

    def stop(self) -> None:
        self.host.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
