"""The reader's fraud warning bar, its buttons, the bank-details dialog and the list's risk icon
(issue 19), on the synthetic fraud set (tests/client/security/fraud_cases.py)."""

from __future__ import annotations

from pathlib import Path

from babel import Locale

from client.security import risk_store
from client.security.risk import RULES_VERSION
from client.store.db import Store
from tests.client.security.fraud_cases import build_cases
from ui.models.message_list import COL_FROM, MessageListModel
from ui.reader.bank_details_dialog import BankDetailsDialog
from ui.reader.content import load_reader_content
from ui.reader.pane import ReaderPane


def _profile(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "tradewind.db"
    with Store.open(path) as store:
        return path, {c.label: c.row_id for c in build_cases(store)}


def _dialog(qtbot, tmp_path: Path, label: str) -> tuple[Path, BankDetailsDialog]:  # type: ignore[no-untyped-def]
    """The bank-details dialog of one message of the set, its lists loaded."""
    path, ids = _profile(tmp_path)
    with Store.open(path) as store:
        row = store.get_message(ids[label])
    assert row is not None
    dialog = BankDetailsDialog(path, row)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
    return path, dialog


def test_the_bar_shows_reasons_and_advice_and_never_hides_the_message(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, ids = _profile(tmp_path)
    pane = ReaderPane(Locale.parse("en"))
    qtbot.addWidget(pane)
    pane.risk_bar.db_path = path
    content = load_reader_content(path, ids["bank change from a lookalike, en"])
    assert content.risk is not None and content.risk["level"] == "high"
    pane.show_content(content)
    bar = pane.risk_bar
    assert not bar.isHidden()
    assert "payment fraud" in bar.title.text()
    assert bar.reasons.text().startswith("• The sender's domain imitates one you correspond "
                                         "with: acme-tradinq.com ≈ acme-trading.com.")
    assert "(and 3 more: point here to see them)" in bar.reasons.text()
    assert bar.reasons.toolTip().count("•") == 4 and "new bank account" in bar.reasons.toolTip()
    assert "by phone" in bar.advice.text()
    assert "new bank account" in pane.body.toPlainText()  # the message is shown as it is
    assert bar.trust_button.text() == "This is really our buyer"
    assert "Trust acme-tradinq.com:" in bar.trust_button.toolTip()
    pane.show_content(load_reader_content(path, ids["thread reply 0 (acme-trading.com)"]))
    assert bar.isHidden()


def test_trust_is_stored_and_undoable_from_the_bar(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, ids = _profile(tmp_path)
    pane = ReaderPane(Locale.parse("en"))
    qtbot.addWidget(pane)
    pane.risk_bar.db_path = path
    pane.show_content(load_reader_content(path, ids["lookalike domain acme-tradinq.com"]))
    bar = pane.risk_bar
    assert not bar.isHidden()
    bar.trust_button.click()
    qtbot.waitUntil(lambda: bar.isHidden(), timeout=10_000)
    with Store.open(path) as store:
        assert risk_store.allowed(store) == {"@acme-tradinq.com"}
    assert not bar.undo_button.isHidden()
    bar.undo_button.click()
    qtbot.waitUntil(lambda: not bar.isHidden(), timeout=10_000)
    with Store.open(path) as store:
        assert risk_store.allowed(store) == set()


def test_a_freemail_impostor_is_trusted_by_address_only(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, ids = _profile(tmp_path)
    pane = ReaderPane(Locale.parse("en"))
    qtbot.addWidget(pane)
    pane.show_content(load_reader_content(
        path, ids["display name of the buyer, other address (acme-trading.com)"]))
    assert pane.risk_bar.trust_button.toolTip().startswith(
        "Trust john.acme-trading@gmail.com:")


def test_the_dialog_confirms_and_removes_bank_details(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, dialog = _dialog(qtbot, tmp_path, "PDF invoice with a changed IBAN (lyonvins.fr)")
    assert [dialog.known.item(i).text() for i in range(dialog.known.count())] == [
        "IBAN  FR14…2606  (test)"]
    assert dialog.found.item(0).text() == "IBAN  FR76…0189"
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.loaded and dialog.known.count() >= 2, timeout=10_000)
    with Store.open(path) as store:
        assert {k.masked for k in risk_store.known_details(store, "lyonvins.fr")} >= {
            "FR14…2606", "FR76…0189"}
    dialog.known.setCurrentRow(0)
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.remove_button.click()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
    with Store.open(path) as store:
        assert "FR14…2606" not in {k.masked for k in risk_store.known_details(store, "lyonvins.fr")}


def test_the_list_shows_an_icon_for_risky_messages(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, ids = _profile(tmp_path)
    fraud, clean = ids["hijacked thread (acme-trading.com)"], ids["thread reply 0 (acme-trading.com)"]
    load_reader_content(path, fraud)  # the reader computes and caches the risk
    load_reader_content(path, clean)
    store = Store.open(path)
    try:
        model = MessageListModel(lambda wanted: store.rows_by_ids(wanted), Locale.parse("en"))
        model.risk_marks.source = lambda wanted: risk_store.cached_levels(store, wanted,
                                                                          RULES_VERSION)
        model.set_ids([fraud, clean])
        from PySide6.QtCore import Qt

        decoration = Qt.ItemDataRole.DecorationRole
        icon = model.data(model.index(0, COL_FROM), decoration)
        assert icon is not None and not icon.isNull()
        assert model.data(model.index(1, COL_FROM), decoration) is None
        assert "High risk of payment fraud" in str(
            model.data(model.index(0, COL_FROM), Qt.ItemDataRole.ToolTipRole))
        model.set_risk(clean, "warning")
        assert model.data(model.index(1, COL_FROM), decoration) is not None
    finally:
        store.close()


def test_the_list_computes_missing_risks_in_the_background(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from ui.models.risk_marks import compute_levels

    path, ids = _profile(tmp_path)
    fraud = ids["bank change from a lookalike, zh"]
    clean = ids["bank details unchanged, zh"]
    store = Store.open(path)
    try:
        model = MessageListModel(lambda wanted: store.rows_by_ids(wanted), Locale.parse("en"))
        model.risk_marks.source = lambda wanted: risk_store.cached_levels(store, wanted,
                                                                          RULES_VERSION)
        model.risk_marks.compute = lambda wanted: compute_levels(path, wanted)
        model.set_ids([fraud, clean])
        decoration = Qt.ItemDataRole.DecorationRole
        with qtbot.waitSignal(model.dataChanged, timeout=10_000):
            assert model.data(model.index(0, COL_FROM), decoration) is None  # not known yet
        icon = model.data(model.index(0, COL_FROM), decoration)
        assert icon is not None and not icon.isNull()
        assert model.data(model.index(1, COL_FROM), decoration) is None
        assert risk_store.cached_risk(store, fraud, RULES_VERSION) is not None  # for the reader
    finally:
        store.close()


def test_the_dialog_adds_a_typed_detail_and_refuses_a_bad_one(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, dialog = _dialog(qtbot, tmp_path, "thread reply 0 (acme-trading.com)")
    assert not dialog.confirm_button.isEnabled()  # nothing to confirm in this message
    dialog.value_field.setText("GB82 WEST 1234 5698 7654 33")  # a wrong checksum
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.loaded and not dialog.error.isHidden(), timeout=10_000)
    assert "not a valid IBAN" in dialog.error.text()
    assert dialog.value_field.text()  # the rep's text stays to be corrected
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("bic"))
    dialog.value_field.setText("BUKBGB22")
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.loaded and dialog.known.count() == 2, timeout=10_000)
    assert dialog.error.isHidden() and dialog.value_field.text() == ""
    with Store.open(path) as store:
        assert ("bic", "BUKBGB22") in {(k.kind, k.masked)
                                       for k in risk_store.known_details(store, "acme-trading.com")}


def test_the_message_menu_opens_the_dialog(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.mainwindow.window import MainWindow
    from ui.qt.dates import babel_locale
    from ui.qt.tasks import wait_for_background_tasks

    window = MainWindow(demo_db, babel_locale("en_US"), demo=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.list_source is not None, timeout=20_000)
    first = window.message_model.message_id_at(0)
    assert first is not None
    window.show_message(first)
    qtbot.waitUntil(lambda: window.reader.shown_id == first, timeout=20_000)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Message")
    action = next(a for a in menu.actions() if a.text() == "Known bank details of the sender…")
    action.trigger()
    qtbot.waitUntil(lambda: window.bank_details.dialog is not None
                    and window.bank_details.dialog.loaded, timeout=10_000)
    assert window.bank_details.dialog.isVisible()
    window.bank_details.dialog.reject()
    window.close()
    wait_for_background_tasks()
