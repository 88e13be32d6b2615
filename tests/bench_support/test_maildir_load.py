"""Loading a generated mailbox into the real Dovecot by writing Maildir files directly."""

from __future__ import annotations

import email
import email.policy
import imaplib
import re
import secrets
from pathlib import Path

from tests.benchmarks.maildir_load import link_maildir, maildir_name, write_maildir
from tests.benchmarks.mailgen import FOLDERS, MailboxSpec, generate_mailbox
from tests.servers.dovecot import DovecotServer, imap_quote

SPEC = MailboxSpec(messages=120, attachment_scale=0.01)


def test_maildir_name_carries_sizes_and_sorted_flags() -> None:
    raw = b"Subject: x\n\nline\n"
    name = maildir_name(7, 1700000000.9, raw, frozenset({"\\Seen", "\\Answered", "\\Flagged"}))
    assert name == f"1700000000.M000007P1.bench,S={len(raw)},W={len(raw) + 3}:2,FRS"


def test_dovecot_serves_the_written_maildir_in_generator_order(
    dovecot: DovecotServer, tmp_path: Path
) -> None:
    user = dovecot.add_user(f"bench-{secrets.token_hex(4)}", secrets.token_urlsafe(12))
    source = tmp_path / "Maildir"  # hard-linked into the server's home: its mode does not matter
    manifest = write_maildir(SPEC, source)
    link_maildir(source, dovecot.mail_root / user.username)
    expected = {folder: [m for m in generate_mailbox(SPEC) if m.folder == folder] for folder in FOLDERS}
    assert manifest.folders == {folder: len(msgs) for folder, msgs in expected.items()}
    with dovecot.imap_admin(user) as imap:
        for folder, messages in expected.items():
            typ, data = imap.select(imap_quote(folder), readonly=True)
            assert typ == "OK" and int(data[0] or 0) == len(messages), (folder, data)
            typ, fetched = imap.uid("FETCH", "1:*", "(FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
            assert typ == "OK"
            items = [item for item in fetched if isinstance(item, tuple)]
            assert len(items) == len(messages)
            for (meta, header), msg in zip(items, messages, strict=True):
                parsed = email.message_from_bytes(header, policy=email.policy.default)
                assert parsed["Message-ID"] == msg.message_id
                size = re.search(rb"RFC822\.SIZE (\d+)", meta)
                assert size is not None and int(size[1]) == len(msg.raw) + msg.raw.count(b"\n")
                flags = set(imaplib.ParseFlags(meta)) - {b"\\Recent"}
                assert flags == {f.encode() for f in msg.flags}
