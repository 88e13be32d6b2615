"""The composer's info bar for big files: "Send as a link" or "Attach anyway", and the upload
progress after Send (issue 14).

GUI thread only; it only shows the offer and says what the rep chose (`chosen(bool)`: True
for links). The files' sizes were measured off the GUI thread (`jobs.split_for_links`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

if TYPE_CHECKING:
    from client.uploads.engine import Progress


class LinkOffer(QFrame):
    """Hidden until `offer(paths, threshold_text)`; hides itself when the rep chooses."""

    chosen = Signal(bool)  #: True: send the files as links; False: attach them

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkOffer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#linkOffer { background: #fff8e1; }")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # file names are the rep's, not HTML
        self.label.setWordWrap(True)
        self.link_button = QPushButton(self.tr("Send as a link"), self)
        self.attach_button = QPushButton(self.tr("Attach anyway"), self)
        self.link_button.clicked.connect(lambda: self._choose(True))
        self.attach_button.clicked.connect(lambda: self._choose(False))
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.link_button)
        row.addWidget(self.attach_button)
        self.paths: list[Path] = []
        self.hide()

    def offer(self, paths: list[Path]) -> None:
        """Offer these files (too big to attach well) as links."""
        self.paths = list(paths)
        names = ", ".join(p.name for p in paths)
        self.link_button.show()
        self.attach_button.show()
        self.label.setText(self.tr(
            "{0}: too large to attach well (over the link size, or more than the mail server "
            "accepts). Send as a download link? The message waits in the outbox until the "
            "upload is done.").format(names))
        self.show()

    def inform(self, paths: list[Path], threshold_mb: float, allow_attach: bool) -> None:
        """Say that these files go as links by the company's policy (no question asked);
        "Attach anyway" only when the policy lets the rep keep them attached."""
        self.paths = list(paths)
        names = ", ".join(p.name for p in paths)
        self.label.setText(self.tr(
            "{0}: sent as download links, as your company's policy asks for files over "
            "{1} MB. The message waits in the outbox until the upload is done.").format(
                names, f"{threshold_mb:g}"))
        self.link_button.hide()
        self.attach_button.setVisible(allow_attach)
        self.show()

    def _choose(self, as_link: bool) -> None:
        self.hide()
        self.chosen.emit(as_link)


class UploadProgress(QFrame):
    """A progress bar with bytes done, speed and time left for the files the composer's Send
    is uploading as links. GUI thread; `show_progress` takes the engine's `Progress`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("uploadProgress")
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 100)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout(self)
        row.addWidget(self.bar, 1)
        row.addWidget(self.label)
        self.hide()

    def show_progress(self, progress: Progress) -> None:
        total = max(progress.total, 1)
        self.bar.setValue(min(100, progress.done * 100 // total))
        mb = 1024 * 1024
        left = (self.tr("about {0} s left").format(max(1, round(progress.eta_s)))
                if progress.eta_s is not None else self.tr("time left unknown"))
        self.label.setText(self.tr("Uploading {0:.1f} of {1:.1f} MB, {2:.1f} MB/s, {3}").format(
            progress.done / mb, progress.total / mb, progress.speed / mb, left))
        self.show()
