"""Ctrl-C during `tradewind sync`: the engine is asked to stop, the run ends with exit 130."""

from __future__ import annotations

import _thread
import threading
from collections.abc import Callable
from typing import Any

import pytest

from client.cli.errors import ExitCode
from client.sync import engine
from tests.client.cli.fixtures import CliResult

Cli = Callable[..., CliResult]


def test_ctrl_c_cancels_the_running_sync(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("account", "add", "--email", "rep@example.test", "--imap", "127.0.0.1:1",
               "--password-stdin", input="pw\n").code == 0
    seen: dict[str, Any] = {}

    def fake_sync(store_path: object, account: Any, password: str, *,
                  cancel: threading.Event, **_: object) -> engine.SyncReport:
        seen["password"] = password
        _thread.interrupt_main()  # what Ctrl-C does to the main thread
        seen["cancel_seen"] = cancel.wait(timeout=60)
        return engine.SyncReport(account.id, error="The sync was cancelled.", cancelled=True)

    monkeypatch.setattr(engine, "sync_account", fake_sync)
    result = cli("sync")
    assert seen == {"password": "pw", "cancel_seen": True}
    assert result.code == ExitCode.INTERRUPTED == 130
    assert "Cancelling" in result.err
    assert "next sync continues" in result.out
