"""The background helper delivers results and errors on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject

from tests.ui.settle import deliver_background_results
from ui.qt.tasks import run_in_background


def test_result_arrives_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    got: list[int] = []

    def done(value: int) -> None:
        seen["callback"] = threading.get_ident()
        got.append(value)

    run_in_background(work, done)
    qtbot.waitUntil(lambda: got == [42])
    assert seen["worker"] != gui
    assert seen["callback"] == gui


def test_error_arrives_as_exception(qtbot) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []

    def boom() -> None:
        raise ValueError("disk says no")

    run_in_background(boom, lambda _v: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError) and "disk says no" in str(errors[0])


def test_callbacks_of_a_destroyed_owner_are_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    release = threading.Event()
    got: list[int] = []
    run_in_background(lambda: release.wait(5) and 1, got.append, owner=owner)
    finished: list[int] = []
    with qtbot.waitSignal(owner.destroyed, timeout=5000):
        owner.deleteLater()
    release.set()
    run_in_background(lambda: 2, finished.append)
    deliver_background_results()  # both results delivered: the first one's dropped
    assert finished == [2]
    assert got == []
