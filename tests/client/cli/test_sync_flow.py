"""`sync` against the real Dovecot, then the reading commands, then offline changes replayed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from client.cli.errors import ExitCode
from client.cli.shapes import MESSAGE_KEYS
from client.profile.config import Profile
from client.profile.paths import ProfileLock
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.cli.test_account import add_account
from tests.servers.dovecot import DovecotServer, MailUser, free_port
from tests.support.memory_keyring import MemoryKeyring

Cli = Callable[..., CliResult]

SYNC_KEYS = {
    "email", "ok", "status", "error", "cancelled", "replayed", "replay_notes", "added", "updated",
    "removed", "indexed", "seconds", "created_folders", "renamed_folders", "removed_folders",
    "folders", "outbox", "calendar",
}


def _message(n: int, subject: str, body: str = "hello", attachment: bool = False) -> bytes:
    head = (
        f"From: Supplier {n} <s{n}@supplier.example>\r\nTo: rep@example.test\r\n"
        f"Subject: {subject}\r\nDate: Mon, 0{n} Nov 2026 10:00:00 +0000\r\n"
        f"Message-ID: <m{n}@supplier.example>\r\nMIME-Version: 1.0\r\n"
    )
    if not attachment:
        return (head + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n").encode()
    return (
        head + "Content-Type: multipart/mixed; boundary=ZZ\r\n\r\n--ZZ\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n--ZZ\r\n"
        "Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=pi.pdf\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--ZZ--\r\n"
    ).encode()


@pytest.fixture
def synced(cli: Cli, dovecot: DovecotServer, imap_user: MailUser) -> MailUser:
    dovecot.deliver(imap_user, _message(1, "Proforma invoice", "集装箱 报价", attachment=True))
    dovecot.deliver(imap_user, _message(2, "Shipping schedule", "vessel ETA"))
    dovecot.deliver(imap_user, _message(3, "Sample request", "please send samples"))
    assert add_account(cli, dovecot, imap_user).code == 0
    result = cli("sync", "--json")
    assert result.code == 0, result.err
    assert result.err == ""  # nothing noisy in --json mode
    (account,) = result.json()["accounts"]
    assert set(account) == SYNC_KEYS
    assert account["ok"] is True and account["added"] == 3
    return imap_user


def test_sync_then_folders_ls_show_search(cli: Cli, synced: MailUser) -> None:
    folders = {f["name"]: f for f in cli("folders", "--json").json()["folders"]}
    assert (folders["INBOX"]["total"], folders["INBOX"]["unread"]) == (3, 3)
    assert folders["INBOX"]["last_sync"] is not None
    assert {folders[n]["role"] for n in ("Sent", "Trash", "Drafts")} == {"sent", "trash", "drafts"}

    listing = cli("ls", "INBOX", "--json").json()
    messages = listing["messages"]
    assert [m["subject"] for m in messages] == ["Sample request", "Shipping schedule", "Proforma invoice"]
    assert all(tuple(m) == MESSAGE_KEYS for m in messages)
    assert all(isinstance(m["uid"], int) for m in messages)
    invoice = messages[-1]
    assert invoice["has_attachments"] is True and invoice["message_id"] == "m1@supplier.example"

    shown = cli("show", str(invoice["id"]), "--json").json()
    assert "集装箱 报价" in shown["text"]
    assert [a["filename"] for a in shown["attachments"]] == ["pi.pdf"]

    hits = cli("search", "报价", "--json").json()["messages"]
    assert [h["id"] for h in hits] == [invoice["id"]]
    assert hits[0]["folder"] == "INBOX"


def test_second_sync_changes_nothing(cli: Cli, synced: MailUser) -> None:
    again = cli("sync", "--json").json()["accounts"][0]
    assert (again["added"], again["updated"], again["removed"]) == (0, 0, 0)


def test_sync_one_folder(cli: Cli, dovecot: DovecotServer, synced: MailUser) -> None:
    dovecot.deliver(synced, _message(4, "Late quote"))
    result = cli("sync", "--folder", "sent", "--json").json()["accounts"][0]
    assert [f["name"] for f in result["folders"]] == ["Sent"]
    inbox = next(f for f in cli("folders", "--json").json()["folders"] if f["name"] == "INBOX")
    assert inbox["total"] == 3  # INBOX was not refreshed
    assert cli("sync", "--folder", "INBOX").code == 0
    assert len(cli("ls", "INBOX", "--json").json()["messages"]) == 4


def test_plain_output_without_a_terminal(cli: Cli, dovecot: DovecotServer, synced: MailUser) -> None:
    result = cli("sync")
    assert result.code == 0
    assert f"{synced.email}: " in result.out and "0 new" in result.out
    assert "\r" not in result.err  # no bar redrawing when stderr is not a terminal


def test_progress_bar_on_a_terminal(cli: Cli, dovecot: DovecotServer, synced: MailUser) -> None:
    for n in range(4, 8):
        dovecot.deliver(synced, _message(n, f"Order {n}"))
    result = cli("sync", "--folder", "INBOX", tty_err=True)
    assert result.code == 0, result.err
    assert "\rINBOX (" in result.err and "] 4/4" in result.err
    assert "4 new" in result.out


def _set_port(port: int) -> None:
    store = Store.open(Profile.resolve().database)
    try:
        (account,) = store.list_accounts()
        store.update_account(account.id, imap_port=port)
    finally:
        store.close()


def test_offline_changes_are_replayed_by_the_next_sync(
    cli: Cli, dovecot: DovecotServer, synced: MailUser
) -> None:
    by_subject = {m["subject"]: m for m in cli("ls", "INBOX", "--json").json()["messages"]}
    real_port = cli("account", "list", "--json").json()["accounts"][0]["imap_port"]
    _set_port(free_port())  # the server is now unreachable

    read, moved, deleted = (by_subject[s]["id"] for s in
                            ("Sample request", "Shipping schedule", "Proforma invoice"))
    assert cli("mark", "--read", "--flag", str(read)).code == 0
    assert cli("move", str(moved), "Archive").code == 0
    assert cli("delete", str(deleted)).code == 0
    offline = cli("sync", "--json")
    assert offline.code == ExitCode.NETWORK
    assert offline.json()["accounts"][0]["status"] == "offline"
    assert offline.err.startswith("tradewind: ")
    # Still queued, and the local view still shows the changes.
    inbox = cli("ls", "INBOX", "--json").json()["messages"]
    assert [m["id"] for m in inbox] == [read]
    assert set(inbox[0]["flags"]) >= {"\\Seen", "\\Flagged"}

    _set_port(real_port)
    online = cli("sync", "--json")
    assert online.code == 0, online.err
    assert online.json()["accounts"][0]["replayed"] == 3
    assert len(dovecot.uids(synced, "INBOX")) == 1
    assert set(dovecot.flags(synced, "INBOX").popitem()[1]) >= {"\\Seen", "\\Flagged"}
    assert len(dovecot.uids(synced, "Archive")) == 1
    assert len(dovecot.uids(synced, "Trash")) == 1
    archived = cli("ls", "Archive", "--json").json()["messages"]
    assert [m["subject"] for m in archived] == ["Shipping schedule"]
    assert isinstance(archived[0]["uid"], int)  # the server copy replaced the local one


def test_sync_refuses_while_another_writer_holds_the_profile(cli: Cli, synced: MailUser) -> None:
    with ProfileLock(Profile.resolve().directory):
        result = cli("sync")
    assert result.code == ExitCode.LOCKED == 7
    assert "in use by process" in result.err


def test_sync_with_a_wrong_password_says_so(
    cli: Cli, dovecot: DovecotServer, imap_user: MailUser
) -> None:
    assert add_account(cli, dovecot, imap_user, password="wrong").code == 0
    result = cli("sync")
    assert result.code == ExitCode.AUTH
    assert "sync failed" in result.err and "right password" in result.err


def test_sync_without_accounts(cli: Cli, profile_dir: Path) -> None:
    result = cli("sync")
    assert result.code == ExitCode.NOT_FOUND and "account add" in result.err


def test_remove_after_sync_drops_the_cached_mail(cli: Cli, synced: MailUser) -> None:
    assert cli("search", "vessel", "--json").json()["messages"] != []
    assert cli("account", "remove", synced.email).code == 0
    assert cli("folders", "--json").json() == {"folders": []}
    assert cli("search", "vessel", "--json").json()["messages"] == []
    store = Store.open(Profile.resolve().database)
    try:
        assert store.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM bodies").fetchone()[0] == 0
    finally:
        store.close()


def test_sync_with_the_password_missing_from_the_keyring(
    cli: Cli, synced: MailUser, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.delete_password("Tradewind", synced.email.lower())
    result = cli("sync", "--json")
    assert result.code == ExitCode.KEYRING
    assert "no password in the keyring" in result.err
    assert result.json()["accounts"][0]["ok"] is False
    assert set(result.json()["accounts"][0]) == SYNC_KEYS
