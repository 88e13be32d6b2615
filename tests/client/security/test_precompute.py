"""The fraud risk counted after a sync (`precompute.assess_new`): newest first, up to the
limit, each message once, the same verdict as on display, a document attachment's text left
for the display, placeholders left for later, one failing message skipped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from client.security import assess as assess_module
from client.security import precompute, risk_store
from client.security.assess import risk_of_row
from client.security.risk import RULES_VERSION, Risk
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage, MessageRow
from tests.client.security.fraud_cases import REP, Case, build_cases


@pytest.fixture
def built(tmp_path: Path) -> Iterator[tuple[Store, list[Case]]]:
    with Store.open(tmp_path / "cache.db") as store:
        cases = build_cases(store)
        store.conn.execute("DELETE FROM risk_cache")
        yield store, cases


def _account(store: Store) -> int:
    account = store.get_account(REP)
    assert account is not None
    return account.id


def _cached(store: Store) -> set[int]:
    return {int(r[0]) for r in store.conn.execute(
        "SELECT message_id FROM risk_cache WHERE version = ?", (RULES_VERSION,))}


def test_the_newest_first_up_to_the_limit_then_the_rest(built: tuple[Store, list[Case]]) -> None:
    store, _cases = built
    account = _account(store)
    total = store.conn.execute("SELECT count(*) FROM messages").fetchone()[0]
    newest = [int(r[0]) for r in store.conn.execute(
        "SELECT id FROM messages ORDER BY sort_date DESC, id DESC LIMIT 20")]
    assert precompute.assess_new(store, account, limit=20) == 20
    assert _cached(store) == set(newest)
    assert precompute.assess_new(store, account, limit=10_000) == total - 20
    assert precompute.assess_new(store, account) == 0  # idempotent: nothing left
    assert precompute.pending(store, account) == []


def test_a_rule_change_or_a_cleared_cache_makes_them_pending_again(
        built: tuple[Store, list[Case]]) -> None:
    store, cases = built
    account = _account(store)
    precompute.assess_new(store, account, limit=10_000)
    risk_store.allow(store, "@acme-trading.com")  # clears the cache: the verdicts may change
    assert len(precompute.pending(store, account, limit=10_000)) == len(_all_ids(store))
    store.conn.execute("UPDATE risk_cache SET version = ?", (RULES_VERSION - 1,))
    assert precompute.pending(store, account, limit=1) != []


def _all_ids(store: Store) -> list[int]:
    return [int(r[0]) for r in store.conn.execute("SELECT id FROM messages")]


def test_placeholders_wait_and_a_failing_message_does_not_stop_the_others(
        built: tuple[Store, list[Case]], monkeypatch: pytest.MonkeyPatch) -> None:
    store, _cases = built
    account = _account(store)
    inbox = store.upsert_folder(account, FolderRecord("INBOX", "/", "inbox"))
    store.insert_messages(inbox.id, [IncomingMessage(uid=9000, raw=b"")], 9000)
    placeholder = int(store.conn.execute(
        "SELECT id FROM messages WHERE folder_id = ? AND uid = 9000", (inbox.id,)).fetchone()[0])
    store.conn.execute("UPDATE messages SET body_state = 'none' WHERE id = ?", (placeholder,))
    broken = precompute.pending(store, account, limit=1)[0]
    real = assess_module.assess  # precompute imports it when a message is pending

    def flaky(store_: Store, row: MessageRow, *args: Any, **kwargs: Any) -> Risk:
        if row.id == broken:
            raise ValueError("unreadable")
        return real(store_, row, *args, **kwargs)

    monkeypatch.setattr(assess_module, "assess", flaky)
    done = precompute.assess_new(store, account, limit=10_000)
    assert done == len(_all_ids(store)) - 2  # all but the placeholder and the broken one
    assert placeholder not in _cached(store) and broken not in _cached(store)


def test_the_sync_pass_gives_the_display_verdict_and_leaves_documents_for_display(
        built: tuple[Store, list[Case]]) -> None:
    store, cases = built
    precompute.assess_new(store, _account(store), limit=10_000)
    by_label = {c.label: c for c in cases}
    plain = by_label["bank change from a lookalike, de"]  # no attachment: final at once
    stored = risk_store.cached_risk(store, plain.row_id, RULES_VERSION)
    row = store.get_message(plain.row_id)
    assert row is not None and stored is not None
    assert Risk.from_stored(stored) == risk_of_row(store, row, use_cache=False)
    invoice = by_label["PDF invoice with a changed IBAN (acme-trading.com)"]
    assert risk_store.cached_risk(store, invoice.row_id, RULES_VERSION) is None
    provisional = risk_store.cached_risk(store, invoice.row_id, precompute.PROVISIONAL)
    assert provisional is not None  # judged by the sync pass, not pending any more
    assert "bank-details-changed" not in {r["code"] for r in provisional["reasons"]}
    assert invoice.row_id not in precompute.pending(store, _account(store), limit=10_000)
    row = store.get_message(invoice.row_id)
    assert row is not None
    shown = risk_of_row(store, row)  # first display reads the PDF and replaces the row
    assert shown is not None and "bank-details-changed" in [r.code for r in shown.reasons]
    assert risk_store.cached_risk(store, invoice.row_id, RULES_VERSION) == shown.stored()


def test_after_a_sync_that_changed_nothing_the_backlog_waits(
        built: tuple[Store, list[Case]]) -> None:
    store, _cases = built
    account = _account(store)
    total = len(_all_ids(store))
    assert precompute.assess_after_sync(store, account, limit=5) == 5
    # The same messages as after the last call: nothing judged, nothing imported or read.
    assert precompute.assess_after_sync(store, account, limit=5) == 0
    assert len(_cached(store)) == 5
    inbox = store.upsert_folder(account, FolderRecord("INBOX", "/", "inbox"))
    store.insert_messages(inbox.id, [IncomingMessage(uid=9100, raw=(
        b"From: New Buyer <buyer@new-importer.example>\r\nTo: " + REP.encode()
        + b"\r\nSubject: Inquiry\r\nDate: Wed, 01 Jan 2031 10:00:00 +0000\r\n\r\nPrice?\r\n"))],
        9100)
    newest = int(store.conn.execute(
        "SELECT id FROM messages WHERE folder_id = ? AND uid = 9100", (inbox.id,)).fetchone()[0])
    # New mail: judged first, and the backlog continues within the limit.
    assert precompute.assess_after_sync(store, account, limit=5) == 5
    assert newest in _cached(store) and len(_cached(store)) == 10
    assert precompute.assess_after_sync(store, account, limit=5) == 0
    assert len(precompute.pending(store, account, limit=10_000)) == total + 1 - 10
