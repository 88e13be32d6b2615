"""What the throwaway IMAP test servers (``dovecot.py``, ``cyrus.py``) share: a private instance
directory swept when its test process died, a trustme test CA and server certificate, three
free loopback ports (implicit TLS, STARTTLS, LMTP), a master process in its own process group
that dies with the test process, start with retries on new ports, and stop by SIGKILL to the
group.

``ServerInstance`` is the base class.  A subclass checks its binaries, calls
``_init_instance()``, and implements ``_write_config()`` (for the current ports) and
``_launch() -> bool`` (start the master with ``spawn_master`` and wait until it is ready);
``_startup_error()`` and ``_may_retry(error)`` say why a start failed and whether new ports may
help.  Not thread-safe to start or stop concurrently; ``stop()`` is idempotent.  Errors are
raised as the subclass's ``_ERROR`` class.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import hashlib
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, Self

import trustme

HOST = "127.0.0.1"
OWNER_FILE = "owner.pid"
CERT_KINDS = ("valid", "expired", "wrong-host")
NOBODY = 65534


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (the caller retries on a clash)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def sweep_stale_instances(prefix: str) -> int:
    """Delete the ``prefix*`` instance dirs of test processes that died without stopping their
    server (the server died with them, see ``die_with_parent``).  Dirs of live processes are
    kept.  Returns how many went."""
    removed = 0
    for candidate in Path(tempfile.gettempdir()).glob(prefix + "*"):
        try:
            owner = int((candidate / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue
        try:
            os.kill(owner, 0)
        except ProcessLookupError:
            shutil.rmtree(candidate, ignore_errors=True)
            removed += 1
        except PermissionError:
            continue
    return removed


def _load_prctl() -> Callable[..., int] | None:
    try:
        prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
        return prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _load_prctl()  # resolved here: the forked child must not import or load anything


def die_with_parent() -> None:
    """In the child before exec: SIGKILL the server if the test process dies (Linux), so a
    killed pytest run leaves no server behind.  The workers exit when their master is gone."""
    if _PRCTL is not None:
        _PRCTL(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def spawn_master(argv: Sequence[str], *, stdout: IO[bytes] | int, stderr: IO[bytes] | int,
                 env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start a server master in its own process group (``stop`` signals the group) that dies
    with this process."""
    return subprocess.Popen(list(argv), stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr,
                            env=env, start_new_session=True, preexec_fn=die_with_parent)


def issue_tls(tls_dir: Path, kind: str = "valid", owner: int | None = None) -> tuple[Path, str]:
    """A fresh test CA and a server certificate for 127.0.0.1/localhost in ``tls_dir``
    (``ca.pem``, ``cert.pem`` with its chain, ``key.pem``).  ``kind``: ``"valid"``,
    ``"expired"`` or ``"wrong-host"`` (issued for wrong.example.test only).  Returns the CA
    file and the lowercase hex SHA-256 of the certificate's DER bytes."""
    if kind not in CERT_KINDS:
        raise ValueError(f"cert must be one of {CERT_KINDS}, not {kind!r}")
    tls_dir.mkdir(mode=0o755, parents=True, exist_ok=True)
    ca = trustme.CA()
    if kind == "expired":
        now = dt.datetime.now(dt.UTC)
        leaf = ca.issue_cert(HOST, "localhost", not_before=now - dt.timedelta(days=30),
                             not_after=now - dt.timedelta(days=1))
    elif kind == "wrong-host":
        leaf = ca.issue_cert("wrong.example.test")
    else:
        leaf = ca.issue_cert(HOST, "localhost")
    ca_file = tls_dir / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    leaf.private_key_pem.write_to_path(str(tls_dir / "key.pem"))
    with open(tls_dir / "cert.pem", "wb") as fh:
        for blob in leaf.cert_chain_pems:
            fh.write(blob.bytes())
    if owner is not None:
        for path in tls_dir.iterdir():
            os.chown(path, owner, owner)
    der = ssl.PEM_cert_to_DER_cert(leaf.cert_chain_pems[0].bytes().decode("ascii"))
    return ca_file, hashlib.sha256(der).hexdigest()


class ServerInstance:
    """The life cycle both test servers share (see the module docstring)."""

    _NAME = "server"
    _DIR_PREFIX = "tw-server-"
    _ERROR: type[Exception] = RuntimeError
    _ATTEMPTS = 5

    host: str
    imaps_port: int
    imap_port: int
    lmtp_port: int
    root: Path
    ca_file: Path
    cert_sha256: str
    _proc: subprocess.Popen[bytes] | None

    def _init_instance(self, cert: str = "valid", tls_owner: int | None = None) -> None:
        """Sweep dead instances, make this one's directory (world-traversable, as the servers'
        unprivileged processes need) and its certificate; no port is chosen yet."""
        self.host = HOST
        self.imaps_port = self.imap_port = self.lmtp_port = 0
        self._proc = None
        sweep_stale_instances(self._DIR_PREFIX)
        self.root = Path(tempfile.mkdtemp(prefix=self._DIR_PREFIX))
        os.chmod(self.root, 0o755)
        (self.root / OWNER_FILE).write_text(str(os.getpid()))
        self.ca_file, self.cert_sha256 = issue_tls(self.root / "tls", cert, tls_owner)

    # ---------------------------------------------------------------- to implement

    def _write_config(self) -> None:
        raise NotImplementedError

    def _launch(self) -> bool:
        raise NotImplementedError

    def _startup_error(self) -> str:
        return ""

    def _may_retry(self, error: str) -> bool:
        """Whether new ports may help after a failed start (default: always)."""
        return True

    # ---------------------------------------------------------------- life cycle

    def start(self) -> Self:
        """Start on three new free ports and wait until ready; retries with new ports when the
        start failed and ``_may_retry`` allows.  Raises ``_ERROR`` with the server's words."""
        error = ""
        for _attempt in range(self._ATTEMPTS):
            self.imaps_port, self.imap_port, self.lmtp_port = free_port(), free_port(), free_port()
            if len({self.imaps_port, self.imap_port, self.lmtp_port}) < 3:
                continue
            self._write_config()
            if self._launch():
                return self
            error = self._startup_error()
            self._kill_group(wait_ports=False)  # it never listened: a port may be another's
            if not self._may_retry(error):
                break
        raise self._ERROR(f"{self._NAME} did not start: {error}")

    def stop(self) -> None:
        """Stop the whole process group and delete the instance directory.  Idempotent."""
        self._kill_group()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def client_ssl_context(self) -> ssl.SSLContext:
        """A verifying client context that trusts only this server's CA."""
        return ssl.create_default_context(cafile=str(self.ca_file))

    def _kill_group(self, wait_ports: bool = True) -> None:
        # SIGKILL to the whole group: nothing of a throwaway instance needs a clean shutdown,
        # and a SIGTERM'd master can take seconds to exit.
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10.0)
        if wait_ports:
            self._wait_ports_closed()

    def _wait_ports_closed(self) -> None:
        """Login processes hold the listening sockets too and may outlive the master by a few
        milliseconds: only return once no port accepts connections (at most 5 s)."""
        deadline = time.monotonic() + 5.0
        for port in (self.imaps_port, self.imap_port, self.lmtp_port):
            while port and time.monotonic() < deadline:
                try:
                    with socket.create_connection((HOST, port), timeout=0.5):
                        pass
                except OSError:
                    break
                time.sleep(0.01)
