"""The undo notice: plain text over the bottom of its widget, Undo emits, close hides."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.triage.undo_bar import UndoBar


def test_notice_shows_plain_text_and_undo_emits(qtbot) -> None:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(600, 400)
    host.show()
    bar = UndoBar(host)
    assert not bar.isVisible()
    bar.show_notice("Moved 1 message(s) to “<b>X</b>\x1b”.")
    assert bar.isVisible() and bar.label.text() == "Moved 1 message(s) to “<b>X</b>\ufffd”."
    assert bar.geometry().bottom() < host.height() and bar.y() > host.height() // 2
    with qtbot.waitSignal(bar.undoRequested):
        bar.undo_button.click()
    assert not bar.isVisible()
    bar.show_notice("Nothing", undoable=False)
    assert not bar.undo_button.isVisibleTo(bar)
    bar.close_button.click()
    assert not bar.isVisible()
    host.resize(300, 200)
    bar.show_notice("again")
    assert bar.width() <= host.width()
