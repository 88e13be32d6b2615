"""Charsets refused for HTML parts (checklist H7): UTF-7 and what WHATWG dropped."""

from __future__ import annotations

import pytest

from client.mime.html_charsets import refused_for_html


@pytest.mark.parametrize(
    "label",
    ["utf-7", "UTF-7", '"utf-7"', "x-imap4-modified-utf7", "csunicode11utf7",
     "unicode-1-1-utf-7", "utf_7", "bocu-1", "scsu", "cesu-8", "utf-32", "hz-gb-2312",
     "iso-2022-kr", "iso-2022-cn", "replacement", "cp037", "ebcdic-cp-us", "utf-7*en"],
)
def test_dropped_charsets_are_refused(label: str) -> None:
    assert refused_for_html(label)


@pytest.mark.parametrize(
    "label", [None, "", "utf-8", "gb2312", "gb18030", "big5", "iso-2022-jp", "shift_jis",
              "windows-1252", "iso-8859-1", "koi8-r", "garbage-charset", "utf-16"],
)
def test_charsets_browsers_keep_are_allowed(label: str | None) -> None:
    assert not refused_for_html(label)
