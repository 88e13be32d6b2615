"""Benchmark: the fraud risk computed lazily on first display, and the evaluation set's
precision and recall; not a test.

    .venv/bin/python -m tests.benchmarks.bench_risk

Target (issue 19): under 20 ms per message, in a cache of 10,000 messages. The evaluation set
of tests/client/security/fraud_cases.py is built in a temporary profile, then 10,000 more
messages (corpus texts from 2,000 senders at 400 companies, in threads, a tenth of them by
the rep in Sent) are added. Prints the first computation (it reads the rep's history once),
the median and 95th percentile of ``SAMPLE`` uncached computations beside the target, and the
precision and recall of the warning threshold on the evaluation set.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

EXTRA = 10_000
SAMPLE = 500
TARGET_MS = 20.0


def _fill(store: object, texts: list[str]) -> None:
    from client.store.db import Store
    from client.store.records import FolderRecord, IncomingMessage
    from tests.client.security.fraud_cases import REP

    assert isinstance(store, Store)
    account = store.get_account(REP)
    assert account is not None
    inbox = store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
    sent = store.upsert_folder(account.id, FolderRecord("Sent", "/", "sent"))
    when = datetime(2025, 1, 1, tzinfo=UTC)
    batches: dict[int, list[IncomingMessage]] = {inbox.id: [], sent.id: []}
    for n in range(EXTRA):
        when += timedelta(minutes=30)
        company = f"company{n % 400}.example"
        person = f"person{n % 2000}@{company}"
        mine = n % 10 == 0
        msg = EmailMessage()
        msg["From"] = REP if mine else person
        msg["To"] = person if mine else REP
        msg["Subject"] = f"Re: order {n % 700}"
        msg["Date"] = format_datetime(when)
        msg["Message-ID"] = f"<bench{n}@{company}>"
        if n >= 10:
            msg["In-Reply-To"] = f"<bench{n - 10}@{company}>"
        msg.set_content(texts[n % len(texts)])
        folder = sent.id if mine else inbox.id
        batches[folder].append(IncomingMessage(uid=100_000 + n, raw=bytes(msg), internaldate=when))
    for folder, items in batches.items():
        for start in range(0, len(items), 500):
            chunk = items[start:start + 500]
            store.insert_messages(folder, chunk, chunk[-1].uid)


def main() -> None:
    from client.security.assess import risk_of_row
    from client.security.risk import WARNING
    from client.store.db import Store
    from tests.client.security.fraud_cases import build_cases, corpus_texts

    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "t.db") as store:
        cases = build_cases(store)
        _fill(store, corpus_texts(60))
        ids = [r[0] for r in store.conn.execute(
            "SELECT id FROM messages ORDER BY id DESC LIMIT ?", (SAMPLE,))]
        start = time.perf_counter()
        first = store.get_message(ids[0])
        assert first is not None
        risk_of_row(store, first, use_cache=False)
        first_ms = (time.perf_counter() - start) * 1000
        times = []
        for message_id in ids:
            row = store.get_message(message_id)
            assert row is not None
            start = time.perf_counter()
            risk_of_row(store, row, use_cache=False)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        total = store.conn.execute("SELECT count(*) FROM messages").fetchone()[0]
        print(f"cache: {total} messages")
        print(f"first risk (reads the history): {first_ms:.1f} ms")
        print(f"uncached risk: median {statistics.median(times):.2f} ms, p95 "
              f"{times[int(len(times) * 0.95)]:.2f} ms (target < {TARGET_MS:.0f} ms)")
        flagged = {c.row_id for c in cases if risk_row_score(store, c.row_id) >= WARNING}
        frauds = {c.row_id for c in cases if c.kind == "fraud"}
        hits = len(flagged & frauds)
        print(f"evaluation set: {len(frauds)} fraud, {len(cases) - len(frauds)} clean; "
              f"precision {hits / max(1, len(flagged)):.3f}, recall {hits / len(frauds):.3f}")


def risk_row_score(store: object, message_id: int) -> int:
    from client.security.assess import risk_of_row
    from client.store.db import Store

    assert isinstance(store, Store)
    row = store.get_message(message_id)
    assert row is not None
    risk = risk_of_row(store, row)
    return risk.score if risk else 0


if __name__ == "__main__":
    main()
