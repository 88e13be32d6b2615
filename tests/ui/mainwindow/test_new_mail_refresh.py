"""A folder change after a quiet spell refreshes the list at once; a burst is coalesced
(issue 17: new mail from IDLE on screen within a second; Dovecot alone waits 500 ms)."""

from __future__ import annotations

from client.events import FolderChanged
from ui.mainwindow.core_events import CoreEvents
from ui.mainwindow.window import MainWindow


def test_first_change_refreshes_at_once_and_a_burst_once_more(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch) -> None:
    folder = window.current_folder
    assert folder is not None
    loads: list[int] = []
    monkeypatch.setattr(window, "load_folder", lambda: loads.append(1))
    events = window.findChild(CoreEvents)
    assert events is not None
    events.folder_changed(FolderChanged(1, folder, updated=(1,)))
    assert loads == [1]  # at once, not after the coalescing delay
    for n in range(5):  # a burst while that refresh is recent: one more refresh at its end
        events.folder_changed(FolderChanged(1, folder, updated=(n + 2,)))
    assert loads == [1]
    qtbot.waitUntil(lambda: len(loads) == 2)
