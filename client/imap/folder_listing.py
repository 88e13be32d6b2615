"""Reading a server's folders: the personal NAMESPACE, LIST (with SPECIAL-USE and RFC 8474
MAILBOXIDs where offered), shown names and roles. Split from ``session.py`` (one concern:
the folder list). Called through ``ImapSession.namespace`` / ``list_folders`` on the session's
owning thread; raises like the session.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from client.i18n import _
from client.imap.errors import ProtocolError
from client.imap.models import FolderInfo
from client.imap.namespace import (
    Namespace,
    parse_namespace,
    parse_status_mailbox_id,
    shown_names,
)
from client.imap.parse import parse_list
from client.imap.roles import assign_roles
from client.imap.utf7 import decode_mailbox_name

if TYPE_CHECKING:
    from client.imap.session import ImapSession

log = logging.getLogger("client.imap.session")


def mailbox_arg(raw: str) -> bytes:
    """A raw mailbox name as a quoted IMAP string (bytes as the server sent them)."""
    data = raw.encode("utf-8", "surrogateescape")
    if any(b in data for b in (0, 10, 13)):
        raise ProtocolError(_("A folder name contains a line break or NUL and cannot be used."))
    return b'"' + data.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'


def read_namespace(session: ImapSession) -> Namespace:
    """The personal namespace (RFC 2342 NAMESPACE); an empty one when the server lacks
    NAMESPACE or refuses it."""
    found = Namespace()
    if session.has("NAMESPACE"):
        try:
            with session.guard():
                session._command("NAMESPACE")
                replies = session._untagged("NAMESPACE")
            if replies:
                found = parse_namespace(replies[-1])
        except ProtocolError as exc:
            log.info("NAMESPACE refused or unreadable: %s", exc)
        except ValueError as exc:  # ResponseParseError
            log.info("NAMESPACE unreadable: %s", exc)
    return found


def list_folders(session: ImapSession) -> list[FolderInfo]:
    """All folders with shown names (decoded, personal namespace prefix removed),
    attributes, roles (SPECIAL-USE, then names) and, when the server has OBJECTID, their
    MAILBOXID (one LIST with LIST-STATUS, else one ``STATUS (MAILBOXID)`` per folder)."""
    namespace = session.namespace()
    want_ids = session.has("OBJECTID")
    returns: list[str] = []
    if session.has("SPECIAL-USE") and session.has("LIST-EXTENDED"):
        returns.append("SPECIAL-USE")
    if want_ids and session.has("LIST-STATUS"):
        returns.append("STATUS (MAILBOXID)")  # alone: Cyrus 3.6 garbles it in long lists
    ids: dict[str, str | None] = {}
    with session.guard():
        if returns:
            session._command("LIST", '""', '"*"', "RETURN", "(" + " ".join(returns) + ")")
        else:
            session._command("LIST", '""', '"*"')
        rows = [parse_list(segs) for segs in session._untagged("LIST")]
        for segs in session._untagged("STATUS"):
            try:
                raw, items = parse_status_mailbox_id(segs)
            except ValueError:
                continue
            mailbox_id = items.get("MAILBOXID")
            ids[raw] = mailbox_id if isinstance(mailbox_id, str) else None
    if want_ids and not session.has("LIST-STATUS"):
        for attrs, _delim, raw in rows:
            if not {a.upper() for a in attrs} & {"\\NOSELECT", "\\NONEXISTENT"}:
                ids[raw] = _mailbox_id(session, raw)
    decoded = [(decode_mailbox_name(raw), delim, attrs) for attrs, delim, raw in rows]
    shown = shown_names([name for name, _d, _a in decoded], namespace)
    decoded = [(name, delim, attrs) for name, (_n, delim, attrs) in zip(shown, decoded, strict=True)]
    roles = assign_roles(decoded)
    folders = [
        FolderInfo(name=name, raw_name=raw, delimiter=delim, attrs=attrs, role=role,
                   mailbox_id=ids.get(raw))
        for (name, delim, attrs), (_a, _d, raw), role in zip(decoded, rows, roles, strict=True)
    ]
    return folders


def _mailbox_id(session: ImapSession, raw: str) -> str | None:
    """``STATUS raw (MAILBOXID)``; None when refused or not a valid object id."""
    try:
        with session.guard():
            session._command("STATUS", mailbox_arg(raw), "(MAILBOXID)")
            found = session._untagged("STATUS")
        if found:
            value = parse_status_mailbox_id(found[-1])[1].get("MAILBOXID")
            return value if isinstance(value, str) else None
    except (ProtocolError, ValueError):
        pass
    return None
