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

import os
import re
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tests.servers import instance
from tests.servers.dovecot_mail import AdminIMAP, DovecotError, DovecotMailMixin, imap_quote
from tests.servers.instance import CERT_KINDS, HOST, ServerInstance, free_port, spawn_master

__all__ = [
    "AdminIMAP", "DovecotError", "DovecotServer", "MailUser", "SPECIAL_USE", "find_dovecot",
    "free_port", "imap_quote",
]

MAIL_DOMAIN = "example.test"
SPECIAL_USE = {
    "Sent": "\\Sent",
    "Drafts": "\\Drafts",
    "Trash": "\\Trash",
    "Junk": "\\Junk",
    "Archive": "\\Archive",
}
_START_TIMEOUT_S = 15.0
_DIR_PREFIX = "tw-dovecot-"
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


def sweep_stale_instances() -> int:
    """Delete instance dirs left by test processes that died without stopping their server
    (their Dovecot died with them).  Dirs of live processes are kept.  Returns how many went."""
    return instance.sweep_stale_instances(_DIR_PREFIX)


class DovecotServer(ServerInstance, DovecotMailMixin):
    """One private Dovecot instance.  ``start()`` then ``stop()`` (idempotent); not thread-safe
    to start or stop concurrently, but its mail helpers may be called from any thread."""

    _NAME = "dovecot"
    _DIR_PREFIX = _DIR_PREFIX
    _ERROR = DovecotError

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
        self._init_instance(cert)
        self.config_file = self.root / "dovecot.conf"
        self.users_dir = self.root / "users"
        self.log_file = self.root / "dovecot.log"
        self.mail_root = self.root / "mail"
        self._log_offset = 0
        self._users: dict[str, MailUser] = {}
        self._users_lock = threading.Lock()
        self._make_dirs()

    # ---------------------------------------------------------------- lifecycle
    # start(), stop(), client_ssl_context(), the TLS files and the process group: instance.py

    def _may_retry(self, error: str) -> bool:
        return "in use" in error  # another process grabbed a port: new ports help

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
            self._proc = spawn_master([self.binary, "-F", "-c", str(self.config_file)],
                                      stdout=subprocess.DEVNULL, stderr=stderr)
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
