"""The main window reads its list's next pages ahead (``window.list_pages``, issue 17) and
stops that worker when it closes."""

from __future__ import annotations

from pathlib import Path

from client.demo.large import build_large_profile
from client.profile.paths import DATABASE_NAME
from ui.mainwindow.window import MainWindow
from ui.models.message_list import PAGE_SIZE
from ui.qt.dates import babel_locale
from ui.qt.tasks import wait_for_background_tasks


def test_the_window_list_reads_ahead_and_stops_on_close(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    profile = tmp_path / "profile"
    build_large_profile(profile, 1_500, index=False)
    window = MainWindow(profile / DATABASE_NAME, babel_locale("en_US"))
    qtbot.addWidget(window)
    try:
        model = window.message_model
        assert model.prefetch == window.list_pages.request
        biggest = window.store.conn.execute(
            "SELECT folder_id FROM messages GROUP BY folder_id ORDER BY count(*) DESC"
        ).fetchone()[0]
        window.show()
        window.select_folder(biggest)
        qtbot.waitUntil(lambda: window.list_source == ("folder", biggest))
        ids = model.ids()
        assert len(ids) > 2 * PAGE_SIZE
        model.message(0)
        qtbot.waitUntil(lambda: 1 in model._pages)  # read by the worker, added on the GUI thread
        assert model.pages_prefetched >= 1
        loaded = model.pages_loaded
        assert [model.message(r).id for r in range(PAGE_SIZE, 2 * PAGE_SIZE)] == (  # type: ignore[union-attr]
            ids[PAGE_SIZE:2 * PAGE_SIZE])
        assert model.pages_loaded == loaded  # page 1 needed no query on the GUI thread
        window.quit()
        window.list_pages._worker.join(10)
        assert not window.list_pages._worker.is_alive()
    finally:
        wait_for_background_tasks()
