"""The rep's history keeps the contacts a display name can imitate: the Sent recipients are
read once while the cache holds the same messages (not once per name: that cost 64 ms a name
at 50,000 messages in the risk pass of a sync), and again once mail was added."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.security import history as history_module
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage


def _add(store: Store, folder: int, uid: int, raw: bytes) -> None:
    store.insert_messages(folder, [IncomingMessage(uid=uid, raw=raw)], uid)


def test_sent_contacts_are_read_once_per_history_and_again_after_new_mail(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []
    real = history_module.sent_contacts_by_name

    def counting(store: Store) -> dict[str, set[str]]:
        asked.append(1)
        return real(store)

    monkeypatch.setattr(history_module, "sent_contacts_by_name", counting)
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
        assert len(asked) == 1
        _add(store, sent.id, 2, b"From: rep@northwind-export.test\r\n"
                                b"To: John Miller <j.miller@acme-trading.com>\r\nSubject: Re\r\n\r\nHi\r\n")
        fresh = history_module.history(store, account.id)
        assert fresh is not past
        assert fresh.contacts_named(store, ["John Miller"]) == {
            "john miller": {"john@acme-trading.com", "j.miller@acme-trading.com"}}
        assert len(asked) == 2
