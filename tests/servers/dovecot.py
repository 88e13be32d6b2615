"""A throwaway Dovecot 2.3 server for integration tests (127.0.0.1 only).

Fixtures (defined in ``tests/conftest.py``)
-------------------------------------------
``dovecot``  (session scope) -> :class:`DovecotServer`
    One server shared by the whole session.  Never rely on another test's mail: use ``imap_user``.
    Skips with a clear reason when dovecot is not installed or the tests do not run as root
    (fails instead when ``CI`` is set).  Tests using these fixtures get the ``dovecot`` marker
    (``-m "not dovecot"`` leaves them out); a failed one shows its user's Dovecot log lines.
``imap_user``  (function scope) -> :class:`MailUser`
    A fresh, empty, unique user on ``dovecot``; INBOX plus Sent, Drafts, Trash, Junk, Archive
    (special-use \\Sent \\Drafts \\Trash \\Junk \\Archive) exist from the first login.
``make_dovecot``  (function scope) -> ``factory(cert="valid") -> DovecotServer``
    Starts an *extra* server, stopped after the test.  Every server has its own test CA, so a
    second server's certificate is untrusted by the first one's ``ca_file`` (a "changed
    certificate").  ``cert="expired"`` serves an expired certificate signed by its own CA,
    ``cert="wrong-host"`` one issued for ``wrong.example.test`` only.
``make_fault_proxy``  (function scope) -> ``factory(upstream_port, source_host=None) -> FaultProxy``
    A loopback proxy that cuts, stalls, rewrites or injects (see ``tests/servers/faultproxy.py``).
    With ``source_host="127.0.0.2"`` Dovecot no longer counts the connection as local, so the
    plain port advertises LOGINDISABLED until STARTTLS, like a real server.
``DovecotServer(oauth2_introspection_url=URL)``: an instance that also offers XOAUTH2 and
    OAUTHBEARER, checking tokens at ``URL`` (``tests/servers/oauth_server.py``'s
    ``/introspect``); passwords keep working for PLAIN/LOGIN. The OAuth2 tests start their own
    (``tests/client/oauth/test_oauth_mail.py``'s ``bed``); the shared ``dovecot`` is unchanged.
``memory_keyring`` (autouse) -> ``tests.support.memory_keyring.MemoryKeyring``, the active backend.
``profile_dir`` (autouse) -> ``Path``: ``TRADEWIND_PROFILE`` points at this fresh empty directory;
    ``XDG_*_HOME`` point into the test's tmp_path too.

Connection facts on a :class:`DovecotServer`
--------------------------------------------
``host`` ("127.0.0.1"), ``imaps_port`` (implicit TLS), ``imap_port`` (plain, STARTTLS offered;
LOGIN is accepted before STARTTLS because Dovecot counts loopback as secure, so a test of
"never log in before TLS" must watch the wire, e.g. through ``FaultProxy.upstream_bytes``),
``lmtp_port``, ``ca_file`` (PEM path of the CA to trust), ``cert_sha256`` (lowercase hex SHA-256 of
the server certificate's DER bytes), ``client_ssl_context()`` (trusts ``ca_file``), ``log_text()``.
Mailbox hierarchy separator is ``/``; passwords are only in the passwd-file and never logged.

Mail helpers (all synchronous; safe from any thread; each opens its own connection)
-----------------------------------------------------------------------------------
``add_user(name, password) -> MailUser``: idempotent for the same pair; ``MailUser`` has
``username``, ``password``, ``email`` (``name@example.test``).
``deliver(user, raw_bytes)``: LMTP delivery into INBOX; the message is stored when it returns,
with Return-Path, Delivered-To and Received headers prepended.
Raw bytes (8-bit headers included) are stored as given, except that every line end comes back
as CRLF: compare with ``re.sub(rb"\\r?\\n", b"\\r\\n", raw)``.
``append(user, folder, raw, flags=(), date=None) -> int``: IMAP APPEND, returns the new UID.
``append_many(user, folder, raws) -> list[int]``: many APPENDs over one connection (fast).
``create_folder(user, name)``: Unicode names allowed (sent as modified UTF-7), ``/`` nests.
``imap_admin(user) -> imaplib.IMAP4_SSL``: logged in, no mailbox selected; the caller logs out
(it is also a context manager).  Use it to change server state behind the client's back.
``uids(user, folder) -> list[int]``, ``flags(user, folder) -> {uid: {flag, ...}}`` (no \\Recent),
``fetch_raw(user, folder, uid) -> bytes``: read server state (never set \\Seen).
``store_flags(user, folder, uids, flags, mode="+"|"-"|"")``, ``expunge(user, folder, uids)``,
``move(user, folder, uids, target)``: change server state behind the client's back.
``uidvalidity(user, folder) -> int`` and ``reset_uidvalidity(user, folder, renumber=False) -> int``:
the latter gives the mailbox a new, larger UIDVALIDITY (messages kept) and returns it; with
``renumber=True`` the messages are also renumbered 1..n in reverse order, so an old UID names a
different message.
``crash()``: SIGKILL the server (connections drop, new ones refused), keeping mail and ports;
``restart()``: start again on the same ports with the same mail, users and certificate.
``doveadm(*args)``: runs ``doveadm`` against this instance and returns its stdout.

Errors: :class:`DovecotError` when the server cannot start or a helper's command fails.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import hashlib
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trustme

from tests.servers.dovecot_mail import AdminIMAP, DovecotError, DovecotMailMixin, imap_quote

__all__ = [
    "AdminIMAP", "DovecotError", "DovecotServer", "MailUser", "SPECIAL_USE", "find_dovecot",
    "free_port", "imap_quote",
]

HOST = "127.0.0.1"
MAIL_DOMAIN = "example.test"
SPECIAL_USE = {
    "Sent": "\\Sent",
    "Drafts": "\\Drafts",
    "Trash": "\\Trash",
    "Junk": "\\Junk",
    "Archive": "\\Archive",
}
CERT_KINDS = ("valid", "expired", "wrong-host")
_START_TIMEOUT_S = 15.0
_DIR_PREFIX = "tw-dovecot-"
_OWNER_FILE = "owner.pid"
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")  # lowercase: LMTP lowercases (%Ln)


@dataclass(frozen=True)
class MailUser:
    """A passwd-file user of a test server."""

    username: str
    password: str
    email: str


def find_dovecot() -> str | None:
    """Path of the dovecot binary, or None (it lives in /usr/sbin, often not on a user's PATH)."""
    path = os.environ.get("PATH", "") + os.pathsep + "/usr/sbin" + os.pathsep + "/usr/local/sbin"
    return shutil.which("dovecot", path=path)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (the caller retries on a clash)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def sweep_stale_instances() -> int:
    """Delete instance dirs left by test processes that died without stopping their server
    (their Dovecot died with them).  Dirs of live processes are kept.  Returns how many went."""
    removed = 0
    for candidate in Path(tempfile.gettempdir()).glob(_DIR_PREFIX + "*"):
        try:
            owner = int((candidate / _OWNER_FILE).read_text())
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


def _die_with_parent() -> None:
    """In the child before exec: SIGKILL the server if the test process dies (Linux), so a
    killed pytest run leaves no server behind.  The workers exit when their master is gone."""
    if _PRCTL is not None:
        _PRCTL(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class DovecotServer(DovecotMailMixin):
    """One private Dovecot instance.  ``start()`` then ``stop()`` (idempotent); not thread-safe
    to start or stop concurrently, but its mail helpers may be called from any thread."""

    def __init__(self, cert: str = "valid", dovecot_binary: str | None = None,
                 oauth2_introspection_url: str | None = None) -> None:
        if cert not in CERT_KINDS:
            raise ValueError(f"cert must be one of {CERT_KINDS}, not {cert!r}")
        binary = dovecot_binary or find_dovecot()
        if binary is None:
            raise DovecotError("dovecot is not installed (apt-get install dovecot-imapd dovecot-lmtpd)")
        self.binary = binary
        self.cert_kind = cert
        self.oauth2_introspection_url = oauth2_introspection_url
        self.host = HOST
        self.imaps_port = 0
        self.imap_port = 0
        self.lmtp_port = 0
        sweep_stale_instances()
        self.root = Path(tempfile.mkdtemp(prefix=_DIR_PREFIX))
        os.chmod(self.root, 0o755)
        (self.root / _OWNER_FILE).write_text(str(os.getpid()))
        self.config_file = self.root / "dovecot.conf"
        self.users_dir = self.root / "users"
        self.log_file = self.root / "dovecot.log"
        self.mail_root = self.root / "mail"
        self.ca_file = self.root / "tls" / "ca.pem"
        self.cert_sha256 = ""
        self._proc: subprocess.Popen[bytes] | None = None
        self._log_offset = 0
        self._users: dict[str, MailUser] = {}
        self._users_lock = threading.Lock()
        self._make_tls()
        self._make_dirs()

    # ---------------------------------------------------------------- lifecycle

    def start(self) -> DovecotServer:
        """Start the server and wait until all listeners accept connections.

        Retries with new ports if another process grabbed one.  Raises DovecotError."""
        last_error = ""
        for _attempt in range(5):
            self.imaps_port, self.imap_port, self.lmtp_port = free_port(), free_port(), free_port()
            if len({self.imaps_port, self.imap_port, self.lmtp_port}) < 3:
                continue
            self._write_config()
            if self._launch():
                return self
            last_error = self._startup_error()
            self._kill_group(wait_ports=False)  # it never listened: a port may be another's
            if "in use" not in last_error:
                break
        raise DovecotError(f"dovecot did not start: {last_error}")

    def crash(self) -> None:
        """Kill the server at once, as if it crashed or lost power: open connections drop, new
        ones are refused.  Mail, users, ports and certificate are kept for ``restart()``."""
        self._kill_group()

    def restart(self) -> DovecotServer:
        """(Re)start on the same ports with the same mail, users and certificate.  Raises
        DovecotError if it cannot (e.g. another process took a port meanwhile)."""
        self._kill_group()
        if not self._launch():
            error = self._startup_error()
            self._kill_group(wait_ports=False)
            raise DovecotError(f"dovecot did not restart: {error}")
        return self

    def stop(self) -> None:
        """Stop the whole process group and delete the instance directory.  Idempotent."""
        self._kill_group()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> DovecotServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def log_text(self) -> str:
        """Everything Dovecot logged so far (for assertion messages)."""
        try:
            return self.log_file.read_text(errors="replace")
        except OSError:
            return ""

    # ---------------------------------------------------------------- users and TLS

    def add_user(self, name: str, password: str) -> MailUser:
        """Add a passwd-file user (mail owned by ``nobody``).  Raises ValueError for a bad name,
        DovecotError if the name exists with another password."""
        if not _NAME_RE.match(name):
            raise ValueError(f"user name must match {_NAME_RE.pattern}: {name!r}")
        if any(c in password for c in ":\r\n\0"):
            raise ValueError("password may not contain ':', CR, LF or NUL (passwd-file format)")
        user = MailUser(name, password, f"{name}@{MAIL_DOMAIN}")
        with self._users_lock:
            known = self._users.get(name)
            if known is not None:
                if known != user:
                    raise DovecotError(f"user {name!r} already exists with another password")
                return known
            home = self.mail_root / name
            line = f"{name}:{{PLAIN}}{password}:65534:65534::{home}::\n"
            path = self.users_dir / name
            path.write_text(line, encoding="utf-8")
            os.chmod(path, 0o644)
            self._users[name] = user
        return user

    def client_ssl_context(self) -> ssl.SSLContext:
        """A verifying client context that trusts only this server's CA."""
        return ssl.create_default_context(cafile=str(self.ca_file))

    def doveadm(self, *args: str) -> str:
        """Run ``doveadm -c CONFIG args...`` and return stdout.  Raises DovecotError on failure."""
        doveadm = shutil.which("doveadm", path=str(Path(self.binary).parent) + os.pathsep + "/usr/bin")
        if doveadm is None:
            raise DovecotError("doveadm is not installed")
        proc = subprocess.run(
            [doveadm, "-c", str(self.config_file), *args],
            capture_output=True,
            timeout=60,
            check=False,
        )
        if proc.returncode != 0:
            raise DovecotError(
                f"doveadm {' '.join(args)} exited {proc.returncode}: "
                f"{proc.stderr.decode(errors='replace').strip()}"
            )
        return proc.stdout.decode(errors="replace")

    # ---------------------------------------------------------------- internals

    def _make_tls(self) -> None:
        tls_dir = self.root / "tls"
        tls_dir.mkdir(mode=0o755)
        ca = trustme.CA()
        if self.cert_kind == "expired":
            now = dt.datetime.now(dt.UTC)
            leaf = ca.issue_cert(
                HOST, "localhost",
                not_before=now - dt.timedelta(days=30),
                not_after=now - dt.timedelta(days=1),
            )
        elif self.cert_kind == "wrong-host":
            leaf = ca.issue_cert("wrong.example.test")
        else:
            leaf = ca.issue_cert(HOST, "localhost")
        ca.cert_pem.write_to_path(str(self.ca_file))
        leaf.private_key_pem.write_to_path(str(tls_dir / "key.pem"))
        with open(tls_dir / "cert.pem", "wb") as fh:
            for blob in leaf.cert_chain_pems:
                fh.write(blob.bytes())
        der = ssl.PEM_cert_to_DER_cert(leaf.cert_chain_pems[0].bytes().decode("ascii"))
        self.cert_sha256 = hashlib.sha256(der).hexdigest()

    def _make_dirs(self) -> None:
        for sub in ("run", "state"):
            (self.root / sub).mkdir(mode=0o755)
        self.mail_root.mkdir(mode=0o755)
        os.chown(self.mail_root, 65534, 65534)
        self.users_dir.mkdir(mode=0o755)

    def _write_config(self) -> None:
        from tests.servers.dovecot_config import render_config

        oauth2_conf = None
        if self.oauth2_introspection_url:
            oauth2_conf = self.root / "oauth2.conf"
            oauth2_conf.write_text(
                "introspection_mode = post\n"
                f"introspection_url = {self.oauth2_introspection_url}\n"
                "username_attribute = username\n"
                "active_attribute = active\n"
                "active_value = true\n")
        self.config_file.write_text(
            render_config(
                root=self.root,
                imap_port=self.imap_port,
                imaps_port=self.imaps_port,
                lmtp_port=self.lmtp_port,
                special_use=SPECIAL_USE,
                oauth2_conf=oauth2_conf,
            )
        )

    def _launch(self) -> bool:
        """Run the master in its own process group; True once it is ready (see _wait_ready)."""
        self._log_offset = self.log_file.stat().st_size if self.log_file.exists() else 0
        with open(self.root / "stderr.log", "wb") as stderr:
            self._proc = subprocess.Popen(
                [self.binary, "-F", "-c", str(self.config_file)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,  # its own process group: stop() signals the group
                preexec_fn=_die_with_parent,
            )
        return self._wait_ready()

    def _log_since_launch(self) -> str:
        try:
            with open(self.log_file, "rb") as fh:
                fh.seek(self._log_offset)
                return fh.read().decode(errors="replace")
        except OSError:
            return ""

    def _wait_ready(self) -> bool:
        """True once the master logged "starting up" (it does so only after binding every
        listener, so a port taken by someone else cannot pass for ours) and all ports answer."""
        deadline = time.monotonic() + _START_TIMEOUT_S
        pending = [self.imaps_port, self.imap_port, self.lmtp_port]
        while pending and time.monotonic() < deadline:
            if self._proc is None or self._proc.poll() is not None:
                return False
            if "starting up" not in self._log_since_launch():
                time.sleep(0.01)
                continue
            try:
                with socket.create_connection((HOST, pending[0]), timeout=1):
                    pending.pop(0)
            except OSError:
                time.sleep(0.02)
        return not pending and self._proc is not None and self._proc.poll() is None

    def _startup_error(self) -> str:
        stderr = (self.root / "stderr.log").read_text(errors="replace") if (self.root / "stderr.log").exists() else ""
        return (stderr + "\n" + self._log_since_launch()).strip()[-2000:]

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
