"""Readable text and link colours in light and dark themes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from ui.everyday.colours import MIN_CONTRAST, contrast, fix_palette, readable
from ui.mainwindow.window import MainWindow
from ui.settings.dialog import _dark_palette


def test_contrast_and_readable_colours() -> None:
    assert round(contrast(QColor("black"), QColor("white")), 1) == 21.0
    assert contrast(QColor("#777777"), QColor("#777777")) == 1.0
    dark_blue_on_dark = readable(QColor("#0000ee"), QColor("#1e1e1e"))
    assert contrast(dark_blue_on_dark, QColor("#1e1e1e")) >= MIN_CONTRAST
    assert dark_blue_on_dark.blue() > dark_blue_on_dark.red()  # still a blue link
    pale_on_white = readable(QColor("#9fc4ff"), QColor("white"))
    assert contrast(pale_on_white, QColor("white")) >= MIN_CONTRAST


def test_light_and_dark_palettes_read(window: MainWindow) -> None:
    dark = _dark_palette()
    dark.setColor(QPalette.ColorRole.Link, QColor("#0000ee"))  # a style's light-theme link
    for palette in (window.style().standardPalette(), dark):
        fixed = fix_palette(palette)
        base = fixed.color(QPalette.ColorRole.Base)
        for role in (QPalette.ColorRole.Text, QPalette.ColorRole.Link):
            assert contrast(fixed.color(role), base) >= MIN_CONTRAST, (role, base.name())


def test_the_reader_follows_a_dark_palette(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dark = _dark_palette()
    dark.setColor(QPalette.ColorRole.Link, QColor("#0000ee"))
    window.setPalette(dark)
    body = window.reader.body
    base = body.palette().color(QPalette.ColorRole.Base)
    qtbot.waitUntil(lambda: contrast(body.palette().color(QPalette.ColorRole.Link),
                                     body.palette().color(QPalette.ColorRole.Base))
                    >= MIN_CONTRAST)
    assert base.name() == "#1e1e1e"
    assert "palette(window-text)" in window.reader.link_hint.styleSheet()
