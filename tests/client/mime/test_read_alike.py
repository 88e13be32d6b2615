"""What a message says is read the same everywhere, header by header: the bug classes found
by the differential run against Python's `email` package (see test_differential.py)."""

from __future__ import annotations

import base64

from client.mime import parse_headers, parse_message
from client.mime.charsets import decode_bytes, guess_codec
from client.store.derive import header_block


def test_each_raw_header_is_decoded_on_its_own() -> None:
    raw = (
        "From: Jürgen Weiß <jw@lieferant.example>\r\n".encode()
        + "To: Anna Müller <am@kunde.example>\r\n".encode("latin-1")
        + "Subject: Größe\r\n\r\nbody\r\n".encode("latin-1")
    )
    headers = parse_headers(raw)
    assert headers.from_[0].name == "Jürgen Weiß"
    assert headers.to[0].name == "Anna Müller"
    assert headers.subject == "Größe"


def test_the_list_and_the_reader_read_the_same_header_when_only_the_body_declares_a_charset() -> None:
    raw = (
        b"From: a@x.example\r\n"
        + "Subject: Preisliste für Größe M\r\n".encode("latin-1")
        + b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=koi8-r\r\n\r\n"
        + "Прайс-лист".encode("koi8-r") + b"\r\n--b--\r\n"
    )
    listed = parse_headers(header_block(raw))  # what the store keeps for the list
    assert parse_headers(raw) == listed
    assert parse_message(raw).headers == listed
    assert listed.subject == "Preisliste für Größe M"


def test_latin1_text_is_not_guessed_as_cp1250() -> None:
    for text in ("Formação", "Formação profissional", "Olá João, a reunião", "café crème",
                 "Müller", "Grüße aus München"):
        data = text.encode("latin-1")
        assert decode_bytes(data, None)[0] == text
        raw = b"Subject: " + data + b"\r\n\r\n" + data + b"\r\n"
        assert parse_headers(raw).subject == text
        assert parse_message(raw).text == text + "\r\n"
    body = ("Olá João,\n\nSegue em anexo a proposta de formação profissional para a próxima "
            "reunião. Obrigado pela atenção.\n").encode("latin-1")
    assert decode_bytes(body, None)[0].startswith("Olá João")


def test_central_european_text_keeps_its_guess() -> None:
    for text in ("Łódź Gdańsk zażółć gęślą jaźń", "Příliš žluťoučký kůň úpěl ďábelské ódy",
                 "Dobrý den, posílám vám cenovou nabídku na zboží. Děkuji a přeji hezký den",
                 "Děkuji a přeji hezký den"):
        data = text.encode("cp1250")
        assert guess_codec(data) == "cp1250"
        assert decode_bytes(data, None)[0] == text


def test_a_charset_followed_by_a_comment_is_recognised() -> None:
    raw = (
        b"Subject: x\r\nMIME-Version: 1.0 (generated)\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1 (Latin 1)\r\n\r\n"
        + "Größe".encode("latin-1") + b"\r\n"
    )
    message = parse_message(raw)
    assert message.text == "Größe\r\n"
    assert not [w for w in message.warnings if "charset" in w]


def test_utf16_bodies_are_decoded_as_utf16() -> None:
    for charset, data in (("utf-16le", "Test".encode("utf-16-le")),
                          ("utf-16", "Test äö".encode("utf-16")),
                          ("utf-16be", "Test".encode("utf-16-be"))):
        raw = (b"Subject: x\r\nContent-Type: text/plain; charset=" + charset.encode()
               + b"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
               + base64.b64encode(data) + b"\r\n")
        assert parse_message(raw).text == data.decode(charset)


def test_an_inline_text_part_with_a_filename_is_shown() -> None:
    raw = (
        b'Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nHello\r\n"
        b'--b\r\nContent-Type: text/plain; name="notes.txt"\r\n'
        b'Content-Disposition: inline; filename="notes.txt"\r\n\r\nThe notes\r\n'
        b'--b\r\nContent-Type: text/plain; name="keep.txt"\r\n'
        b'Content-Disposition: attachment; filename="keep.txt"\r\n\r\nNot shown\r\n--b--\r\n'
    )
    message = parse_message(raw)
    assert message.text is not None
    assert "Hello" in message.text and "The notes" in message.text
    assert "Not shown" not in message.text
    assert [a.filename for a in message.attachments] == ["notes.txt", "keep.txt"]


def test_text_plain_is_preferred_to_text_enriched_in_an_alternative() -> None:
    raw = (
        b'Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b"\r\n'
        b"\r\n--b\r\nContent-Type: text/plain\r\n\r\nplain version\r\n"
        b"--b\r\nContent-Type: text/enriched\r\n\r\n<bold>rich</bold> version\r\n--b--\r\n"
    )
    assert parse_message(raw).text == "plain version"


def test_text_enriched_alone_is_shown_as_text_not_markup() -> None:
    raw = (
        b"Subject: x\r\nContent-Type: text/enriched\r\n\r\n"
        b"<bold>Hello</bold> <<you>\r\nsame line\r\n\r\n"
        b"<param>ignored</param><color><param>red</param>red</color> text\r\n"
    )
    text = parse_message(raw).text
    assert text is not None
    assert text.startswith("Hello <you> same line\n")
    assert "red text" in text
    assert "<bold>" not in text and "ignored" not in text


def test_a_cut_utf8_header_keeps_its_utf8_text() -> None:
    raw = "From: Юникод запрещен <h@x.example>\r\n\r\n".encode()
    raw = raw.replace("запрещен".encode(), "запрещен".encode() + b"\xf1")
    assert parse_headers(raw).from_[0].name == "Юникод запрещен\ufffd"


def test_text_labelled_base64_that_is_not_base64_is_shown_as_it_is() -> None:
    raw = (b"Subject: x\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           b"ploozdect  nispplul swunkglap zarplontruskdremp fruftsist\r\n")
    message = parse_message(raw)
    assert message.text == "ploozdect  nispplul swunkglap zarplontruskdremp fruftsist\r\n"
    assert "part 1: not base64, shown as it is" in message.warnings
    assert parse_message(b"Content-Transfer-Encoding: base64\r\n\r\nSGVsbG8gV29ybGQh\r\n").text == (
        "Hello World!"
    )


def test_html_source_labelled_text_plain_does_not_replace_the_text_alternative() -> None:
    raw = (
        b'Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b"\r\n'
        b"\r\n--b\r\nContent-Type: text/plain\r\n\r\nHello Bob,\r\n"
        b"--b\r\nContent-Type: text/plain\r\n\r\n<div dir=\"ltr\"><div>Hello Bob,</div></div>\r\n"
        b"--b--\r\n"
    )
    assert parse_message(raw).text == "Hello Bob,"
    alone = b"Subject: x\r\nContent-Type: text/plain\r\n\r\n<div>markup as text</div><p>x</p>\r\n"
    assert parse_message(alone).text == "<div>markup as text</div><p>x</p>\r\n"


def test_a_real_html_alternative_is_kept_beside_the_text() -> None:
    raw = (
        b'Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b"\r\n'
        b"\r\n--b\r\nContent-Type: text/plain\r\n\r\nHello Bob,\r\n"
        b"--b\r\nContent-Type: text/html\r\n\r\n<div><p>Hello Bob,</p></div>\r\n--b--\r\n"
    )
    message = parse_message(raw)
    assert (message.text, message.html) == ("Hello Bob,", "<div><p>Hello Bob,</p></div>")
