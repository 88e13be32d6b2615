"""Search-result highlighting in the message list: which words a query looks for, where they
occur in a cell, and a delegate that paints those spans. GUI thread only (the delegate);
``search_terms`` and ``match_spans`` are pure, any thread.
"""

from __future__ import annotations

import re
import shlex

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

#: filters whose value is text the list shows (highlighted); others (is:, has:, after:) are not
TEXT_FILTERS = ("from", "to", "cc", "subject")


def search_terms(query: str) -> tuple[str, ...]:
    """The words of ``query`` (store search syntax) that a matching row shows: plain words,
    quoted phrases and the values of from:/to:/cc:/subject:; not excluded (-word) terms nor
    other filters. Lower-cased, longest first. Pure."""
    try:
        tokens = shlex.split(query)
    except ValueError:  # an unclosed quote: the words as typed
        tokens = query.replace('"', " ").split()
    terms: list[str] = []
    for token in tokens:
        if token.startswith("-"):
            continue
        key, colon, value = token.partition(":")
        if colon and key.lower() in TEXT_FILTERS:
            token = value
        elif colon and key.isalpha() and value:
            continue
        token = token.strip().lower()
        if token and token not in ("and", "or", "not"):
            terms.append(token)
    return tuple(sorted(set(terms), key=lambda t: (-len(t), t)))


def match_spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of every case-insensitive occurrence of ``terms`` in ``text``, merged and
    in order. Pure."""
    if not terms or not text:
        return []
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    spans: list[tuple[int, int]] = []
    for found in pattern.finditer(text):
        start, end = found.span()
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


class HighlightDelegate(QStyledItemDelegate):
    """Paints text cells with the search terms on a highlight background; other cells (and
    every cell while ``terms`` is empty) as the default delegate does."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.terms: tuple[str, ...] = ()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        if not self.terms:  # not a search: no second look-up of the cell's text (issue 17)
            super().paint(painter, option, index)
            return
        text = index.data(Qt.ItemDataRole.DisplayRole)
        spans = match_spans(text, self.terms) if isinstance(text, str) else []
        if not spans:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(3, 0, -3, 0)
        self._paint_spans(painter, opt, rect, text, spans)

    @staticmethod
    def _paint_spans(painter: QPainter, opt: QStyleOptionViewItem, rect: QRect, text: str,
                     spans: list[tuple[int, int]]) -> None:
        painter.save()
        painter.setFont(opt.font)
        metrics = painter.fontMetrics()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        normal = palette.color(QPalette.ColorRole.HighlightedText if selected
                               else QPalette.ColorRole.Text)
        mark = QColor("#ffe066")
        x, end_x, cursor = rect.left(), rect.right(), 0
        pieces = []
        for start, end in spans:
            pieces += [(text[cursor:start], False), (text[start:end], True)]
            cursor = end
        pieces.append((text[cursor:], False))
        for piece, matched in pieces:
            if not piece or x >= end_x:
                continue
            piece = metrics.elidedText(piece, Qt.TextElideMode.ElideRight, end_x - x)
            width = metrics.horizontalAdvance(piece)
            box = QRect(x, rect.top(), width, rect.height())
            if matched:
                painter.fillRect(box.adjusted(0, 2, 0, -2), mark)
                painter.setPen(QColor("#1a1a1a"))
            else:
                painter.setPen(normal)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             piece)
            x += width
        painter.restore()
