"""The Move to… / Copy to… picker: filter as you type, recent folders first, keys."""

from __future__ import annotations

from PySide6.QtCore import Qt

from client.store.records import Folder
from ui.triage.folder_picker import FolderPicker


def _folder(folder_id: int, name: str, role: str | None = None) -> Folder:
    return Folder(folder_id, 1, name, "/", role, (), True, 1, 1, 1, 0, 0, None, None)


FOLDERS = [_folder(1, "INBOX", "inbox"), _folder(2, "Customers/Hamburg"),
           _folder(3, "Customers/Dubai"), _folder(4, "Trash", "trash"),
           _folder(5, "Evil\u202e\x07name")]


def test_recent_first_then_all_and_the_filter(qtbot) -> None:  # type: ignore[no-untyped-def]
    picker = FolderPicker(FOLDERS, [3, 99], "Move to folder")
    qtbot.addWidget(picker)
    assert picker.shown_folders() == [3, 1, 2, 4, 5]  # an unknown recent id is skipped
    texts = [picker.list.item(i).text() for i in range(picker.list.count())]
    assert texts[:2] == ["Recent folders", "Customers / Dubai"]
    assert "All folders" in texts and "\x07" not in "".join(texts)  # server text cleaned
    picker.filter_field.setText("customers")
    assert picker.shown_folders() == [3, 2]
    picker.filter_field.setText("  ham ")
    assert picker.shown_folders() == [2]
    picker.filter_field.setText("trash")
    assert picker.shown_folders() == [4]
    picker.filter_field.setText("nothing like it")
    assert picker.shown_folders() == [] and picker.empty_label.isVisibleTo(picker)


def test_up_down_and_enter_pick_from_the_filter_field(qtbot) -> None:  # type: ignore[no-untyped-def]
    picker = FolderPicker(FOLDERS, [], "Copy to folder")
    qtbot.addWidget(picker)
    picker.show()
    picker.filter_field.setText("customers")
    qtbot.keyClick(picker.filter_field, Qt.Key.Key_Down)
    with qtbot.waitSignal(picker.accepted):
        qtbot.keyClick(picker.filter_field, Qt.Key.Key_Return)
    assert picker.chosen() == 3


def test_enter_with_no_match_picks_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    picker = FolderPicker(FOLDERS, [], "Move to folder")
    qtbot.addWidget(picker)
    picker.show()
    picker.filter_field.setText("xyz")
    qtbot.keyClick(picker.filter_field, Qt.Key.Key_Return)
    assert picker.chosen() is None and picker.isVisible()
