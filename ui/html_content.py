"""Preparing a message's HTML for the reader: sanitised with an allow-list (nh3), ``cid:``
references pointed at our own scheme, remote references counted. Pure (no Qt), any thread.

The result is still shown in a view with JavaScript off and a request interceptor that blocks
every scheme but our own (``ui.html_view``): sanitising and blocking are two separate layers,
each enough to stop script and remote loads on its own (checklist H1-H3).
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field
from urllib.parse import quote

import nh3

MAIL_SCHEME = "twmail"
_REMOTE = ("http:", "https:", "//", "ftp:")
_SAFE_STYLE = frozenset(
    {
        "color", "background-color", "font", "font-family", "font-size", "font-style",
        "font-weight", "text-align", "text-decoration", "text-indent", "line-height",
        "letter-spacing", "vertical-align", "white-space", "direction", "margin", "margin-top",
        "margin-bottom", "margin-left", "margin-right", "padding", "padding-top",
        "padding-bottom", "padding-left", "padding-right", "border", "border-top",
        "border-bottom", "border-left", "border-right", "border-color", "border-style",
        "border-width", "border-collapse", "border-spacing", "border-radius", "width",
        "max-width", "min-width", "height", "display", "list-style-type",
    }
)
_GENERIC = {"style", "align", "valign", "bgcolor", "width", "height", "dir", "lang", "title"}
_EXTRA_TAGS = {"font", "tfoot"}
_TAG_ATTRIBUTES = {
    "img": {"src", "alt", "width", "height", "border"},
    "font": {"color", "face", "size"},
    "table": {"border", "cellpadding", "cellspacing"},
    "td": {"colspan", "rowspan", "nowrap"},
    "th": {"colspan", "rowspan", "nowrap"},
}


@dataclass
class PreparedHtml:
    """Sanitised HTML (a full document) and what was found in it."""

    html: str
    remote_urls: list[str] = field(default_factory=list)
    cid_refs: list[str] = field(default_factory=list)


def cid_url(document_key: str, content_id: str) -> str:
    """Our scheme's URL for an inline part of the document ``document_key``."""
    return f"{MAIL_SCHEME}://mail/{document_key}/cid/{quote(content_id, safe='')}"


def prepare_html(html: str, document_key: str, *, allow_remote: bool = False) -> PreparedHtml:
    """Sanitise ``html``: no script, no event handlers, no forms, frames, objects, ``<style>``
    blocks or unsafe CSS; ``cid:`` sources become ``twmail://`` URLs; remote sources are kept
    and listed in ``remote_urls``. They stay blocked (here by the page's Content Security
    Policy, in the view by the interceptor) unless ``allow_remote``, which lets remote
    *pictures* through the policy; the view must allow them too."""
    found = PreparedHtml("")
    attributes = deepcopy(nh3.ALLOWED_ATTRIBUTES)
    attributes.setdefault("*", set()).update(_GENERIC)
    for tag, names in _TAG_ATTRIBUTES.items():
        attributes.setdefault(tag, set()).update(names)

    def rewrite(tag: str, attr: str, value: str) -> str | None:
        if attr in ("src", "href", "background"):
            lowered = value.strip().lower()
            if lowered.startswith("cid:"):
                content_id = value.strip()[4:].strip("<>")
                found.cid_refs.append(content_id)
                return cid_url(document_key, content_id) if attr == "src" else None
            if tag == "img" and attr == "src" and lowered.startswith(_REMOTE):
                found.remote_urls.append(value.strip())
        return value

    body = nh3.clean(
        html,
        tags=set(nh3.ALLOWED_TAGS) | _EXTRA_TAGS,
        clean_content_tags={"script", "style", "title", "noscript", "template"},
        attributes=attributes,
        attribute_filter=rewrite,
        url_schemes={"http", "https", "mailto", "cid", MAIL_SCHEME},
        filter_style_properties=set(_SAFE_STYLE),
        strip_comments=True,
        link_rel="noopener noreferrer",
    )
    remote = " https: http:" if allow_remote else ""
    found.html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
        f"img-src {MAIL_SCHEME}: data:{remote}; style-src 'unsafe-inline'\">"
        "<style>body{font-family:sans-serif;font-size:14px;margin:8px;word-wrap:break-word}"
        "img{max-width:100%;height:auto}</style></head><body>"
        f"{body}</body></html>"
    )
    return found
