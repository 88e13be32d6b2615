"""Charsets that browsers dropped for HTML, refused for text/html parts (checklist H7).

The WHATWG Encoding Standard knows no UTF-7 (a UTF-7 ``<meta>`` once turned ``+ADw-script``
into ``<script>``), maps the ISO-2022-KR/CN and HZ labels to "replacement", and the HTML
standard forbids UTF-7, UTF-32, CESU-8, BOCU-1, SCSU and EBCDIC. An HTML part declared in one
of these is shown as plain text; a ``<meta>`` naming one is ignored. Pure, any thread.
"""

from __future__ import annotations

import codecs

# Labels, lower-cased (several have no Python codec at all).
_REFUSED_LABELS = frozenset(
    {
        "utf-7", "utf7", "unicode-1-1-utf-7", "unicode-2-0-utf-7", "csunicode11utf7",
        "x-unicode20utf7", "x-unicode20-utf7", "x-imap4-modified-utf7", "imap4-modified-utf7",
        "utf-7-imap", "bocu-1", "csbocu-1", "csbocu1", "scsu", "cesu-8", "cesu8", "csunicode11",
        "utf-32", "utf32", "utf-32le", "utf-32be", "ucs-4", "ucs4", "iso-10646-ucs-4",
        # WHATWG "replacement" labels
        "csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr",
        "replacement",
    }
)
# Python codec names reached through other aliases (e.g. "utf_7", "ebcdic-cp-us").
_REFUSED_CODECS = frozenset(
    {
        "utf-7", "utf-32", "utf-32-le", "utf-32-be", "hz", "iso2022_kr",
        "cp037", "cp273", "cp424", "cp500", "cp875", "cp1026", "cp1140",
    }
)


def _label(name: str) -> str:
    return name.strip().strip("\"'").strip().lower().split("*", 1)[0]


def refused_for_html(charset: str | None) -> bool:
    """True if an HTML part must not be rendered as HTML in ``charset`` (None: no charset)."""
    if not charset:
        return False
    label = _label(charset)
    if label in _REFUSED_LABELS:
        return True
    try:
        return codecs.lookup(label).name in _REFUSED_CODECS
    except (LookupError, ValueError):
        return False
