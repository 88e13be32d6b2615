"""XOAUTH2 and OAUTHBEARER initial responses (RFC 7628) and the choice of mechanism."""

from __future__ import annotations

import pytest

from client.net import sasl


def test_xoauth2_has_the_google_microsoft_layout() -> None:
    assert sasl.xoauth2("rep@example.test", "tok") == b"user=rep@example.test\x01auth=Bearer tok\x01\x01"


def test_oauthbearer_escapes_the_authzid_and_names_host_and_port() -> None:
    assert sasl.oauthbearer("a,b=c@x.test", "tok", "imap.x.test", 993) == (
        b"n,a=a=2Cb=3Dc@x.test,\x01host=imap.x.test\x01port=993\x01auth=Bearer tok\x01\x01")


@pytest.mark.parametrize("offered, chosen", [
    (["PLAIN", "XOAUTH2"], "XOAUTH2"),
    (["oauthbearer", "xoauth2"], "OAUTHBEARER"),
    (["PLAIN", "LOGIN"], None),
])
def test_the_servers_list_decides(offered: list[str], chosen: str | None) -> None:
    assert sasl.choose(offered) == chosen


def test_a_token_with_a_control_character_is_refused_without_showing_it() -> None:
    with pytest.raises(sasl.SaslError) as caught:
        sasl.xoauth2("rep@example.test", "secret\x01more")
    assert "secret" not in str(caught.value)
