"""Integration: our part ids are the IMAP section numbers a real Dovecot uses.

Each message is APPENDed, read back whole, and every attachment's bytes from
`attachment_bytes` must equal Dovecot's decoded `BINARY.PEEK[section]` (RFC 3516).
Needs the real Dovecot (the `dovecot` session fixture).
"""

from __future__ import annotations

import re

import pytest

from client.mime import attachment_bytes, parse_message
from tests.servers.dovecot import DovecotServer, MailUser

from .corpus import local
from .test_message import ALT_RELATED

CASES = [
    "ruby-mail/attachment_emails/attachment_message_rfc822.eml",
    "ruby-mail/attachment_emails/attachment_message_rfc822_inline_image.eml",
    "thunderbird/attachment/apple_mail_related_attachments.eml",
    "thunderbird/attachment/bug1358565.eml",
    "enmime/mail/html-mime-bad-charset-inline.raw",
    "ruby-mail/attachment_emails/attachment_only_email.eml",
]


def _fetch(imap: object, uid: int, item: str) -> bytes:
    typ, data = imap.uid("FETCH", str(uid), f"({item})")  # type: ignore[attr-defined]
    assert typ == "OK", data
    for entry in data:
        if isinstance(entry, tuple):
            return bytes(entry[1])
    raise AssertionError(f"no literal in {data!r}")


@pytest.mark.timeout(60)
def test_part_ids_match_dovecot_sections(dovecot: DovecotServer, imap_user: MailUser) -> None:
    sources = [ALT_RELATED] + [local(name) for name in CASES]
    uids = [dovecot.append(imap_user, "INBOX", raw) for raw in sources]
    checked = 0
    with dovecot.imap_admin(imap_user) as imap:
        imap.select("INBOX", readonly=True)
        for uid in uids:
            stored = _fetch(imap, uid, "BODY.PEEK[]")
            message = parse_message(stored)
            assert message.attachments, f"uid {uid} has no attachments"
            for attachment in message.attachments:
                if attachment.from_tnef or not re.fullmatch(r"[0-9.]+", attachment.part_id):
                    continue
                # Dovecot's BINARY re-encodes the parts inside a message/rfc822, so an
                # enclosed message (sent 7bit/8bit here) is compared with BODY instead.
                kind = "BODY" if attachment.is_message else "BINARY"
                server = _fetch(imap, uid, f"{kind}.PEEK[{attachment.part_id}]")
                ours = attachment_bytes(stored, attachment.part_id)
                if attachment.is_message:  # Dovecot keeps a blank line before the delimiter
                    ours, server = ours.rstrip(b"\r\n"), server.rstrip(b"\r\n")
                assert ours.replace(b"\r\n", b"\n") == server.replace(b"\r\n", b"\n"), (
                    uid,
                    attachment,
                )
                checked += 1
    assert checked >= len(sources)
