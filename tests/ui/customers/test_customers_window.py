"""The customers window: the list built from the mail, a customer's history, editing the
stage, merging two customers, a bad value said in words (nothing changed)."""

from __future__ import annotations

from pathlib import Path

from client.customers.records import customer_of_address, get_customer
from client.store.db import Store
from client.store.records import IncomingMessage
from tests.client.customers.conftest import REP, raw_mail, seed
from ui.customers.window import CustomersWindow


def _cache(tmp_path: Path) -> Path:
    path = tmp_path / "tradewind.db"
    seed(path, [
        ("Hans <hans@kunde.de>", REP, "Pumps", "Mon, 30 Nov 2026 09:00:00 +0100"),
        ("Jo <jo@kunde.com>", REP, "Valves", "Tue, 01 Dec 2026 09:00:00 +0100"),
        ("Li <li@163.com>", REP, "询价", "Tue, 01 Dec 2026 09:00:00 +0800"),
    ], [(REP, "hans@kunde.de", "Re: Pumps", "Wed, 02 Dec 2026 09:00:00 +0800")])
    return path


def _open(qtbot, path: Path) -> CustomersWindow:  # type: ignore[no-untyped-def]
    window = CustomersWindow(path)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=10000):
        window.show()
    return window


def test_list_view_and_stage_edit(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _cache(tmp_path)
    window = _open(qtbot, path)
    names = [window.table.item(r, 0).text() for r in range(window.table.rowCount())]
    assert sorted(names) == ["Kunde *", "Kunde *", "Li"]  # kunde.de and kunde.com: duplicates?
    with Store.open(path) as store:
        hans = customer_of_address(store, "hans@kunde.de")
    assert hans is not None
    with qtbot.waitSignal(window.viewShown, timeout=10000):
        window.select_customer(hans.id)
    assert window.threads.count() == 1 and "(2)" in window.threads.item(0).text()
    assert "2 messages" in window.dates.text() and "2026-11-30" in window.dates.text()
    window.stage_field.setCurrentIndex(window.stage_field.findData("prospect"))
    window.zone_field.setText("Europe/Berlin")
    with qtbot.waitSignal(window.loaded, timeout=10000):
        window.save_button.click()
    with Store.open(path) as store:
        saved = get_customer(store, hans.id)
    assert (saved.stage, saved.zone) == ("prospect", "Europe/Berlin")
    with qtbot.waitSignal(window.openMessage) as opened:
        window.threads.itemDoubleClicked.emit(window.threads.item(0))
    assert opened.args[0] == window.view.threads[0].last_row  # type: ignore[union-attr]


def test_bad_zone_is_said_and_nothing_changes(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _cache(tmp_path)
    window = _open(qtbot, path)
    with Store.open(path) as store:
        li = customer_of_address(store, "li@163.com")
    assert li is not None
    with qtbot.waitSignal(window.viewShown, timeout=10000):
        window.select_customer(li.id)
    window.zone_field.setText("CST")
    window.save_button.click()
    qtbot.waitUntil(lambda: window.status.text().startswith("Not done"))
    with Store.open(path) as store:
        assert get_customer(store, li.id).zone is None


def test_merge_two_selected(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _cache(tmp_path)
    window = _open(qtbot, path)
    rows = [r for r in range(window.table.rowCount())
            if window.table.item(r, 0).text().startswith("Kunde")]
    window.table.setSelectionMode(window.table.SelectionMode.MultiSelection)
    for r in rows:
        window.table.selectRow(r)
    assert window.merge_button.isEnabled()
    with qtbot.waitSignal(window.loaded, timeout=10000):
        window.merge_button.click()
    assert window.table.rowCount() == 2
    with Store.open(path) as store:
        one = customer_of_address(store, "hans@kunde.de")
        two = customer_of_address(store, "jo@kunde.com")
    assert one is not None and two is not None and one.id == two.id


def test_a_lookalike_domain_is_marked_as_a_possible_impostor(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _cache(tmp_path)
    with Store.open(path) as store:
        inbox = store.folder_by_role(store.list_accounts()[0].id, "inbox")
        assert inbox is not None
        store.insert_messages(inbox.id, [IncomingMessage(
            uid=9, raw=raw_mail(9, "Hans <hans@kvnde.de>", REP, "Bank details changed",
                                "Wed, 02 Dec 2026 09:00:00 +0100"))], 9)
    window = _open(qtbot, path)
    tips = {window.table.item(r, 0).text(): window.table.item(r, 0).toolTip()
            for r in range(window.table.rowCount())}
    assert "impostor" in tips["Kvnde *"]
