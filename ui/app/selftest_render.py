"""The desktop half of `Tradewind --selftest` (`client.selftest` loads it by name).

`run_checks()` imports every `ui` module, then shows a demo HTML message in a `ReaderPane`
offscreen and reads the text back from QtWebEngine's page: this proves that the helper process
(`QtWebEngineProcess`) starts from where the bundle put it and that its resources were found.
Returns `[(name, ok, detail)]`; never raises. Main thread only; creates the QApplication with
the offscreen platform when none exists.
"""

from __future__ import annotations

import os

RENDER_TIMEOUT_MS = 90_000  # a failure bound, not a speed check: a slow CI machine still passes
MARKER = "Tradewind self-test: the reader renders HTML"
DEMO_MESSAGE = (
    "From: Demo Sender <demo@example.com>\r\n"
    "To: rep@example.com\r\n"
    "Subject: Self-test\r\n"
    "Message-ID: <selftest@example.com>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    f"<html><body><h1>{MARKER}</h1><p>你好 — مرحبا</p></body></html>\r\n"
).encode()


def run_checks() -> list[tuple[str, bool, str]]:
    """Every desktop check; see the module docstring."""
    from client.selftest import import_all

    imported = import_all("ui")
    results = [(imported.name, imported.ok, imported.detail)]
    try:
        results.append(("reader", *render_demo_message()))
    except Exception as exc:  # noqa: BLE001 - reported in words
        results.append(("reader", False, f"{type(exc).__name__}: {exc}"))
    return results


def render_demo_message() -> tuple[bool, str]:
    """Render DEMO_MESSAGE in a reader offscreen; (ok, what happened)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app.main import prepare_web_engine

    if QApplication.instance() is None:
        if not prepare_web_engine():
            return False, "QtWebEngine is not installed: HTML mail would show as plain text"
    app = QApplication.instance() or QApplication(["tradewind-selftest"])
    from babel import Locale

    from ui.reader.content import build_content, row_from_headers
    from ui.reader.pane import ReaderPane

    content = build_content(row_from_headers(DEMO_MESSAGE), DEMO_MESSAGE, False, "selftest")
    if content.html is None:
        return False, "the demo message has no HTML part after sanitising"
    pane = ReaderPane(Locale.parse("en"))
    pane.resize(800, 600)
    pane.show()
    loop = QEventLoop()
    outcome: dict[str, object] = {}
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)

    def read_text(ok: bool) -> None:
        outcome["loaded"] = ok
        pane.html_view.page().toPlainText(got_text)

    def got_text(text: str) -> None:
        outcome["text"] = text
        loop.quit()

    pane.show_content(content)
    view = pane.html_view
    if view is None:
        return False, "the reader did not create its HTML view"
    view.loadFinished.connect(read_text)
    timer.start(RENDER_TIMEOUT_MS)
    loop.exec()
    timer.stop()
    text = str(outcome.get("text", ""))
    pane.close()
    pane.deleteLater()
    app.processEvents()
    from ui.reader.html_view import release_locked_profile

    release_locked_profile()
    if MARKER in text:
        return True, "a demo HTML message rendered in QtWebEngine offscreen"
    if "loaded" not in outcome:
        return False, (f"QtWebEngine did not finish loading within {RENDER_TIMEOUT_MS // 1000} s "
                       "(its helper process QtWebEngineProcess may be missing)")
    return False, f"the page loaded (ok={outcome['loaded']}) but showed {text[:120]!r}"
