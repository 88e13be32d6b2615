"""A message over the cache cap: the reader lists its attachments as "not downloaded" and
opening or saving one fetches it from the server then (real Dovecot)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from client.attachment_files import attachment_content
from client.profile import secrets
from client.sync.attachments import NotDownloaded
from client.sync.engine import sync_account
from tests.client.sync.env import add_account
from tests.servers.dovecot import DovecotServer, MailUser
from ui.reader.content import load_reader_content

PAYLOAD = bytes(range(256)) * 400


def test_over_the_cap_attachment_is_listed_then_fetched_on_demand(
    dovecot: DovecotServer, imap_user: MailUser, profile_dir: Path
) -> None:
    store_path = profile_dir / "tradewind.db"
    account = add_account(store_path, dovecot, imap_user)
    encoded = base64.encodebytes(PAYLOAD).replace(b"\n", b"\r\n")
    dovecot.append(imap_user, "INBOX", (
        b"From: li@factory.example\r\nSubject: mould drawings\r\nMessage-ID: <m-1@factory.example>\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=YY\r\n\r\n--YY\r\n"
        b"Content-Type: text/plain\r\n\r\nDrawings attached.\r\n--YY\r\n"
        b"Content-Type: application/pdf; name=mould.pdf\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + encoded + b"--YY--\r\n"))
    assert sync_account(store_path, account, imap_user.password, attachment_cap=20_000).ok
    content = load_reader_content(store_path, 1)
    assert "Drawings attached." in content.text
    [listed] = content.attachments
    assert (listed.filename, listed.downloaded, listed.part_id) == ("mould.pdf", False, "2")
    with pytest.raises(NotDownloaded):  # no password in the keyring: offline, clear message
        attachment_content(store_path, 1, "2")
    secrets.set_password(imap_user.email, imap_user.password)
    assert attachment_content(store_path, 1, "2") == PAYLOAD
    assert load_reader_content(store_path, 1).attachments[0].downloaded is True
