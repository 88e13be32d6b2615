"""Messages over the attachment cap: store header + text parts now, attachments on demand.

``assemble_partial`` (pure, any thread) turns a ``PartialMessage`` into the bytes stored as the
body of a 'partial' row: the original header with a new ``multipart/mixed`` Content-Type,
one MIME part per fetched text part and an empty placeholder part (``X-Tradewind-Part``) per
attachment not downloaded. ``record_parts`` lists those attachments in the ``parts`` table
inside the caller's transaction. ``fetch_attachment`` downloads one later and stores it.
"""

from __future__ import annotations

import hashlib
import re

from client.imap import BodyPart, ImapSession, PartialMessage
from client.store import Store

_DROP_HEADERS = re.compile(
    rb"^(content-type|content-transfer-encoding|mime-version)[ \t]*:", re.IGNORECASE
)


def _strip_mime_headers(header: bytes) -> bytes:
    """The header without its MIME structure fields (their folded continuations too)."""
    lines = header.replace(b"\r\n", b"\n").split(b"\n")
    kept: list[bytes] = []
    dropping = False
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            if not dropping:
                kept.append(line)
            continue
        dropping = bool(_DROP_HEADERS.match(line))
        if not dropping and line:
            kept.append(line)
    return b"\r\n".join(kept)


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace(
        "\n", " "
    ) + '"'


def _part_header(part: BodyPart, *, placeholder: bool) -> bytes:
    ctype = part.content_type or "application/octet-stream"
    fields = [f"Content-Type: {ctype}"]
    if part.charset:
        fields[0] += f"; charset={_quote(part.charset)}"
    if part.filename:
        fields[0] += f"; name={_quote(part.filename)}"
    if part.encoding and not placeholder:
        fields.append(f"Content-Transfer-Encoding: {part.encoding}")
    if part.filename or placeholder:
        disposition = part.disposition or "attachment"
        name = f"; filename={_quote(part.filename)}" if part.filename else ""
        fields.append(f"Content-Disposition: {disposition}{name}")
    if part.content_id:
        fields.append(f"Content-ID: {part.content_id}")
    if placeholder:
        fields.append(f"X-Tradewind-Part: section={part.section}; size={part.size}; downloaded=no")
    return "\r\n".join(fields).encode("utf-8", "replace")


def assemble_partial(message: PartialMessage) -> bytes:
    """Header + text parts + attachment placeholders as one parseable MIME message."""
    head = _strip_mime_headers(message.header)
    boundary = "tw-partial-" + hashlib.sha1(message.header).hexdigest()[:16]
    out = [
        head,
        b"\r\nMIME-Version: 1.0\r\n",
        f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n'.encode(),
        b"X-Tradewind-Partial: attachments not downloaded\r\n\r\n",
    ]
    for part, data in message.texts:
        out += [f"--{boundary}\r\n".encode(), _part_header(part, placeholder=False),
                b"\r\n\r\n", data, b"\r\n"]
    for part in message.others:
        out += [f"--{boundary}\r\n".encode(), _part_header(part, placeholder=True),
                b"\r\n\r\n\r\n"]
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out)


def record_parts(store: Store, message_row: int, parts: tuple[BodyPart, ...]) -> None:
    """List ``parts`` as not downloaded (joins the caller's transaction; idempotent)."""
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO parts(message_id, part_id, filename, content_type, size, content_id, "
            "encoding, downloaded) VALUES (?, ?, ?, ?, ?, ?, ?, 0) "
            "ON CONFLICT(message_id, part_id) DO NOTHING",
            [
                (message_row, p.section, p.filename, p.content_type, p.size, p.content_id,
                 p.encoding)
                for p in parts
            ],
        )


def fetch_attachment(store: Store, session: ImapSession, message_row: int, part_id: str) -> bytes:
    """Download one attachment part of a 'partial' message and keep it in ``parts``.

    Returns the part as on the wire (still transfer-encoded). Idempotent: a part already
    downloaded is returned from the cache. ``session`` must have the message's folder selected
    (see ``client.sync.attachments.download_attachment``). Raises ``KeyError`` for an unknown part,
    ``ImapError`` when the server cannot deliver it, ``StoreWriteError`` on a full disk.
    """
    row = store.conn.execute(
        "SELECT p.downloaded, p.data, m.uid FROM parts p JOIN messages m ON m.id = p.message_id "
        "WHERE p.message_id = ? AND p.part_id = ?",
        (message_row, part_id),
    ).fetchone()
    if row is None:
        raise KeyError(f"Message {message_row} has no attachment part {part_id}.")
    downloaded, data, uid = row
    if downloaded and data is not None:
        return bytes(data)
    if uid is None:
        raise KeyError(f"Message {message_row} is not on the server yet.")
    payload = session.fetch_section(int(uid), part_id)
    with store.transaction() as conn:
        conn.execute(
            "UPDATE parts SET data = ?, downloaded = 1 WHERE message_id = ? AND part_id = ?",
            (payload, message_row, part_id),
        )
    return payload
