"""Drafts: local autosave, one server copy that replaces the previous one, drafts from elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.compose.build import OutgoingAttachment
from client.compose.drafts import (
    DraftFields,
    draft_from_message,
    draft_raw,
    get_draft,
    list_drafts,
    save_draft,
)
from client.compose.headers import parse_recipients
from client.store.db import Store


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
