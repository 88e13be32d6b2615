"""The list's missing fraud risks are computed only once the list is still (issue 17: that
Python work held the GIL and stalled a scroll), a few at a time, the latest loaded first."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject

from ui.models.risk_marks import COMPUTE_CHUNK, RiskMarks


class FakeCompute:
    """Records each computation (on the pool thread) and calls every message 'high'."""

    def __init__(self) -> None:
        self.calls: list[list[int]] = []
        self.lock = threading.Lock()
        self.gate = threading.Event()  # a computation returns once this is set
        self.gate.set()

    def __call__(self, ids: list[int]) -> dict[int, str]:
        with self.lock:
            self.calls.append(list(ids))
        self.gate.wait(10)
        return dict.fromkeys(ids, "high")


def _marks(owner: QObject) -> tuple[RiskMarks, FakeCompute, list[int]]:
    marks = RiskMarks(owner)
    compute = FakeCompute()
    changed: list[int] = []
    marks.source = lambda ids: {i: "none" for i in ids if i % 2 == 0}  # even ids are cached
    marks.compute = compute
    marks.changed = changed.extend
    return marks, compute, changed


def test_nothing_is_computed_while_pages_keep_loading(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    marks, compute, changed = _marks(owner)
    marks.load(list(range(0, 40)))
    marks.load(list(range(40, 80)))
    assert compute.calls == [] and marks.pending() == 40  # waits for the list to be still
    qtbot.waitUntil(lambda: marks.pending() == 0 and len(changed) == 40, timeout=10_000)
    assert all(len(call) <= COMPUTE_CHUNK for call in compute.calls)
    assert compute.calls[0] == list(range(41, 80, 2))[-COMPUTE_CHUNK:]  # the latest page first
    assert sorted(sum(compute.calls, [])) == list(range(1, 80, 2))  # each odd id once
    assert marks.level(79) == "high" and marks.level(2) == "none"
    marks.load(list(range(0, 80)))  # loaded again: each was tried once
    assert marks.pending() == 0


def test_a_page_loaded_between_chunks_pauses_the_computation(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    marks, compute, changed = _marks(owner)
    compute.gate.clear()
    marks.load(list(range(0, 4 * COMPUTE_CHUNK)))
    qtbot.waitUntil(lambda: len(compute.calls) == 1, timeout=10_000)  # the first chunk runs
    marks._quiet.setInterval(60_000)  # "still" only when the test says so
    marks.load([1001])  # the rep scrolls on: the rest waits for the list to be still again
    compute.gate.set()
    qtbot.waitUntil(lambda: len(changed) >= COMPUTE_CHUNK, timeout=10_000)
    qtbot.wait(20)
    assert len(compute.calls) == 1 and marks._quiet.isActive()  # paused, not chained on
    marks._quiet.start(0)  # the list is still now
    qtbot.waitUntil(lambda: marks.pending() == 0, timeout=10_000)
    qtbot.waitUntil(lambda: 1001 in changed, timeout=10_000)
    assert compute.calls[1][-1] == 1001  # the newest page's message went first after the pause
