"""Helpers for the everyday-client tests: open a folder or a search and wait for the list."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from client.store.db import Store
from ui.mainwindow import list_queries


def folder_id(db: Path, role: str) -> int:
    with Store.open(db) as store:
        account = store.list_accounts()[0]
        folder = store.folder_by_role(account.id, role)
        assert folder is not None
        return folder.id


def show_folder(qtbot: Any, win: Any, role: str) -> int:
    """Select the folder with ``role`` and wait until the list shows exactly its messages.

    Rows of a conversation the rep left open (``child_ids``) are not compared: a grouped list
    re-expands it on a pool thread, possibly before the first check, so they may or may not be
    there yet."""
    wanted = folder_id(win.db_path, role)
    key, descending = win._sort
    expected = list_queries.folder_ids(win.db_path, wanted, key, descending, win.threaded)
    win.select_folder(wanted)
    def shown() -> list[int]:
        model = win.message_model
        return [i for i in model.ids() if i not in model.child_ids]

    qtbot.waitUntil(lambda: win.list_source == ("folder", wanted) and shown() == expected)
    return wanted


def search(qtbot: Any, win: Any, text: str) -> None:
    """Type ``text`` into the search field, run it and wait for its results."""
    win.search_field.setText(text)
    win.run_search()
    qtbot.waitUntil(lambda: win.list_source == ("search", text))


def png_bytes() -> bytes:
    """A 4x4 red PNG."""
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


@pytest.fixture
def loopback(qapp) -> Iterator[tuple[str, list[str]]]:  # type: ignore[no-untyped-def]
    """A loopback web server answering every GET with a PNG: (its base URL, the paths asked
    for). A test of blocked remote content asserts the list stays empty."""
    hits: list[str] = []
    png = png_bytes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(png)))
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *_args: object) -> None:
            return

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()
