"""Search text and previews."""

from __future__ import annotations

from client.mime import ParsedHeaders, ParsedMessage, body_search_text, parse_message, preview_text

HEADERS = ParsedHeaders("", (), (), (), (), (), None, None, None, (), ())


def _message(text: str | None, html: str | None) -> ParsedMessage:
    return ParsedMessage(HEADERS, text, html, (), (), False)


def test_html_is_reduced_to_visible_text() -> None:
    html = (
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<script>alert('x')</script><p>Price&nbsp;list</p><div>集装箱  报价</div></body></html>"
    )
    assert body_search_text(_message(None, html)) == "Price\xa0list 集装箱 报价".replace(
        "\xa0", " "
    )


def test_unclosed_head_does_not_hide_the_body() -> None:
    assert body_search_text(_message(None, "<head><title>x<body>visible")) == "visible"


def test_text_part_is_preferred_and_capped() -> None:
    message = _message("plain  words\r\n\r\nmore", "<p>html</p>")
    assert body_search_text(message) == "plain words more"
    assert body_search_text(_message("x" * 500, None), max_chars=100) == "x" * 100


def test_preview_skips_quoted_lines() -> None:
    message = _message("Thanks!\n> old quoted text\n> more\nSee you", None)
    assert preview_text(message) == "Thanks! See you"
    assert preview_text(_message("y" * 1000, None), n=50) == "y" * 50
    assert preview_text(_message(None, None)) == ""


def test_search_text_of_a_parsed_html_only_message() -> None:
    raw = (
        b"Subject: s\r\nContent-Type: text/html\r\n\r\n"
        b'<meta charset="gb2312"><p>\xbc\xaf\xd7\xb0\xcf\xe4</p>'
    )
    assert body_search_text(parse_message(raw)) == "集装箱"


def test_format_flowed_paragraphs_are_joined() -> None:
    raw = (
        b"Content-Type: text/plain; charset=utf-8; format=flowed; delsp=no\r\n\r\n"
        b"Our offer is valid \r\nuntil Friday.\r\n>> older \r\n>> quote\r\n -- not a sig\r\n-- \r\nAnna"
    )
    assert parse_message(raw).text == (
        "Our offer is valid until Friday.\n>> older quote\n-- not a sig\n-- \nAnna"
    )


def test_format_flowed_delsp() -> None:
    raw = b"Content-Type: text/plain; format=flowed; delsp=yes\r\n\r\nsplit wo \r\nrd"
    assert parse_message(raw).text == "split word"
