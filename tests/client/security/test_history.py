"""The rep's history keeps the contacts a display name can imitate: each name is looked up
once while the cache holds the same messages, and again once mail was added."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.security import history as history_module
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage


def _add(store: Store, folder: int, uid: int, raw: bytes) -> None:
    store.insert_messages(folder, [IncomingMessage(uid=uid, raw=raw)], uid)


def test_contacts_are_asked_once_per_name_and_again_after_new_mail(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[list[str]] = []
    real = history_module.contact_addresses_named

    def counting(store: Store, names: list[str]) -> dict[str, set[str]]:
        asked.append(list(names))
        return real(store, names)

    monkeypatch.setattr(history_module, "contact_addresses_named", counting)
    with Store.open(tmp_path / "cache.db") as store:
        account = store.add_account("rep@northwind-export.test")
        sent = store.upsert_folder(account.id, FolderRecord("Sent", "/", "sent"))
        _add(store, sent.id, 1, b"From: rep@northwind-export.test\r\n"
                                b"To: John Miller <john@acme-trading.com>\r\nSubject: Offer\r\n\r\nHi\r\n")
        past = history_module.history(store, account.id)
        assert past.contacts_named(store, ["John  Miller"]) == {"john miller": {"john@acme-trading.com"}}
        assert past.contacts_named(store, ["john miller", "Nobody Known"]) == {
            "john miller": {"john@acme-trading.com"}}
        assert past.contacts_named(store, ["Nobody Known"]) == {}
        assert asked == [["john miller"], ["nobody known"]]
        _add(store, sent.id, 2, b"From: rep@northwind-export.test\r\n"
                                b"To: John Miller <j.miller@acme-trading.com>\r\nSubject: Re\r\n\r\nHi\r\n")
        fresh = history_module.history(store, account.id)
        assert fresh is not past
        assert fresh.contacts_named(store, ["John Miller"]) == {
            "john miller": {"john@acme-trading.com", "j.miller@acme-trading.com"}}
        assert len(asked) == 3
