"""Opening a message of a Drafts folder as a draft: ours by Message-ID, another client's imported
once; pushing an edit leaves one server copy and forgets the cached stale one."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.compose.drafts import (
    DraftFields,
    delete_local_draft,
    get_draft,
    list_drafts,
    save_draft,
)
from client.compose.headers import ComposeError
from client.imap.models import Endpoint
from client.outgoing.draft_open import draft_for_message, settle_drafts_without_server
from client.outgoing.drafts_push import push_drafts
from client.smtp.imap_folders import ImapDraftsFolder
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from tests.servers.dovecot import DovecotServer, MailUser

OTHER_CLIENT_DRAFT = (
    b"From: Anna <{email}>\r\nTo: Hans <hans@example.de>\r\nBcc: boss@example.test\r\n"
    b"Subject: =?utf-8?b?5oql5Lu3?= offer\r\nMessage-ID: <tb-draft-1@example.test>\r\n"
    b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    b"<p>Written in <b>Thunderbird</b></p>\r\n"
)


def _cache(store: Store, account_id: int, raw: bytes, uid: int = 1,
           folder: str = "Drafts", role: str | None = "drafts") -> int:
    """Put ``raw`` into the cached folder as the sync would; returns its row id."""
    folder_id = store.upsert_folder(account_id, FolderRecord(folder, role=role)).id
    store.insert_messages(folder_id, [IncomingMessage(uid=uid, raw=raw, flags=("\\Draft",))],
                          watermark_uid=uid)
    [row] = [r for r in store.list_messages(folder_id, 10, 0) if r.uid == uid]
    return row.id


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "tw.db")
    s.add_account("anna@example.test")
    return s


def test_another_clients_draft_is_imported_once_with_its_fields(store: Store) -> None:
    account_id = store.list_accounts()[0].id
    row = _cache(store, account_id, OTHER_CLIENT_DRAFT.replace(b"{email}", b"anna@example.test"))
    draft_id = draft_for_message(store, row)
    assert draft_for_message(store, row) == draft_id  # opening again: the same draft
    [saved] = list_drafts(store)
    fields = saved.fields
    assert (fields.sender, fields.to, fields.bcc) == (
        "anna@example.test", "Hans <hans@example.de>", "boss@example.test")
    assert fields.subject == "报价 offer" and "<b>Thunderbird</b>" in (fields.html or "")
    origin = store.conn.execute("SELECT origin_message_id FROM drafts").fetchone()[0]
    assert origin == "tb-draft-1@example.test"


def test_our_own_pushed_draft_opens_as_the_local_draft(store: Store) -> None:
    account_id = store.list_accounts()[0].id
    draft_id = save_draft(store, account_id, DraftFields(sender="anna@example.test",
                                                         subject="Quote", text="v1"))
    mine = get_draft(store, draft_id)
    from client.compose.drafts import draft_raw

    row = _cache(store, account_id, draft_raw(store, draft_id))  # the server copy, synced back
    assert store.get_message(row).message_id == mine.message_id  # type: ignore[union-attr]
    assert draft_for_message(store, row) == draft_id
    assert len(list_drafts(store)) == 1


def test_only_drafts_folder_messages_open_as_drafts(store: Store) -> None:
    account_id = store.list_accounts()[0].id
    row = _cache(store, account_id, OTHER_CLIENT_DRAFT.replace(b"{email}", b"x@example.test"),
                 folder="INBOX", role="inbox")
    with pytest.raises(ComposeError, match="Drafts folder"):
        draft_for_message(store, row)
    with pytest.raises(ComposeError, match="no message 999"):
        draft_for_message(store, 999)
    assert list_drafts(store) == []


def test_a_draft_with_attachments_left_on_the_server_is_refused_in_words(store: Store) -> None:
    account_id = store.list_accounts()[0].id
    folder_id = store.upsert_folder(account_id, FolderRecord("Drafts", role="drafts")).id
    raw = OTHER_CLIENT_DRAFT.replace(b"{email}", b"anna@example.test")
    store.insert_messages(folder_id, [IncomingMessage(uid=5, raw=raw, body_state="partial")],
                          watermark_uid=5)
    [row] = store.list_messages(folder_id, 10, 0)
    with pytest.raises(ComposeError, match="attachment cache limit"):
        draft_for_message(store, row.id)
    assert list_drafts(store) == []


def test_without_a_server_a_sent_draft_leaves_the_cached_drafts_folder(store: Store) -> None:
    account_id = store.list_accounts()[0].id
    row = _cache(store, account_id, OTHER_CLIENT_DRAFT.replace(b"{email}", b"anna@example.test"))
    draft_id = draft_for_message(store, row)
    delete_local_draft(store, draft_id)  # sent
    assert settle_drafts_without_server(store, account_id) == 1
    assert store.get_message(row) is None
    assert store.conn.execute("SELECT COUNT(*) FROM drafts").fetchone()[0] == 0


def _server_message_ids(dovecot: DovecotServer, user: MailUser) -> list[bytes]:
    with dovecot.imap_admin(user) as imap:
        imap.select("Drafts")
        _, data = imap.uid("SEARCH", "ALL")
        out = []
        for uid in data[0].split():
            _, fetched = imap.uid("FETCH", uid, "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
            out.append(fetched[0][1].strip())
        return out


def test_edited_draft_of_another_client_replaces_its_server_copy(
    tmp_path: Path, dovecot: DovecotServer, imap_user: MailUser
) -> None:
    store = Store.open(tmp_path / "tw.db")
    account_id = store.add_account(imap_user.email).id
    raw = OTHER_CLIENT_DRAFT.replace(b"{email}", imap_user.email.encode())
    uid = dovecot.append(imap_user, "Drafts", raw, flags=("\\Draft",))
    row = _cache(store, account_id, raw, uid=uid)
    draft_id = draft_for_message(store, row)
    fields = get_draft(store, draft_id).fields
    from dataclasses import replace

    save_draft(store, account_id, replace(fields, html="<p>Edited here</p>"), draft_id)
    endpoint = Endpoint("127.0.0.1", dovecot.imaps_port, "ssl", ca_file=str(dovecot.ca_file))
    folder = ImapDraftsFolder.open(endpoint, imap_user.username, imap_user.password)
    try:
        assert push_drafts(store, account_id, folder) == [draft_id]
    finally:
        folder.close()
    ours = get_draft(store, draft_id).message_id
    assert _server_message_ids(dovecot, imap_user) == [f"Message-ID: <{ours}>".encode()]
    assert store.get_message(row) is None  # the stale cached copy is gone from the list
