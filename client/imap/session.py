"""``ImapSession``: one authenticated IMAP connection and the operations sync needs.

Contract: one thread at a time uses a session (the per-account worker). Every method raises
only ``ImapError`` subclasses: ``ServerUnavailable`` (line lost; the session is then dead),
``ProtocolError`` (server said NO/BAD or sent garbage; the session stays usable unless the
stream went out of step), ``AuthenticationError`` / ``TLSVerificationError`` from ``connect``.
Reads are idempotent; no method ever sets ``\\Seen`` implicitly (bodies use ``BODY.PEEK``).

Folder arguments are the decoded names from ``list_folders`` (``FolderInfo.name``); the raw
wire name is looked up from the last LIST, so names that are not valid modified UTF-7
round-trip exactly. A raw name (``FolderInfo.raw_name``) is accepted as well.
"""

from __future__ import annotations

import logging
import re
import socket
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from types import TracebackType

from imap_tools import BaseMailBox

from client.i18n import _
from client.imap.connection import Connection, server_text
from client.imap.errors import ProtocolError
from client.imap.fetch_values import MAX_NZ_NUMBER, checked_status, meta_of_items
from client.imap.folder_listing import list_folders, mailbox_arg, read_namespace
from client.imap.idle import idle_for_changes
from client.imap.models import (
    Endpoint,
    FolderInfo,
    FolderStatus,
    MessageMeta,
    PartialMessage,
)
from client.imap.namespace import (
    Namespace,
)
from client.imap.parse import (
    ResponseParseError,
    Segment,
    Token,
    as_int,
    format_uid_set,
    numbers_in_ranges,
    parse_esearch,
    parse_fetch,
    parse_sequence_set,
    parse_status,
    parse_uid_code,
    parse_vanished,
    tokenize,
    uid_in_text,
)
from client.imap.partial_fetch import fetch_header_and_text
from client.imap.utf7 import encode_mailbox_name
from client.mime.msgid import normalize_msgid

log = logging.getLogger(__name__)
#: Messages a reply may list beyond the folder's EXISTS (mail arriving meanwhile).
EXISTS_SLACK = 64


_UID_SET = re.compile(r"(\d+|\*)(:(\d+|\*))?(,(\d+|\*)(:(\d+|\*))?)*")
_SECTION = re.compile(r"(\d+(\.\d+)*)(\.(HEADER|TEXT|MIME))?|HEADER|TEXT", re.IGNORECASE)
_FLAG = re.compile(r"\\?[!#$&'+,\-.0-9:;<=>?@A-Z^_`a-z|~]+")


def _flag_list(flags: Iterable[str]) -> str:
    """``["\\Seen", "$Label1"]`` → ``"(\\Seen $Label1)"``; ValueError on a flag that is not an
    IMAP atom (so nothing can be injected into the command)."""
    cleaned = list(flags)
    for flag in cleaned:
        if not _FLAG.fullmatch(flag):
            raise ValueError(f"invalid IMAP flag {flag!r}")
    return "(" + " ".join(cleaned) + ")"


class ImapSession(Connection):
    """See the module docstring. A context manager: ``with ImapSession.connect(...) as s:``
    logs out on exit."""

    def __init__(self, endpoint: Endpoint, mailbox: BaseMailBox) -> None:
        super().__init__(endpoint, mailbox)
        self._raw_by_name: dict[str, str] = {}
        self._raw_names: set[str] = set()
        self._listed = False
        self._namespace: Namespace | None = None
        self._enabled = False
        self.selected: str | None = None
        self.unparsed: list[str] = []  # FETCH responses skipped as unreadable (P6)
        #: {UID: reason} of the skipped responses whose UID could still be read
        self.unreadable: dict[int, str] = {}
        self._exists = 0  # EXISTS of the selected folder (bounds the UID sets it can answer)

    @classmethod
    def connect(cls, endpoint: Endpoint, username: str, password: str) -> ImapSession:
        """Connect, verify TLS, log in, re-read capabilities. Raises ``ServerUnavailable``,
        ``TLSVerificationError``, ``AuthenticationError`` or ``ProtocolError``."""
        mailbox = cls._open_and_login(endpoint, username, password)
        session = cls(endpoint, mailbox)
        if session.has("ID"):
            session._identify()
        return session

    def _identify(self) -> None:
        """RFC 2971 ID with the client name only (NetEase refuses SELECT from clients that do
        not identify). A refusal is ignored."""
        try:
            with self.guard():
                self._command("ID", '("name" "Tradewind")')
                self._client.untagged_responses.pop("ID", None)
        except ProtocolError:
            pass

    def __enter__(self) -> ImapSession:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.logout()

    # -- folders -----------------------------------------------------------------------------

    def namespace(self) -> Namespace:
        """The personal namespace (RFC 2342 NAMESPACE, asked once per session); an empty one
        when the server lacks NAMESPACE or refuses it."""
        if self._namespace is None:
            self._namespace = read_namespace(self)
        return self._namespace

    def list_folders(self) -> list[FolderInfo]:
        """All folders with shown names, attributes, roles and MAILBOXIDs
        (``client.imap.folder_listing.list_folders``); remembers their wire names."""
        folders = list_folders(self)
        self._raw_by_name = {f.name: f.raw_name for f in folders}
        self._raw_names = {f.raw_name for f in folders}
        self._listed = True
        return folders

    def _wire(self, folder: str) -> bytes:
        known = folder in self._raw_by_name or folder in self._raw_names
        if not known and folder.upper() != "INBOX":
            plain = folder.isascii() and "&" not in folder and "\\" not in folder
            if not self._listed or not plain:
                self.list_folders()  # shown names differ from wire names (namespace, UTF-7)
        raw = self._raw_by_name.get(folder)
        if raw is None:
            if folder in self._raw_names:
                raw = folder
            else:
                prefix = self.namespace().prefix
                if prefix and folder.upper() != "INBOX" and not folder.startswith(prefix):
                    folder = prefix + folder
                raw = encode_mailbox_name(folder)
        return mailbox_arg(raw)

    def create_folder(self, name: str) -> None:
        """CREATE a folder (shown name; the namespace prefix and modified UTF-7 are added).
        A folder that exists already is not an error. Raises ``ProtocolError`` on a refusal."""
        wire = self._wire(name)
        try:
            with self.guard():
                self._command("CREATE", wire)
        except ProtocolError as exc:
            words = str(exc).upper()
            if "ALREADYEXISTS" not in words and "ALREADY EXISTS" not in words:
                raise
        self._listed = False  # the next command on a folder LISTs again

    def status(self, folder: str) -> FolderStatus:
        """STATUS of a folder (HIGHESTMODSEQ when CONDSTORE is offered, else None)."""
        items = "MESSAGES UIDNEXT UIDVALIDITY UNSEEN"
        if self.has("CONDSTORE"):
            items += " HIGHESTMODSEQ"
        with self.guard():
            wire = self._wire(folder)
            self._command("STATUS", wire, f"({items})")
            found = self._untagged("STATUS")
            if not found:
                raise ProtocolError(_("The server sent no STATUS for {folder}.",
                                      folder=server_text(folder)))
            values = parse_status(found[-1])
        try:
            status = FolderStatus(
                uidvalidity=values["UIDVALIDITY"], uidnext=values["UIDNEXT"],
                messages=values["MESSAGES"], unseen=values["UNSEEN"],
                highestmodseq=values.get("HIGHESTMODSEQ"))
        except KeyError as exc:
            raise ProtocolError(_("The server's STATUS lacked {item}.",
                                  item=exc.args[0])) from None
        return checked_status(status, folder)

    def select(self, folder: str, readonly: bool = True) -> FolderStatus:
        """SELECT (or EXAMINE when ``readonly``). The first call ENABLEs QRESYNC or CONDSTORE
        when offered, so HIGHESTMODSEQ and VANISHED are available from then on."""
        with self.guard():
            wire = self._wire(folder)
            client = self._client
            if not self._enabled:
                self._enabled = True
                wanted = [c for c in ("QRESYNC", "CONDSTORE") if self.has(c)]
                if wanted and self.has("ENABLE") and client.state == "AUTH":
                    self._command("ENABLE", *wanted)
            client.untagged_responses = {}
            client.is_readonly = readonly
            self.selected = None
            self._command("EXAMINE" if readonly else "SELECT", wire)
            client.state = "SELECTED"
            self.selected = folder
            ur = client.untagged_responses

            def last_int(key: str) -> int | None:
                values = ur.get(key)
                return as_int(values[-1].split()[0]) if values else None

            uidvalidity = last_int("UIDVALIDITY")
            exists = last_int("EXISTS") or 0
            uidnext = last_int("UIDNEXT")
            modseq = last_int("HIGHESTMODSEQ")
            if uidvalidity is None:
                raise ProtocolError(_("The server did not report UIDVALIDITY for this folder."))
            self._exists = min(exists, MAX_NZ_NUMBER)
            checked_status(FolderStatus(uidvalidity, uidnext or 1, exists, 0, modseq), folder)
            if uidnext is None:
                uids = self.uids()
                uidnext = (max(uids) + 1) if uids else 1
            unseen = self._count_unseen()
            self._drop_expunge_noise()
        return checked_status(FolderStatus(uidvalidity=uidvalidity, uidnext=uidnext, messages=exists,
                                     unseen=unseen, highestmodseq=modseq), folder)

    def _count_unseen(self) -> int:
        if self.has("ESEARCH"):
            self._command("SEARCH", "RETURN", "(COUNT)", "UNSEEN")
            found = self._untagged("ESEARCH")
            return as_int(parse_esearch(found[-1]).get("COUNT", "0")) if found else 0
        self._command("SEARCH", "UNSEEN")
        return sum(len(t) for t in self._search_results())

    def _search_results(self) -> list[list[int]]:
        out = []
        for segs in self._untagged("SEARCH"):
            out.append([as_int(t) for t in tokenize(segs) if isinstance(t, str)])
        return out

    def _exists_now(self) -> int:
        """How many messages a reply about the selected folder may list: SELECT's EXISTS or a
        later EXISTS update, plus ``EXISTS_SLACK``."""
        updates = self._client.untagged_responses.get("EXISTS") or []
        for value in updates:
            try:
                self._exists = min(as_int(value.split()[0]), MAX_NZ_NUMBER)
            except (ResponseParseError, IndexError, AttributeError):
                continue
        return self._exists + EXISTS_SLACK

    def uids(self, from_uid: int = 1) -> list[int]:
        """The UIDs of the selected folder from ``from_uid`` up, ascending (ESEARCH keeps the
        reply small; a UID range beyond the highest UID, which servers answer with the highest
        one, yields nothing). A reply listing more UIDs than the folder's EXISTS is refused
        (``ProtocolError``) before any list is built."""
        criteria = ["ALL"] if from_uid <= 1 else ["UID", f"{int(from_uid)}:*"]
        with self.guard():
            if self.has("ESEARCH"):
                self._command("UID", "SEARCH", "RETURN", "(ALL)", *criteria)
                found = self._untagged("ESEARCH")
                ranges = parse_esearch(found[-1]).get("ALL", "") if found else ""
                result = parse_sequence_set(ranges, limit=self._exists_now())
            else:
                self._command("UID", "SEARCH", *criteria)
                result = [u for chunk in self._search_results() for u in chunk]
                if len(result) > self._exists_now():
                    raise ResponseParseError(
                        f"the server listed {len(result)} UIDs for a folder of "
                        f"{self._exists} messages")
        return sorted(u for u in set(result) if u >= from_uid)

    def find_message_id(self, message_id: str) -> list[int]:
        """UIDs in the selected folder whose Message-ID header contains ``message_id`` (given
        with or without angle brackets). Used to settle an interrupted send against Sent."""
        value = normalize_msgid(message_id) or ""
        if not value or any(ch in value for ch in '"\\\r\n\x00'):
            raise ProtocolError(_("A Message-ID with quotes or line breaks cannot be searched for."))
        with self.guard():
            self._command("UID", "SEARCH", "HEADER", "Message-ID", f'"{value}"')
            return sorted({u for chunk in self._search_results() for u in chunk})

    # -- fetching ----------------------------------------------------------------------------

    def _items(self, segs: list[Segment]) -> dict[str, Token]:
        """FETCH items of one response; an unreadable response is skipped (recorded in
        ``unparsed``, in ``unreadable`` by UID when the UID can be read, and logged) so one bad
        message never stops a batch (P6)."""
        try:
            return parse_fetch(segs)[1]
        except ResponseParseError as exc:
            self._skip(segs, exc)
            return {}

    def _skip(self, segs: list[Segment], exc: ResponseParseError) -> None:
        excerpt = server_text(segs[0][0] if segs else b"", 120)
        self.unparsed.append(f"{exc}: {excerpt}")
        uid = next((u for u in (uid_in_text(text) for text, _lit in segs) if u is not None), None)
        if uid is not None:
            self.unreadable[uid] = str(exc)
        log.warning("skipped an unreadable FETCH response: %s", exc)

    def _meta_of(self, segs: list[Segment]) -> tuple[dict[str, Token], MessageMeta | None]:
        """Items and metadata of one response; unreadable metadata skips it like ``_items``."""
        items = self._items(segs)
        try:
            return items, meta_of_items(items)
        except ResponseParseError as exc:
            self._skip(segs, exc)
            return {}, None

    def _meta_items(self) -> str:
        return "UID FLAGS RFC822.SIZE INTERNALDATE" + (" MODSEQ" if self.has("CONDSTORE") else "")

    def fetch_meta(self, uid_set: str, changedsince: int | None = None) -> list[MessageMeta]:
        """FLAGS, size, INTERNALDATE (and MODSEQ) for a UID set string such as ``"1:*"``;
        with ``changedsince`` only messages whose MODSEQ is higher (CONDSTORE)."""
        if not _UID_SET.fullmatch(uid_set):
            raise ValueError(f"not an IMAP UID set: {uid_set!r:.60}")
        args: list[str] = [uid_set, f"({self._meta_items()})"]
        if changedsince is not None:
            if not self.has("CONDSTORE"):
                raise ProtocolError(_("The server does not support CONDSTORE (CHANGEDSINCE)."))
            args.append(f"(CHANGEDSINCE {int(changedsince)})")
        out: dict[int, MessageMeta] = {}
        with self.guard():
            for segs in self._stream("UID", "FETCH", *args):
                _items, meta = self._meta_of(segs)
                if meta is not None:
                    out[meta.uid] = meta  # an unsolicited update of the same UID replaces it
                    if len(out) > self._exists_now():
                        raise ResponseParseError(
                            f"the server sent more messages than the {self._exists} its "
                            "folder holds")
        return list(out.values())

    def _fetch_items(self, uid_set: str, items: str, *more: str) -> Iterator[dict[str, Token]]:
        """The items of each FETCH response to ``UID FETCH uid_set (items)``, as they arrive
        (unreadable responses skipped, see ``_items``); the caller holds ``guard()``.
        Abandoning the iterator reads and discards the rest of the reply."""
        stream = self._stream("UID", "FETCH", uid_set, f"({items})", *more)
        try:
            for segs in stream:
                found = self._items(segs)
                if found:
                    yield found
        finally:
            stream.close()

    def _fetch_with_meta(self, uids: Sequence[int], item: str,
                         key: str) -> Iterator[tuple[MessageMeta, bytes]]:
        """Metadata and the literal ``key`` of ``item`` for all ``uids`` in ONE command,
        yielded as each arrives; missing UIDs are skipped."""
        if not uids:
            return
        with self.guard():
            stream = self._stream("UID", "FETCH", format_uid_set(list(uids)),
                                  f"({self._meta_items()} {item})")
            try:
                for segs in stream:
                    items, meta = self._meta_of(segs)
                    value = items.get(key)
                    if meta is not None and isinstance(value, bytes):
                        yield meta, value
            finally:
                stream.close()

    def fetch_raw(self, uids: Sequence[int]) -> Iterator[tuple[MessageMeta, bytes]]:
        """Whole messages (``BODY.PEEK[]``, never marks seen) in ONE command for all ``uids``,
        yielded as each arrives. Missing (expunged) UIDs are skipped. Abandoning the iterator
        reads and discards the rest of the reply."""
        return self._fetch_with_meta(uids, "BODY.PEEK[]", "BODY[]")

    def fetch_headers(self, uids: Sequence[int]) -> Iterator[tuple[MessageMeta, bytes]]:
        """Top-level headers (``BODY.PEEK[HEADER]``) with metadata for all ``uids`` in ONE
        command, yielded as each arrives (the sync lists new mail before bodies arrive).
        Missing UIDs are skipped; abandoning the iterator discards the rest of the reply."""
        return self._fetch_with_meta(uids, "BODY.PEEK[HEADER]", "BODY[HEADER]")

    def fetch_message_ids(self, uid_set: str) -> dict[int, bytes]:
        """``{uid: raw Message-ID header line}`` for a UID set in ONE command (the sync matches
        cached bodies after a UIDVALIDITY change). Messages without the header map to b""."""
        if not _UID_SET.fullmatch(uid_set):
            raise ValueError(f"not an IMAP UID set: {uid_set!r:.60}")
        out: dict[int, bytes] = {}
        with self.guard():
            for items in self._fetch_items(uid_set, "UID BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"):
                uid = items.get("UID")
                value = next((v for k, v in items.items()
                              if k.upper().startswith("BODY[HEADER.FIELDS")), None)
                if isinstance(uid, str) and uid.isdigit():
                    out[int(uid)] = value if isinstance(value, bytes) else b""
        return out

    def fetch_section(self, uid: int, section: str) -> bytes:
        """``BODY.PEEK[section]`` as raw bytes exactly as on the wire (still transfer-encoded).
        Raises ``ProtocolError`` when the message or section does not exist."""
        if not _SECTION.fullmatch(section):
            raise ValueError(f"not an IMAP body section: {section!r:.60}")
        key = f"BODY[{section}]"
        with self.guard():
            for items in self._fetch_items(str(int(uid)), f"UID BODY.PEEK[{section}]"):
                if items.get("UID") == str(int(uid)) and key in items:
                    value = items[key]
                    return value if isinstance(value, bytes) else b""
        raise ProtocolError(_("Message {uid} (part {section}) is no longer on the server.",
                               uid=uid, section=section))

    def fetch_header_and_text(self, uid: int, max_part: int) -> PartialMessage:
        """For oversize messages: the header, the text parts up to ``max_part`` octets and the
        list of the other parts (``client.imap.partial_fetch``)."""
        return fetch_header_and_text(self, uid, max_part)

    def vanished_since(self, modseq: int, among: Iterable[int]) -> list[int] | None:
        """The UIDs of ``among`` (the cached ones) expunged from the selected folder since
        ``modseq`` (QRESYNC ``VANISHED (EARLIER)``), or None when the server lacks QRESYNC. The
        server's ranges are never expanded (it may well say ``1:4294967295``)."""
        if not self.has("QRESYNC"):
            return None
        ranges: list[tuple[int, int]] = []
        with self.guard():
            self._client.untagged_responses.pop("VANISHED", None)
            for _items in self._fetch_items("1:*", "UID", f"(CHANGEDSINCE {int(modseq)} VANISHED)"):
                pass
            for segs in self._untagged("VANISHED"):
                ranges.extend(parse_vanished(segs))
        return numbers_in_ranges(ranges, among)

    # -- changes -----------------------------------------------------------------------------

    def store_flags(self, uids: Iterable[int], flags: Iterable[str], add: bool) -> None:
        """Add or remove flags silently (idempotent; nothing to do for no UIDs)."""
        uid_list = list(uids)
        if not uid_list:
            return
        with self.guard():
            self._command("UID", "STORE", format_uid_set(uid_list),
                          "+FLAGS.SILENT" if add else "-FLAGS.SILENT", _flag_list(flags))
            self._client.untagged_responses.pop("FETCH", None)

    def _uid_map(self, sent: int) -> dict[int, int]:
        """{source UID: new UID} from COPYUID, for a command that named ``sent`` UIDs."""
        codes = self._client.untagged_responses.pop("COPYUID", [])
        mapping: dict[int, int] = {}
        for code in codes:
            if isinstance(code, bytes):
                _validity, src, dst = parse_uid_code(code, limit=sent)
                mapping.update(zip(src, dst, strict=True))
        return mapping

    def copy(self, uids: Iterable[int], dest: str) -> dict[int, int]:
        """UID COPY; returns {source UID: new UID} from COPYUID (UIDPLUS), else {}."""
        uid_list = list(uids)
        if not uid_list:
            return {}
        with self.guard():
            self._command("UID", "COPY", format_uid_set(uid_list), self._wire(dest))
            return self._uid_map(len(set(uid_list)))

    def move(self, uids: Iterable[int], dest: str) -> dict[int, int]:
        """UID MOVE when offered; else COPY, ``\\Deleted`` and UID EXPUNGE (UIDPLUS) or, without
        UIDPLUS, a plain EXPUNGE (which also removes other messages already marked deleted)."""
        uid_list = list(uids)
        if not uid_list:
            return {}
        if not self.has("MOVE"):
            mapping = self.copy(uid_list, dest)
            self.delete(uid_list)
            return mapping
        with self.guard():
            self._command("UID", "MOVE", format_uid_set(uid_list), self._wire(dest))
            self._drop_expunge_noise()
            return self._uid_map(len(set(uid_list)))

    def delete(self, uids: Iterable[int]) -> None:
        """Mark ``\\Deleted`` and expunge exactly these UIDs (UID EXPUNGE with UIDPLUS; without
        it a plain EXPUNGE, see ``move``)."""
        uid_list = list(uids)
        if not uid_list:
            return
        uid_set = format_uid_set(uid_list)
        with self.guard():
            self._command("UID", "STORE", uid_set, "+FLAGS.SILENT", "(\\Deleted)")
            if self.has("UIDPLUS"):
                self._command("UID", "EXPUNGE", uid_set)
            else:
                self._command("EXPUNGE")
            self._drop_expunge_noise()

    def _drop_expunge_noise(self) -> None:
        self._exists_now()  # keep the last EXISTS before it is dropped
        for key in ("EXPUNGE", "VANISHED", "FETCH", "EXISTS", "RECENT"):
            self._client.untagged_responses.pop(key, None)

    def append(self, folder: str, raw: bytes, flags: Iterable[str] = (),
               date: datetime | None = None) -> int | None:
        """APPEND a message (bare LF becomes CRLF); returns its UID from APPENDUID, else None."""
        with self.guard():
            wire = self._wire(folder)
            self._client.untagged_responses.pop("APPENDUID", None)
            flag_list = list(flags)
            typ, data = self._client.append(
                wire,  # bytes pass through imaplib unencoded
                _flag_list(flag_list) if flag_list else None,
                date or datetime.now(UTC), raw)
            if typ != "OK":
                raise ProtocolError(_("The server refused to store the message: {detail}",
                                      detail=server_text(data)))
            codes = self._client.untagged_responses.pop("APPENDUID", [])
        if codes and isinstance(codes[-1], bytes):
            parts = codes[-1].split()
            if len(parts) == 2 and parts[1].isdigit():
                return int(parts[1])
        return None

    # -- waiting -----------------------------------------------------------------------------

    def idle(self, timeout: float) -> list[str]:
        """IDLE on the selected folder (``client.imap.idle.idle_for_changes``)."""
        return idle_for_changes(self, timeout)

    def noop_lines(self) -> list[str]:
        """NOOP and the changes the server reported, as ``"* N EXISTS"``-style lines."""
        with self.guard():
            self._command("NOOP")
            ur = self._client.untagged_responses
            lines = [f"* {n.decode('ascii', 'replace')} {key}" for key in ("EXISTS", "EXPUNGE")
                     for n in ur.get(key, []) if isinstance(n, bytes)]
            if ur.get("FETCH"):
                lines.append("* FETCH")
            if ur.get("VANISHED"):
                lines.append("* VANISHED")
            self._drop_expunge_noise()
            return lines

    def noop(self) -> None:
        """NOOP: keeps the connection alive and lets the server report changes."""
        self.noop_lines()

    def interrupt(self) -> None:
        """Any thread: shut the socket down so a blocking IDLE or read in the owning thread
        returns at once (with ``ServerUnavailable``); the session is unusable afterwards.
        Never raises."""
        sock = getattr(self._client, "sock", None)
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def logout(self) -> None:
        """LOGOUT and close; idempotent, never raises."""
        if self._broken:
            return
        self._broken = True
        try:
            self._client.logout()
        except Exception:  # noqa: BLE001 - closing a session that failed: any error means 'drop it'
            try:
                self._client.shutdown()
            except Exception:  # noqa: BLE001 - best effort: the socket may be gone already
                pass

