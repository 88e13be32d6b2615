"""A private nginx with the WebDAV modules: ``/dav/`` (Basic auth; PUT, DELETE, MKCOL,
PROPFIND) and ``/pub/`` (the same folder, anonymous and read-only: the public link prefix).

Follows TESTBED.md: ``nginx -c CONF -p DIR`` with ``daemon off``, every temp path under DIR,
``client_max_body_size 0``, workers as ``nobody``, stopped with ``kill -QUIT``. ``tmpfs_mb``
mounts a tmpfs of that size (as root) as the DAV root and body buffer: a full disk, which
nginx answers with 500. ``received_bytes()`` sums ``$request_length`` of every logged request
(headers and body) from the access log.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.servers.dovecot import HOST, free_port
from tests.servers.tmpfs import mount_tmpfs, unmount

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DAV_MODULE = "/usr/lib/nginx/modules/ngx_http_dav_ext_module.so"


def available() -> bool:
    return os.path.exists(NGINX) and os.path.exists(DAV_MODULE) and os.geteuid() == 0


class NginxDav:
    def __init__(self, user: str = "rep", password: str = "dav-pass-1234", tmpfs_mb: int | None = None) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="tw-nginx-"))
        os.chmod(self.dir, 0o755)
        self.user, self.password = user, password
        self.port = free_port()
        self.root = self.dir / "dav"
        self.root.mkdir()
        self.tmpfs = tmpfs_mb
        if tmpfs_mb:
            mount_tmpfs(self.root, tmpfs_mb)
        (self.root / "body").mkdir()
        shutil.chown(self.root, "nobody")
        shutil.chown(self.root / "body", "nobody")
        (self.dir / "htpasswd").write_text(f"{user}:{{PLAIN}}{password}\n")
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/dav/"

    @property
    def public_url(self) -> str:
        return f"http://{HOST}:{self.port}/pub/"

    def _conf(self) -> str:
        d, r = self.dir, self.root
        temps = "".join(f"    {kind}_temp_path {d}/{kind};\n"
                        for kind in ("proxy", "fastcgi", "uwsgi", "scgi"))
        return f"""load_module {DAV_MODULE};
daemon off;
pid {d}/nginx.pid;
user nobody nogroup;
worker_processes 1;
error_log {d}/error.log warn;
events {{ worker_connections 64; }}
http {{
    log_format counted '$request_method $status $request_length';
    access_log {d}/access.log counted;
    client_body_temp_path {r}/body;
{temps}    client_max_body_size 0;
    client_body_timeout 60s;
    server {{
        listen {HOST}:{self.port};
        location /dav/ {{
            alias {r}/files/;
            auth_basic "dav";
            auth_basic_user_file {d}/htpasswd;
            dav_methods PUT DELETE MKCOL COPY MOVE;
            dav_ext_methods PROPFIND OPTIONS;
            dav_access user:rw group:r all:r;
        }}
        location /pub/ {{
            alias {r}/files/;
            limit_except GET HEAD {{ deny all; }}
        }}
    }}
}}
"""

    def start(self) -> NginxDav:
        (self.root / "files").mkdir(exist_ok=True)
        shutil.chown(self.root / "files", "nobody")
        conf = self.dir / "nginx.conf"
        conf.write_text(self._conf())
        self.proc = subprocess.Popen(
            [NGINX, "-c", str(conf), "-p", str(self.dir), "-e", str(self.dir / "error.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 10
        while True:
            try:
                urllib.request.urlopen(f"http://{HOST}:{self.port}/pub/", timeout=1)
                break
            except urllib.error.HTTPError:
                break  # 403/404: up
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("nginx did not start: " + self.log_text()) from None
                time.sleep(0.02)
        return self

    def log_text(self) -> str:
        path = self.dir / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def received_bytes(self, method: str = "PUT") -> int:
        path = self.dir / "access.log"
        if not path.exists():
            return 0
        total = 0
        for line in path.read_text().splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[0] == method:
                total += int(parts[2])
        return total

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGQUIT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None
        if self.tmpfs:
            unmount(self.root)  # lazily, if a server thread still holds the truncated file
            self.tmpfs = None
        shutil.rmtree(self.dir, ignore_errors=True)
