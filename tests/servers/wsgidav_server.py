"""wsgidav (with cheroot) as a second WebDAV server: ``/dav`` with Basic auth and ``/pub``
(same folder, anonymous, read-only) for public links. ``counter.bytes_received`` counts the
request bodies it read. ``tmpfs_mb`` puts the folder on a tmpfs of that size (a full disk).
State in a temp folder.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from wsgidav.wsgidav_app import WsgiDAVApp

from tests.servers.tmpfs import mount_tmpfs, unmount
from tests.servers.wsgi_host import CountingApp, WsgiHost


class WsgiDavServer:
    def __init__(self, user: str = "rep", password: str = "dav-pass-1234",
                 tmpfs_mb: int | None = None) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="tw-wsgidav-"))
        self.user, self.password = user, password
        root = self.root = self.dir / "files"
        root.mkdir()
        self.tmpfs = tmpfs_mb
        if tmpfs_mb:  # a full disk (as root): wsgidav answers 500 and keeps a truncated file
            mount_tmpfs(root, tmpfs_mb)
        config = {
            "provider_mapping": {"/dav": str(root), "/pub": {"root": str(root), "readonly": True}},
            "http_authenticator": {"accept_basic": True, "accept_digest": False,
                                   "default_to_digest": False},
            "simple_dc": {"user_mapping": {"/dav": {user: {"password": password}}, "/pub": True}},
            "verbose": 0,
            "logging": {"enable": False, "enable_loggers": []},
            "property_manager": True,
            "lock_storage": True,
        }
        logging.getLogger("wsgidav").setLevel(logging.ERROR)
        self.counter = CountingApp(WsgiDAVApp(config))
        self.host = WsgiHost(self.counter)

    @property
    def url(self) -> str:
        return self.host.url + "/dav/"

    @property
    def public_url(self) -> str:
        return self.host.url + "/pub/"

    def start(self) -> WsgiDavServer:
        self.host.start()
        return self

    def stop(self) -> None:
        self.host.stop()
        if self.tmpfs:
            unmount(self.root)  # lazily, if a server thread still holds the truncated file
            self.tmpfs = None
        shutil.rmtree(self.dir, ignore_errors=True)
