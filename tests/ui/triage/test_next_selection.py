"""The message selected after some left the list: the one below, else the one above."""

from __future__ import annotations

from ui.triage.next_selection import next_after


def test_the_one_below_the_first_removed_takes_its_place() -> None:
    assert next_after([1, 2, 3, 4, 5], {2, 3}) == 4
    assert next_after([1, 2, 3, 4, 5], {2, 4}) == 3  # a gap in the selection


def test_at_the_end_of_the_list_the_one_above() -> None:
    assert next_after([1, 2, 3, 4, 5], {4, 5}) == 3
    assert next_after([1, 2, 3], {1, 3}) == 2


def test_nothing_left_or_nothing_removed() -> None:
    assert next_after([1, 2], {1, 2}) is None
    assert next_after([1, 2], {9}) is None
    assert next_after([], {1}) is None
