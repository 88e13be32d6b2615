"""The undo notice: a small bar over the bottom of the message list saying what was just
done ("Moved 2 messages to “Archive”.") with an Undo button, hidden after ``SHOW_MS`` or by
its close button. GUI thread only. The text is plain (folder names are server text, T8).
``undoRequested`` is emitted by the button; the window's Ctrl+Z does the same undo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from ui.qt.plain_text import clean

SHOW_MS = 10000


class UndoBar(QFrame):
    """See the module docstring; ``parent`` is the widget it floats over."""

    undoRequested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet("#undoBar { background: palette(tooltip-base); "
                           "border: 1px solid palette(mid); border-radius: 4px; }")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.undo_button.clicked.connect(self._undo_clicked)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Hide this notice"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOW_MS)
        self._timer.timeout.connect(self.hide)
        parent.installEventFilter(self)
        self.hide()

    def show_notice(self, text: str, undoable: bool = True) -> None:
        """Show ``text`` (with the Undo button when ``undoable``) for ``SHOW_MS``."""
        self.label.setText(clean(text, 300))
        self.undo_button.setVisible(undoable)
        self._place()
        self.show()
        self.raise_()
        self._timer.start()

    def _undo_clicked(self) -> None:
        self.hide()
        self.undoRequested.emit()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.adjustSize()
        width = min(max(self.sizeHint().width(), 320), max(parent.width() - 24, 120))
        self.resize(width, self.sizeHint().height())
        self.move((parent.width() - width) // 2, parent.height() - self.height() - 12)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._place()
        return False
