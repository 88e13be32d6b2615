"""A real CalDAV server for tests: Radicale (GPL-3.0, a test dependency only, never shipped).

``RadicaleServer(tmp_dir)`` writes a config (htpasswd ``plain`` users, ``delay = 0`` so a 401
answers at once, ``owner_only`` rights, storage in ``tmp_dir``), starts ``python -m radicale``
on a free 127.0.0.1 port and waits until it answers; ``stop()`` ends exactly that process.
``url`` is the server's root; ``add_user(name, password)`` adds a login (Radicale re-reads the
htpasswd file on each request).
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.servers.dovecot import HOST, free_port


class RadicaleServer:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}/"
        self.users = directory / "users"
        self.users.write_text("", encoding="utf-8")
        config = directory / "config"
        config.write_text(
            "[server]\n"
            f"hosts = {HOST}:{self.port}\n"
            "[auth]\ntype = htpasswd\n"
            f"htpasswd_filename = {self.users}\n"
            "htpasswd_encryption = plain\ndelay = 0\n"
            "[rights]\ntype = owner_only\n"
            f"[storage]\nfilesystem_folder = {directory / 'collections'}\n"
            "[logging]\nlevel = warning\n", encoding="utf-8")
        self.log = (directory / "radicale.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(config)],
            stdout=self.log, stderr=subprocess.STDOUT)
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("Radicale exited: "
                                   + (self.directory / "radicale.log").read_text("utf-8", "replace"))
            try:
                urllib.request.urlopen(self.url, timeout=1).close()
                return
            except urllib.error.HTTPError:
                return  # it answers (401 without a login)
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("Radicale did not start")

    def add_user(self, name: str, password: str) -> None:
        with self.users.open("a", encoding="utf-8") as handle:
            handle.write(f"{name}:{password}\n")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
