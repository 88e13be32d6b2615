"""The link block of an outgoing message: one entry per linked file with its name, size,
expiry date, SHA-256 and, when set, that the password is sent separately. Plain text and HTML
(no pictures, no tracking: only the link itself), in English or Simplified Chinese (the
language the message's signature uses; other languages get English). Pure functions, any
thread; never raise for an unknown language.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime

from babel.dates import format_date
from babel.numbers import format_decimal

from client.compose.quote_language import babel_locale
from client.uploads.links import LinkBlock


@dataclass(frozen=True)
class BlockWords:
    heading: str
    size: str
    expires: str
    never: str
    sha256: str
    password: str
    colon: str
    password_here: str


_ENGLISH = BlockWords(
    heading="Files shared as links:", size="Size", expires="Available until",
    never="no expiry date", sha256="SHA-256", colon=": ",
    password="The password for this link is sent to you separately.",
    password_here="Password",
)
_CHINESE = BlockWords(
    heading="以链接方式共享的文件：", size="大小", expires="有效期至", never="无到期日",
    sha256="SHA-256", colon="：", password="此链接的密码将另行发送给您。",
    password_here="密码",
)


def words_for(language: str) -> BlockWords:
    """Chinese words for any Chinese locale name, else English."""
    return _CHINESE if language.replace("-", "_").lower().startswith("zh") else _ENGLISH


def human_size(size: int, language: str) -> str:
    """Bytes as KB/MB/GB (1024-based, one decimal), e.g. "30.0 MB"."""
    units = ("bytes", "KB", "MB", "GB", "TB")
    value, unit = float(size), 0
    while value >= 1024 and unit < len(units) - 1:
        value, unit = value / 1024, unit + 1
    if unit == 0:
        return f"{size} {units[0]}"
    return f"{format_decimal(value, '0.0', locale=babel_locale(language))} {units[unit]}"


def _expiry(expires: float | None, language: str) -> str | None:
    if expires is None:
        return None
    day = datetime.fromtimestamp(expires, UTC).date()
    return format_date(day, "long", locale=babel_locale(language))


def _lines(block: LinkBlock, language: str) -> list[tuple[str, str]]:
    w = words_for(language)
    rows = [(w.size, human_size(block.size, language)),
            (w.expires, _expiry(block.expires, language) or w.never),
            (w.sha256, block.sha256)]
    return rows


def _password_rows(block: LinkBlock, w: BlockWords, password: str | None) -> list[str]:
    """The block's password line: the password itself (`password` given: the rep put it in
    the message), or that it is sent separately; nothing for a link without one."""
    if not block.password_sent_separately:
        return []
    return [f"{w.password_here}{w.colon}{password}"] if password else [w.password]


def render_text(blocks: list[LinkBlock], language: str, heading: str | None = None,
                password: str | None = None) -> str:
    """The plain-text link block (ends with a newline); `heading`: the rep's first line;
    `password`: shown under each protected link instead of "sent separately"."""
    w = words_for(language)
    out = [heading or w.heading, ""]
    for block in blocks:
        out.append(f"{block.file_name}")
        out.append(f"  {block.url}")
        out += [f"  {label}{w.colon}{value}" for label, value in _lines(block, language)]
        out += [f"  {row}" for row in _password_rows(block, w, password)]
        out.append("")
    return "\n".join(out)


def render_html(blocks: list[LinkBlock], language: str, heading: str | None = None,
                password: str | None = None) -> str:
    """The HTML link block: a heading and one list item per file; text and links only."""
    w = words_for(language)
    esc = html.escape
    items = []
    for block in blocks:
        details = "".join(f"<br>{esc(label)}{esc(w.colon)}{esc(value)}"
                          for label, value in _lines(block, language))
        note = "".join(f"<br>{esc(row)}" for row in _password_rows(block, w, password))
        items.append(f'<li><a href="{esc(block.url, quote=True)}">{esc(block.file_name)}</a>'
                     f"{details}{note}</li>")
    return (f'<div class="tradewind-links"><p>{esc(heading or w.heading)}</p><ul>{"".join(items)}</ul>'
            "</div>")
