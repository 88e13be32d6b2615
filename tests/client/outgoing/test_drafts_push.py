"""The drafts push against a real server (Dovecot): one server copy per draft, healed after a
crash between APPEND and the removal of the old copy."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

from client.compose.drafts import discard_server_copies, get_draft, save_draft
from client.imap.models import Endpoint
from client.outgoing.drafts_push import push_drafts
from client.smtp.imap_folders import ImapDraftsFolder
from client.store.db import Store
from tests.client.compose.test_drafts import _fields
from tests.servers.dovecot import DovecotServer, MailUser


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
