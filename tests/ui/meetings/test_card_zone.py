"""The reader's invitation card shows the rep's time in the zone setting (meet my-zone /
Calendar → Your time zone…), not the computer's."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel import Locale

from client.meetings import rep_zone
from client.store.db import Store
from tests.ui.reader.test_invitation_card import TEAMS, _cache
from ui.reader.content import load_reader_content
from ui.reader.pane import ReaderPane


@pytest.mark.parametrize(("zone", "words"), [("America/Sao_Paulo", "Brasilia"),
                                             ("Asia/Kolkata", "India")])
def test_the_card_uses_the_reps_zone_setting(qtbot, tmp_path: Path, zone: str,  # type: ignore[no-untyped-def]
                                             words: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rep_zone, "computer_zone", lambda: "UTC")
    path, row = _cache(tmp_path, "bart@example.com", TEAMS.read_bytes())
    with Store.open(path) as store:
        rep_zone.set_rep_zone(store, zone)
    pane = ReaderPane(Locale.parse("en_US"))
    qtbot.addWidget(pane)
    pane.invitation_card.db_path = path
    pane.show_content(load_reader_content(path, row))
    card = pane.invitation_card
    assert card.rep_zone == zone
    assert words in card.rep_time.text(), card.rep_time.text()
    assert card.card is not None and card.card.invitation is not None
    start = card.card.invitation.rep_time
    assert start is not None and str(start[0].tzinfo) == zone
