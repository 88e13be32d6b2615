"""Putting a message body together: the rep's new text, the signature, then the quoted original.

The composer keeps the rep's own text (`DraftFields.text` / `.html`) apart from the quoted
original (`quote_text` / `quote_html`), so the signature always lands directly below the newest
text and above the quote, in new mail, replies and forwards. Pure; any thread.
"""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass

from client.compose.build import InlineImage
from client.mime.html_text import html_to_text

SIGNATURE_CLASS = "tw-signature"


@dataclass(frozen=True)
class SignatureBlock:
    """A rendered signature: HTML and plain forms plus the inline images its HTML references."""

    html: str
    text: str
    images: tuple[InlineImage, ...] = ()


@dataclass(frozen=True)
class Bodies:
    text: str
    html: str | None
    images: tuple[InlineImage, ...]


def signature_html(block: SignatureBlock) -> str:
    """The signature's HTML inside its marked container (what enforcement looks for)."""
    return f'<div class="{SIGNATURE_CLASS}">{block.html}</div>'


def signature_text(block: SignatureBlock) -> str:
    """The plain form after the standard "-- " separator line."""
    return "-- \n" + block.text.strip("\n") + "\n"


def assemble(
    text: str | None, html: str | None, quote_text: str | None, quote_html: str | None,
    signature: SignatureBlock | None, *, quote_first: bool = False,
) -> Bodies:
    """New text, then the signature, then the quote; HTML only when something is rich.
    ``quote_first`` (a reply written below the quote): the quote, the text, the signature."""
    own_text = text if text is not None else (html_to_text(html) if html is not None else "")
    parts = [own_text.rstrip("\n") + "\n"]
    if signature is not None:
        parts.append("\n" + signature_text(signature))
    if quote_text and quote_first:
        parts.insert(0, quote_text.rstrip("\n") + "\n\n")
    elif quote_text:
        parts.append("\n" + quote_text)
    plain = "".join(parts)
    rich: str | None = None
    if html is not None or quote_html is not None or signature is not None:
        own_html = html if html is not None else (
            "<div>" + html_lib.escape(own_text).replace("\n", "<br>") + "</div>")
        rich = own_html
        if signature is not None:
            rich += signature_html(signature)
        if quote_html and quote_first:
            rich = quote_html + rich
        elif quote_html:
            rich += quote_html
    return Bodies(plain, rich, signature.images if signature is not None else ())
