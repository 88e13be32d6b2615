"""Mail helpers of the test Dovecot: deliver, append, inspect and mutate a user's mailboxes.

Mixed into :class:`tests.servers.dovecot.DovecotServer`; documented there.  Every helper opens
its own connection, so all are safe from any thread.  Errors raise ``DovecotError``.
"""

from __future__ import annotations

import datetime as dt
import imaplib
import os
import re
import smtplib
import ssl
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from imap_tools.imap_utf7 import utf7_decode, utf7_encode

if TYPE_CHECKING:
    from tests.servers.dovecot import MailUser


class DovecotError(RuntimeError):
    """The test server could not start, or a helper's command failed."""


def imap_quote(name: str) -> str:
    """A mailbox name as an IMAP quoted string in modified UTF-7."""
    encoded = utf7_encode(name).decode("ascii")
    return '"' + encoded.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _uid_set(uids: Iterable[int]) -> str:
    text = ",".join(str(uid) for uid in uids)
    if not text:
        raise ValueError("no UIDs given")
    return text


class AdminIMAP(imaplib.IMAP4_SSL):
    """imaplib client usable as a context manager that logs out quietly."""

    def __exit__(self, *exc: object) -> None:
        try:
            if self.state in ("AUTH", "SELECTED"):
                self.logout()
            else:
                self.shutdown()
        except (OSError, imaplib.IMAP4.error):
            pass


class DovecotMailMixin:
    """The mail helpers; needs ``host``, ``imaps_port``, ``lmtp_port``, ``mail_root``,
    ``client_ssl_context()`` and ``doveadm()`` from the class it is mixed into."""

    host: str
    imaps_port: int
    lmtp_port: int
    mail_root: Path

    def client_ssl_context(self) -> ssl.SSLContext:
        raise NotImplementedError

    def doveadm(self, *args: str) -> str:
        raise NotImplementedError

    def mailbox(self, name: str) -> str:
        """The quoted wire name of the folder the tests call ``name`` (``/`` nests, Unicode
        allowed): modified UTF-7 here; a server with a namespace prefix overrides it."""
        return imap_quote(name)

    def shown_name(self, name: str) -> str:
        """The name the client should show for the folder the tests call ``name``."""
        return name

    def shown_name_of_raw(self, raw: str) -> str:
        """The name the client should show for a raw LIST name of this server."""
        return utf7_decode(raw.encode("ascii", "replace"))

    def imap_admin(self, user: MailUser) -> AdminIMAP:
        """A logged-in imaplib client over implicit TLS, no mailbox selected; the caller logs
        out (or uses it as a context manager)."""
        client = AdminIMAP(self.host, self.imaps_port, ssl_context=self.client_ssl_context(), timeout=30)
        try:
            client.login(user.username, user.password)
        except imaplib.IMAP4.error as exc:
            client.shutdown()
            raise DovecotError(f"admin login as {user.username!r} failed: {exc}") from exc
        return client

    def deliver(self, user: MailUser, raw: bytes, sender: str = "sender@example.net") -> None:
        """Deliver ``raw`` to the user's INBOX over LMTP; stored when this returns.  Line ends are
        made CRLF first (smtplib would otherwise send bare LFs and add a blank last line)."""
        raw = re.sub(rb"\r?\n", b"\r\n", raw)
        try:
            with smtplib.LMTP(self.host, self.lmtp_port, timeout=30) as lmtp:
                refused = lmtp.sendmail(sender, [user.email], raw)
        except smtplib.SMTPException as exc:
            raise DovecotError(f"LMTP delivery to {user.email} failed: {exc}") from exc
        if refused:
            raise DovecotError(f"LMTP refused {user.email}: {refused}")

    def append(
        self,
        user: MailUser,
        folder: str,
        raw: bytes,
        flags: Iterable[str] = (),
        date: dt.datetime | None = None,
    ) -> int:
        """APPEND ``raw`` to ``folder`` (Unicode name) with ``flags`` (e.g. ``"\\\\Seen"``) and an
        INTERNALDATE (aware datetime; naive means UTC).  Returns the UID from APPENDUID."""
        flag_list = "(" + " ".join(flags) + ")"
        if date is not None and date.tzinfo is None:
            date = date.replace(tzinfo=dt.UTC)
        date_arg = imaplib.Time2Internaldate(date) if date is not None else None
        with self.imap_admin(user) as imap:
            typ, data = imap.append(self.mailbox(folder), flag_list, date_arg, raw)
            if typ != "OK":
                raise DovecotError(f"APPEND to {folder!r} failed: {data!r}")
            match = re.search(rb"APPENDUID \d+ (\d+)", data[0] or b"")
            if match is None:
                raise DovecotError(f"APPEND gave no APPENDUID: {data!r}")
            return int(match.group(1))

    def append_many(self, user: MailUser, folder: str, raws: Iterable[bytes]) -> list[int]:
        """APPEND every message of ``raws`` to ``folder`` over one connection (no flags, date
        now); returns their UIDs in order.  Much faster than ``append`` in a loop."""
        uids: list[int] = []
        with self.imap_admin(user) as imap:
            for raw in raws:
                typ, data = imap.append(self.mailbox(folder), "()", None, raw)
                match = re.search(rb"APPENDUID \d+ (\d+)", data[0] or b"") if typ == "OK" else None
                if match is None:
                    raise DovecotError(f"APPEND to {folder!r} failed: {data!r}")
                uids.append(int(match.group(1)))
        return uids

    def create_folder(self, user: MailUser, name: str) -> None:
        """CREATE ``name`` (``/`` separates levels)."""
        with self.imap_admin(user) as imap:
            typ, data = imap.create(self.mailbox(name))
            if typ != "OK":
                raise DovecotError(f"CREATE {name!r} failed: {data!r}")

    def uids(self, user: MailUser, folder: str) -> list[int]:
        """The UIDs in ``folder``, ascending."""
        with self.imap_admin(user) as imap:
            _select(imap, self.mailbox(folder), folder)
            typ, data = imap.uid("SEARCH", "ALL")
            if typ != "OK":
                raise DovecotError(f"UID SEARCH in {folder!r} failed: {data!r}")
            return sorted(int(uid) for uid in (data[0] or b"").split())

    def flags(self, user: MailUser, folder: str) -> dict[int, set[str]]:
        """UID -> flags of every message in ``folder`` (``\\Recent`` left out)."""
        with self.imap_admin(user) as imap:
            _select(imap, self.mailbox(folder), folder)
            typ, data = imap.uid("FETCH", "1:*", "(FLAGS)")
            if typ != "OK":
                raise DovecotError(f"FETCH FLAGS in {folder!r} failed: {data!r}")
            found: dict[int, set[str]] = {}
            for line in data:
                head = line[0] if isinstance(line, tuple) else line
                match = re.search(rb"UID (\d+) FLAGS \(([^)]*)\)", head or b"")
                if match is None:
                    match = re.search(rb"FLAGS \(([^)]*)\) UID (\d+)", head or b"")
                    if match is None:
                        continue
                    uid, names = match.group(2), match.group(1)
                else:
                    uid, names = match.group(1), match.group(2)
                found[int(uid)] = set(names.decode().split()) - {"\\Recent"}
            return found

    def fetch_raw(self, user: MailUser, folder: str, uid: int) -> bytes:
        """The full raw message with ``uid`` (without setting \\Seen)."""
        with self.imap_admin(user) as imap:
            _select(imap, self.mailbox(folder), folder)
            typ, data = imap.uid("FETCH", str(uid), "(BODY.PEEK[])")
            for part in data if typ == "OK" else []:
                if isinstance(part, tuple) and isinstance(part[1], bytes):
                    return part[1]
            raise DovecotError(f"no message with UID {uid} in {folder!r}: {data!r}")

    def store_flags(self, user: MailUser, folder: str, uids: Iterable[int], flags: Iterable[str], mode: str = "+") -> None:
        """Add (``mode="+"``), remove (``"-"``) or set (``""``) ``flags`` on ``uids``."""
        if mode not in ("+", "-", ""):
            raise ValueError("mode must be '+', '-' or ''")
        with self.imap_admin(user) as imap:
            _select(imap, self.mailbox(folder), folder)
            typ, data = imap.uid("STORE", _uid_set(uids), f"{mode}FLAGS.SILENT", "(" + " ".join(flags) + ")")
            if typ != "OK":
                raise DovecotError(f"STORE in {folder!r} failed: {data!r}")

    def expunge(self, user: MailUser, folder: str, uids: Iterable[int]) -> None:
        """Delete ``uids`` from ``folder`` for good (\\Deleted + UID EXPUNGE)."""
        uid_set = _uid_set(uids)
        with self.imap_admin(user) as imap:
            _select(imap, self.mailbox(folder), folder)
            typ, data = imap.uid("STORE", uid_set, "+FLAGS.SILENT", "(\\Deleted)")
            if typ == "OK":
                typ, data = imap.uid("EXPUNGE", uid_set)
            if typ != "OK":
                raise DovecotError(f"expunge in {folder!r} failed: {data!r}")

    def move(self, user: MailUser, folder: str, uids: Iterable[int], target: str) -> None:
        """UID MOVE ``uids`` from ``folder`` to ``target``."""
        with self.imap_admin(user) as imap:
            _select(imap, self.mailbox(folder), folder)
            typ, data = imap.uid("MOVE", _uid_set(uids), self.mailbox(target))
            if typ != "OK":
                raise DovecotError(f"MOVE {folder!r} -> {target!r} failed: {data!r}")

    def uidvalidity(self, user: MailUser, folder: str) -> int:
        """The folder's current UIDVALIDITY, read with STATUS."""
        with self.imap_admin(user) as imap:
            typ, data = imap.status(self.mailbox(folder), "(UIDVALIDITY)")
            match = re.search(rb"UIDVALIDITY (\d+)", data[0] or b"") if typ == "OK" else None
            if match is None:
                raise DovecotError(f"STATUS {folder!r} failed: {data!r}")
            return int(match.group(1))

    def reset_uidvalidity(self, user: MailUser, folder: str, renumber: bool = False) -> int:
        """Give ``folder`` a new, larger UIDVALIDITY and return it; its messages stay.

        ``renumber=True`` also renumbers them 1..n in *reverse* order, so an old UID now names a
        different message (a client that ignores UIDVALIDITY would show the wrong body); flags stay,
        modseqs start over.  Sessions with the folder open may be disconnected."""
        new_value = self.uidvalidity(user, folder) + 1000
        if renumber:
            _rewrite_uidlist(self._maildir(user, folder), new_value)
        else:
            self.doveadm("mailbox", "update", "-u", user.username, "--uid-validity", str(new_value), folder)
        actual = self.uidvalidity(user, folder)
        if actual != new_value:
            raise DovecotError(f"UIDVALIDITY of {folder!r} is {actual}, wanted {new_value}")
        return actual

    def _maildir(self, user: MailUser, folder: str) -> Path:
        base = self.mail_root / user.username / "Maildir"
        if folder.upper() == "INBOX":
            return base
        return base / utf7_encode(folder).decode("ascii")


def _select(imap: imaplib.IMAP4, wire: str, folder: str) -> None:
    typ, data = imap.select(wire)
    if typ != "OK":
        raise DovecotError(f"SELECT {folder!r} failed: {data!r}")


def _rewrite_uidlist(maildir: Path, uidvalidity: int) -> None:
    """Renumber a maildir's messages in reverse order under a new UIDVALIDITY and drop the
    index files so Dovecot rebuilds them from the new dovecot-uidlist."""
    uidlist = maildir / "dovecot-uidlist"
    lines = uidlist.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("3 "):
        raise DovecotError(f"unexpected dovecot-uidlist header in {maildir}: {lines[:1]!r}")
    # "<uid> [<extension> ...] :<file name base>"
    entries = [line.split(" :", 1)[1] for line in lines[1:] if " :" in line]
    entries.reverse()
    header = [field for field in lines[0].split()[1:] if field[:1] not in ("V", "N")]
    out = [" ".join(["3", f"V{uidvalidity}", f"N{len(entries) + 1}", *header])]
    out += [f"{uid} :{name}" for uid, name in enumerate(entries, start=1)]
    uidlist.write_text("\n".join(out) + "\n", encoding="utf-8")
    os.chown(uidlist, 65534, 65534)
    for index in maildir.glob("dovecot.index*"):
        index.unlink()
    root = maildir
    while root.name != "Maildir" and root.parent != root:
        root = root.parent
    for index in root.glob("dovecot.list.index*"):  # caches UIDVALIDITY for STATUS
        index.unlink()
