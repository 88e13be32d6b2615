"""The demo profile written through the store: deterministic, offline, idempotent."""

from __future__ import annotations

import socket
from datetime import date
from pathlib import Path

import pytest

from client.demo import DemoProfileError, build_demo_profile
from client.mime import parse_message
from client.profile.paths import DATABASE_NAME
from client.store.db import Store

ANCHOR = date(2026, 11, 27)


def _snapshot(profile: Path) -> list[tuple[object, ...]]:
    with Store.open(profile / DATABASE_NAME) as store:
        return store.conn.execute(
            "SELECT f.name, m.uid, m.message_id, m.subject, m.flags_json, m.has_attachments, "
            "b.raw FROM messages m JOIN folders f ON f.id = m.folder_id "
            "JOIN bodies b ON b.message_id = m.id ORDER BY f.name, m.uid"
        ).fetchall()


def test_two_builds_give_identical_messages(tmp_path: Path) -> None:
    build_demo_profile(tmp_path / "a", anchor=ANCHOR)
    build_demo_profile(tmp_path / "b", anchor=ANCHOR)
    first, second = _snapshot(tmp_path / "a"), _snapshot(tmp_path / "b")
    assert first == second
    assert 180 <= len(first) <= 230


def test_build_never_touches_the_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the demo builder opened a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    summary = build_demo_profile(tmp_path, anchor=ANCHOR)
    assert sum(summary.counts.values()) > 180


def test_account_is_offline_demo_without_server_or_secret(tmp_path: Path) -> None:
    summary = build_demo_profile(tmp_path, anchor=ANCHOR)
    with Store.open(tmp_path / DATABASE_NAME) as store:
        (account,) = store.list_accounts()
        assert account.email == summary.email == "mei.lin@harbor-lighting.example"
        assert (account.preset, account.status, account.imap_host) == ("demo", "offline", "")
        roles = {f.name: f.role for f in store.folders(account.id)}
        assert roles["INBOX"] == "inbox" and roles["Sent"] == "sent" and roles["Drafts"] == "drafts"
        assert roles["Archive"] == "archive" and "Projects/Al Noor Hotel Dubai" in roles
        assert store.pending_index_count() == 0
        assert store.unread_counts()[store.folder_by_role(account.id, "inbox").id] > 0  # type: ignore[union-attr]


def test_every_stored_message_parses_and_is_searchable(tmp_path: Path) -> None:
    build_demo_profile(tmp_path, anchor=ANCHOR)
    for *_cols, raw in _snapshot(tmp_path):
        parsed = parse_message(bytes(raw))  # type: ignore[arg-type]
        assert parsed.headers.subject and not parsed.warnings
    with Store.open(tmp_path / DATABASE_NAME) as store:
        assert any("Quotation" in r.subject for r in store.search("quotation"))
        assert any(r.subject == "克雷默订单交期问题" for r in store.search("交期"))
        assert any("Bankverbindung" in r.subject for r in store.search("from:kraemer-llcht"))
        threads = {r.thread_id for r in store.search("subject:HL-Q2611-07")}
        assert len(threads) == 1  # the quote and the order reply share one conversation


def test_building_twice_is_a_no_op_and_real_profiles_are_refused(tmp_path: Path) -> None:
    first = build_demo_profile(tmp_path / "demo", anchor=ANCHOR)
    again = build_demo_profile(tmp_path / "demo", anchor=ANCHOR)
    assert first == again
    real = tmp_path / "real"
    real.mkdir()
    with Store.open(real / DATABASE_NAME) as store:
        store.add_account("rep@company.example")
    with pytest.raises(DemoProfileError, match="real accounts"):
        build_demo_profile(real, anchor=ANCHOR)


def test_demo_profile_has_a_personal_template_that_renders(tmp_path: Path) -> None:
    from client.templates import render_template
    from client.templates.context import context_from_message
    from client.templates.library import load_library

    profile = tmp_path / "demo"
    build_demo_profile(profile)
    library = load_library(profile)
    assert library.problems == ()
    variants = library.variants("price-update")
    assert variants["en"].origin == "personal" and variants["en"].category == "price-update"
    with Store.open(profile / "tradewind.db") as store:
        inbox = next(f for f in store.folders(store.list_accounts()[0].id) if f.role == "inbox")
        row = store.list_messages(inbox.id, limit=1)[0]
        ctx = context_from_message(store, row.id, lang="en")
    mail = render_template("price-update", "en", ctx, library)
    assert mail.subject and "price" in mail.text.lower()
    build_demo_profile(profile)  # a second build leaves the rep's copy alone
    assert load_library(profile).variants("price-update")["en"].origin == "personal"


def test_the_demo_has_a_small_price_list_and_keeps_a_changed_one(tmp_path: Path) -> None:
    from decimal import Decimal

    from client.quotes import products

    profile = tmp_path / "demo"
    build_demo_profile(profile, anchor=ANCHOR)
    with Store.open(profile / DATABASE_NAME) as store:
        listed = products.list_products(store)
        assert [p.sku for p in listed] == ["DRV-40W", "LED-PNL-60", "LED-TUBE-T8"]
        panel = products.get_product(store, "LED-PNL-60")
        assert panel.prices == {"USD": Decimal("18.50"), "EUR": Decimal("17.20")}
        assert panel.name_for("zh_CN") == "LED面板灯 60x60"
        products.save_products(store, [products.Product("OWN-1", {"": "Own product"},
                                                        prices={"USD": Decimal("1")})])
        store.conn.execute("DELETE FROM product_prices")
        store.conn.execute("DELETE FROM products WHERE sku != 'OWN-1'")
    build_demo_profile(profile, anchor=ANCHOR)  # reopening the demo keeps the rep's list
    with Store.open(profile / DATABASE_NAME) as store:
        assert [p.sku for p in products.list_products(store)] == ["OWN-1"]
