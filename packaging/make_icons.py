"""Render the app icon (resources/icons/tradewind.svg) for the installers, with Qt alone.

    python packaging/make_icons.py OUT_DIR

writes OUT_DIR/tradewind.ico (16-256 px, Windows), OUT_DIR/Tradewind.icns (16-1024 px,
macOS, high resolution) and OUT_DIR/tradewind-1024.png. Exit 1 with the reason in words when
Qt's image plugins cannot write a format. Runs anywhere PySide6 does (offscreen).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "tradewind.svg"


def render(size: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    return image


def main(out: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImageWriter

    _app = QGuiApplication.instance() or QGuiApplication([])
    out.mkdir(parents=True, exist_ok=True)
    render(1024).save(str(out / "tradewind-1024.png"))
    for name, fmt, size in (("tradewind.ico", b"ico", 256), ("Tradewind.icns", b"icns", 1024)):
        writer = QImageWriter(str(out / name), fmt)
        if not writer.canWrite():
            print(f"make_icons: Qt cannot write {fmt.decode()} here: {writer.errorString()}",
                  file=sys.stderr)
            return 1
        if not writer.write(render(size)):
            print(f"make_icons: writing {name} failed: {writer.errorString()}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "icons"))
