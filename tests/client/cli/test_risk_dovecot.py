"""The fraud guard end to end on the real Dovecot test bed: the rep's quotation in Sent, the
buyer's genuine reply and a bank-change mail from a lookalike domain with a PDF invoice are
synced with `tradewind sync`; `show --json` carries the risk of each (issue 19)."""

from __future__ import annotations

from collections.abc import Callable
from email.message import EmailMessage

import pytest

from client.security import assess as assess_module
from tests.client.cli.fixtures import CliResult
from tests.client.cli.test_account import add_account
from tests.client.security.fraud_cases import invoice_document
from tests.servers.dovecot import DovecotServer, MailUser

Cli = Callable[..., CliResult]


def _mail(sender: str, to: str, subject: str, body: str, message_id: str, *,
          parent: str = "", auth: str = "", pdf: bytes | None = None) -> bytes:
    msg = EmailMessage()
    if auth:
        msg["Authentication-Results"] = auth
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    msg["Date"] = "Mon, 02 Nov 2026 09:00:00 +0000"
    msg["Message-ID"] = f"<{message_id}>"
    if parent:
        msg["In-Reply-To"] = msg["References"] = f"<{parent}>"
    msg.set_content(body)
    if pdf is not None:
        msg.add_attachment(pdf, maintype="application", subtype="pdf", filename="invoice.pdf")
    return bytes(msg)


def test_a_synced_fraud_attempt_has_a_high_risk(cli: Cli, dovecot: DovecotServer,
                                                imap_user: MailUser) -> None:
    rep = imap_user.email
    dovecot.append(imap_user, "Sent", _mail(rep, "John Miller <john@acme-trading.com>",
                                            "Quotation 117", "Our offer is attached.", "q117@rep"))
    dovecot.deliver(imap_user, _mail(
        "John Miller <john@acme-trading.com>", rep, "Re: Quotation 117", "Thanks, we accept.",
        "r117@acme-trading.com", parent="q117@rep",
        auth="mx.rep-provider.test; spf=pass smtp.mailfrom=acme-trading.com; dkim=pass "
             "header.d=acme-trading.com; dmarc=pass header.from=acme-trading.com"),
        sender="john@acme-trading.com")
    dovecot.deliver(imap_user, _mail(
        "John Miller <john@acme-tradinq.com>", rep, "Re: Quotation 117",
        "Please note our new bank account, pay the balance urgently to the IBAN in the invoice.",
        "f117@acme-tradinq.com", parent="r117@acme-trading.com",
        auth="mx.rep-provider.test; spf=fail smtp.mailfrom=acme-tradinq.com; dkim=none; "
             "dmarc=fail header.from=acme-tradinq.com",
        pdf=invoice_document("pdf", "GB33BUKB20201555555555", "ACME TRADING LTD")),
        sender="john@acme-tradinq.com")
    assert add_account(cli, dovecot, imap_user).code == 0
    set_id = cli("trusted", "authserv", rep, "mx.rep-provider.test", "--json")
    assert set_id.code == 0, set_id.err
    synced = cli("sync")
    assert synced.code == 0, synced.err
    rows = {r["subject"] + "|" + r["from"]["email"]: r["id"]
            for r in cli("ls", "INBOX", "--json").json()["messages"]}
    genuine = rows["Re: Quotation 117|john@acme-trading.com"]
    fraud = rows["Re: Quotation 117|john@acme-tradinq.com"]
    assert cli("show", str(genuine), "--json").json()["risk"]["level"] == "none"
    risk = cli("show", str(fraud), "--json").json()["risk"]
    assert risk["level"] == "high" and risk["score"] >= 70
    codes = {r["code"] for r in risk["reasons"]}
    assert {"lookalike-domain", "payment-change", "auth-dmarc-fail", "urgency",
            "bank-details-unconfirmed"} <= codes
    assert "GB33…5555" in next(r["detail"] for r in risk["reasons"]
                               if r["code"] == "bank-details-unconfirmed")  # from the PDF


def test_the_risk_is_counted_during_the_sync_and_read_when_shown(
        cli: Cli, dovecot: DovecotServer, imap_user: MailUser,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """After `tradewind sync` every synced message's risk is in the cache, so `show` and
    `risk` only read it: with the computation made to fail, both still give the risk."""
    rep = imap_user.email
    dovecot.deliver(imap_user, _mail(
        "John Miller <john@acme-tradinq.com>", rep, "Invoice 117",
        "Please note our new bank account, pay the balance urgently.", "c117@acme-tradinq.com"),
        sender="john@acme-tradinq.com")
    dovecot.deliver(imap_user, _mail("Lucía <lucia@iberia.example>", rep, "Hola",
                                     "Gracias por la oferta.", "c118@iberia.example"),
                    sender="lucia@iberia.example")
    assert add_account(cli, dovecot, imap_user).code == 0
    synced = cli("sync")
    assert synced.code == 0, synced.err
    ids = {r["subject"]: r["id"] for r in cli("ls", "INBOX", "--json").json()["messages"]}
    assert len(ids) == 2

    def no_computing(*_args: object) -> None:
        raise AssertionError("the risk was computed on display")

    monkeypatch.setattr(assess_module, "assess", no_computing)
    levels = {s: cli("show", str(i), "--json").json()["risk"]["level"] for s, i in ids.items()}
    assert levels == {"Invoice 117": "high", "Hola": "low"}  # new domain + bank change; new
    risk = cli("risk", str(ids["Invoice 117"]), "--json")
    assert risk.code == 0, risk.err
    assert {"payment-change", "first-time-domain"} <= {r["code"] for r in risk.json()["reasons"]}
