"""Preparing a message's HTML for the reader: sanitised with the allow-list of
``client.security.html_sanitize`` (nh3), ``cid:`` references pointed at our own scheme, remote
references counted. Pure (no Qt), any thread.

Each body part is sanitised on its own (``prepare_parts``) and put in its own ``<div>``: nh3
closes whatever a part left open, so markup opened in one part can never swallow the next
part's text into an attribute or URL (EFAIL direct exfiltration, checklist H6). ``data:``
pictures (png, gif, jpeg, webp, bmp) are kept within ``MAX_DATA_IMAGE_CHARS`` each and
``MAX_DATA_DOCUMENT_CHARS`` per document (H4). Every link becomes
``twmail://mail/KEY/link/N``; ``links[N]`` holds its real target and its text, so a click can
be checked (``client.security.links``) before anything opens (H5).

The result is still shown in a view with JavaScript off and a request interceptor that blocks
every scheme but our own (``ui.reader.html_view``): sanitising and blocking are two separate layers,
each enough to stop script and remote loads on its own (checklist H1-H3).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from client.security.html_sanitize import (
    MAX_DATA_DOCUMENT_CHARS,
    MAX_DATA_IMAGE_CHARS,
    DataImageBudget,
    sanitise_part,
)
from client.security.link_texts import anchor_texts
from client.security.remote_content import is_remote_reference

__all__ = ["MAIL_SCHEME", "MAX_DATA_DOCUMENT_CHARS", "MAX_DATA_IMAGE_CHARS", "Link", "PreparedHtml",
           "cid_url", "link_index", "link_url", "plain_text_html", "prepare_html",
           "prepare_parts"]

MAIL_SCHEME = "twmail"
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    """One link of a document: its real target (as written) and its visible text."""

    href: str
    text: str


@dataclass
class PreparedHtml:
    """Sanitised HTML (a full document) and what was found in it."""

    html: str
    remote_urls: list[str] = field(default_factory=list)
    cid_refs: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)  # index N of twmail://mail/KEY/link/N
    dropped_data_images: int = 0  # data: pictures over the cap or of a refused type
    _link_targets: list[str] = field(default_factory=list, repr=False)
    _budget: DataImageBudget = field(default_factory=DataImageBudget, repr=False)


def link_url(document_key: str, index: int) -> str:
    """Our scheme's URL standing for link ``index`` of the document ``document_key``."""
    return f"{MAIL_SCHEME}://mail/{document_key}/link/{index}"


def link_index(url: str, document_key: str) -> int | None:
    """The link number in ``url`` if it is one of ``document_key``'s link URLs, else None."""
    prefix = f"{MAIL_SCHEME}://mail/{document_key}/link/"
    rest = url[len(prefix):] if url.lower().startswith(prefix.lower()) else ""
    return int(rest) if rest.isdigit() and len(rest) < 9 else None


def cid_url(document_key: str, content_id: str) -> str:
    """Our scheme's URL for an inline part of the document ``document_key``."""
    return f"{MAIL_SCHEME}://mail/{document_key}/cid/{quote(content_id, safe='')}"


def prepare_html(html: str, document_key: str, *, allow_remote: bool = False) -> PreparedHtml:
    """Sanitise ``html`` (one part) into a full document: no script, no event handlers, no
    forms, frames, objects, ``<style>`` blocks or unsafe CSS; ``cid:`` sources become
    ``twmail://`` URLs; remote sources are kept and listed in ``remote_urls``. They stay
    blocked (here by the page's Content Security Policy, in the view by the interceptor)
    unless ``allow_remote``, which lets remote *pictures* through the policy; the view must
    allow them too."""
    return prepare_parts([("html", html)], document_key, allow_remote=allow_remote)


def prepare_parts(
    parts: Sequence[tuple[str, str]], document_key: str, *, allow_remote: bool = False
) -> PreparedHtml:
    """One document from body parts ``(kind, content)`` (kind "html" or "text"), each
    sanitised alone and closed in its own ``<div class="tw-part">`` (see the module doc)."""
    found = PreparedHtml("")
    fragments = []
    for kind, content in parts:
        source = content if kind == "html" else plain_text_html(content)
        fragments.append(f'<div class="tw-part">{_sanitise(source, document_key, found)}</div>')
    found.links = _link_texts("".join(fragments), document_key, found._link_targets)
    remote = " https: http:" if allow_remote else ""
    found.html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
        f"img-src {MAIL_SCHEME}: data:{remote}; style-src 'unsafe-inline'\">"
        "<style>body{font-family:sans-serif;font-size:14px;margin:8px;word-wrap:break-word}"
        "img{max-width:100%;height:auto}</style></head><body>"
        f"{''.join(fragments)}</body></html>"
    )
    return found


def _sanitise(html: str, document_key: str, found: PreparedHtml) -> str:
    """One part through the shared allow-list (``client.security.html_sanitize``), links and
    ``cid:`` pictures pointed at our scheme; records what it found in ``found``."""

    def rewrite(tag: str, attr: str, value: str) -> str | None:
        lowered = value.lower()
        if lowered.startswith("cid:"):
            content_id = value[4:].strip("<>")
            found.cid_refs.append(content_id)
            return cid_url(document_key, content_id) if attr == "src" else None
        if tag == "a" and attr == "href":
            found._link_targets.append(value)
            return link_url(document_key, len(found._link_targets) - 1)
        if is_remote_reference(tag, attr, value):  # client.security.remote_content's rule
            found.remote_urls.append(value)
        return value

    cleaned = sanitise_part(html, found._budget, rewrite=rewrite)
    found.dropped_data_images = found._budget.dropped
    return cleaned


def _link_texts(html: str, document_key: str, targets: list[str]) -> list[Link]:
    texts = anchor_texts(html, lambda href: link_index(href, document_key), len(targets))
    return [Link(href, text) for href, text in zip(targets, texts, strict=True)]


def plain_text_html(text: str) -> str:
    """``text`` as escaped HTML with line breaks kept and web links made clickable.

    Only our own markup (``<a href>`` for http/https/www links) appears in the result, so it is
    safe to show in a QTextBrowser that loads no resources.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        out.append(html_lib.escape(text[last : match.start()]))
        url = match.group(0)
        href = url if url.lower().startswith("http") else f"https://{url}"
        out.append(f'<a href="{html_lib.escape(href, quote=True)}">{html_lib.escape(url)}</a>')
        last = match.end()
    out.append(html_lib.escape(text[last:]))
    return '<div style="white-space: pre-wrap">' + "".join(out) + "</div>"
