"""Reply/forward rules: prefixes, recipients, threading headers, quoting."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from client.compose.headers import Recipient
from client.compose.reply import (
    Original,
    forward_subject,
    quote_html,
    quote_text,
    reply_recipients,
    reply_subject,
    threading_headers,
)
from client.mime.html_text import html_to_text

ME = Recipient("Anna", "anna@us.company.com")
BUYER = Recipient("Buyer", "buyer@importer.de")
OTHER = Recipient("Colleague", "joe@importer.de")


def _original(**kw: object) -> Original:
    base: dict[str, object] = dict(
        sender=(BUYER,), to=(ME, OTHER), cc=(Recipient("", "SALES@company.com"),), reply_to=(),
        subject="RFQ: 2x40HQ", date=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
        message_id="m1@importer.de", references=("m0@importer.de",), text="Line 1\n\nLine 3",
    )
    base.update(kw)
    return Original(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "subject",
    ["Quote", "Re: Quote", "RE: Quote", "AW: Quote", "回复: Quote", "答复：Quote", "Re: Re: Quote",
     "Re[2]: Quote", "转发: Quote", "Fwd: Re: Quote"],
)
def test_one_prefix(subject: str) -> None:
    assert reply_subject(subject) == "Re: Quote"
    assert forward_subject(subject) == "Fwd: Quote"


def test_reply_all_drops_own_addresses_and_honours_reply_to() -> None:
    own = {"anna@us.company.com", "sales@company.com"}
    to, cc = reply_recipients(_original(), own, reply_all=True)
    assert [p.email for p in to] == ["buyer@importer.de", "joe@importer.de"]
    assert cc == ()
    to, cc = reply_recipients(_original(reply_to=(Recipient("", "rfq@importer.de"),)), own, False)
    assert [p.email for p in to] == ["rfq@importer.de"] and cc == ()


def test_reply_to_own_sent_message_goes_to_its_recipients() -> None:
    sent = _original(sender=(ME,), to=(BUYER,), cc=())
    to, _ = reply_recipients(sent, {"anna@us.company.com"}, reply_all=False)
    assert [p.email for p in to] == ["buyer@importer.de"]


def test_threading_headers() -> None:
    irt, refs = threading_headers(_original())
    assert irt == "m1@importer.de"
    assert refs == ("m0@importer.de", "m1@importer.de")


def test_quoting_text_and_html() -> None:
    q = quote_text(_original())
    assert "Buyer <buyer@importer.de> wrote:" in q
    assert "> Line 1\n>\n> Line 3" in q
    h = quote_html(_original(text="<script>x</script>"))
    assert "<blockquote" in h and "&lt;script&gt;" in h


def test_html_to_text_keeps_structure() -> None:
    text = html_to_text(
        "<style>p{}</style><p>Hello <b>Hans</b>,</p><ul><li>FOB</li><li>CIF</li></ul>"
        '<p><a href="https://example.com/cat">catalogue</a></p><script>alert(1)</script>'
    )
    assert text == "Hello Hans,\n\n- FOB\n- CIF\n\ncatalogue (https://example.com/cat)\n"
