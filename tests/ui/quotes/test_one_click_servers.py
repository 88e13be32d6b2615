"""The one-click quote against the real servers (Dovecot + the submission server): the inquiry
synced from Dovecot, the reply made by "Quote with <last template>", sent, then read back
from the buyer's INBOX: In-Reply-To/References of the inquiry, the company signature, the
quoted original, the PDF, and the record is `sent`. Once through the worker side of the
action (`ui.quotes.jobs.quick_reply`) and `tradewind drafts send`, once through the main
window: the action, the composer it opens, its Send button."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from client.compose.assemble import signature_text
from client.quotes import last_choices
from client.quotes.reply import QuoteRequest, item_specs
from client.signatures import provision
from client.signatures.render import SignatureRequest, render_signature
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.quotes.test_quote_e2e import ANNA, _fetch, _pdf_tool, pytestmark, rep_with_inquiry
from tests.client.signatures.fixtures import Keys
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer
from tests.ui.sync.test_sync_driver import WAIT_MS
from ui.quotes import jobs

__all__ = ["pytestmark"]


def _check_received(dovecot: DovecotServer, buyer: MailUser, db: Path, inquiry_id: str,
                    number: str, message_id: str, pdf_name: str, tmp_path: Path) -> None:
    received = _fetch(dovecot, buyer, message_id)
    assert received["In-Reply-To"] == f"<{inquiry_id}>"
    assert f"<{inquiry_id}>" in str(received["References"])
    assert number in str(received["Subject"])
    plain = received.get_body(("plain",))
    assert plain is not None
    text = str(plain.get_content()).replace("\r\n", "\n")
    with Store.open(db) as store:
        bundle = provision.policy_in_force(store)
    assert bundle is not None
    block = render_signature(bundle, SignatureRequest(ANNA, reply=True)).block
    assert signature_text(block) in text
    assert "> Please quote 1000 ball valves DN50" in text
    [attached] = [p for p in received.iter_attachments()
                  if p.get_content_type() == "application/pdf"]
    assert attached.get_filename() == pdf_name
    pdf_text = re.sub(r"\s+", " ", _pdf_tool("pdftotext", attached.get_content(), tmp_path))
    for expected in (number, "Ball valve DN50", "$12,670.00", "FOB Ningbo", "L/C at sight"):
        assert expected in pdf_text, expected


def _remember(db: Path) -> None:
    with Store.open(db) as store:  # the rep's previous quote
        last_choices.remember(store, QuoteRequest(
            template="quotation", items=item_specs(["NB-V100;1000", "NB-S200;200"]),
            currency="USD", incoterm="FOB", place="Ningbo", payment_terms="L/C at sight",
            valid_days=30, lead_time="25 days", with_pdf=True))


def test_one_click_quote_reaches_the_buyer_and_the_record_is_sent(
        cli: Callable[..., CliResult], dovecot: DovecotServer,
        submission: SubmissionServer, smtp_user: MailUser,
        make_policy: Callable[..., Path], keys: Keys,
        profile_dir: Path, tmp_path: Path) -> None:
    buyer, inquiry_id, row = rep_with_inquiry(cli, dovecot, submission, smtp_user, make_policy,
                                              keys, profile_dir, tmp_path)
    db = profile_dir / "tradewind.db"
    _remember(db)

    reply = jobs.quick_reply(db, row)
    assert reply is not None and reply.draft_id is not None
    assert reply.record.state == "draft" and reply.pdf_name
    sent = cli("drafts", "send", str(reply.draft_id), "--json")
    assert sent.code == 0, sent.err

    shown = cli("quotes", "show", reply.record.number, "--json").json()
    assert shown["state"] == "sent" and shown["total"] == "12670.00"  # 12500 + 170
    _check_received(dovecot, buyer, db, inquiry_id, reply.record.number, shown["message_id"],
                    reply.pdf_name or "", tmp_path)


def test_one_click_in_the_app_sends_through_the_composer(  # type: ignore[no-untyped-def]
        cli: Callable[..., CliResult], dovecot: DovecotServer,
        submission: SubmissionServer, smtp_user: MailUser,
        make_policy: Callable[..., Path], keys: Keys,
        profile_dir: Path, tmp_path: Path, open_app, qtbot) -> None:
    buyer, inquiry_id, row = rep_with_inquiry(cli, dovecot, submission, smtp_user, make_policy,
                                              keys, profile_dir, tmp_path)
    db = profile_dir / "tradewind.db"
    _remember(db)
    app = open_app(idle_seconds=3600)
    window = app.window
    qtbot.waitUntil(lambda: window.quotes.quote_last_action.isVisible(), timeout=WAIT_MS)
    window.show_message(row)
    qtbot.waitUntil(lambda: window.reader.shown_id == row, timeout=WAIT_MS)
    window.quotes.quote_last_action.trigger()
    qtbot.waitUntil(lambda: any(getattr(c, "draft_id", None) for c in window.compose.composers),
                    timeout=WAIT_MS)
    assert window.quotes.picker is None
    [composer] = window.compose.composers
    qtbot.waitUntil(lambda: composer.is_ready and composer.send_button.isEnabled(),
                    timeout=WAIT_MS)
    number = next(q["number"] for q in cli("quotes", "--json").json()["quotes"])
    assert number in composer.subject_field.text()
    submission.received.clear()
    composer.send_button.click()
    qtbot.waitUntil(lambda: len(submission.received) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: cli("quotes", "show", number, "--json").json()["state"] == "sent",
                    timeout=WAIT_MS)
    shown = cli("quotes", "show", number, "--json").json()
    _check_received(dovecot, buyer, db, inquiry_id, number, shown["message_id"],
                    f"Quotation-{number}.pdf", tmp_path)
