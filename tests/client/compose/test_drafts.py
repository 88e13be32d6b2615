"""Drafts: local autosave, one server copy that replaces the previous one, drafts from elsewhere."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pytest

from client.compose.build import OutgoingAttachment
from client.compose.drafts import (
    DraftFields,
    discard_server_copies,
    draft_from_message,
    draft_raw,
    get_draft,
    list_drafts,
    push_drafts,
    save_draft,
)
from client.compose.headers import parse_recipients
from client.imap.models import Endpoint
from client.smtp.imap_folders import ImapDraftsFolder
from client.store.db import Store
from tests.servers.dovecot import DovecotServer, MailUser


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "tw.db")
    s.add_account("anna@example.test")
    return s


def _fields(**kw: object) -> DraftFields:
    base: dict[str, object] = dict(sender="anna@example.test", sender_name="Anna 李",
                                   to="Hans <hans@example.de>", bcc="boss@example.test",
                                   subject="Angebot 报价", html="<p>Dear Hans</p>")
    base.update(kw)
    return DraftFields(**base)  # type: ignore[arg-type]


def test_autosave_updates_one_local_draft_and_survives_reopen(store: Store, tmp_path: Path) -> None:
    account_id = store.list_accounts()[0].id
    draft_id = save_draft(store, account_id, _fields(to=""))  # no recipient yet: still saved
    save_draft(store, account_id, _fields(attachments=(
        OutgoingAttachment("价格表.xlsx", b"PK\x03\x04 sheet"),)), draft_id)
    store.close()
    again = Store.open(tmp_path / "tw.db")
    [saved] = list_drafts(again)
    assert saved.id == draft_id and saved.server_state == "dirty"
    assert saved.fields.subject == "Angebot 报价" and saved.fields.bcc == "boss@example.test"
    assert [(a.filename, a.data) for a in saved.fields.attachments] == [
        ("价格表.xlsx", b"PK\x03\x04 sheet")]


def test_unsafe_field_is_saved_as_typed_and_injects_no_header(store: Store) -> None:
    # drafts never refuse (compose.draft_safe): the typed subject is kept, the MIME copy
    # carries it on one line; sending refuses it (test_headers)
    account_id = store.list_accounts()[0].id
    draft_id = save_draft(store, account_id, _fields())
    save_draft(store, account_id, _fields(subject="x\r\nBcc: evil@example.test"), draft_id)
    assert get_draft(store, draft_id).fields.subject == "x\r\nBcc: evil@example.test"
    assert b"\nBcc: evil" not in draft_raw(store, draft_id)


def _server_drafts(dovecot: DovecotServer, user: MailUser) -> list[bytes]:
    with dovecot.imap_admin(user) as imap:
        imap.select("Drafts")
        _, data = imap.uid("SEARCH", "ALL")
        out = []
        for uid in data[0].split():
            _, fetched = imap.uid("FETCH", uid, "(FLAGS BODY.PEEK[])")
            assert b"\\Draft" in fetched[0][0]
            out.append(fetched[0][1])
        return out


def test_server_keeps_exactly_one_copy_of_each_draft(
    tmp_path: Path, dovecot: DovecotServer, imap_user: MailUser
) -> None:
    store = Store.open(tmp_path / "tw.db")
    account_id = store.add_account(imap_user.email).id
    endpoint = Endpoint("127.0.0.1", dovecot.imaps_port, "ssl", ca_file=str(dovecot.ca_file))
    draft_id = save_draft(store, account_id, _fields(sender=imap_user.email))
    for version in range(3):
        save_draft(store, account_id, _fields(sender=imap_user.email, text=f"version {version}"),
                   draft_id)
        folder = ImapDraftsFolder.open(endpoint, imap_user.username, imap_user.password)
        try:
            assert push_drafts(store, account_id, folder) == [draft_id]
        finally:
            folder.close()
    [copy] = _server_drafts(dovecot, imap_user)
    parsed = message_from_bytes(copy, policy=policy.default)
    assert "version 2" in parsed.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert get_draft(store, draft_id).server_state == "saved"

    # a crash after APPEND but before the old copy was removed leaves two: the next push heals it
    dovecot.append(imap_user, "Drafts", copy, flags=("\\Draft",))
    save_draft(store, account_id, _fields(sender=imap_user.email, text="final"), draft_id)
    folder = ImapDraftsFolder.open(endpoint, imap_user.username, imap_user.password)
    try:
        push_drafts(store, account_id, folder)
        assert len(_server_drafts(dovecot, imap_user)) == 1
        discard_server_copies(folder, get_draft(store, draft_id).message_id)
    finally:
        folder.close()
    assert _server_drafts(dovecot, imap_user) == []


def test_draft_saved_elsewhere_opens_with_its_fields() -> None:
    raw = (
        b"From: Anna <anna@example.test>\r\nTo: hans@example.de, Li <li@example.cn>\r\n"
        b"Bcc: boss@example.test\r\nSubject: =?utf-8?b?5oql5Lu3?=\r\n"
        b"In-Reply-To: <orig@example.de>\r\nReferences: <root@example.de> <orig@example.de>\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Written in Thunderbird\r\n"
    )
    fields = draft_from_message(raw, "fallback@example.test")
    assert fields.sender == "anna@example.test" and fields.subject == "报价"
    assert fields.to == "hans@example.de, Li <li@example.cn>" and fields.bcc == "boss@example.test"
    assert fields.in_reply_to == "orig@example.de"
    assert fields.references == ("root@example.de", "orig@example.de")
    assert "Written in Thunderbird" in (fields.text or "")


def test_a_draft_saved_elsewhere_with_hostile_names_opens_clean_and_keeps_each_mailbox() -> None:
    raw = (
        b"From: Anna <anna@example.test>\r\n"
        b'To: "Huber, Anna" <anna@kunde.example>, =?utf-8?b?Sm9l4oCoQ2M6IHNweUB4LnRlc3Q=?='
        b" <joe@importer.example>\r\n"
        b"Subject: =?utf-8?b?UkZR4oCoQmNjOiB2aWN0aW1AZXZpbC50ZXN0?=\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nx\r\n"
    )
    fields = draft_from_message(raw, "fallback@example.test")
    assert fields.subject == "RFQ Bcc: victim@evil.test"
    people = parse_recipients(fields.to)
    assert [(p.name, p.email) for p in people] == [
        ("Huber, Anna", "anna@kunde.example"), ("Joe Cc: spy@x.test", "joe@importer.example")]


def test_a_draft_saved_elsewhere_with_a_hostile_picture_name_can_be_saved_again(
    tmp_path: Path,
) -> None:
    raw = (
        b"From: Anna <anna@example.test>\r\nTo: buyer@kunde.example\r\nSubject: offer\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="r"\r\n\r\n'
        b"--r\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<img src=\"cid:logo1\">\r\n"
        b"--r\r\nContent-Type: image/png\r\nContent-ID: <logo1>\r\n"
        b"Content-Disposition: inline; filename*=utf-8''logo%E2%80%AEgnp%0B.png\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--r--\r\n"
    )
    fields = draft_from_message(raw, "anna@example.test")
    [image] = fields.inline_images
    assert image.content_id == "logo1" and "\u202e" not in image.filename
    store = Store.open(tmp_path / "tw.db")
    account = store.add_account("anna@example.test")
    draft_id = save_draft(store, account.id, fields)  # builds: no refusal, no ValueError
    assert get_draft(store, draft_id).fields.inline_images[0].content_id == "logo1"
