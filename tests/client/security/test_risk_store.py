"""The fraud guard's own tables: bad entries refused in words, and a cache rebuild keeps the
rep's confirmed bank details, trusted senders and authserv-ids (they are local-only data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.security import risk_store
from client.security.bank_details import BankDetail
from client.store.db import Store
from client.store.recovery import quarantine_and_rebuild


def test_entries_are_checked(tmp_path: Path) -> None:
    with Store.open(tmp_path / "c.db") as store:
        for bad in ("", "no-dot", "a@b@c.com", "@"):
            with pytest.raises(ValueError):
                risk_store.allow(store, bad)
        with pytest.raises(ValueError, match="not a valid IBAN"):
            risk_store.parse_detail("iban", "DE00 1234")
        with pytest.raises(ValueError):
            risk_store.parse_detail("swift-code", "X")
        with pytest.raises(ValueError):
            risk_store.add_detail(store, "localhost", BankDetail("iban", "DE89370400440532013000"))
        assert risk_store.allow(store, "Mail.ACME.com") == "@acme.com"
        assert risk_store.allow(store, "@acme.com") == "@acme.com"  # idempotent
        assert risk_store.allowed(store) == {"@acme.com"}
        assert risk_store.trust_entry_for("Li@QQ.com") == "li@qq.com"
        assert risk_store.trust_entry_for("li@sales.acme.com") == "@acme.com"


def test_a_rebuild_keeps_the_fraud_guard_data(tmp_path: Path) -> None:
    path = tmp_path / "tradewind.db"
    with Store.open(path) as store:
        account = store.add_account("rep@northwind-export.test")
        risk_store.add_detail(store, "buyer@acme.com", BankDetail("iban", "DE89370400440532013000"),
                              source="phone")
        risk_store.allow(store, "acme-group.com")
        risk_store.set_authserv_id(store, account.id, "mx.provider.test")
    result = quarantine_and_rebuild(path)
    assert result is not None
    with Store.open(path) as store:
        assert [(k.domain, k.masked, k.source) for k in risk_store.known_details(store)] == [
            ("acme.com", "DE89…3000", "phone")]
        assert risk_store.allowed(store) == {"@acme-group.com"}
        account = store.get_account("rep@northwind-export.test")
        assert account is not None
        assert risk_store.authserv_id(store, account.id) == "mx.provider.test"


@pytest.mark.parametrize(("typed", "stored"), [
    ("mx.Google.com", "mx.google.com"), ("  mx.rep-provider.test. ", "mx.rep-provider.test"),
    ("", ""), ("邮件.中国", "xn--5nq051n.xn--fiqs8s")])
def test_an_authserv_id_is_a_server_name(typed: str, stored: str) -> None:
    assert risk_store.check_authserv_id(typed) == stored


@pytest.mark.parametrize("typed", ["mx example.com", "mx;example.com", "-mx.example.com",
                                   "a..b", "x" * 64 + ".com", "user@example.com"])
def test_anything_else_is_refused_in_words(typed: str) -> None:
    with pytest.raises(ValueError, match="is not a server name"):
        risk_store.check_authserv_id(typed)
