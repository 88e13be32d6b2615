"""The composer's Send later: "At their 09:00" in one click (the recipient's zone), a chosen
time, the message waits in the outbox as `scheduled`; Send afterwards sends now again."""

from __future__ import annotations

import time
from pathlib import Path

from client.customers.send_time import buyer_morning
from client.smtp.outbox import Outbox
from client.store.db import Store


def _fill(composer: object, to: str) -> None:
    composer.to_field.setText(to)  # type: ignore[attr-defined]
    composer.subject_field.setText("Offer")  # type: ignore[attr-defined]
    composer.editor.setPlainText("Dear Hans, our offer follows.")  # type: ignore[attr-defined]


def test_at_their_nine_schedules_in_the_recipient_zone(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    composer = open_composer(demo_db)
    _fill(composer, "hans@kunde.de")
    with qtbot.waitSignal(composer.queued, timeout=20000) as queued:
        composer.send_later_button.their_morning.trigger()
    expected = buyer_morning("Europe/Berlin", "DE", time.time())
    with Store.open(demo_db) as store:
        item = Outbox(store).get(queued.args[0].outbox_id)
    assert item.state == "scheduled"
    assert item.send_at is not None and abs(item.send_at - expected) < 1


def test_a_chosen_time_and_an_unknown_zone(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    composer = open_composer(demo_db)
    _fill(composer, "someone@example.com")  # a generic domain: no zone to guess
    composer.send_later_button.their_morning.trigger()
    qtbot.waitUntil(lambda: composer.error_label.isVisible())
    assert "time zone of someone@example.com is not known" in composer.error_label.text()
    assert not composer.sent
    at = float(int(time.time()) + 7200)
    composer.send_later_button.ask_time = lambda: at
    with qtbot.waitSignal(composer.queued, timeout=20000) as queued:
        composer.send_later_button.choose.trigger()
    with Store.open(demo_db) as store:
        item = Outbox(store).get(queued.args[0].outbox_id)
    assert item.state == "scheduled" and item.send_at == at
