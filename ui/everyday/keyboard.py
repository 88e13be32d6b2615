"""The main window by keyboard: Tab and Shift+Tab go search field → folders → list → reader;
Space pages through the message and, at its end, goes to the next unread; Esc clears the
search; the focused pane shows a frame; every pane, field and icon column has a name a screen
reader can speak. ``KeyboardNavigation(window)`` is created once by
``ui.everyday.controller``. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QToolBar, QToolButton

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow

#: a visible frame around the focused pane, in the palette's highlight colour (light and dark)
FOCUS_STYLE = "{0}:focus {{ border: 2px solid palette(highlight); }}"


class KeyboardNavigation(QObject):
    """See the module docstring."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        w = window
        w.message_view.setTabKeyNavigation(False)  # Tab leaves the list (not cell to cell)
        w.folder_view.setTabKeyNavigation(False)
        w.reader.body.setTabChangesFocus(True)
        w.reader.body.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        w.setTabOrder(w.search_field, w.folder_view)
        w.setTabOrder(w.folder_view, w.message_view)
        w.setTabOrder(w.message_view, w.reader.body)
        w.reader.stack.currentChanged.connect(self._reader_changed)
        for widget, kind in ((w.folder_view, "QTreeView"), (w.message_view, "QTableView"),
                             (w.reader.body, "QTextBrowser")):
            widget.setStyleSheet(FOCUS_STYLE.format(kind))
        self._name_widgets()
        for widget in (w.message_view, w.reader.body):
            widget.installEventFilter(self)

    def _name_widgets(self) -> None:
        w = self.window
        names = {
            w.folder_view: self.tr("Folders"),
            w.message_view: self.tr("Messages"),
            w.search_field: self.tr("Search messages"),
            w.reader: self.tr("Message"),
            w.reader.body: self.tr("Message text"),
            w.reader.headers_view: self.tr("All headers"),
            w.count_label: self.tr("Message count"),
            w.connection_label: self.tr("Connection"),
            w.progress: self.tr("Progress"),
            w.message_view.horizontalHeader(): self.tr("Message list columns"),
        }
        for toolbar in w.findChildren(QToolBar):
            toolbar.setAccessibleName(toolbar.windowTitle())
            more = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
            if more is not None:
                names[more] = self.tr("More commands")
        for widget, name in names.items():
            widget.setAccessibleName(name)

    def _reader_changed(self, _index: int) -> None:
        view = self.window.reader.html_view
        if view is not None and view.accessibleName() == "":
            view.setAccessibleName(self.tr("Message text"))
            self.window.setTabOrder(self.window.reader.body, view)

    # -- Space ----------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Space
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            self.page()
            return True
        return False

    def page(self) -> None:
        """One page further in the shown message; at its end, the next unread message."""
        reader = self.window.reader
        if reader.shown_id is None:
            self.window.messages.next_unread()
            return
        view: Any = reader.html_view  # a QWebEngineView when the message is HTML
        on_html = view is not None and reader.stack.currentWidget() is view
        if on_html:
            page = view.page()
            bottom = page.scrollPosition().y() + view.height() / max(view.zoomFactor(), 0.01)
            if bottom + 2 < page.contentsSize().height():
                target = view.focusProxy() or view
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    event = QKeyEvent(kind, Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier)
                    target.event(event)
                return
            self.window.messages.next_unread()
            return
        bar = reader.body.verticalScrollBar()
        if bar.value() < bar.maximum():
            bar.setValue(bar.value() + bar.pageStep())
        else:
            self.window.messages.next_unread()

    # -- Esc ------------------------------------------------------------------------------------
    def clear_search(self) -> None:
        """Empty the search field and show the folder again; the list takes the focus."""
        w = self.window
        if w.search_field.text():
            w.search_field.clear()
            w.run_search()
        w.message_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
