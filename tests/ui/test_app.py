"""``ui.app``: options, the demo profile and the window it opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.paths import DATABASE_NAME
from client.store.db import Store
from ui.app import create_window, parse_app_args, prepare_profile
from ui.dates import babel_locale


def test_options_and_unknown_cli_options() -> None:
    args = parse_app_args(["--demo", "--profile", "somewhere", "--json"])
    assert args.demo and args.profile == Path("somewhere")
    assert not parse_app_args([]).demo


def test_demo_builds_in_the_named_profile_and_reuses_it(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    profile, demo = prepare_profile(parse_app_args(["--demo", "--profile", str(target)]))
    assert demo and profile == target
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
    first, _ = prepare_profile(parse_app_args(["--demo"]))
    second, _ = prepare_profile(parse_app_args(["--demo"]))
    assert first != second and first.parent == tmp_path
    assert (first / DATABASE_NAME).exists()


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
