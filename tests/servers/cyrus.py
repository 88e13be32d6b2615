"""A throwaway Cyrus IMAP 3.6 server for integration tests (127.0.0.1 only): the second real
IMAP implementation of the test bed, beside Dovecot.

Why a second server: Cyrus differs where clients guess.  Every mailbox created in the same
second gets the same UIDVALIDITY, mailboxes carry RFC 8474 MAILBOXIDs (``OBJECTID``), and
personal folders live under the ``INBOX.`` namespace prefix with ``.`` as the separator
(``altnamespace: no``).

Binaries: Debian's ``cyrus-imapd`` conflicts with ``dovecot-imapd`` as a package, so
``scripts/test.sh`` unpacks the ``cyrus-common``, ``cyrus-imapd`` and ``sasl2-bin`` .debs into
``.testbed/cyrus`` (git-ignored; ``TRADEWIND_CYRUS_ROOT`` points elsewhere) and installs the
libraries they need.  ``find_cyrus()`` says whether they are there.

Fixtures (``tests/conftest.py``): ``cyrus`` (session scope) -> :class:`CyrusServer`, and
``cyrus_user`` (function scope) -> a fresh ``MailUser`` with INBOX, Sent, Drafts, Trash, Junk
and Archive (created with their special-use flags).  Tests using them get the ``cyrus`` marker.

The server offers the same connection facts and mail helpers as ``DovecotServer`` (see
``tests/servers/dovecot.py``: ``host``, ``imaps_port``, ``imap_port`` (STARTTLS), ``lmtp_port``,
``ca_file``, ``cert_sha256``, ``client_ssl_context()``, ``add_user``, ``deliver`` (LMTP),
``append``, ``append_many``, ``create_folder``, ``imap_admin``, ``uids``, ``flags``, ``fetch_raw``,
``store_flags``, ``expunge``, ``move``, ``uidvalidity``).  Folder arguments use the tests'
names (``"Archive"``, ``"Customers/Hamburg"``); ``mailbox(name)`` gives the wire name
(``"INBOX.Customers.Hamburg"``) and ``shown_name(name)`` what the client shows
(``"Customers.Hamburg"``).  Not offered: ``reset_uidvalidity``, ``crash``/``restart`` and
``doveadm`` (Dovecot tools).

Authentication is real: SASL ``auxprop`` with a private ``sasldb`` (``saslpasswd2``), PLAIN and
LOGIN only, a wrong password is refused.  Errors raise :class:`CyrusError`.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import threading
import time
from pathlib import Path

from imap_tools.imap_utf7 import utf7_decode, utf7_encode

from tests.servers import instance
from tests.servers.dovecot import MAIL_DOMAIN, SPECIAL_USE, MailUser
from tests.servers.dovecot_mail import DovecotError, DovecotMailMixin
from tests.servers.instance import HOST, NOBODY, ServerInstance, spawn_master

PERSONAL_PREFIX = "INBOX."
SEPARATOR = "."
_START_TIMEOUT_S = 15.0
_DIR_PREFIX = "tw-cyrus-"
_REALM = "localhost"
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")  # no ".": it is the hierarchy separator
_REPO = Path(__file__).resolve().parents[2]


class CyrusError(DovecotError):
    """The Cyrus test server could not start, or a helper's command failed."""


def cyrus_root() -> Path:
    """Where the unpacked Debian packages live (``TRADEWIND_CYRUS_ROOT`` or ``.testbed/cyrus``)."""
    return Path(os.environ.get("TRADEWIND_CYRUS_ROOT") or _REPO / ".testbed" / "cyrus")


def find_cyrus() -> Path | None:
    """The unpacked root if its ``master``, ``imapd`` and ``saslpasswd2`` are there, else None."""
    root = cyrus_root()
    needed = (root / "usr/lib/cyrus/bin/master", root / "usr/lib/cyrus/bin/imapd",
              root / "usr/sbin/saslpasswd2")
    return root if all(os.access(p, os.X_OK) for p in needed) else None


def sweep_stale_instances() -> int:
    """Delete instance dirs left by test processes that died without stopping their server
    (the server died with them). Returns how many went."""
    return instance.sweep_stale_instances(_DIR_PREFIX)


class CyrusServer(ServerInstance, DovecotMailMixin):
    """One private Cyrus instance.  ``start()`` then ``stop()`` (idempotent); the mail helpers
    may be called from any thread.  Start, stop, ports, TLS files: ``instance.py``."""

    _NAME = "cyrus master"
    _DIR_PREFIX = _DIR_PREFIX
    _ERROR = CyrusError

    def __init__(self, root: Path | None = None) -> None:
        found = root or find_cyrus()
        if found is None:
            raise CyrusError(
                f"Cyrus IMAP is not unpacked in {cyrus_root()}: run scripts/test.sh (it "
                "downloads cyrus-common, cyrus-imapd and sasl2-bin with apt-get download)")
        self.bin_root = found
        self._init_instance(tls_owner=NOBODY)
        self.config_file = self.root / "imapd.conf"
        self.cyrus_conf = self.root / "cyrus.conf"
        self.sasldb = self.root / "sasldb2"
        self.mail_root = self.root / "spool"
        self._admin = MailUser("cyradmin", secrets.token_urlsafe(12), f"cyradmin@{MAIL_DOMAIN}")
        self._users: dict[str, MailUser] = {}
        self._lock = threading.Lock()
        for sub in ("conf", "spool", "run"):
            (self.root / sub).mkdir(mode=0o755)
        self._set_password(self._admin)

    # ---------------------------------------------------------------- lifecycle

    def _startup_error(self) -> str:
        return self.log_text()[-2000:]

    def log_text(self) -> str:
        """What master wrote on stderr (Cyrus logs to syslog, which the test bed lacks)."""
        try:
            return (self.root / "master.log").read_text(errors="replace")
        except OSError:
            return ""

    # ---------------------------------------------------------------- users

    def add_user(self, name: str, password: str) -> MailUser:
        """A sasldb user with INBOX and the special-use folders.  Idempotent for the same pair;
        CyrusError if the name exists with another password."""
        if not _NAME_RE.match(name):
            raise ValueError(f"user name must match {_NAME_RE.pattern}: {name!r}")
        if any(c in password for c in "\r\n\0"):
            raise ValueError("password may not contain CR, LF or NUL")
        user = MailUser(name, password, f"{name}@{MAIL_DOMAIN}")
        with self._lock:
            known = self._users.get(name)
            if known is not None:
                if known != user:
                    raise CyrusError(f"user {name!r} already exists with another password")
                return known
            self._set_password(user)
            with self.imap_admin(self._admin) as imap:
                typ, data = imap.create(f"user{SEPARATOR}{name}")
                if typ != "OK":
                    raise CyrusError(f"CREATE user.{name} failed: {data!r}")
            self._users[name] = user
        with self.imap_admin(user) as imap:
            for folder, flag in SPECIAL_USE.items():
                typ, data = imap._simple_command(  # type: ignore[attr-defined]
                    "CREATE", self.mailbox(folder), f"(USE ({flag}))")
                if typ != "OK":
                    raise CyrusError(f"CREATE {folder!r} failed: {data!r}")
        return user

    def mailbox(self, name: str) -> str:
        """``"Customers/Hamburg"`` -> ``"INBOX.Customers.Hamburg"`` (quoted, modified UTF-7)."""
        if name.upper() == "INBOX":
            return '"INBOX"'
        wire = PERSONAL_PREFIX + utf7_encode(name.replace("/", SEPARATOR)).decode("ascii")
        return '"' + wire.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def shown_name(self, name: str) -> str:
        return "INBOX" if name.upper() == "INBOX" else name.replace("/", SEPARATOR)

    def shown_name_of_raw(self, raw: str) -> str:
        raw = raw[len(PERSONAL_PREFIX):] if raw.startswith(PERSONAL_PREFIX) else raw
        return utf7_decode(raw.encode("ascii"))

    def deliver(self, user: MailUser, raw: bytes, sender: str = "sender@example.net") -> None:
        """LMTP delivery into INBOX (``lmtpd -a``: loopback connections are preauthorised)."""
        import smtplib

        raw = re.sub(rb"\r?\n", b"\r\n", raw)
        try:
            with smtplib.LMTP(self.host, self.lmtp_port, timeout=30) as lmtp:
                refused = lmtp.sendmail(sender, [user.username], raw)
        except smtplib.SMTPException as exc:
            raise CyrusError(f"LMTP delivery to {user.username} failed: {exc}") from exc
        if refused:
            raise CyrusError(f"LMTP refused {user.username}: {refused}")

    def doveadm(self, *args: str) -> str:
        raise CyrusError("doveadm is a Dovecot tool; the Cyrus test server has no equivalent")

    def reset_uidvalidity(self, user: MailUser, folder: str, renumber: bool = False) -> int:
        raise CyrusError("the Cyrus test server cannot change a folder's UIDVALIDITY")

    # ---------------------------------------------------------------- internals

    def _tool_env(self) -> dict[str, str]:
        libs = str(self.bin_root / "usr/lib/x86_64-linux-gnu")
        return {**os.environ, "LD_LIBRARY_PATH": libs}

    def _set_password(self, user: MailUser) -> None:
        proc = subprocess.run(
            [str(self.bin_root / "usr/sbin/saslpasswd2"), "-p", "-c", "-f", str(self.sasldb),
             "-u", _REALM, user.username],
            input=user.password.encode(), capture_output=True, env=self._tool_env(),
            timeout=30, check=False)
        if proc.returncode != 0:
            raise CyrusError(f"saslpasswd2 failed for {user.username!r}: "
                             f"{proc.stderr.decode(errors='replace').strip()}")
        os.chown(self.sasldb, NOBODY, NOBODY)
        os.chmod(self.sasldb, 0o600)

    def _write_config(self) -> None:
        root, bins = self.root, self.bin_root / "usr/lib/cyrus/bin"
        self.config_file.write_text(f"""\
# Throwaway Cyrus instance for Tradewind's tests.  Generated; do not edit.
configdirectory: {root}/conf
partition-default: {root}/spool
defaultpartition: default
cyrus_user: nobody
cyrus_group: nogroup
servername: {_REALM}
admins: {self._admin.username}
altnamespace: no
unixhierarchysep: no
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: {self.sasldb}
sasl_mech_list: PLAIN LOGIN
allowplaintext: yes
failedloginpause: 0
munge8bit: no
imapidlepoll: 1
tls_server_cert: {root}/tls/cert.pem
tls_server_key: {root}/tls/key.pem
tls_client_ca_file: {self.ca_file}
lmtpsocket: {root}/run/lmtp
idlesocket: {root}/run/idle
notifysocket: {root}/run/notify
mboxname_lockpath: {root}/run/lock
proc_path: {root}/run/proc
syslog_prefix: tw-cyrus
""")
        conf = f"-C {self.config_file}"
        self.cyrus_conf.write_text(f"""\
START {{
}}
SERVICES {{
  imap  cmd="{bins}/imapd {conf}" listen="{HOST}:{self.imap_port}" prefork=0
  imaps cmd="{bins}/imapd -s {conf}" listen="{HOST}:{self.imaps_port}" prefork=0
  lmtp  cmd="{bins}/lmtpd -a {conf}" listen="{HOST}:{self.lmtp_port}" prefork=0
}}
EVENTS {{
}}
""")
        for path in (self.config_file, self.cyrus_conf):
            os.chmod(path, 0o644)
        for sub in ("conf", "spool", "run"):
            for dirpath, _dirs, _files in os.walk(root / sub):
                os.chown(dirpath, NOBODY, NOBODY)

    def _launch(self) -> bool:
        with open(self.root / "master.log", "ab") as log:
            self._proc = spawn_master(
                [str(self.bin_root / "usr/lib/cyrus/bin/master"), "-C", str(self.config_file),
                 "-M", str(self.cyrus_conf), "-p", str(self.root / "run" / "master.pid")],
                stdout=log, stderr=log, env=self._tool_env())
        deadline = time.monotonic() + _START_TIMEOUT_S
        pending = [self.imap_port, self.lmtp_port]
        while pending and time.monotonic() < deadline:
            if self._proc.poll() is not None:
                return False
            try:
                with socket.create_connection((HOST, pending[0]), timeout=2) as sock:
                    sock.settimeout(5)
                    if sock.recv(200)[:1] in (b"*", b"2"):  # "* OK ..." / "220 ..."
                        pending.pop(0)
            except OSError:
                time.sleep(0.02)
        if pending:
            return False
        try:  # the TLS port answers too
            ctx = self.client_ssl_context()
            with socket.create_connection((HOST, self.imaps_port), timeout=5) as raw_sock, \
                    ctx.wrap_socket(raw_sock, server_hostname=HOST) as tls:
                return tls.recv(200).startswith(b"* OK")
        except OSError:
            return False

__all__ = ["CyrusError", "CyrusServer", "PERSONAL_PREFIX", "SEPARATOR", "cyrus_root",
           "find_cyrus"]
