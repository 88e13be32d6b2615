"""The message list model: a table over an array of message ids, rows loaded in pages.

The model holds only ids; ``data()`` asks the ``RowLoader`` for the page of ``PAGE_SIZE`` rows
around the one the view needs and keeps at most ``MAX_PAGES`` pages. Loading a page is one
indexed query (a few ms); with a ``prefetch`` hook set (``ui.models.page_prefetch``, issue 17)
the pages next to the one in use are read ahead on a worker thread and handed in with
``add_page``, so scrolling finds them cached and the GUI thread loads a page itself only after
a jump. Building the id array for a folder or a search is done by the caller in the background
and handed over with ``set_ids``. A read/flag
change shows at once through ``show_flag`` without loading rows (even for a 47,000-row
selection) until the cache write lands (``forget_flag``). Rows can be dragged: ``mimeData``
puts the message ids under ``MESSAGE_IDS_MIME`` (read back with ``ids_from_mime``), which the
folder tree accepts as a move (a copy with Ctrl). GUI thread only.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, tzinfo

from babel import Locale
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from client.mime.sender_checks import list_label
from client.store.records import MessageRow
from ui.models.risk_marks import RiskMarks
from ui.qt.dates import list_date
from ui.qt.icons import icon
from ui.qt.plain_text import tooltip

RowLoader = Callable[[list[int]], list[MessageRow]]
#: ``prefetch(epoch, page_no, ids)``: read these rows off the GUI thread, then ``add_page``
PagePrefetch = Callable[[int, int, list[int]], None]
Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
MAX_PAGES = 16

COL_UNREAD, COL_FLAG, COL_ATTACHMENT, COL_FROM, COL_SUBJECT, COL_DATE, COL_FOLDER, \
    COL_THEIR_TIME, COL_TAGS = range(9)
COLUMN_COUNT = 9  # COL_THEIR_TIME: the buyer's local time, optional (ui.customers.time_column)
# COL_TAGS: the inquiry channel tags (ui.channels.tags_column)
SORT_KEYS = {COL_FROM: "from", COL_SUBJECT: "subject", COL_DATE: "date"}
MESSAGE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
#: the drag format of message rows: JSON {"ids": [message id, ...]}
MESSAGE_IDS_MIME = "application/x-tradewind-message-ids"
#: more ids than this in one drop are refused (no selection of the cache is that big)
MAX_DRAGGED = 1_000_000
#: the roles ``data()`` answers from a row (ints: a set look-up, no enum compare per call)
_ROW_ROLES = frozenset(int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole, ROW_ROLE))
_DISPLAY, _DECORATION, _FONT, _TOOLTIP, _ACCESSIBLE = (int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole))
_ITEM_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
               | Qt.ItemFlag.ItemNeverHasChildren | Qt.ItemFlag.ItemIsDragEnabled)


def ids_from_mime(data: QMimeData) -> list[int]:
    """The message ids a drag carries ([] for anything that is not our well-formed format)."""
    if not data.hasFormat(MESSAGE_IDS_MIME):
        return []
    try:
        value = json.loads(bytes(data.data(MESSAGE_IDS_MIME).data()).decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return []
    ids = value.get("ids") if isinstance(value, dict) else None
    if not isinstance(ids, list) or len(ids) > MAX_DRAGGED:
        return []
    if not all(isinstance(i, int) and not isinstance(i, bool) and i > 0 for i in ids):
        return []
    return list(dict.fromkeys(ids))


def sender_text(row: MessageRow) -> str:
    """The name shown in the From column (the address if there is no name; the real address
    first when the name holds an address or invisible characters: `sender_checks.list_label`)."""
    return (list_label(row.from_name, row.from_email)
            or QCoreApplication.translate("MessageListModel", "(no sender)"))



def _with_flag(row: MessageRow, flag: str, value: bool) -> MessageRow:
    """``row`` with its ``seen`` or ``flagged`` flag set to ``value``."""
    if flag == "seen":
        return replace(row, seen=value)
    if flag == "flagged":
        return replace(row, flagged=value)
    raise ValueError(f"not a list flag: {flag}")


def recipients_text(row: MessageRow) -> str:
    """What the To column shows in Sent, Drafts and the outbox: the recipients' names (the
    address when there is none), comma-separated."""
    names = [list_label(name, email) for name, email in row.to]
    return ", ".join(n for n in names if n) or QCoreApplication.translate(
        "MessageListModel", "(no recipient)")


class MessageListModel(QAbstractTableModel):
    """Rows are messages in the order of the id array; see the module docstring.

    ``show_recipients`` turns the From column into To (outgoing folders); ``folder_names``
    ({folder id: name}) fills the Folder column (search results). Set them with
    ``set_view`` (``ui.everyday.list_fit``)."""

    #: (sort key 'date'|'from'|'subject', descending) asked for by a header click.
    sortRequested = Signal(str, bool)

    def __init__(
        self,
        loader: RowLoader,
        locale: Locale,
        zone: tzinfo | None = None,
        parent: object | None = None,
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._loader = loader
        self._locale = locale
        self._zone = zone
        self._ids: list[int] = []
        self._position: dict[int, int] = {}
        self._pages: OrderedDict[int, dict[int, MessageRow]] = OrderedDict()
        #: flags shown before the cache has them: {'seen'|'flagged': {message id: value}}
        self._shown_flags: dict[str, dict[int, bool]] = {"seen": {}, "flagged": {}}
        self._now = datetime.now(UTC)
        self._bold = QFont()
        self._bold.setBold(True)
        #: pages read on the GUI thread (``add_page`` hands in the prefetched ones)
        self.pages_loaded = 0
        self.pages_prefetched = 0
        #: set by ``ui.models.page_prefetch.PagePrefetcher``; None: every page loads here
        self.prefetch: PagePrefetch | None = None
        #: bumped by every change of ids or shown flags: an older prefetch result is dropped
        self.epoch = 0
        self._requested: set[int] = set()
        self._last_page = -1
        self._day_texts: dict[date, str] = {}
        self.show_recipients = False
        self.folder_names: dict[int, str] = {}
        #: rows of an expanded conversation (``ui.everyday.thread_expand``): shown indented
        self.child_ids: set[int] = set()
        self.risk_marks = RiskMarks(self)  # issue 19: the fraud icon in the From column
        self.risk_marks.changed = self._risks_changed
        #: the text of the buyer's-time column for a row (set by ui.customers.time_column)
        self.their_time: Callable[[MessageRow], str | None] | None = None
        #: the channel tags of a row, for the Tags column (set by ui.channels.tags_column)
        self.tags: Callable[[MessageRow], str | None] | None = None

    def set_view(self, *, show_recipients: bool, folder_names: dict[int, str]) -> None:
        """Show To instead of From (``show_recipients``) and these folder names; repaints."""
        self.show_recipients = show_recipients
        self.folder_names = dict(folder_names)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, COLUMN_COUNT - 1))

    # -- content ------------------------------------------------------------------------------
    def set_ids(self, ids: Sequence[int]) -> None:
        """Show exactly these messages, in this order (drops the page cache)."""
        self.beginResetModel()
        self._ids = list(ids)
        self._position = {mid: i for i, mid in enumerate(self._ids)}
        self._pages.clear()
        self._new_epoch()
        self._now = datetime.now(UTC)
        self._day_texts.clear()
        self.endResetModel()

    def _new_epoch(self) -> None:
        """Rows read before now may be stale: drop what is still on its way."""
        self.epoch += 1
        self._requested.clear()
        self._last_page = -1

    def ids(self) -> list[int]:
        """A copy of the id array."""
        return list(self._ids)

    def message_id_at(self, row: int) -> int | None:
        """The message id shown in ``row``, or None if out of range."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, message_id: int) -> int | None:
        """The row that shows ``message_id``, or None."""
        return self._position.get(message_id)

    def message(self, row: int) -> MessageRow | None:
        """The loaded record of ``row`` (loads its page if needed), or None."""
        if not 0 <= row < len(self._ids):
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self._store_page(page_no, self._loader(self._chunk(page_no)))
            self.pages_loaded += 1
        elif page_no != self._last_page:
            self._pages.move_to_end(page_no)
        if page_no != self._last_page:
            self._last_page = page_no
            self._prefetch_around(page_no)
        return page.get(self._ids[row])

    def _chunk(self, page_no: int) -> list[int]:
        return self._ids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE]

    def _store_page(self, page_no: int, rows: list[MessageRow]) -> dict[int, MessageRow]:
        """Cache ``rows`` as page ``page_no`` (with the shown flags and risk marks)."""
        chunk = self._chunk(page_no)
        page = {r.id: r for r in rows}
        self.risk_marks.load(chunk)
        for flag, shown in self._shown_flags.items():
            for message_id in shown.keys() & page.keys():
                page[message_id] = _with_flag(page[message_id], flag, shown[message_id])
        self._pages[page_no] = page
        self._requested.discard(page_no)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def _prefetch_around(self, page_no: int) -> None:
        """Ask ``prefetch`` for the pages before and after ``page_no`` not cached yet."""
        if self.prefetch is None:
            return
        last = (len(self._ids) - 1) // PAGE_SIZE
        for other in (page_no + 1, page_no - 1, page_no + 2):
            if 0 <= other <= last and other not in self._pages and other not in self._requested:
                self._requested.add(other)
                self.prefetch(self.epoch, other, self._chunk(other))

    def add_page(self, epoch: int, page_no: int, rows: list[MessageRow]) -> bool:
        """A page read ahead (``prefetch``) arrives: cached unless the ids or shown flags
        changed since it was asked for (``epoch``) or the page is cached already. True if
        kept. GUI thread only."""
        if epoch != self.epoch or page_no in self._pages:
            return False
        if page_no not in self._requested:
            return False
        self._store_page(page_no, rows)
        self.pages_prefetched += 1
        return True

    def set_risk(self, message_id: int, level: str) -> None:
        """Show the fraud risk the reader computed for ``message_id`` (``RiskMarks``)."""
        self.risk_marks.set(message_id, level)
        row = self._position.get(message_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, COL_FROM), self.index(row, COL_FROM))

    def _risks_changed(self, ids: list[int]) -> None:
        rows = [self._position[i] for i in ids if i in self._position]
        if rows:
            self.dataChanged.emit(self.index(min(rows), COL_FROM), self.index(max(rows), COL_FROM))

    def set_seen(self, message_id: int, seen: bool) -> None:
        """Show ``message_id`` as read/unread without reloading it."""
        self.show_flag([message_id], "seen", seen)

    def set_flagged(self, message_id: int, flagged: bool) -> None:
        """Show ``message_id`` as flagged/unflagged without reloading it."""
        self.show_flag([message_id], "flagged", flagged)

    def show_flag(self, ids: Sequence[int], flag: str, value: bool) -> None:
        """Show ``flag`` ('seen' or 'flagged') as ``value`` on ``ids`` at once, loading nothing
        (cheap for 100,000 ids): cached rows change, rows loaded later (also after
        ``set_ids``) get it too until ``forget_flag``; one repaint of the rows between."""
        if flag not in self._shown_flags:
            raise ValueError(f"unknown flag {flag!r}")
        self._shown_flags[flag].update(dict.fromkeys(ids, value))
        self._new_epoch()
        wanted = set(ids)
        for page_no, page in list(self._pages.items()):
            hit = wanted.intersection(page)
            if len(hit) > PAGE_SIZE // 4:  # reloading it when shown is cheaper (a few ms)
                del self._pages[page_no]
                continue
            for message_id in hit:
                page[message_id] = _with_flag(page[message_id], flag, value)
        position = self._position
        rows = [position[i] for i in wanted if i in position]
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0),
                                  self.index(max(rows), COLUMN_COUNT - 1))

    def forget_flag(self, ids: Sequence[int], flag: str, value: bool) -> None:
        """The cache now holds (or refused) ``flag`` = ``value`` for ``ids``: rows loaded from
        now on show the stored state (a newer ``show_flag`` with another value stays)."""
        shown = self._shown_flags[flag]
        self._new_epoch()  # a page read before the write landed is stale
        for message_id in ids:
            if shown.get(message_id) is value:
                del shown[message_id]

    # -- Qt model interface ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt name)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt name)
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ITEM_FLAGS

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt name)
        return [MESSAGE_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 (Qt name)
        """The ids of the rows of ``indexes`` (one per row, list order) as a drag."""
        rows = sorted({i.row() for i in indexes if i.isValid()})
        ids = [self._ids[r] for r in rows if 0 <= r < len(self._ids)]
        data = QMimeData()
        data.setData(MESSAGE_IDS_MIME, json.dumps({"ids": ids}).encode("ascii"))
        return data

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 (Qt name)
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def headerData(  # noqa: N802 (Qt name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_FROM: QCoreApplication.translate("MessageListModel", "To")
                if self.show_recipients else QCoreApplication.translate("MessageListModel", "From"),
                COL_SUBJECT: QCoreApplication.translate("MessageListModel", "Subject"),
                COL_DATE: QCoreApplication.translate("MessageListModel", "Date"),
                COL_FOLDER: QCoreApplication.translate("MessageListModel", "Folder"),
                COL_THEIR_TIME: QCoreApplication.translate("MessageListModel", "Their time"),
                COL_TAGS: QCoreApplication.translate("MessageListModel", "Tags"),
            }.get(section, "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._header_name(section)
        if role == Qt.ItemDataRole.DecorationRole:
            return {COL_UNREAD: icon("unread"), COL_FLAG: icon("flag"),
                    COL_ATTACHMENT: icon("attachment")}.get(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                COL_UNREAD: QCoreApplication.translate("MessageListModel", "Read"),
                COL_FLAG: QCoreApplication.translate("MessageListModel", "Flagged"),
                COL_ATTACHMENT: QCoreApplication.translate("MessageListModel", "Attachments"),
            }.get(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = index.row()
        if not 0 <= row < len(self._ids) or not index.isValid():
            return None
        if role == MESSAGE_ID_ROLE:
            return self._ids[row]
        if role not in _ROW_ROLES:
            return None
        message = self.message(row)
        if message is None:  # deleted meanwhile; the next refresh drops the row
            return None
        if role == ROW_ROLE:
            return message
        column = index.column()
        if role == _FONT:
            return None if message.seen else self._bold
        if role == _DECORATION:
            if column == COL_UNREAD and not message.seen:
                return icon("unread")
            if column == COL_FLAG and message.flagged:
                return icon("flag")
            if column == COL_ATTACHMENT and message.has_attachments:
                return icon("attachment")
            if column == COL_SUBJECT and message.answered:
                return icon("answered")
            if column == COL_FROM:
                return self.risk_marks.icon_for(message.id)
            return None
        if role == _TOOLTIP:
            if column == COL_FROM:
                warning = self.risk_marks.tooltip_for(message.id)
                shown = (", ".join(e for _n, e in message.to) if self.show_recipients
                         else message.from_email)
                return tooltip(shown + (f"\n{warning}" if warning else ""))
            return None
        if role == _ACCESSIBLE:
            return self._cell_name(message, index)
        if column == COL_FROM:
            return recipients_text(message) if self.show_recipients else sender_text(message)
        if column == COL_FOLDER:
            return self.folder_names.get(message.folder_id, "")
        if column == COL_SUBJECT:
            subject = message.subject or QCoreApplication.translate("MessageListModel", "(no subject)")
            if message.id in self.child_ids:
                return f"    ↳ {subject}"
            return f"{subject}  ({message.thread_count})" if message.thread_count > 1 else subject
        if column == COL_DATE:
            return self._date_text(message.date or message.internaldate)
        if column == COL_THEIR_TIME and self.their_time is not None:
            return self.their_time(message)
        if column == COL_TAGS and self.tags is not None:
            return self.tags(message)
        return None

    def _date_text(self, moment: datetime | None) -> str:
        """``list_date`` of ``moment``; an earlier day's text is formatted once per day shown."""
        if moment is None:
            return ""
        day = moment.astimezone(self._zone).date()
        text = self._day_texts.get(day)
        if text is None:
            text = list_date(moment, self._now, self._locale, self._zone)
            if day != self._now.astimezone(self._zone).date():  # today shows the time
                self._day_texts[day] = text
        return text

    def _header_name(self, section: int) -> str:
        """The column's name for a screen reader (the icon columns have no text)."""
        names = {
            COL_UNREAD: QCoreApplication.translate("MessageListModel", "Unread"),
            COL_FLAG: QCoreApplication.translate("MessageListModel", "Flagged"),
            COL_ATTACHMENT: QCoreApplication.translate("MessageListModel", "Attachments"),
        }
        if section in names:
            return names[section]
        return str(self.headerData(section, Qt.Orientation.Horizontal))

    def _cell_name(self, message: MessageRow, index: Index) -> str:
        """What a screen reader speaks for one cell: words for the icon columns too."""
        column = index.column()
        if column == COL_UNREAD:
            return (QCoreApplication.translate("MessageListModel", "Read") if message.seen
                    else QCoreApplication.translate("MessageListModel", "Unread"))
        if column == COL_FLAG:
            return (QCoreApplication.translate("MessageListModel", "Flagged") if message.flagged
                    else QCoreApplication.translate("MessageListModel", "Not flagged"))
        if column == COL_ATTACHMENT:
            return (QCoreApplication.translate("MessageListModel", "Has attachments")
                    if message.has_attachments
                    else QCoreApplication.translate("MessageListModel", "No attachments"))
        text = str(self.data(index, Qt.ItemDataRole.DisplayRole) or "")
        if column == COL_SUBJECT and message.answered:
            text += " — " + QCoreApplication.translate("MessageListModel", "answered")
        return text

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the owner (through ``sortRequested``) for a new id array in this order."""
        key = SORT_KEYS.get(column)
        if key is not None:
            self.sortRequested.emit(key, order == Qt.SortOrder.DescendingOrder)
