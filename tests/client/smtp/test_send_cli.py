"""`tradewind send | reply | forward | outbox | identity` end to end through the real servers."""

from __future__ import annotations

import email
from collections.abc import Callable
from email import policy
from pathlib import Path

from client.cli.errors import ExitCode
from client.profile.config import Profile
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.cli.test_account import add_account
from tests.servers.dovecot import DovecotServer, MailUser, free_port
from tests.servers.submission import SubmissionServer

Cli = Callable[..., CliResult]


def _folder(dovecot: DovecotServer, user: MailUser, name: str) -> list[email.message.EmailMessage]:
    with dovecot.imap_admin(user) as imap:
        imap.select(name)
        _, data = imap.uid("SEARCH", "ALL")
        out = []
        for uid in data[0].split():
            _, fetched = imap.uid("FETCH", uid, "(FLAGS BODY.PEEK[])")
            msg = email.message_from_bytes(fetched[0][1], policy=policy.default)
            msg["X-Test-Flags"] = fetched[0][0].decode()
            out.append(msg)
        return out  # type: ignore[return-value]


def _setup(cli: Cli, dovecot: DovecotServer, sub: SubmissionServer, user: MailUser,
           smtp_port: int | None = None) -> None:
    port = smtp_port if smtp_port is not None else sub.starttls_port
    result = add_account(cli, dovecot, user, extra=("--smtp", f"127.0.0.1:{port}"))
    assert result.code == 0, result.err


def test_send_with_attachment_arrives_once_and_is_filed(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    body = tmp_path / "body.txt"
    body.write_text("Dear buyer,\nplease find our quotation 报价单 attached.\n", encoding="utf-8")
    pdf = tmp_path / "报价单 Q-2026-118.pdf"
    pdf.write_bytes(b"%PDF-1.7 quotation")
    result = cli("send", "--from", smtp_user.email, "--to", f"Buyer <{smtp_user.email}>",
                 "--subject", "Quotation Q-2026-118 报价", "--body-file", str(body),
                 "--attach", str(pdf), "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert doc["state"] == "filed" and doc["recipients"] == [smtp_user.email]
    [received] = _folder(dovecot, smtp_user, "INBOX")
    assert received["Subject"] == "Quotation Q-2026-118 报价"
    assert received["Message-ID"] == f"<{doc['message_id']}>"
    [att] = list(received.iter_attachments())
    assert att.get_filename() == "报价单 Q-2026-118.pdf" and att.get_content() == b"%PDF-1.7 quotation"
    assert len(_folder(dovecot, smtp_user, "Sent")) == 1
    listing = cli("outbox", "--json").json()
    assert listing["items"] == []  # filed items are not listed as waiting


def test_offline_send_waits_and_goes_out_once_when_the_server_is_back(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    _setup(cli, dovecot, submission, smtp_user, smtp_port=free_port())  # nothing listens there
    body = tmp_path / "b.txt"
    body.write_text("sample shipment booked\n")
    result = cli("send", "--from", smtp_user.email, "--to", smtp_user.email, "--subject",
                 "Samples", "--body-file", str(body), "--json")
    assert result.code == 0, result.err
    assert result.json()["state"] == "queued"
    [waiting] = cli("outbox", "--json").json()["items"]
    assert waiting["state"] == "queued" and "Cannot reach" in waiting["last_error"]
    store = Store.open(Profile.resolve(None).database)
    account = store.get_account(smtp_user.email)
    assert account is not None
    store.update_account(account.id, smtp_port=submission.starttls_port)  # the line returns
    store.close()
    synced = cli("sync", "--json")  # reaching the server wakes what waited for the line
    assert synced.code == 0, synced.err
    [acct] = synced.json()["accounts"]
    assert acct["outbox"]["sent"] == [waiting["id"]] and acct["outbox"]["filed"] == [waiting["id"]]
    [received] = _folder(dovecot, smtp_user, "INBOX")
    assert received["Subject"] == "Samples"
    assert cli("outbox", "flush", "--json").json()["items"] == []
    assert cli("sync").code == 0
    assert len(_folder(dovecot, smtp_user, "INBOX")) == 1  # exactly once


def test_bad_address_is_refused_before_queueing(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    body = tmp_path / "b.txt"
    body.write_text("x\n")
    result = cli("send", "--from", smtp_user.email, "--to", "buyer@nodot", "--subject", "x",
                 "--body-file", str(body))
    assert result.code == ExitCode.USAGE
    assert "not a valid email address" in result.err
    assert cli("outbox", "--json").json()["items"] == []
    injected = cli("send", "--from", smtp_user.email, "--to", smtp_user.email, "--subject",
                   "hi\r\nBcc: victim@example.test", "--body-file", str(body))
    assert injected.code == ExitCode.USAGE and "line break" in injected.err


def test_reply_after_sync_threads_and_marks_the_original_answered(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    dovecot.deliver(smtp_user, (
        f"From: Hans <hans@importer.example>\r\nTo: {smtp_user.email}\r\n"
        "Subject: RFQ LED panels\r\nMessage-ID: <rfq-9@importer.example>\r\n"
        "Date: Fri, 20 Nov 2026 09:30:00 +0100\r\n\r\nPlease quote 2x40HQ FOB Ningbo.\r\n"
    ).encode())
    _setup(cli, dovecot, submission, smtp_user)
    assert cli("sync").code == 0
    [original] = cli("ls", "INBOX", "--json").json()["messages"]
    body = tmp_path / "reply.txt"
    body.write_text("USD 12.40 per piece FOB Ningbo.\n")
    before = len(submission.received)
    result = cli("reply", str(original["id"]), "--body-file", str(body), "--json")
    assert result.code == 0, result.err
    assert result.json()["state"] == "filed"
    assert result.json()["recipients"] == ["hans@importer.example"]
    [delivery] = submission.received[before:]
    reply = email.message_from_bytes(delivery.data, policy=policy.default)
    assert reply["Subject"] == "Re: RFQ LED panels"
    assert reply["In-Reply-To"] == "<rfq-9@importer.example>"
    text = reply.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert text.index("USD 12.40") < text.index("> Please quote")
    [filed] = _folder(dovecot, smtp_user, "Sent")
    assert filed["Message-ID"] == reply["Message-ID"]
    assert cli("sync").code == 0  # replays the \Answered flag
    [first] = _folder(dovecot, smtp_user, "INBOX")
    assert "\\Answered" in first["X-Test-Flags"]


def test_identities_and_sending_from_a_market_alias(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    alias = smtp_user.email.replace("@", "+us@")
    added = cli("identity", "add", "--account", smtp_user.email, "--email", alias, "--name",
                "Anna (US market)", "--reply-to", "us-sales@example.test", "--json")
    assert added.code == 0, added.err
    assert [i["email"] for i in added.json()["identities"]] == [smtp_user.email, alias]
    body = tmp_path / "b.txt"
    body.write_text("hello from the US desk\n")
    result = cli("send", "--from", alias, "--to", smtp_user.email, "--subject", "US price list",
                 "--body-file", str(body), "--json")
    assert result.code == 0, result.err
    [received] = _folder(dovecot, smtp_user, "INBOX")
    assert received["From"].addresses[0].addr_spec == alias
    assert received["From"].addresses[0].display_name == "Anna (US market)"
    assert received["Reply-To"] == "us-sales@example.test"
    unknown = cli("send", "--from", "ceo@elsewhere.example", "--to", smtp_user.email,
                  "--subject", "x", "--body-file", str(body))
    assert unknown.code == ExitCode.NOT_FOUND and "not an address of any account" in unknown.err


def test_draft_saved_elsewhere_opens_and_sends_then_leaves_drafts(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser,
) -> None:
    dovecot.append(smtp_user, "Drafts", (
        f"From: {smtp_user.email}\r\nTo: {smtp_user.email}\r\nSubject: Price list 2027\r\n"
        "Message-ID: <draft-from-phone@example.test>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nWritten on the phone.\r\n").encode(),
        flags=("\\Draft",))
    _setup(cli, dovecot, submission, smtp_user)
    assert cli("sync").code == 0
    [server_draft] = cli("ls", "Drafts", "--json").json()["messages"]
    imported = cli("drafts", "import", str(server_draft["id"]), "--json")
    assert imported.code == 0, imported.err
    draft_id = imported.json()["draft_id"]
    sent = cli("drafts", "send", str(draft_id), "--json")
    assert sent.code == 0, sent.err
    assert sent.json()["state"] == "filed"
    [received] = _folder(dovecot, smtp_user, "INBOX")
    assert received["Subject"] == "Price list 2027"
    assert "Written on the phone." in received.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert _folder(dovecot, smtp_user, "Drafts") == []
    assert cli("drafts", "--json").json()["drafts"] == []


def test_forward_flags_the_original_and_providers_that_file_sent_are_not_appended_to(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser,
) -> None:
    dovecot.deliver(smtp_user, (
        f"From: Li <li@factory.example>\r\nTo: {smtp_user.email}\r\nSubject: Spec sheet\r\n"
        "Message-ID: <spec-1@factory.example>\r\n\r\nSee the spec.\r\n").encode())
    _setup(cli, dovecot, submission, smtp_user)
    store = Store.open(Profile.resolve(None).database)
    from client.smtp.account_endpoint import set_sending_options

    account = store.get_account(smtp_user.email)
    assert account is not None
    set_sending_options(store, account, files_sent_itself=True)  # e.g. Gmail
    store.close()
    assert cli("sync").code == 0
    [original] = cli("ls", "INBOX", "--json").json()["messages"]
    result = cli("forward", str(original["id"]), "--to", smtp_user.email, "--json")
    assert result.code == 0, result.err
    assert result.json()["state"] == "filed"
    assert _folder(dovecot, smtp_user, "Sent") == []  # the provider files it, not us
    assert cli("sync").code == 0
    first = next(m for m in _folder(dovecot, smtp_user, "INBOX") if m["Subject"] == "Spec sheet")
    assert "$Forwarded" in first["X-Test-Flags"]
    fwd = next(m for m in _folder(dovecot, smtp_user, "INBOX") if m["Subject"] == "Fwd: Spec sheet")
    assert "---------- Forwarded message ----------" in fwd.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_account_with_unsent_mail_is_not_removed_without_force_and_sending_options(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    _setup(cli, dovecot, submission, smtp_user, smtp_port=free_port())
    body = tmp_path / "b.txt"
    body.write_text("x\n")
    assert cli("send", "--from", smtp_user.email, "--to", smtp_user.email, "--subject", "wait",
               "--body-file", str(body)).code == 0
    refused = cli("account", "remove", smtp_user.email)
    assert refused.code == ExitCode.GENERAL and "1 unsent message(s)" in refused.err
    assert len(cli("outbox", "--json").json()["items"]) == 1
    options = cli("account", "sending", smtp_user.email, "--smtp-security", "ssl",
                  "--files-sent-itself", "yes", "--json")
    assert options.code == 0, options.err
    assert options.json() == {"email": smtp_user.email, "smtp_security": "ssl",
                              "files_sent_itself": True}
    assert cli("account", "remove", smtp_user.email, "--force").code == 0


def test_sent_copy_that_cannot_be_filed_is_retried_never_resent(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    """Checklist O7: APPEND to Sent fails after SMTP succeeded."""
    _setup(cli, dovecot, submission, smtp_user)
    store = Store.open(Profile.resolve(None).database)
    account = store.get_account(smtp_user.email)
    assert account is not None
    store.update_account(account.id, imap_port=free_port())  # IMAP unreachable, SMTP fine
    store.close()
    body = tmp_path / "b.txt"
    body.write_text("invoice follows\n")
    result = cli("send", "--from", smtp_user.email, "--to", smtp_user.email, "--subject", "INV",
                 "--body-file", str(body), "--json")
    assert result.code == 0, result.err
    assert result.json()["state"] == "sent"
    assert "not yet saved to the Sent folder" in result.json()["last_error"]
    store = Store.open(Profile.resolve(None).database)
    store.update_account(account.id, imap_port=dovecot.imaps_port)  # IMAP back
    store.close()
    flushed = cli("outbox", "flush", "--json")
    assert flushed.code == 0, flushed.err
    assert flushed.json()["items"] == []
    assert len(_folder(dovecot, smtp_user, "Sent")) == 1
    assert len(_folder(dovecot, smtp_user, "INBOX")) == 1


def test_refused_message_is_edited_as_a_draft_and_sent_again(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    body = tmp_path / "b.txt"
    body.write_text("Proforma invoice PI-88 follows.\n")
    submission.fail_next = (550, "5.7.1 message content rejected")
    sent = cli("send", "--from", smtp_user.email, "--to", smtp_user.email, "--bcc",
               "boss@example.test", "--subject", "PI-88", "--body-file", str(body), "--json")
    assert sent.code == ExitCode.GENERAL and sent.json()["state"] == "failed"
    assert "content rejected" in sent.json()["last_error"]
    edited = cli("outbox", "edit", str(sent.json()["outbox_id"]), "--json")
    assert edited.code == 0, edited.err
    assert cli("outbox", "--json").json()["items"] == []
    [draft] = cli("drafts", "--json").json()["drafts"]
    assert draft["subject"] == "PI-88" and draft["id"] == edited.json()["draft_id"]
    resent = cli("drafts", "send", str(draft["id"]), "--json")
    assert resent.code == 0, resent.err
    assert resent.json()["recipients"] == [smtp_user.email, "boss@example.test"]  # Bcc kept
    [received] = _folder(dovecot, smtp_user, "INBOX")
    assert received["Subject"] == "PI-88" and "Bcc" not in received
