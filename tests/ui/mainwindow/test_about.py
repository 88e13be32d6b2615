"""Help → About shows the version and the licences of the bundled libraries."""

from __future__ import annotations

from client.licences import bundled_licences
from client.version import __version__
from ui.mainwindow.about import AboutDialog, HelpMenu


def test_about_lists_version_and_licences(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert window.help_menu.about_action.text() == "About Tradewind"  # the window's own
    dialog = AboutDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.version_label.text() == f"Tradewind {__version__}"
    text = dialog.licences.toPlainText()
    names = {item.name.lower(): item.licence for item in bundled_licences()}
    assert "pyside6" in names and "LGPL" in names["pyside6"]
    assert "PySide6" in text and "keyring" in text and "holidays" in text


def test_windows_offers_the_default_apps_page(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from ui.mainwindow import default_apps

    assert HelpMenu(window, platform="win32").default_apps_action is not None
    opened: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Open)
    assert default_apps.offer_default_apps(window, lambda url: opened.append(url.toString()))
    assert opened == ["ms-settings:defaultapps?registeredAppUser=Tradewind"]
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Cancel)
    assert not default_apps.offer_default_apps(window, lambda url: opened.append("again"))
    assert opened == ["ms-settings:defaultapps?registeredAppUser=Tradewind"]


def test_no_default_apps_entry_elsewhere(window) -> None:  # type: ignore[no-untyped-def]
    assert HelpMenu(window, platform="darwin").default_apps_action is None
