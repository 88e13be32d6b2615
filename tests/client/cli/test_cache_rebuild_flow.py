"""S3 end to end: a synced cache with queued mail gets damaged pages; reading commands exit 9,
`cache rebuild` keeps the local work, `sync` against the real Dovecot refills the mail and
replays the queued changes, and the queued message goes through the real submission server
exactly once."""

from __future__ import annotations

import email
from collections.abc import Callable
from email import policy

from client.cli.errors import ExitCode
from client.compose.drafts import DraftFields, save_draft
from client.profile.config import Profile
from client.smtp.outbox import Outbox
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.cli.test_account import add_account
from tests.client.store.test_rebuild import damage_messages_sparing
from tests.servers.dovecot import DovecotServer, MailUser, free_port
from tests.servers.submission import SubmissionServer

Cli = Callable[..., CliResult]
COUNT = 200


def _message(n: int) -> bytes:
    return (
        f"From: Supplier {n} <s{n}@supplier.example>\r\nTo: rep@example.test\r\n"
        f"Subject: Offer {n}\r\nDate: Mon, 02 Nov 2026 10:{n % 60:02d}:00 +0000\r\n"
        f"Message-ID: <offer{n}@supplier.example>\r\nContent-Type: text/plain\r\n\r\n"
        + f"Offer {n}: " + "FOB Ningbo 2x40HQ. " * 150 + "\r\n"
    ).encode()


def _server_messages(dovecot: DovecotServer, user: MailUser, folder: str) -> list[email.message.Message]:
    with dovecot.imap_admin(user) as imap:
        imap.select(folder, readonly=True)
        _, data = imap.uid("SEARCH", "ALL")
        found = []
        for uid in data[0].split():
            _, fetched = imap.uid("FETCH", uid, "(BODY.PEEK[HEADER])")
            found.append(email.message_from_bytes(fetched[0][1], policy=policy.default))
        return found


def test_damaged_cache_is_rebuilt_and_the_queued_mail_goes_out_once(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path,
) -> None:
    user = smtp_user
    dovecot.append_many(user, "INBOX", (_message(n) for n in range(1, COUNT + 1)))
    # SMTP unreachable at first: the message waits in the outbox
    assert add_account(cli, dovecot, user, extra=("--smtp", f"127.0.0.1:{free_port()}")).code == 0
    assert cli("sync").code == 0
    listing = cli("ls", "INBOX", "--limit", "500", "--json").json()["messages"]
    assert len(listing) == COUNT
    by_subject = {m["subject"]: m for m in listing}
    moved, read = by_subject["Offer 100"], by_subject["Offer 3"]
    assert cli("move", str(moved["id"]), "Archive").code == 0
    assert cli("mark", "--read", str(read["id"])).code == 0
    assert cli("identity", "add", "--account", user.email, "--email", f"sales.{user.email}",
               "--name", "Sales").code == 0
    body = tmp_path / "body.txt"
    body.write_text("Our offer: USD 12.40 FOB Ningbo.\n")
    sent = cli("send", "--from", user.email, "--to", user.email, "--subject", "Offer 报价",
               "--body-file", str(body), "--json")
    assert sent.code == 0 and sent.json()["state"] == "queued", sent.err
    queued = sent.json()["outbox_id"]

    database = Profile.resolve().database
    with Store.open(database) as store:
        account = store.get_account(user.email)
        assert account is not None
        outbox = Outbox(store)
        refused = outbox.enqueue(account.id, b"Subject: refused\r\n\r\nx\r\n",
                                 message_id="refused-1@example.test", sender=user.email,
                                 recipients=["nobody@example.test"], subject="refused")
        outbox.fail(refused, "550 5.1.1 no such user")
        save_draft(store, account.id, DraftFields(sender=user.email, to="buyer@importer.example",
                                                  subject="Draft 草稿", text="to finish"))
        store.set_setting("sync.interval_minutes", 9)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage_messages_sparing(database, {moved["id"]})

    for args in (("ls", "INBOX", "--limit", "500"), ("search", "Offer"), ("cache", "check")):
        result = cli(*args)
        assert result.code == ExitCode.DATA, (args, result.err)
        assert "Traceback" not in result.err and "tradewind cache rebuild" in result.err

    rebuilt = cli("cache", "rebuild", "--yes", "--json")
    assert rebuilt.code == 0, rebuilt.err
    report = rebuilt.json()
    assert report["complete"] is True, report
    assert report["imported"]["outbox"] == 2 and report["imported"]["pending_ops"] == 2
    assert report["imported"]["drafts"] == 1 and report["imported"]["identities"] == 2
    assert cli("cache", "check").code == 0
    with Store.open(database) as store:
        assert store.get_setting("sync.interval_minutes") == 9
        assert store.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 1
        account = store.get_account(user.email)
        assert account is not None
        store.update_account(account.id, smtp_port=submission.starttls_port)  # the line is back

    before = len(submission.received)
    synced = cli("sync", "--json")
    assert synced.code == 0, synced.err
    [acct] = synced.json()["accounts"]
    assert acct["replayed"] == 2 and acct["replay_notes"] == []
    assert acct["outbox"]["sent"] == [queued]
    assert cli("sync").code == 0  # a second sync sends nothing again
    deliveries = [d for d in submission.received[before:] if b"Offer =?utf-8?" in d.data
                  or "Offer 报价".encode() in d.data]
    assert len(deliveries) == 1
    inbox_on_server = _server_messages(dovecot, user, "INBOX")
    assert sum(1 for m in inbox_on_server if m["Subject"] == "Offer 报价") == 1

    inbox = cli("ls", "INBOX", "--limit", "500", "--json").json()["messages"]
    assert len(inbox) == len(inbox_on_server) == COUNT  # 199 offers + the one we sent
    assert "Offer 100" not in {m["subject"] for m in inbox}
    [archived] = cli("ls", "Archive", "--json").json()["messages"]
    assert archived["subject"] == "Offer 100" and archived["uid"] is not None
    assert [m["Subject"] for m in _server_messages(dovecot, user, "Archive")] == ["Offer 100"]
    flags = {m["subject"]: m["flags"] for m in inbox}
    assert "\\Seen" in flags["Offer 3"]
    assert dovecot.flags(user, "INBOX")[read["uid"]] >= {"\\Seen"}
    items = cli("outbox", "--json").json()["items"]
    assert [(i["subject"], i["state"]) for i in items] == [("refused", "failed")]
    assert [d["subject"] for d in cli("drafts", "--json").json()["drafts"]] == ["Draft 草稿"]
    shown = cli("show", str(inbox[0]["id"]), "--json")
    assert shown.code == 0 and "FOB Ningbo" in shown.json()["text"]
