"""Which message to select after some left the list (pure, any thread).

After a move or delete the rep reads on: the message that now takes the place of the first
removed one (the one below), or, when the removed ones ran to the end of the list, the last
one left above them. Mail clients call this "select the next message"."""

from __future__ import annotations

from collections.abc import Collection, Sequence


def next_after(ids: Sequence[int], removed: Collection[int]) -> int | None:
    """The id to select in ``ids`` once ``removed`` are gone (None: nothing is left)."""
    gone = set(removed)
    positions = [i for i, mid in enumerate(ids) if mid in gone]
    if not positions:
        return None
    first = positions[0]
    for mid in ids[first:]:
        if mid not in gone:
            return mid
    for mid in reversed(ids[:first]):
        if mid not in gone:
            return mid
    return None
