"""S3 in the app: a damaged cache at start-up is explained, and Rebuild (off the GUI thread)
keeps the local work; Quit leaves the file alone."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from client.profile.paths import DATABASE_NAME, ProfileLock
from client.store.damage_mark import damage_mark
from client.store.db import Store
from client.store.errors import StoreCorruptError
from client.store.recovery import QuarantineResult, quarantine_and_rebuild
from tests.client.store.test_rebuild import build_cache_with_local_work, damage_messages_sparing
from ui.app.cache_repair import CacheRepairDialog, cache_problem, offer_repair_if_damaged


@pytest.fixture
def damaged_profile(tmp_path: Path) -> Path:
    """A profile whose cache has damaged message pages that a read already met."""
    profile = tmp_path / "damaged-profile"
    profile.mkdir()
    database = profile / DATABASE_NAME
    built = build_cache_with_local_work(database)
    damage_messages_sparing(database, {built["moved"]})
    with Store.open(database) as store, pytest.raises(StoreCorruptError):
        store.conn.execute("SELECT raw FROM bodies").fetchall()
    assert damage_mark(database) is not None
    return profile


def _outbox_count(database: Path) -> int:
    with Store.open(database) as store:
        return int(store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0])


def test_cache_problem_sound_foreign_and_damaged(tmp_path: Path, damaged_profile: Path) -> None:
    sound = tmp_path / "sound.db"
    Store.open(sound).close()
    assert cache_problem(sound) is None
    foreign = tmp_path / "foreign.db"
    foreign.write_bytes(b"not a database at all " * 40)
    assert cache_problem(foreign)
    assert cache_problem(damaged_profile / DATABASE_NAME) == "database disk image is malformed"


def test_rebuild_runs_off_the_gui_thread_and_keeps_local_work(qtbot, damaged_profile: Path) -> None:  # type: ignore[no-untyped-def]
    database = damaged_profile / DATABASE_NAME
    threads: list[threading.Thread] = []

    def spying_rebuild(path: Path) -> QuarantineResult:
        threads.append(threading.current_thread())
        return quarantine_and_rebuild(path)

    dialog = CacheRepairDialog(database, damaged_profile, "database disk image is malformed",
                               rebuild=spying_rebuild)
    qtbot.addWidget(dialog)
    assert "is damaged" in dialog.message.text() and "Rebuild keeps your drafts" in dialog.message.text()
    dialog.show()
    dialog.rebuild_button.click()
    assert not dialog.rebuild_button.isEnabled() and not dialog.quit_button.isEnabled()
    dialog.reject()  # Esc / the close button while it runs: ignored
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.finished_rebuild is not None, timeout=30000)
    assert threads and threads[0] is not threading.main_thread()
    text = dialog.message.text()
    assert "Outbox messages: 3" in text and "Drafts: 1" in text and "Queued changes: 2" in text
    assert dialog.continue_button.isVisibleTo(dialog) and not dialog.rebuild_button.isVisibleTo(dialog)
    assert _outbox_count(database) == 3
    assert cache_problem(database) is None
    with qtbot.waitSignal(dialog.accepted):
        dialog.continue_button.click()


def test_rebuild_refused_while_another_writer_holds_the_profile(qtbot, damaged_profile: Path) -> None:  # type: ignore[no-untyped-def]
    database = damaged_profile / DATABASE_NAME
    before = database.read_bytes()
    dialog = CacheRepairDialog(database, damaged_profile, "malformed")
    qtbot.addWidget(dialog)
    lock = ProfileLock(damaged_profile).acquire()
    try:
        dialog.rebuild_button.click()
        qtbot.waitUntil(lambda: dialog.rebuild_button.isEnabled(), timeout=30000)
    finally:
        lock.release()
    assert "could not be rebuilt" in dialog.message.text()
    assert "using this profile" in dialog.message.text()
    assert dialog.finished_rebuild is None and database.read_bytes() == before


def _answer_dialog(action: str) -> list[str]:
    """Click ``action`` ("quit" or "rebuild", then "continue") in the modal dialog when it
    shows; returns the texts it showed."""
    seen: list[str] = []

    def poll() -> None:
        dialog: Any = QApplication.activeModalWidget()
        if not isinstance(dialog, CacheRepairDialog):
            QTimer.singleShot(20, poll)
            return
        seen.append(dialog.message.text())
        if action == "quit":
            dialog.quit_button.click()
        elif dialog.finished_rebuild is None:
            if dialog.rebuild_button.isEnabled():
                dialog.rebuild_button.click()
            QTimer.singleShot(20, poll)
        else:
            seen.append(dialog.message.text())
            dialog.continue_button.click()

    QTimer.singleShot(20, poll)
    return seen


def test_quit_leaves_the_damaged_cache_alone(qapp, damaged_profile: Path) -> None:  # type: ignore[no-untyped-def]
    database = damaged_profile / DATABASE_NAME
    before = database.read_bytes()
    seen = _answer_dialog("quit")
    assert offer_repair_if_damaged(database, damaged_profile) is False
    assert seen and "malformed" in seen[0]
    assert database.read_bytes() == before


def test_start_up_offers_and_runs_the_rebuild(qapp, damaged_profile: Path) -> None:  # type: ignore[no-untyped-def]
    database = damaged_profile / DATABASE_NAME
    seen = _answer_dialog("rebuild")
    assert offer_repair_if_damaged(database, damaged_profile) is True
    assert "The cache was rebuilt" in seen[-1]
    assert _outbox_count(database) == 3
    assert offer_repair_if_damaged(database, damaged_profile) is True  # sound now: no dialog


@pytest.mark.full_app
def test_the_app_exits_9_when_the_rep_quits(qapp, damaged_profile: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from ui.app.main import run

    _answer_dialog("quit")
    assert run(["--profile", str(damaged_profile)]) == 9
    assert "tradewind cache rebuild" in capsys.readouterr().err


def test_dialog_in_chinese(qtbot, qapp, damaged_profile: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.qt.i18n import install_translators

    assert install_translators(qapp, "zh_CN")
    try:
        dialog = CacheRepairDialog(damaged_profile / DATABASE_NAME, damaged_profile, "malformed")
        qtbot.addWidget(dialog)
        assert dialog.rebuild_button.text() == "重建" and dialog.quit_button.text() == "退出"
        assert "已损坏" in dialog.message.text() and "malformed" in dialog.message.text()
    finally:
        install_translators(qapp, "en")


def test_damage_met_while_running_is_told_once(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.app.cache_repair import DamageWatcher

    database = tmp_path / "running" / DATABASE_NAME
    built = build_cache_with_local_work(database, messages=300)
    watcher = DamageWatcher(database)
    watcher.check_now()
    assert watcher.box is None  # sound: nothing to say
    damage_messages_sparing(database, {built["moved"]})
    with Store.open(database) as store, pytest.raises(StoreCorruptError):
        store.list_messages(None, limit=1000)  # e.g. the message list, or a sync child
    qtbot.waitUntil(lambda: watcher.box is not None and watcher.box.isVisible(), timeout=10000)
    assert watcher.box is not None
    text = watcher.box.text()
    assert "damaged" in text and "offer to rebuild" in text and "malformed" in text
    first = watcher.box
    watcher.check_now()
    assert watcher.box is first
    first.close()


def test_before_the_rebuild_only_rebuild_and_quit_are_offered(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # "Continue" before a rebuild would close the dialog as if it had been rebuilt
    dialog = CacheRepairDialog(tmp_path / DATABASE_NAME, tmp_path, "malformed")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.rebuild_button.isVisible() and dialog.quit_button.isVisible()
    assert not dialog.continue_button.isVisible()


def test_sqlite_reason_is_put_into_words_in_chinese(qtbot, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # SQLite's reason is English; the Chinese dialog says it in Chinese and keeps the original
    # for support
    from ui.qt.i18n import install_translators

    assert install_translators(qapp, "zh_CN")
    try:
        dialog = CacheRepairDialog(tmp_path / DATABASE_NAME, tmp_path,
                                   "database disk image is malformed")
        qtbot.addWidget(dialog)
        text = dialog.message.text()
        assert "文件的部分内容已损坏" in text and "database disk image is malformed" in text
    finally:
        install_translators(qapp, "en")


def test_the_outcome_is_shown_whole(qtbot, damaged_profile: Path) -> None:  # type: ignore[no-untyped-def]
    # the outcome is longer than the question: the dialog grows with it, never cuts it off
    dialog = CacheRepairDialog(damaged_profile / DATABASE_NAME, damaged_profile, "malformed")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.rebuild_button.click()
    qtbot.waitUntil(lambda: dialog.finished_rebuild is not None, timeout=30000)
    label = dialog.message
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    dialog.accept()
