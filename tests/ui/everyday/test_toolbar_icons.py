"""The toolbar's bundled icon set: every toolbar command has an icon drawn in the theme's text
colour (light and dark), icons only or text under them (remembered), licence in About."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QToolBar

from client import settings
from client.licences import bundled_licences
from client.store.db import Store
from ui.everyday.toolbar_icons import ACTION_ICONS, TOOLBAR_ICONS, tinted_icon
from ui.mainwindow.window import MainWindow
from ui.qt.dates import babel_locale
from ui.qt.tasks import wait_for_background_tasks


def _colours(icon, size: int = 24) -> set[int]:  # type: ignore[no-untyped-def]
    image = icon.pixmap(size, size).toImage()
    return {image.pixelColor(x, y).rgb() for x in range(size) for y in range(size)
            if image.pixelColor(x, y).alpha() == 255}


def test_every_toolbar_command_has_a_bundled_icon(window: MainWindow) -> None:
    toolbar = window.findChild(QToolBar, "main-toolbar")
    commands = [a for a in toolbar.actions() if not a.isSeparator() and a.text()]
    assert len(commands) >= 10
    assert [a.text() for a in commands if a.icon().isNull()] == []
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    assert all(a.toolTip() for a in commands)
    for name in ACTION_ICONS.values():
        svg = (TOOLBAR_ICONS / f"{name}.svg").read_text()
        assert "lucide" in svg or "Tradewind's own" in svg  # a licence named in every file
    assert (TOOLBAR_ICONS / "LICENSE-lucide.txt").read_text().startswith("ISC License")
    assert any(item.name.startswith("Lucide") and "ISC" in item.licence
               for item in bundled_licences())


def test_icons_follow_the_text_colour_of_light_and_dark_themes(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert _colours(tinted_icon("reply", "#101010")) == {QColor("#101010").rgb()}
    palette = QPalette(window.palette())
    palette.setColor(QPalette.ColorRole.ButtonText, QColor("#f0f0f0"))
    window.setPalette(palette)
    qtbot.waitUntil(lambda: _colours(window.reply_action.icon()) == {QColor("#f0f0f0").rgb()})


def test_text_under_icons_is_an_option_that_is_remembered(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(demo_db, babel_locale("en_US"), demo=True)
    qtbot.addWidget(win)
    win.everyday.text_under_action.trigger()
    toolbar = win.findChild(QToolBar, "main-toolbar")
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon
    win.quit()
    wait_for_background_tasks()
    with Store.open(demo_db) as store:
        assert settings.read(store, "ui.toolbar_style") == "text_under"
    again = MainWindow(demo_db, babel_locale("en_US"), demo=True)
    qtbot.addWidget(again)
    assert again.findChild(QToolBar, "main-toolbar").toolButtonStyle() == \
        Qt.ToolButtonStyle.ToolButtonTextUnderIcon
    assert again.everyday.text_under_action.isChecked()
    again.quit()
    wait_for_background_tasks()
