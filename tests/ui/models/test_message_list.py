"""The paged message list model: model tester, paging at 100,000 rows, flag updates, sorting."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt

from client.store.db import Store
from client.store.records import MessageRow
from ui.models.message_list import (
    COL_DATE,
    COL_FROM,
    COL_SUBJECT,
    MAX_PAGES,
    PAGE_SIZE,
    MessageListModel,
)
from ui.qt.dates import babel_locale


def _row(i: int) -> MessageRow:
    return MessageRow(
        id=i, account_id=1, folder_id=1, uid=i, message_id=f"m{i}@x", thread_id=None,
        subject=f"Subject {i}", from_name=f"Sender {i % 97}", from_email=f"s{i}@x.example",
        to=(), cc=(), reply_to=(), date=datetime(2026, 11, 1, tzinfo=UTC), internaldate=None,
        sort_date=0.0, size=100, flags=(), seen=i % 3 == 0, flagged=i % 7 == 0, answered=False,
        draft=False, deleted=False, has_attachments=i % 5 == 0, body_state="full", preview="",
        in_reply_to=None, references=(), warnings=(), modseq=None, indexed=1,
    )


class CountingLoader:
    def __init__(self) -> None:
        self.calls: list[int] = []

    def __call__(self, ids: list[int]) -> list[MessageRow]:
        self.calls.append(len(ids))
        return [_row(i) for i in ids]


def test_model_tester_on_the_demo_inbox(qtmodeltester, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(demo_db)
    try:
        model = MessageListModel(store.rows_by_ids, babel_locale("en_US"))
        inbox = store.folder_by_role(store.list_accounts()[0].id, "inbox")
        assert inbox is not None
        model.set_ids(store.message_ids(inbox.id))
        assert model.rowCount() > 50
        qtmodeltester.check(model, force_py=True)
        first = model.index(0, COL_SUBJECT).data()
        assert isinstance(first, str) and first
    finally:
        store.close()


def test_model_tester_on_an_empty_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = MessageListModel(CountingLoader(), babel_locale("en_US"))
    qtmodeltester.check(model, force_py=True)


def test_hundred_thousand_rows_load_only_the_pages_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTableView

    loader = CountingLoader()
    model = MessageListModel(loader, babel_locale("en_US"))
    model.set_ids(range(100_000))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.verticalHeader().setDefaultSectionSize(20)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    view.scrollToBottom()
    view.scrollTo(model.index(50_000, 0))
    QCoreApplication.processEvents()  # the rows asked for by the scrolled-to pages
    assert model.rowCount() == 100_000
    assert model.index(99_999, COL_SUBJECT).data() == "Subject 99999"
    assert all(size <= PAGE_SIZE for size in loader.calls)
    assert sum(loader.calls) < 10 * PAGE_SIZE  # a handful of pages, not 100,000 rows
    for page in range(0, 100_000, PAGE_SIZE * 10):
        model.message(page)
    assert len(model._pages) <= MAX_PAGES


def test_display_roles_and_flag_updates(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = MessageListModel(CountingLoader(), babel_locale("zh_CN"))
    model.set_ids([7, 10, 3])
    assert model.index(0, COL_FROM).data() == "Sender 7"
    assert model.index(0, COL_DATE).data() == "2026年11月1日"
    assert model.index(0, COL_FROM).data(Qt.ItemDataRole.FontRole).bold()  # 7 is unread
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, _roles=(): changed.append(top.row()))
    model.set_seen(7, True)
    assert changed == [0]
    assert model.index(0, COL_FROM).data(Qt.ItemDataRole.FontRole) is None
    model.set_flagged(10, True)
    assert model.message(1).flagged  # type: ignore[union-attr]
    assert model.data(QModelIndex()) is None


def test_header_click_asks_for_a_new_order() -> None:
    model = MessageListModel(CountingLoader(), babel_locale("en_US"))
    asked: list[tuple[str, bool]] = []
    model.sortRequested.connect(lambda key, desc: asked.append((key, desc)))
    model.sort(COL_FROM, Qt.SortOrder.AscendingOrder)
    model.sort(COL_DATE, Qt.SortOrder.DescendingOrder)
    model.sort(0, Qt.SortOrder.AscendingOrder)  # the unread-dot column does not sort
    assert asked == [("from", False), ("date", True)]


def test_flags_shown_before_the_rows_are_loaded(qtbot) -> None:  # type: ignore[no-untyped-def]
    loader = CountingLoader()
    model = MessageListModel(loader, babel_locale("en_US"))
    model.set_ids(range(100_000))
    assert model.message(0) is not None and len(loader.calls) == 1
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, bottom, _roles=(): changed.append((top.row(), bottom.row())))
    model.show_flag(range(0, 100_000, 2), "flagged", True)  # nothing is loaded for this
    assert len(loader.calls) == 1 and changed == [(0, 99_998)]
    # page 0 had 100 of its rows changed: dropped, reloaded with the shown flags when needed
    assert model.message(0).flagged and not model.message(1).flagged  # type: ignore[union-attr]
    assert model.message(50_000).flagged and len(loader.calls) == 3  # type: ignore[union-attr]
    model.set_ids(range(100_000))  # a refresh before the cache write finished keeps them
    assert model.message(99_998).flagged  # type: ignore[union-attr]
    model.forget_flag(range(0, 100_000, 2), "flagged", True)
    model.set_ids(range(100_000))
    assert not model.message(99_998).flagged  # type: ignore[union-attr]  # the loader's truth
    model.show_flag([3], "seen", False)
    model.forget_flag([3], "seen", True)  # an older write finishing does not undo a newer one
    assert not model.message(3).seen  # type: ignore[union-attr]
