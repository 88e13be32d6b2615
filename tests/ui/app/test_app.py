"""``ui.app.main``: options, the demo profile and the window it opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.profile.paths import DATABASE_NAME
from client.store.db import Store
from ui.app.main import create_window, parse_app_args, prepare_profile
from ui.qt.dates import babel_locale


def test_options_and_unknown_cli_options() -> None:
    args = parse_app_args(["--demo", "--profile", "somewhere", "--json"])
    assert args.demo and args.profile == Path("somewhere")
    assert not parse_app_args([]).demo


def test_demo_builds_in_the_named_profile_and_reuses_it(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    prepared = prepare_profile(parse_app_args(["--demo", "--profile", str(target)]))
    assert prepared.demo and prepared.path == target and not prepared.temporary
    with Store.open(target / DATABASE_NAME) as store:
        (account,) = store.list_accounts()
        assert account.preset == "demo" and account.status == "offline"
        assert account.imap_host == ""
        count = store.conn.execute("SELECT count(*) FROM messages").fetchone()[0]
    assert 180 <= count <= 230
    prepare_profile(parse_app_args(["--demo", "--profile", str(target)]))  # idempotent
    with Store.open(target / DATABASE_NAME) as store:
        assert store.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == count


def test_demo_without_profile_uses_a_fresh_temporary_folder(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    first = prepare_profile(parse_app_args(["--demo"]))
    second = prepare_profile(parse_app_args(["--demo"]))
    assert first.path != second.path and first.path.parent == tmp_path
    assert first.temporary and (first.path / DATABASE_NAME).exists()


def test_demo_refuses_a_profile_with_real_accounts(tmp_path: Path) -> None:
    from client.demo import DemoProfileError

    with Store.open(tmp_path / DATABASE_NAME) as store:
        store.add_account("rep@company.example", imap_host="imap.company.example")
    with pytest.raises(DemoProfileError, match="real accounts"):
        prepare_profile(parse_app_args(["--demo", "--profile", str(tmp_path)]))


def test_window_title_names_tradewind(qtbot, demo_profile: Path) -> None:  # type: ignore[no-untyped-def]
    window = create_window(demo_profile, babel_locale("en_US"), demo=True)
    qtbot.addWidget(window)
    assert window.windowTitle().startswith("Tradewind")


def _close_windows_soon() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def close() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if w.windowTitle().startswith("Tradewind")]
        if windows and all(getattr(w, "list_source", None) is not None for w in windows):
            for window in windows:
                window.close()
        else:
            QTimer.singleShot(20, close)

    QTimer.singleShot(20, close)


@pytest.mark.full_app
def test_tradewind_demo_through_the_cli_opens_the_window(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from client.cli.main import main

    profile = tmp_path / "p"
    _close_windows_soon()
    assert main(["--demo", "--profile", str(profile)]) == 0
    assert (profile / DATABASE_NAME).exists()  # a named profile is kept


@pytest.mark.full_app
def test_temporary_demo_profile_is_removed_at_exit(qapp, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tempfile

    from ui.app.main import run

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    opened: list[Path] = []
    import ui.app.main

    real_prepare = ui.app.main.prepare_profile
    def recording_prepare(args):  # type: ignore[no-untyped-def]
        prepared = real_prepare(args)
        opened.append(prepared.path)
        return prepared

    monkeypatch.setattr(ui.app.main, "prepare_profile", recording_prepare)
    _close_windows_soon()
    assert run(["--demo"]) == 0
    assert opened and opened[0].parent == temp
    assert list(temp.iterdir()) == []


@pytest.mark.full_app
def test_unusable_profile_is_reported_in_words(qapp, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from ui.app.main import run

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    assert run(["--profile", str(not_a_dir)]) == 1
    assert "not a directory" in shown[0] and "not a directory" in capsys.readouterr().err
