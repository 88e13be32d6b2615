"""How Tradewind starts its own child processes: the interpreter with ``-m`` from source, the
app's own executable with its hidden-mode arguments when frozen; extra arguments follow."""

from __future__ import annotations

import sys

import pytest

from client.child_command import command_for


def test_from_source_the_module_runs_under_this_interpreter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert command_for("client.sync.index_worker", ["--index-child"], "cache.db") == [
        sys.executable, "-m", "client.sync.index_worker", "cache.db"]


def test_a_frozen_app_runs_itself_with_the_hidden_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert command_for("client.jobs.persistent_child", ["--sync-child", "--persistent"]) == [
        sys.executable, "--sync-child", "--persistent"]
