"""A large demo mailbox (e.g. 100,000 messages) for speed checks of the app and the store.

``build_large_profile(profile_dir, count)`` builds the normal demo profile, then appends batches
of generated trade mail (inquiries, replies, notices over about four years) to INBOX, Sent and
Archive until the account holds at least ``count`` messages. Deterministic for the same
arguments; never touches the network. Opens its own Store (call from one thread). Not
idempotent: run it on an empty profile folder.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from client.demo.builder import IMAP_FLAGS, DemoProfileError, build_demo_profile
from client.demo.expand import DemoMessage, expand_generated
from client.demo.spec import load_spec
from client.profile.paths import DATABASE_NAME
from client.store.db import Store
from client.store.records import IncomingMessage

BATCH_INQUIRIES = 800
MAX_DAY = 1500


def build_large_profile(
    profile_dir: Path,
    count: int,
    *,
    anchor: date | None = None,
    index: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Fill ``profile_dir`` with at least ``count`` messages; returns the number stored.

    ``index=False`` skips full-text indexing of the bulk mail (faster; search then finds only
    the indexed part). ``progress(done, count)`` is called after each batch."""
    day = anchor or datetime.now(UTC).date()
    summary = build_demo_profile(profile_dir, anchor=day)
    spec = load_spec()
    total = sum(summary.counts.values())
    with Store.open(profile_dir / DATABASE_NAME) as store:
        folders = {f.name: f for f in store.folders(summary.account_id)}
        next_uid = {name: (f.uidnext or 1) for name, f in folders.items()}
        batch_no = 0
        while total < count:
            messages = expand_generated(
                spec, day, prefix=f"b{batch_no:04d}-", inquiries=BATCH_INQUIRIES, max_day=MAX_DAY
            )
            by_folder: dict[str, list[DemoMessage]] = defaultdict(list)
            for message in messages[: count - total]:
                by_folder[message.folder].append(message)
            for name, items in by_folder.items():
                if name not in folders:
                    raise DemoProfileError(f"generated mail filed in unknown folder '{name}'")
                first = next_uid[name]
                batch = [
                    IncomingMessage(
                        uid=first + i,
                        raw=m.raw,
                        flags=tuple(sorted(IMAP_FLAGS[f] for f in m.flags)),
                        internaldate=m.internaldate,
                    )
                    for i, m in enumerate(items)
                ]
                store.insert_messages(folders[name].id, batch, watermark_uid=first + len(items) - 1)
                next_uid[name] = first + len(items)
                total += len(items)
            for name, uid in next_uid.items():
                store.save_folder_state(folders[name].id, uidnext=uid, exists_count=uid - 1)
            batch_no += 1
            if progress is not None:
                progress(total, count)
        while index and store.index_pending(2000):
            pass
    return total
