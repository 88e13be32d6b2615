"""Follow-ups through the real test bed: an inquiry in the rep's Dovecot INBOX, the quote
sent through the submission server, no answer for days -> the reminder is due; the buyer's
answer delivered and synced -> the sync's after-step clears it."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.quotes.test_quote_e2e import ANNA, rep_with_inquiry
from tests.client.signatures.fixtures import Keys
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer


def test_unanswered_quote_falls_due_and_the_answer_clears_it(
        cli: Callable[..., CliResult], dovecot: DovecotServer,
        submission: SubmissionServer, smtp_user: MailUser,
        make_policy: Callable[..., Path], keys: Keys,
        profile_dir: Path, tmp_path: Path) -> None:
    buyer, inquiry_id, row = rep_with_inquiry(cli, dovecot, submission, smtp_user, make_policy,
                                              keys, profile_dir, tmp_path)
    sent = cli("quote", str(row), "--template", "quotation", "--lang", "en",
               "--item", "NB-V100;1000", "--currency", "USD", "--incoterm", "FOB",
               "--place", "Ningbo", "--valid-days", "30", "--send", "--json")
    assert sent.code == 0, sent.err
    quote = sent.json()
    assert quote["state"] == "sent"
    assert cli("sync", "--json").code == 0  # the Sent copy comes into the cache
    fresh = cli("followups", "--json").json()["followups"]
    assert [(f["kind"], f["quote"], f["due"]) for f in fresh] == [
        ("quote", quote["number"], False)]  # just sent: the clock runs
    with Store.open(profile_dir / "tradewind.db") as store, store.transaction() as conn:
        # the quote went out two weeks ago (and its reminder was counted from then)
        conn.execute("UPDATE quotes SET sent_at = ?", (time.time() - 14 * 86400,))
        conn.execute("DELETE FROM followups")
    [due] = cli("followups", "--due", "--json").json()["followups"]
    assert (due["kind"], due["quote"], due["state"], due["due"]) == (
        "quote", quote["number"], "waiting", True)
    assert due["days_waiting"] >= 6 and due["buyer_email"] == buyer.email

    dovecot.deliver(smtp_user, (
        f"From: Hans Buyer <{buyer.email}>\r\nTo: Anna Li <{ANNA}>\r\n"
        f"Subject: Re: quotation\r\nDate: Wed, 02 Dec 2026 09:00:00 +0100\r\n"
        f"Message-ID: <answer-{buyer.username}@importer.example>\r\n"
        f"In-Reply-To: <{quote['message_id']}>\r\n"
        f"References: <{inquiry_id}> <{quote['message_id']}>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nCan you do 12.00?\r\n").encode())
    assert cli("sync", "--json").code == 0
    with Store.open(profile_dir / "tradewind.db") as store:  # cleared by the sync's after-step
        states = store.conn.execute("SELECT state, closed_at FROM followups").fetchall()
    assert [s for s, _c in states] == ["answered"] and states[0][1] is not None
    assert cli("followups", "--due", "--json").json()["followups"] == []
