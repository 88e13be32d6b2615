"""The optional "Their time" list column: hidden until View → Their time column is checked,
then the buyer's weekday and clock beside each customer's message (the demo's Hans, whose
customer zone is Europe/Berlin), nothing beside the rep's own mail."""

from __future__ import annotations

import time

from client.customers.local_time import local_time
from ui.models.message_list import COL_THEIR_TIME


def test_the_column_shows_the_buyer_time_when_switched_on(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    model, view = window.message_model, window.message_view
    assert view.isColumnHidden(COL_THEIR_TIME)
    window.customers.their_time_action.setChecked(True)
    assert not view.isColumnHidden(COL_THEIR_TIME)

    def texts() -> dict[str, str | None]:
        out = {}
        for row in range(model.rowCount()):
            message = model.message(row)
            if message is not None:
                out[message.from_email] = model.index(row, COL_THEIR_TIME).data()
        return out

    qtbot.waitUntil(lambda: texts().get("hans.kraemer@kraemer-licht.example") is not None,
                    timeout=10000)
    shown = texts()["hans.kraemer@kraemer-licht.example"]
    lt = local_time("Europe/Berlin", "DE", time.time())
    assert shown is not None and lt.local.strftime("%a") in shown
    assert model.headerData(COL_THEIR_TIME, view.horizontalHeader().orientation()) == "Their time"
    window.customers.their_time_action.setChecked(False)
    assert view.isColumnHidden(COL_THEIR_TIME)
