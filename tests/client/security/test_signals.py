"""The phishing signals of one message as data (client.security.signals): links whose text
shows another site, deceptive targets, sender warnings, Reply-To elsewhere, risky attachments
and blocked remote pictures, all from one parse."""

from __future__ import annotations

from client.mime import attachment_bytes, parse_message
from client.security.signals import message_signals, reply_to_differs

BANK = (
    b"From: Hausbank Service <service@hausbank-secure.example>\r\n"
    b"Reply-To: payments@collector.example\r\nTo: rep@example.test\r\n"
    b"Subject: Confirm your account\r\nMessage-ID: <p1@x.example>\r\n"
    b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
    b"--B\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    b'<p>Log in at <a href="https://login.evil.example/x">https://www.hausbank.example/login</a>'
    b' or <a href="https://www.hausbank.example@evil.example/">your account</a>.'
    b' <a href="https://www.hausbank.example/help">Help</a>'
    b' <a href="javascript:alert(1)">Run</a> <a href="update.exe">Update</a>'
    b'<img src="https://track.evil.example/open.gif"><img src="cid:logo@x"></p>\r\n'
    b"--B\r\nContent-Type: application/octet-stream\r\n"
    b'Content-Disposition: attachment; filename="Statement.pdf.exe"\r\n'
    b"Content-Transfer-Encoding: base64\r\n\r\nTVo=\r\n"
    b"--B\r\nContent-Type: application/pdf\r\n"
    b'Content-Disposition: attachment; filename="terms.pdf"\r\n\r\n%PDF\r\n--B--\r\n'
)


def _signals(raw: bytes, **options: object):  # type: ignore[no-untyped-def]
    parsed = parse_message(raw)
    return message_signals(parsed, raw, attachment_data=lambda p: attachment_bytes(raw, p),
                           **options)  # type: ignore[arg-type]


def test_every_kind_of_signal_from_one_parse() -> None:
    found = _signals(BANK)
    by_code = {(s.kind, s.code): s for s in found.signals}
    mismatch = by_code[("link", "text-mismatch")]
    assert mismatch.extra["href"] == "https://login.evil.example/x"
    assert mismatch.extra["text"] == "https://www.hausbank.example/login"
    assert mismatch.message == ("The link text shows www.hausbank.example, but the link opens "
                                "login.evil.example.")
    assert ("link", "user-info") in by_code
    # the sanitiser drops a javascript: link whole; a scheme-less one is never opened
    assert by_code[("link", "dangerous-scheme")].extra["href"] == "update.exe"
    assert found.links_checked == 4  # the honest Help link gives no signal
    reply = by_code[("reply-to", "reply-to-differs")]
    assert reply.detail == "payments@collector.example"
    attachment = by_code[("attachment", "double-extension")]
    assert attachment.extra == {"part_id": "2", "filename": "Statement.pdf.exe"}
    assert attachment.message.startswith("Statement.pdf.exe is a name that looks like a document")
    assert not any(s.extra.get("filename") == "terms.pdf" for s in found.signals)
    remote = by_code[("remote-content", "remote-content-blocked")]
    assert remote.detail == "1" and found.remote.blocked and found.remote.count == 1
    doc = found.to_json()
    assert doc["remote_content"]["reason"] == "sender-not-allowed"
    assert {"kind", "code", "detail", "message"} <= set(doc["signals"][0])


def test_allow_list_and_this_message_allowance_unblock_remote_pictures() -> None:
    assert not _signals(BANK, allowed={"@hausbank-secure.example"}).remote.blocked
    assert "remote-content-blocked" not in _signals(BANK, for_message=True).codes()


def test_sender_warnings_are_the_existing_ones() -> None:
    raw = (b'From: "ceo@yourco.example" <x@evil.example>\r\nTo: rep@example.test\r\n'
           b"Subject: Urgent\r\n\r\nPay today.\r\n")
    found = _signals(raw)
    assert [(s.kind, s.code, s.extra["address"]) for s in found.signals] == [
        ("sender", "name-contains-address", "x@evil.example")]


def test_a_plain_honest_message_has_no_signal() -> None:
    raw = (b"From: Li Wei <li.wei@supplier.example>\r\nReply-To: sales@supplier.example\r\n"
           b"To: rep@example.test\r\nSubject: Quote\r\n\r\nSee https://supplier.example/q\r\n")
    found = _signals(raw)
    assert found.signals == () and found.remote.reason == "no-remote-content"


def test_reply_to_rule() -> None:
    assert reply_to_differs("a@x.example", ["b@y.example"])
    assert reply_to_differs("a@x.example", ["b@x.example", "c@y.example"])
    assert not reply_to_differs("a@x.example", ["b@X.example"])
    assert not reply_to_differs("a@x.example", [])
