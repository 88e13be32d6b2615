"""The fraud warning above a message (issue 19): the reasons, the safe action, and "this is
really our buyer" (stored, with Undo) and the known bank details of the sender's company.

``RiskBar.show_risk(risk, row)`` shows the bar for a ``risk`` object of
``client.security.risk.Risk.to_json()`` at level ``warning`` or ``high`` and hides it
otherwise; the message itself is never hidden or changed. ``db_path`` must be set by the owner
(the main window) for the buttons, which write through ``client.security.risk_store`` on the
thread pool (``ui.qt.tasks``) and then recompute the shown message's risk there.
The strongest reason is written out (all of them in the tooltip), so the bar fits a small
screen. ``riskShown(message id, level)`` fires for every risk shown, so the list can update its icon.
GUI thread only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from client.security.lookalike import domain_of
from client.security.risk_store import trust_entry_for
from client.store.records import MessageRow
from ui.qt.tasks import run_in_background
from ui.qt.wrapping_label import WrappingLabel

WARN_LEVELS = ("warning", "high")
SHOWN_REASONS = 1
_STYLES = {
    "warning": "QFrame#risk { background: #fff0d0; border: 1px solid #e0a030; }"
               " QFrame#risk QLabel { color: #3d2800; }",
    "high": "QFrame#risk { background: #fde0e0; border: 2px solid #d32f2f; }"
            " QFrame#risk QLabel { color: #5a0000; }",
}


def _recompute(db_path: Path, message_id: int) -> dict[str, Any] | None:
    """Worker thread: the risk of one message, recomputed (its own Store)."""
    from client.security.assess import risk_of_row
    from client.store.db import Store

    with Store.open(db_path) as store:
        row = store.get_message(message_id)
        risk = risk_of_row(store, row) if row is not None else None
        return risk.to_json() if risk is not None else None


def _trust(db_path: Path, entry: str, trusted: bool) -> None:
    from client.security import risk_store
    from client.store.db import Store

    with Store.open(db_path) as store:
        if trusted:
            risk_store.allow(store, entry)
        else:
            risk_store.disallow(store, entry)


class RiskBar(QFrame):
    """See the module docstring."""

    riskShown = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("risk")
        self.db_path: Path | None = None
        self.row: MessageRow | None = None
        self.risk: dict[str, Any] | None = None
        self._trusted_entry = ""
        layout = QVBoxLayout(self)  # compact: the header must fit a small screen at 150 %
        layout.setContentsMargins(8, 3, 8, 3)
        layout.setSpacing(1)
        top = QHBoxLayout()
        top.setSpacing(4)
        self.title = WrappingLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.reasons = WrappingLabel(self)
        self.advice = WrappingLabel(self)
        for label in (self.title, self.reasons, self.advice):
            label.setTextFormat(label.textFormat().PlainText)  # reasons quote the mail
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        top.addWidget(self.title, 1)
        self.trust_button = QPushButton(self)
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.details_button = QPushButton(self.tr("Known bank details…"), self)
        self.trust_button.clicked.connect(self._trust_clicked)
        self.undo_button.clicked.connect(self._undo_clicked)
        self.details_button.clicked.connect(self._details_clicked)
        for button in (self.trust_button, self.undo_button, self.details_button):
            top.addWidget(button)
        layout.addLayout(top)
        layout.addWidget(self.reasons)
        layout.addWidget(self.advice)
        self.undo_button.hide()
        self.hide()

    def show_risk(self, risk: dict[str, Any] | None, row: MessageRow | None) -> None:
        """Show ``risk`` of ``row`` (see module docstring); None hides the bar."""
        if row is None or self.row is None or row.id != self.row.id:
            self.undo_button.hide()
        self.row, self.risk = row, risk
        if risk is not None and row is not None:
            self.riskShown.emit(row.id, str(risk.get("level", "none")))
        level = str(risk.get("level")) if risk else "none"
        if risk is None or row is None or level not in WARN_LEVELS:
            self.hide()
            return
        self.setStyleSheet(_STYLES[level])
        self.title.setText(
            self.tr("Caution: possible payment fraud ({0}/100).")
            .format(risk["score"]) if level == "high" else
            self.tr("Check this message before you act on it ({0}/100).").format(risk["score"]))
        lines = [f"• {r['text']}" for r in risk["reasons"]]
        shown = "  ".join(lines[:SHOWN_REASONS])  # the strongest; all in the tooltip
        if len(lines) > SHOWN_REASONS:
            shown += "  " + self.tr("(and {0} more: point here to see them)").format(
                len(lines) - SHOWN_REASONS)
        self.reasons.setText(shown)
        self.reasons.setToolTip("\n".join(lines))
        self.advice.setText(str(risk.get("advice", "")))
        domain = domain_of(row.from_email)
        entry = trust_entry_for(row.from_email).lstrip("@") if domain else ""
        self.trust_button.setText(self.tr("This is really our buyer"))
        self.trust_button.setToolTip(self.tr("Trust {0}: no more lookalike, first-time or "
                                             "Reply-To warnings for it").format(entry))
        self.trust_button.setVisible(bool(domain))
        self.details_button.setVisible(bool(domain))
        self.show()

    def _run_change(self, entry: str, trusted: bool) -> None:
        if self.db_path is None or self.row is None:
            return
        db_path = self.db_path

        def done(_result: object) -> None:
            self._trusted_entry = entry if trusted else ""
            self.undo_button.setVisible(trusted)
            self.refresh()

        run_in_background(lambda: _trust(db_path, entry, trusted), done, None, owner=self)

    def _trust_clicked(self) -> None:
        if self.row is not None and domain_of(self.row.from_email):
            self._run_change(trust_entry_for(self.row.from_email), True)

    def _undo_clicked(self) -> None:
        if self._trusted_entry:
            self._run_change(self._trusted_entry, False)

    def refresh(self) -> None:
        """Recompute the shown message's risk on the thread pool and show it."""
        if self.db_path is None or self.row is None:
            return
        db_path, row = self.db_path, self.row
        run_in_background(lambda: _recompute(db_path, row.id),
                          lambda risk: self.show_risk(risk, row) if self.row is row else None,
                          None, owner=self)

    def _details_clicked(self) -> None:
        if self.db_path is None or self.row is None:
            return
        from ui.reader.bank_details_dialog import BankDetailsDialog

        dialog = BankDetailsDialog(self.db_path, self.row, self)
        dialog.changed.connect(self.refresh)
        dialog.open()
