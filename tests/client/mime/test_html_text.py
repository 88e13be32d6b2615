"""One HTML-to-text converter for the composer, the reader and search (issue 10)."""

from __future__ import annotations

import client.compose.build as compose_build
import client.mime.text as mime_text
from client.mime import ParsedHeaders, ParsedMessage, body_search_text, preview_text
from client.mime.html_text import html_to_text

HEADERS = ParsedHeaders("", (), (), (), (), (), None, None, None, (), ())


def _html_only(html: str) -> ParsedMessage:
    return ParsedMessage(HEADERS, None, html, (), (), False)


def test_the_composer_and_the_reader_use_the_same_converter() -> None:
    assert compose_build.html_to_text is html_to_text
    assert mime_text.html_to_text is html_to_text


def test_structure_is_kept() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body><p>Dear  Hans,</p>"
        "<ul><li>FOB</li><li>CIF</li></ul><table><tr><td>Item</td><td>Price</td></tr>"
        "<tr><td>LED</td><td>$2</td></tr></table><pre>  a  b\n  c</pre>"
        "<blockquote>old<br>text</blockquote><script>alert(1)</script></body></html>"
    )
    assert html_to_text(html) == (
        "Dear Hans,\n\n- FOB\n- CIF\n\nItem\nPrice\nLED\n$2\n\n  a  b\n  c\n\n> old\n> text\n"
    )


def test_link_targets_follow_their_text_unless_shown() -> None:
    html = ('<p><a href="https://example.com/cat">catalogue</a> '
            '<a href="mailto:li@example.cn">li@example.cn</a></p>')
    assert html_to_text(html) == "catalogue (https://example.com/cat) li@example.cn\n"
    assert html_to_text(html, links=False) == "catalogue li@example.cn\n"


def test_an_unclosed_head_does_not_hide_the_body() -> None:
    assert html_to_text("<head><title>x<body>visible") == "visible\n"


def test_text_is_capped() -> None:
    assert len(html_to_text("<p>" + "x" * 5000 + "</p>" * 50, max_chars=100)) <= 5001
    assert html_to_text("<p>a</p>" * 1000, max_chars=10).count("a") <= 10


def test_search_text_has_no_link_targets_and_previews_leave_quoted_html_out() -> None:
    message = _html_only('<p>Thanks, <a href="https://tracker.example/x">see</a></p>'
                         "<blockquote>your earlier offer</blockquote><p>Best</p>")
    assert body_search_text(message) == "Thanks, see > your earlier offer Best"
    assert preview_text(message) == "Thanks, see Best"
