"""Benchmark: the cost of the inquiry channel rules beside the sync's store pass, on the same
10,000 messages in one run; not a test.

    .venv/bin/python -m tests.benchmarks.bench_rules [--messages N]

Target (issue 18): rules add < 5 % to the sync time of 10,000 messages. Generates the seeded
trade mailbox (`tests.benchmarks.mailgen`, small attachments) plus 1 % B2B platform
notifications (the samples of tests/data/channels with fresh Message-IDs), then times, in a
temporary folder:
1. the peer: the sync's store pass (`Store.insert_messages` in batches of 500, then
   `index_pending` until done), which every synced message goes through; the IMAP transfer
   is left out, so the figure is stricter than a whole sync;
2. `client.channels.apply.apply_new` over the same rows with the shipped platform rules plus
   a sender, a header and a lead-list rule (1,000 addresses);
3. the same with a referral-phrase rule too (looked up in the search index, one query per
   batch of 1,000 rows).
Prints each figure with the 1-minute load average beside it (the machine is shared) and the
rules' share of the peer.
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
import time
from pathlib import Path

from client.channels.apply import UPTO_KEY, apply_new
from client.channels.leads import Lead, add_leads
from client.channels.rules import add_rule
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from tests.benchmarks.mailgen import MailboxSpec, generate_mailbox

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "channels"
TARGET = 0.05


def _load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def _mailbox(count: int) -> list[tuple[str, IncomingMessage]]:
    samples = [p.read_bytes() for p in sorted(SAMPLES.glob("*.eml"))]
    out: list[tuple[str, IncomingMessage]] = []
    for n, message in enumerate(generate_mailbox(MailboxSpec(messages=count,
                                                             attachment_scale=0.01))):
        out.append((message.folder, IncomingMessage(uid=0, raw=message.raw,
                                                    internaldate=message.internaldate)))
        if n % 100 == 50:  # 1 % platform notifications
            raw = re.sub(rb"Message-ID: <[^>]+>", f"Message-ID: <bench-{n}@notify>".encode(),
                         samples[n % len(samples)])
            out.append(("INBOX", IncomingMessage(uid=0, raw=raw,
                                                 internaldate=message.internaldate)))
    return out


def _store_pass(store: Store, mailbox: list[tuple[str, IncomingMessage]]) -> float:
    account = store.add_account("bench@harbor-lighting.example")
    folders: dict[str, int] = {}
    batches: dict[str, list[IncomingMessage]] = {}
    for folder, message in mailbox:
        if folder not in folders:
            role = {"INBOX": "inbox", "Sent": "sent"}.get(folder)
            folders[folder] = store.upsert_folder(account.id, FolderRecord(folder, "/", role)).id
        batch = batches.setdefault(folder, [])
        batch.append(IncomingMessage(uid=len(batch) + 1, raw=message.raw,
                                     internaldate=message.internaldate))
    start = time.perf_counter()
    for folder, items in batches.items():
        for at in range(0, len(items), 500):
            chunk = items[at:at + 500]
            store.insert_messages(folders[folder], chunk, chunk[-1].uid)
    while store.index_pending():
        pass
    return time.perf_counter() - start


def _rules_pass(store: Store) -> tuple[float, int]:
    store.set_setting(UPTO_KEY, 0)
    store.conn.execute("DELETE FROM message_tags")
    store.conn.execute("DELETE FROM inquiries")
    start = time.perf_counter()
    report = apply_new(store)
    return time.perf_counter() - start, report.tagged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args(argv)
    mailbox = _mailbox(args.messages)
    rows = len(mailbox)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "tw.db")
        print(f"{rows} messages ({rows - args.messages} platform notifications); {_load()}")
        peer = _store_pass(store, mailbox)
        print(f"sync store pass (peer): {peer:.2f} s, {peer / rows * 1000:.3f} ms/message; "
              f"{_load()}")
        add_rule(store, "sender", "webform@harbor-lighting.example", "webform")
        add_rule(store, "header", "X-Form-Name", "webform")
        add_leads(store, "fair-canton-2026",
                  [Lead(f"visitor{n}@expo-buyers.example") for n in range(1000)])
        rules, tagged = _rules_pass(store)
        print(f"rules (platforms, sender, header, lead list): {rules:.2f} s, "
              f"{rules / rows * 1000:.3f} ms/message, {tagged} tagged; "
              f"{rules / peer * 100:.1f} % of the peer (target < {TARGET * 100:.0f} %); "
              f"{_load()}")
        add_rule(store, "referral-phrase", "recommended by", "referral")
        worst, tagged = _rules_pass(store)
        print(f"rules + a referral phrase: {worst:.2f} s, "
              f"{worst / rows * 1000:.3f} ms/message, {tagged} tagged; "
              f"{worst / peer * 100:.1f} % of the peer; {_load()}")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
