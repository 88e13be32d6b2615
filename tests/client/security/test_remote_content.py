"""The remote-content policy as pure logic: the allow list by address and @domain, what is
blocked and why, and the list kept in the settings table by address only."""

from __future__ import annotations

from pathlib import Path

import pytest

from client import settings
from client.security import remote_content as rc
from client.store.db import Store


@pytest.mark.parametrize(("senders", "allowed", "reason"), [
    (["li.wei@supplier.example"], {"li.wei@supplier.example"}, rc.SENDER_ALLOWED),
    (["Li.Wei@Supplier.EXAMPLE"], {"li.wei@supplier.example"}, rc.SENDER_ALLOWED),
    (["sales@supplier.example"], {"@supplier.example"}, rc.DOMAIN_ALLOWED),
    (["a@supplier.example", "b@supplier.example"], {"@supplier.example"}, rc.DOMAIN_ALLOWED),
    (["x@mail.supplier.example"], {"@supplier.example"}, rc.NOT_ALLOWED),  # subdomain: no
    (["x@evil.example"], {"li.wei@supplier.example"}, rc.NOT_ALLOWED),
    (["x@supplier.example.evil.example"], {"@supplier.example"}, rc.NOT_ALLOWED),
    (["li.wei@supplier.example", "x@evil.example"], {"li.wei@supplier.example"},
     rc.NOT_EVERY_SENDER),
    ([], {"li.wei@supplier.example"}, rc.NO_SENDER),
    (["Li Wei"], {"li.wei@supplier.example"}, rc.NO_SENDER),  # a name is never an address
])
def test_sender_reason(senders: list[str], allowed: set[str], reason: str) -> None:
    assert rc.sender_reason(senders, allowed) == reason
    assert rc.senders_allowed(senders, allowed) == (reason in (rc.SENDER_ALLOWED,
                                                               rc.DOMAIN_ALLOWED))


def test_decide_blocks_remote_pictures_unless_allowed() -> None:
    blocked = rc.decide(["x@evil.example"], 3, set())
    assert (blocked.blocked, blocked.count, blocked.reason) == (True, 3, rc.NOT_ALLOWED)
    assert not blocked.allowed
    assert blocked.to_json() == {"count": 3, "blocked": True, "reason": "sender-not-allowed",
                                 "message": "Remote pictures are blocked: the sender is not on "
                                            "the allow list."}
    once = rc.decide(["x@evil.example"], 3, set(), for_message=True)
    assert (once.blocked, once.reason, once.allowed) == (False, rc.ALLOWED_FOR_MESSAGE, True)
    trusted = rc.decide(["x@evil.example"], 1, {"@evil.example"})
    assert (trusted.blocked, trusted.reason) == (False, rc.DOMAIN_ALLOWED)
    none = rc.decide(["x@evil.example"], 0, set())
    assert (none.blocked, none.allowed, none.reason) == (False, False, rc.NO_REMOTE_CONTENT)


@pytest.mark.parametrize(("tag", "attr", "value", "remote"), [
    ("img", "src", "https://t.example/p.gif", True), ("img", "src", "HTTP://t.example/", True),
    ("img", "src", "//t.example/p.gif", True), ("img", "src", "ftp://t.example/p", True),
    ("img", "src", "cid:logo@x", False), ("img", "src", "data:image/png;base64,AA", False),
    ("a", "href", "https://t.example/", False),
])
def test_what_counts_as_a_remote_picture(tag: str, attr: str, value: str, remote: bool) -> None:
    assert rc.is_remote_reference(tag, attr, value) is remote


def test_the_allow_list_is_kept_by_address_and_domain(tmp_path: Path) -> None:
    db = tmp_path / "tradewind.db"
    Store.open(db).close()
    assert rc.allow_sender(db, " Li.Wei@Supplier.Example ") == ["li.wei@supplier.example"]
    with Store.open(db) as store:
        assert rc.allow_sender(store, "@News.Example") == ["@news.example",
                                                          "li.wei@supplier.example"]
        assert rc.allow_sender(store, "@news.example") == ["@news.example",
                                                          "li.wei@supplier.example"]  # idempotent
        for bad in ("Li Wei", "Li Wei <li.wei@supplier.example>", "supplier.example", "@"):
            with pytest.raises(settings.SettingError):
                rc.allow_sender(store, bad)
        assert rc.allowed_senders(store) == {"@news.example", "li.wei@supplier.example"}
        assert rc.disallow_sender(store, "LI.WEI@supplier.example") == ["@news.example"]
        assert store.get_setting(rc.SETTING_KEY) == ["@news.example"]  # stored as before
