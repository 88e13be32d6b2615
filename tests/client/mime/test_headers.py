"""parse_headers on the checklist files (M2, M4, M6, M7) and on small crafted inputs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from client.mime import Address, parse_headers, parse_message

from .corpus import local


def test_raw_8bit_gb2312_subject_decodes_to_chinese() -> None:
    headers = parse_headers(local("flanker/charset-gb2312.eml"))
    assert headers.subject.startswith("提示：您的企业")
    assert headers.from_ == (Address("腾讯企业邮箱", "10000@qq.com"),)


def test_declared_gb18030_keeps_the_classic_mojibake_consistently() -> None:
    headers = parse_headers(local("flanker/charset-gb2312-1.eml"))
    assert "锟斤拷" in headers.subject
    assert "\ufffd" not in headers.subject
    assert "\\x" not in headers.subject


@pytest.mark.parametrize(
    ("name", "subject"),
    [("spamscope/mail_test_9", "我把镜头拉近些"), ("spamscope/mail_test_12", "代开各地增值税发票")],
)
def test_rfc2047_gb2312_subjects(name: str, subject: str) -> None:
    assert parse_headers(local(name)).subject.startswith(subject)


def test_delivery_status_unlisted_recipients_does_not_break_headers() -> None:
    headers = parse_headers(local("mimekit/messages/delivery-status.txt"))
    assert headers.to == ()
    assert headers.from_ == (Address("The Post Office", "postmaster@mm1.sprynet.com"),)
    assert headers.subject == "email delivery error"


def test_recursed_qp_header_falls_back_to_text() -> None:
    headers = parse_headers(local("enmime/mail/qp-utf8-header-recursed.raw"))
    assert headers.subject == "MIME UTF8 Test ¢ More Text"
    assert headers.from_[0] == Address("James Hillyerd", "jamehi03@jamehi03lx.noa.com")
    assert headers.from_[1].email == "PIRARD@vm1.ulg.ac.be"
    assert headers.to == (Address("Mirosław Marczak", "marczak@inbucket.com"),)


def test_multiple_from_headers_are_all_kept_with_warnings() -> None:
    headers = parse_headers(local("thunderbird/message-window/evil.eml"))
    emails = [address.email for address in headers.from_]
    assert emails == ["from@example.com", "evil@example.com"]
    for label in ("From", "Subject", "Date", "Message-ID"):
        assert f"multiple {label} headers" in headers.warnings


def test_two_addresses_without_comma_are_both_listed() -> None:
    headers = parse_headers(local("ruby-mail/plain_emails/raw_email_multiple_from.eml"))
    assert [a.email for a in headers.from_] == ["tim@powerupdev.com", "concierge@powerupdev.com"]


@pytest.mark.parametrize(
    ("name", "field"),
    [("flanker/long-header.eml", "subject"), ("mimekit/messages/stack-overflow.txt", "to")],
)
def test_huge_headers_are_capped(name: str, field: str) -> None:
    raw = local(name)
    headers = parse_headers(raw)
    assert f"header truncated: {field}" in headers.warnings
    assert len(headers.subject) <= 64 * 1024
    message = parse_message(raw)
    assert message.truncated


def test_stack_overflow_to_keeps_first_address() -> None:
    headers = parse_headers(local("mimekit/messages/stack-overflow.txt"))
    assert headers.to[0] == Address("test", "test@test.com")


def test_crafted_headers() -> None:
    raw = (
        b'From: "Doe, John" <John.Doe@EXAMPLE.COM>\r\n'
        b"To: =?utf-8?q?A=2C_B?= <a@b.example>, plain@x.example (Comment Name), Group: c@d.example;\r\n"
        b"Subject: =?UTF-8?B?5oql5Lu3?=\r\n =?UTF-8?B?5Y2V?= and more\r\n"
        b"Date: Tue, 1 Jul 2025 10:00:00 +0800\r\n"
        b"Message-ID: <abc@host>\r\nIn-Reply-To: <p@host> (comment)\r\n"
        b"References: <r1@host>\r\n\t<p@host>\r\n\r\nbody"
    )
    headers = parse_headers(raw)
    assert headers.from_ == (Address("Doe, John", "John.Doe@example.com"),)
    assert headers.to == (
        Address("A, B", "a@b.example"),
        Address("", "plain@x.example"),  # a comment is never the name (I1 spoofing)
        Address("", "c@d.example"),
    )
    assert headers.subject == "报价单 and more"
    assert headers.date == datetime(2025, 7, 1, 2, 0, tzinfo=UTC)
    assert headers.message_id == "abc@host"
    assert headers.in_reply_to == "p@host"
    assert headers.references == ("r1@host", "p@host")
    assert headers.warnings == ()


def test_garbage_date_and_missing_headers() -> None:
    headers = parse_headers(b"Date: yesterday-ish\r\nSubject: x\r\n\r\n")
    assert headers.date is None
    assert headers.message_id is None
    assert headers.from_ == ()


def test_naive_date_is_taken_as_utc() -> None:
    headers = parse_headers(b"Date: Tue, 1 Jul 2025 10:00:00 -0000\r\n\r\n")
    assert headers.date == datetime(2025, 7, 1, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "raw", [b"", b"\r\n", b"\x00\xff\xfe", b":::\r\n", b" leading\r\nSubject: ok\r\n"]
)
def test_degenerate_inputs_never_raise(raw: bytes) -> None:
    parse_headers(raw)
    parse_message(raw)


def test_leading_continuation_line_is_ignored() -> None:
    assert parse_headers(b"   \r\nSubject: ok\r\n\r\n").subject == "ok"


def test_headers_only_parse_ignores_the_body() -> None:
    raw = b"Subject: hi\r\n\r\n" + b"Subject: not a header\r\n" * 10
    assert parse_headers(raw).subject == "hi"


def test_first_message_id_is_used_for_threading() -> None:
    raw = local("thunderbird/message-window/evil.eml")
    first = raw.split(b"Message-ID:", 1)[1].split(b">", 1)[0].strip().lstrip(b"<").decode()
    assert parse_headers(raw).message_id == first


def test_a_failing_header_falls_back_to_its_raw_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import client.mime.headers as headers_module

    def broken(*_args: object) -> None:
        raise AttributeError("simulated parser bug")

    monkeypatch.setattr(headers_module, "parse_address_list", broken)
    headers = parse_headers(b"To: unlisted-recipients:;\r\nSubject: still here\r\n\r\n")
    assert headers.to == (Address("unlisted-recipients:;", ""),)
    assert headers.subject == "still here"
    assert "could not parse header to" in headers.warnings


def test_utf7_and_raw_iso2022_headers() -> None:
    raw = b"Subject: =?utf-7?Q?Hi_+AMQ-?=\r\nX-Other: x\r\n\r\n"
    assert parse_headers(raw).subject == "Hi Ä"
    assert parse_headers(b"Subject: \x1b$B$9$_$^$;$s\x1b(B\r\n\r\n").subject == "すみません"


def test_a_line_starting_with_a_colon_does_not_end_the_header_block() -> None:
    raw = b"From: a@x.example\r\n: no name\r\n folded\r\nSubject: after\r\n\r\nbody\r\n"
    headers = parse_headers(raw)
    assert headers.subject == "after"
    assert headers.from_ == (Address("", "a@x.example"),)
    assert parse_message(raw).text == "body\r\n"


def test_from_with_space_before_colon_on_the_first_line_is_a_field() -> None:
    headers = parse_headers(b"From : Anna <anna@kunde.example>\r\nSubject: s\r\n\r\n")
    assert headers.from_ == (Address("Anna", "anna@kunde.example"),)
    assert headers.subject == "s"
