"""Reading the message list's pages ahead on a worker thread (issue 17): the prefetched pages
fill the model so scrolling loads nothing on the GUI thread, the order stays right across
pages, a sort change or new mail while a page is on its way drops it, and close stops it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableView

from client.demo.large import build_large_profile
from client.profile.paths import DATABASE_NAME
from client.store.db import Store
from ui.models.message_list import COL_SUBJECT, PAGE_SIZE, MessageListModel
from ui.models.page_prefetch import PagePrefetcher
from ui.qt.dates import babel_locale


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A profile whose biggest folder holds several pages of messages."""
    profile = tmp_path_factory.mktemp("prefetch") / "profile"
    build_large_profile(profile, 3_000, index=False)
    return profile / DATABASE_NAME


@pytest.fixture
def store(big_db: Path) -> Iterator[Store]:
    with Store.open(big_db) as opened:
        yield opened


def _biggest_folder(store: Store) -> list[int]:
    folder = store.conn.execute(
        "SELECT folder_id FROM messages GROUP BY folder_id ORDER BY count(*) DESC"
    ).fetchone()[0]
    ids = store.message_ids(int(folder))
    assert len(ids) > 5 * PAGE_SIZE
    return ids


@pytest.fixture
def listed(store: Store, big_db: Path) -> Iterator[tuple[list[int], MessageListModel, PagePrefetcher]]:
    """The biggest folder's ids, a model showing them and its prefetcher (closed after)."""
    ids = _biggest_folder(store)
    model = MessageListModel(store.rows_by_ids, babel_locale("en_US"))
    prefetcher = PagePrefetcher(model, big_db, lambda: False)
    model.set_ids(ids)
    yield ids, model, prefetcher
    prefetcher.close()


def test_the_next_pages_arrive_from_the_worker_and_keep_the_order(qtbot, listed, store: Store) -> None:  # type: ignore[no-untyped-def]
    ids, model, prefetcher = listed
    assert model.message(0).id == ids[0]  # type: ignore[union-attr]
    assert model.pages_loaded == 1  # the page shown first is read here
    qtbot.waitUntil(lambda: 1 in model._pages and 2 in model._pages)
    for row in range(len(ids)):  # top to bottom, as a scroll reads them
        message = model.message(row)
        assert message is not None and message.id == ids[row]
        qtbot.waitUntil(lambda row=row: row // PAGE_SIZE + 1 in model._pages
                        or row // PAGE_SIZE + 1 > (len(ids) - 1) // PAGE_SIZE)
    assert model.pages_loaded == 1
    assert model.pages_prefetched == (len(ids) - 1) // PAGE_SIZE
    expected = {r.id: r.subject for r in store.rows_by_ids(ids)}
    assert [model.message(r).subject for r in range(len(ids))] == [  # type: ignore[union-attr]
        expected[i] for i in ids]


def test_a_view_scrolled_to_the_bottom_reads_its_pages_ahead(qtbot, listed, store: Store) -> None:  # type: ignore[no-untyped-def]
    ids, model, _prefetcher = listed
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    bar = view.verticalScrollBar()
    while bar.value() < bar.maximum():
        page = (view.rowAt(view.viewport().height() - 1) + 1) // PAGE_SIZE + 1
        if page <= (len(ids) - 1) // PAGE_SIZE:
            qtbot.waitUntil(lambda page=page: page in model._pages)
        bar.setValue(bar.value() + bar.pageStep())
        view.viewport().repaint()
    last = view.rowAt(view.viewport().height() - 1)
    assert last == len(ids) - 1
    shown = model.index(last, COL_SUBJECT).data()
    assert shown == store.rows_by_ids([ids[-1]])[0].subject
    assert model.pages_loaded == 1  # every later page came from the worker


def test_a_sort_change_drops_the_page_on_its_way(qtbot, listed, store: Store) -> None:  # type: ignore[no-untyped-def]
    ids, model, prefetcher = listed
    with qtbot.waitSignal(prefetcher._relay.loaded, timeout=10_000):
        model.message(0)  # asks for pages 1 and 2
        reversed_ids = list(reversed(ids))
        model.set_ids(reversed_ids)  # the sort changed before they arrived
    qtbot.waitUntil(lambda: not prefetcher._waiting)
    qtbot.wait(50)  # let the other queued page be delivered too (it must be dropped)
    assert 1 not in model._pages and 2 not in model._pages
    assert model.pages_prefetched == 0
    assert model.message(PAGE_SIZE + 5).id == reversed_ids[PAGE_SIZE + 5]  # type: ignore[union-attr]


def test_new_mail_while_scrolling_shifts_the_rows_and_keeps_them_right(qtbot, listed, store: Store) -> None:  # type: ignore[no-untyped-def]
    ids, model, prefetcher = listed
    model.message(PAGE_SIZE * 2)  # scrolled down: pages 3, 1 and 4 are asked for
    newest = ids[-1]  # "new mail": one message more at the top (another order)
    shifted = [newest, *ids[:-1]]
    model.set_ids(shifted)
    for row in range(PAGE_SIZE * 2, PAGE_SIZE * 5):
        assert model.message(row).id == shifted[row]  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: 5 in model._pages)  # asked for with the new ids
    qtbot.wait(50)
    for row in range(len(shifted)):
        assert model.message(row).id == shifted[row]  # type: ignore[union-attr]


def test_a_flag_shown_while_a_page_is_read_is_not_undone_by_it(qtbot, listed, store: Store) -> None:  # type: ignore[no-untyped-def]
    ids, model, prefetcher = listed
    target = ids[PAGE_SIZE + 3]
    was = store.rows_by_ids([target])[0].flagged
    with qtbot.waitSignal(prefetcher._relay.loaded, timeout=10_000):
        model.message(0)
        model.show_flag([target], "flagged", not was)
    qtbot.wait(50)
    assert model.message(PAGE_SIZE + 3).flagged is (not was)  # type: ignore[union-attr]


def test_close_stops_the_worker_and_delivers_nothing_more(qtbot, listed) -> None:  # type: ignore[no-untyped-def]
    _ids, model, prefetcher = listed
    prefetcher.close()
    prefetcher.close()  # idempotent
    prefetcher._worker.join(10)
    assert not prefetcher._worker.is_alive()
    model.message(0)
    qtbot.wait(50)
    assert model.pages_prefetched == 0 and 1 not in model._pages


def test_stale_rows_handed_in_are_refused(store: Store) -> None:
    ids = _biggest_folder(store)
    model = MessageListModel(store.rows_by_ids, babel_locale("en_US"))
    model.set_ids(ids)
    rows = [replace(r, subject="stale") for r in store.rows_by_ids(ids[PAGE_SIZE:2 * PAGE_SIZE])]
    assert not model.add_page(model.epoch, 1, rows)  # never asked for
    model.prefetch = lambda _epoch, _page, _ids: None
    model.message(0)
    epoch = model.epoch
    model.set_ids(ids)
    assert not model.add_page(epoch, 1, rows)  # asked for before set_ids
    model.message(0)
    assert model.add_page(model.epoch, 1, store.rows_by_ids(ids[PAGE_SIZE:2 * PAGE_SIZE]))
    assert model.message(PAGE_SIZE).id == ids[PAGE_SIZE]  # type: ignore[union-attr]


def test_closing_has_the_gui_thread_delete_the_relay(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The relay was deleted by whichever thread dropped the last reference (the worker's end),
    # while the GUI thread handled its queued events: a crash seen in CI.
    from shiboken6 import isValid

    from client.store.db import Store
    from ui.models.message_list import MessageListModel
    from ui.models.page_prefetch import PagePrefetcher

    db = tmp_path / "cache.db"
    Store.open(db).close()
    model = MessageListModel(lambda ids: [], "en_US", None, None)
    pages = PagePrefetcher(model, db, lambda: False)
    relay = pages._relay
    pages.close()
    pages.close()  # idempotent
    assert isValid(relay)  # not yet: queued deliveries go first
    qtbot.waitUntil(lambda: not isValid(relay), timeout=5000)
    pages._worker.join(5)
    assert not pages._worker.is_alive()
