"""PySide6 must not leak references to None (6.12.0 did, about one per call of a void method:
Python 3.11 then aborts with "deallocating None" in a long session; with its separate
pyside6-webengine 6.12.0.140 package, loadFinished(bool) also leaked references to True).
Guards the version range in pyproject.toml; verified to fail on 6.12.0."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QProgressBar


def test_void_calls_keep_none_alive(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = QProgressBar()
    qtbot.addWidget(bar)
    before = sys.getrefcount(None)
    for value in range(2000):
        bar.setValue(value % 100)
    assert sys.getrefcount(None) >= before - 50  # 6.12.0: about 2,000 fewer
