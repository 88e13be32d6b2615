"""`after_sync` never raises: each step's failure (any `Exception`) is reported in words without
any part of the password and the next steps still run; `KeyboardInterrupt` passes. Against the
real submission server and Dovecot (the smtp tests' `rig`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import client.jobs.after_sync as after_sync_module
from client.jobs.after_sync import after_sync
from client.smtp.outbox import Outbox
from client.smtp.sender import FlushReport
from tests.client.smtp.rig import Rig
from tests.client.smtp.test_flush_contracts import FAULT_IDS, FAULTS, SECRET_PART


@pytest.mark.parametrize("make_fault", FAULTS, ids=FAULT_IDS)
@pytest.mark.parametrize("step", ["wake_network_waits", "flush_account", "push_account_drafts",
                                  "refresh_if_due"])
def test_after_sync_never_raises_and_reports_each_step_in_words(
    rig: Rig, monkeypatch: pytest.MonkeyPatch, make_fault: Callable[[], Exception],
    step: str,
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise make_fault()

    if step == "wake_network_waits":
        monkeypatch.setattr(Outbox, step, broken)
    elif step == "refresh_if_due":
        import client.signatures.provision as provision

        monkeypatch.setattr(provision, step, broken)
    else:
        monkeypatch.setattr(after_sync_module, step, broken)
    ran: list[str] = []
    if step != "flush_account":
        monkeypatch.setattr(after_sync_module, "flush_account",
                            lambda *a, **k: ran.append("flush") or FlushReport())
    if step != "push_account_drafts":
        monkeypatch.setattr(after_sync_module, "push_account_drafts",
                            lambda *a, **k: ran.append("drafts") or [])
    report = after_sync(rig.store, rig.account, SECRET_PART)
    assert any(type(make_fault()).__name__ in p for p in report.problems), report.problems
    for problem in report.problems:
        assert not any(ch in problem for ch in SECRET_PART if not ch.isascii())
    later = {"wake_network_waits": ["flush", "drafts"], "flush_account": ["drafts"],
             "push_account_drafts": ["flush"], "refresh_if_due": ["flush", "drafts"]}[step]
    assert ran == later  # the other steps still ran


def test_after_sync_lets_keyboard_interrupt_through(
    rig: Rig, monkeypatch: pytest.MonkeyPatch,
) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(after_sync_module, "flush_account", interrupted)
    with pytest.raises(KeyboardInterrupt):
        after_sync(rig.store, rig.account, rig.user.password)
