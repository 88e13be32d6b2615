"""Split the new messages of a folder into fetch batches (pure, any thread).

A batch is a run of consecutive server UIDs (in the order the server listed them) bounded by a
byte and a count budget, so one ``UID FETCH`` returns thousands of small messages but never
hundreds of megabytes. Messages above the attachment cap go alone into a ``partial`` batch:
they are fetched as header + text parts, attachments left for later.

``hi`` is the watermark a batch proves: once every batch up to and including it is stored, no
server UID <= ``hi`` in the fetched range is missing from the cache.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_BATCH_BYTES = 24 * 1024 * 1024
DEFAULT_BATCH_COUNT = 2000


@dataclass(frozen=True)
class FetchBatch:
    """UIDs to fetch in one command, in ascending order; ``partial`` = header + text only;
    ``headers_only`` = list the messages now (rows with ``body_state='none'``), bodies later;
    ``fill`` = bodies of rows already listed (their headers are not parsed again)."""

    index: int
    uids: tuple[int, ...]
    size: int
    partial: bool = False
    headers_only: bool = False
    fill: bool = False

    @property
    def hi(self) -> int:
        return self.uids[-1]


def plan_batches(
    sizes: Iterable[tuple[int, int]],
    *,
    attachment_cap: int,
    max_bytes: int = DEFAULT_BATCH_BYTES,
    max_count: int = DEFAULT_BATCH_COUNT,
) -> list[FetchBatch]:
    """``sizes`` are ``(uid, rfc822_size)`` pairs; returns batches covering every uid once."""
    ordered = sorted(set(sizes))
    batches: list[FetchBatch] = []
    run: list[int] = []
    run_bytes = 0

    def close_run() -> None:
        nonlocal run, run_bytes
        if run:
            batches.append(FetchBatch(len(batches), tuple(run), run_bytes))
            run, run_bytes = [], 0

    for uid, size in ordered:
        if size > attachment_cap:
            close_run()
            batches.append(FetchBatch(len(batches), (uid,), size, partial=True))
            continue
        if run and (run_bytes + size > max_bytes or len(run) >= max_count):
            close_run()
        run.append(uid)
        run_bytes += size
    close_run()
    return batches


class Watermark:
    """Tracks which batches are stored; ``value`` is the highest ``hi`` of a contiguous prefix.

    Batches may be stored out of order (several connections); the watermark only advances over
    a gap-free prefix, so a crash resumes by refetching (upserting) anything above it.
    """

    def __init__(self, batches: list[FetchBatch], start: int) -> None:
        self._his = [b.hi for b in batches]
        self._done = [False] * len(batches)
        self._next = 0
        self.value = start

    def mark_done(self, index: int) -> int:
        """Record batch ``index`` as stored; returns the (possibly unchanged) watermark."""
        self._done[index] = True
        while self._next < len(self._done) and self._done[self._next]:
            self.value = max(self.value, self._his[self._next])
            self._next += 1
        return self.value

    def peek_after(self, index: int) -> int:
        """The watermark as it would be once batch ``index`` is stored (nothing is recorded)."""
        value = self.value
        i = self._next
        while i < len(self._done) and (self._done[i] or i == index):
            value = max(value, self._his[i])
            i += 1
        return value
