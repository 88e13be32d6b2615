"""Tests of fetch batch planning and the gap-free watermark."""

from __future__ import annotations

from client.sync.batches import FetchBatch, Watermark, plan_batches

MB = 1024 * 1024


def test_batches_respect_byte_and_count_budgets() -> None:
    sizes = [(uid, MB) for uid in range(1, 11)]
    batches = plan_batches(sizes, attachment_cap=25 * MB, max_bytes=3 * MB, max_count=100)
    assert [b.uids for b in batches] == [(1, 2, 3), (4, 5, 6), (7, 8, 9), (10,)]
    counted = plan_batches(sizes, attachment_cap=25 * MB, max_bytes=100 * MB, max_count=4)
    assert [len(b.uids) for b in counted] == [4, 4, 2]


def test_big_messages_get_their_own_partial_batch_in_uid_order() -> None:
    sizes = [(5, 10), (1, 10), (3, 30 * MB), (7, 10)]
    batches = plan_batches(sizes, attachment_cap=25 * MB)
    assert [(b.uids, b.partial) for b in batches] == [
        ((1,), False),
        ((3,), True),
        ((5, 7), False),
    ]
    assert [b.index for b in batches] == [0, 1, 2]


def test_every_uid_exactly_once() -> None:
    sizes = [(uid, (uid * 7919) % (3 * MB)) for uid in range(1, 500)]
    batches = plan_batches(sizes, attachment_cap=2 * MB, max_bytes=5 * MB, max_count=50)
    flat = [uid for b in batches for uid in b.uids]
    assert flat == list(range(1, 500))


def test_watermark_advances_only_over_a_gap_free_prefix() -> None:
    batches = [FetchBatch(0, (1, 2), 0), FetchBatch(1, (5,), 0), FetchBatch(2, (9, 10), 0)]
    mark = Watermark(batches, start=0)
    assert mark.peek_after(1) == 0
    assert mark.mark_done(1) == 0
    assert mark.mark_done(2) == 0
    assert mark.peek_after(0) == 10
    assert mark.mark_done(0) == 10


def test_watermark_never_goes_below_start() -> None:
    mark = Watermark([FetchBatch(0, (3,), 0)], start=7)
    assert mark.mark_done(0) == 7
