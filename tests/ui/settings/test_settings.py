"""Settings: language (saved per profile, window rebuilt in the new language), tray on close."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from client.store.db import Store
from ui.app.main import WindowKeeper, ui_locale_name
from ui.mainwindow.window import MainWindow
from ui.qt.i18n import install_translators, ui_language
from ui.settings.preferences import Preferences, load_preferences


def test_choosing_a_language_is_saved_and_announced(qtbot, window: MainWindow, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.languageChanged) as signal:
        window.apply_preferences(Preferences("zh_CN", False))
    assert signal.args == ["zh_CN"]

    def saved() -> str:
        with Store.open(demo_db) as store:
            return load_preferences(store).language

    qtbot.waitUntil(lambda: saved() == "zh_CN")


def test_locale_choice(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TRADEWIND_LANG", "de_DE")
    assert ui_locale_name("zh_CN") == "de_DE"  # the environment wins (tests, screenshots)
    monkeypatch.delenv("TRADEWIND_LANG")
    system = QLocale.system().name()
    assert ui_locale_name("system") == system
    expected = system if ui_language(system) == "zh_CN" else "zh_CN"
    assert ui_locale_name("zh_CN") == expected


def test_window_is_rebuilt_in_the_new_language(qtbot, qapp: QApplication, demo_profile: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("TRADEWIND_LANG")
    if ui_language(QLocale.system().name()) != "en":
        pytest.skip("the test machine's locale is not English")
    keeper = WindowKeeper(qapp, demo_profile, demo=True)
    try:
        first = keeper.window
        first.show()
        assert first.menuBar().actions()[0].text() == "&File"
        first.apply_preferences(Preferences("zh_CN"))
        assert keeper.window is not first
        assert keeper.window.menuBar().actions()[0].text() == "文件(&F)"
        assert first.closed
        qtbot.waitUntil(lambda: keeper.window.list_source is not None)
        keeper.window.apply_preferences(Preferences("system"))
        assert keeper.window.menuBar().actions()[0].text() == "&File"
    finally:
        keeper.window.quit()
        install_translators(qapp, "en")


def test_minimise_to_tray_hides_instead_of_closing(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    window.apply_preferences(Preferences("system", True))
    window.close()
    assert not window.isVisible() and not window.closed
    window.quit()
    assert window.closed
