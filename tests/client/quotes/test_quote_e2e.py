"""A quote reply end to end: inquiry in the rep's INBOX (Dovecot) → `tradewind sync` →
`tradewind quote … --pdf --send` through the real submission server → the buyer's INBOX, and
the buyer's answer → `tradewind sync` → the record is `answered`.

The received quote carries In-Reply-To/References of the inquiry, the company signature, the
quoted original and the PDF (whose text and embedded fonts are checked); the record is `sent`.
"""

from __future__ import annotations

import email
import itertools
import re
import shutil
import subprocess
from collections.abc import Callable
from email import policy as email_policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from client.compose.assemble import signature_text
from client.compose.identities import add_identity
from client.profile import secrets
from client.signatures import provision
from client.signatures.render import SignatureRequest, render_signature
from client.smtp.account_endpoint import set_sending_options
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.signatures.fixtures import Keys
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer

DATA = Path(__file__).resolve().parents[2] / "data" / "quotes"
ANNA = "anna.li@company.example"  # a rep of the example signature directory
_buyers = itertools.count(1)
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext, pdffonts) is not installed")


def _fetch(dovecot: DovecotServer, user: MailUser, message_id: str) -> EmailMessage:
    with dovecot.imap_admin(user) as imap:
        imap.select("INBOX")
        _, data = imap.uid("SEARCH", "HEADER", "Message-ID", message_id)
        [uid] = data[0].split()
        _, fetched = imap.uid("FETCH", uid, "(BODY.PEEK[])")
    msg = email.message_from_bytes(fetched[0][1], policy=email_policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def _pdf_tool(tool: str, data: bytes, tmp: Path) -> str:
    path = tmp / "received.pdf"
    path.write_bytes(data)
    args = [tool, str(path), "-"] if tool == "pdftotext" else [tool, str(path)]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def rep_with_inquiry(cli: Callable[..., CliResult], dovecot: DovecotServer,
                     submission: SubmissionServer, smtp_user: MailUser,
                     make_policy: Callable[..., Path], keys: Keys,
                     profile_dir: Path, tmp_path: Path) -> tuple[MailUser, str, int]:
    """The rep's account on Dovecot + the submission server with the company policy and the
    price list, and a buyer's inquiry synced into its INBOX: (buyer, inquiry Message-ID, row)."""
    buyer = dovecot.add_user(f"quote-buyer-{next(_buyers)}", "buyer-pw-1")
    with Store.open(profile_dir / "tradewind.db") as store:
        account = store.add_account(
            smtp_user.email, imap_host=dovecot.host, imap_port=dovecot.imaps_port,
            security="ssl", username=smtp_user.username, ca_file=str(dovecot.ca_file),
            smtp_host=dovecot.host, smtp_port=submission.starttls_port)
        set_sending_options(store, account, smtp_security="starttls", files_sent_itself=False)
        add_identity(store, account.id, ANNA, "Anna Li")
        provision.use_policy(store, str(make_policy()), keys.public.read_bytes())
    secrets.set_password(smtp_user.email, smtp_user.password)
    assert cli("products", "import", str(shutil.copy(DATA / "pricelist.csv",
                                                      tmp_path / "p.csv"))).code == 0

    inquiry_id = f"inq-{buyer.username}@importer.example"
    dovecot.deliver(smtp_user, (
        f"From: Hans Buyer <{buyer.email}>\r\nTo: Anna Li <{ANNA}>\r\n"
        f"Subject: Inquiry ball valves DN50\r\nDate: Tue, 01 Dec 2026 09:00:00 +0100\r\n"
        f"Message-ID: <{inquiry_id}>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "Please quote 1000 ball valves DN50 and 200 gasket sets, FOB Ningbo.\r\n").encode())
    synced = cli("sync", "--json")
    assert synced.code == 0, synced.err
    with Store.open(profile_dir / "tradewind.db") as store:
        [(row,)] = store.conn.execute("SELECT id FROM messages WHERE message_id = ?",
                                      (inquiry_id,)).fetchall()
    return buyer, inquiry_id, int(row)


def test_quote_reply_round_trip(
        cli: Callable[..., CliResult], dovecot: DovecotServer,
        submission: SubmissionServer, smtp_user: MailUser,
        make_policy: Callable[..., Path], keys: Keys,
        profile_dir: Path, tmp_path: Path) -> None:
    buyer, inquiry_id, row = rep_with_inquiry(cli, dovecot, submission, smtp_user, make_policy,
                                              keys, profile_dir, tmp_path)
    result = cli("quote", str(row), "--template", "quotation", "--lang", "en",
                 "--item", "NB-V100;1000", "--item", "NB-S200;200",
                 "--item", "Custom flange;DN50 PN16, 304;200;pcs;3.20",
                 "--currency", "USD", "--incoterm", "FOB", "--place", "Ningbo",
                 "--payment", "30% T/T in advance, 70% against B/L copy",
                 "--valid-days", "30", "--lead-time", "25 days", "--pdf", "--send", "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert (doc["currency"], doc["total"]) == ("USD", "13310.00")  # 12500 + 170 + 640
    assert doc["total_formatted"] == "$13,310.00"
    assert doc["outbox_state"] in ("sent", "filed") and doc["state"] == "sent"
    assert re.fullmatch(r"Q-\d{4}-0001", doc["number"])

    received = _fetch(dovecot, buyer, doc["message_id"])
    assert received["In-Reply-To"] == f"<{inquiry_id}>"
    assert f"<{inquiry_id}>" in str(received["References"])
    assert doc["number"] in str(received["Subject"])
    plain = received.get_body(("plain",))
    assert plain is not None
    text = str(plain.get_content()).replace("\r\n", "\n")
    bundle = provision.policy_in_force(Store.open(profile_dir / "tradewind.db"))
    assert bundle is not None
    block = render_signature(bundle, SignatureRequest(ANNA, reply=True)).block
    assert signature_text(block) in text  # the company signature, enforced on the queue path
    assert "> Please quote 1000 ball valves DN50" in text  # the quoted original
    assert text.index("$13,310.00") < text.index(signature_text(block)) < text.index("> Please")
    [attached] = [p for p in received.iter_attachments()
                  if p.get_content_type() == "application/pdf"]
    assert attached.get_filename() == f"Quotation-{doc['number']}.pdf"
    data = attached.get_content()
    pdf_text = re.sub(r"\s+", " ", _pdf_tool("pdftotext", data, tmp_path))
    for expected in (doc["number"], "Hans Buyer", "Ball valve DN50", "$12,500.00", "$13,310.00",
                     "FOB Ningbo", "QUOTATION", "Valid until"):
        assert expected in pdf_text, expected
    fonts = _pdf_tool("pdffonts", data, tmp_path).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)

    listed = cli("quotes", "--json").json()["quotes"]
    assert [(q["number"], q["state"]) for q in listed] == [(doc["number"], "sent")]

    # the buyer answers the quote; the next sync sees it in the thread and marks it answered
    dovecot.deliver(smtp_user, (
        f"From: Hans Buyer <{buyer.email}>\r\nTo: Anna Li <{ANNA}>\r\n"
        f"Subject: Re: {received['Subject']}\r\nDate: Wed, 02 Dec 2026 09:00:00 +0100\r\n"
        f"Message-ID: <answer-{buyer.username}@importer.example>\r\n"
        f"In-Reply-To: <{doc['message_id']}>\r\n"
        f"References: <{inquiry_id}> <{doc['message_id']}>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nCan you do 12.00 for the valves?\r\n"
    ).encode())
    assert cli("sync", "--json").code == 0
    with Store.open(profile_dir / "tradewind.db") as store:  # moved by the sync's after-step
        [(state,)] = store.conn.execute("SELECT state FROM quotes").fetchall()
    assert state == "answered"
    shown = cli("quotes", "show", doc["number"], "--json").json()
    assert shown["state"] == "answered" and shown["answered_at"]
    assert cli("quotes", "mark", doc["number"], "won", "--json").json()["state"] == "won"
