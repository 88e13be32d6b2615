"""The rep's time zone setting: stored canonical, the computer's zone without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.meetings import rep_zone as module
from client.meetings.rep_zone import KEY, rep_zone, set_rep_zone
from client.meetings.zones import ZoneError
from client.store.db import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "t.db") as opened:
        yield opened  # type: ignore[misc]


def test_without_a_setting_the_computer_zone_is_used(store: Store,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "computer_zone", lambda: "America/Sao_Paulo")
    assert rep_zone(store) == module.RepZone("America/Sao_Paulo", "computer")


def test_a_windows_name_is_stored_canonical_and_wins(store: Store,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "computer_zone", lambda: "UTC")
    assert set_rep_zone(store, "China Standard Time").zone == "Asia/Shanghai"
    assert store.get_setting(KEY) == "Asia/Shanghai"
    assert rep_zone(store) == module.RepZone("Asia/Shanghai", "setting")
    assert set_rep_zone(store, None) == module.RepZone("UTC", "computer")
    assert store.get_setting(KEY) is None


def test_a_bad_zone_is_refused_and_the_old_one_kept(store: Store) -> None:
    set_rep_zone(store, "Asia/Kolkata")
    with pytest.raises(ZoneError):
        set_rep_zone(store, "IST")
    assert rep_zone(store).zone == "Asia/Kolkata"


def test_a_stored_value_that_is_no_zone_falls_back(store: Store,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "computer_zone", lambda: "Europe/Berlin")
    store.set_setting(KEY, "Mars/Olympus")
    assert rep_zone(store) == module.RepZone("Europe/Berlin", "computer")
