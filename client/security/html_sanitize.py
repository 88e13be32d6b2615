"""The allow-list HTML sanitiser (nh3) for received HTML, one body part at a time.

Pure functions, any thread, no Qt; never raise on malformed HTML (nh3 parses like a browser).
Used by the reader (``ui.reader.html_content``, which rewrites links and ``cid:`` pictures through the
``rewrite`` hook) and by replies, forwards and reopened drafts (``quoted_parts_html``).

Each part is sanitised alone: nh3 closes whatever a part left open, so markup opened in one
part can never swallow the next part's text into an attribute or URL (EFAIL direct
exfiltration, checklist H6). Script, event handlers, forms, frames, objects, ``<style>``
blocks and CSS outside ``SAFE_STYLE`` go. ``data:`` pictures (png, gif, jpeg, webp, bmp) are
kept within ``MAX_DATA_IMAGE_CHARS`` each and ``MAX_DATA_DOCUMENT_CHARS`` per document (H4);
any other ``data:`` URL is dropped.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable, Iterable
from copy import deepcopy
from dataclasses import dataclass

import nh3

from client.mime.model import BodyPart

MAX_DATA_IMAGE_CHARS = 2 * 1024 * 1024  # one data: URL (about 1.5 MB of picture)
MAX_DATA_DOCUMENT_CHARS = 16 * 1024 * 1024  # all data: URLs of one document
PART_CLASS = "tw-part"
_DATA_IMAGE = re.compile(r"data:image/(?:png|gif|jpe?g|webp|bmp)(?:;[a-z0-9=._+-]*)*,", re.I)
SAFE_STYLE = frozenset(
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
_URL_ATTRIBUTES = ("src", "href", "background")
#: the classes Tradewind's own messages carry (signature, attribution, forward header, parts);
#: a reopened draft keeps them so the signature policy still finds its block
COMPOSE_CLASSES = frozenset({"tw-signature", "tw-attribution", "tw-forward-header", PART_CLASS})

#: ``rewrite(tag, attribute, value)`` for every ``src``/``href``/``background`` that is not a
#: ``data:`` URL: the value to keep, or None to drop the attribute
UrlRewrite = Callable[[str, str, str], "str | None"]


@dataclass
class DataImageBudget:
    """What the ``data:`` pictures of one document used (``chars``) and how many were dropped."""

    chars: int = 0
    dropped: int = 0


def _attributes() -> dict[str, set[str]]:
    attributes = deepcopy(nh3.ALLOWED_ATTRIBUTES)
    attributes.setdefault("*", set()).update(_GENERIC)
    for tag, names in _TAG_ATTRIBUTES.items():
        attributes.setdefault(tag, set()).update(names)
    return attributes


_ATTRIBUTES = _attributes()


def sanitise_part(html: str, budget: DataImageBudget, *, rewrite: UrlRewrite | None = None,
                  classes: Iterable[str] = ()) -> str:
    """One HTML part through the allow-list: a closed fragment. ``budget`` is shared by the
    parts of one document; ``classes`` lists the ``class`` values kept (none by default)."""

    def filter_url(tag: str, attr: str, value: str) -> str | None:
        # nh3 checks url_schemes before calling this; what it returns is not checked again.
        if attr not in _URL_ATTRIBUTES:
            return value
        stripped = value.strip()
        if stripped.lower().startswith("data:"):
            return _data_image(tag, attr, stripped, budget)
        return rewrite(tag, attr, stripped) if rewrite is not None else value

    kept = set(classes)
    return nh3.clean(
        html,
        tags=set(nh3.ALLOWED_TAGS) | _EXTRA_TAGS,
        clean_content_tags={"script", "style", "title", "noscript", "template"},
        attributes=_ATTRIBUTES,
        attribute_filter=filter_url,
        url_schemes={"http", "https", "mailto", "cid", "data"},
        filter_style_properties=set(SAFE_STYLE),
        strip_comments=True,
        link_rel="noopener noreferrer",
        allowed_classes={tag: kept for tag in ("div", "span", "p")} if kept else None,
    )


def _data_image(tag: str, attr: str, url: str, budget: DataImageBudget) -> str | None:
    """Keep a ``data:`` picture of an allowed type within the caps; drop anything else."""
    if tag != "img" or attr != "src":
        return None
    if (
        not _DATA_IMAGE.match(url)
        or len(url) > MAX_DATA_IMAGE_CHARS
        or budget.chars + len(url) > MAX_DATA_DOCUMENT_CHARS
    ):
        budget.dropped += 1
        return None
    budget.chars += len(url)
    return url


def _outgoing_url(tag: str, attr: str, value: str) -> str | None:
    """In a quote that is sent: links and web or ``cid:`` pictures stay as written; a source
    without a scheme (a relative or ``//host`` path) points nowhere in mail and would be read
    as a local file or share by a rich-text view, so it goes."""
    if tag == "a" and attr == "href":
        return value
    return value if value.lower().startswith(("http://", "https://", "cid:")) else None


def escaped_text_html(text: str) -> str:
    """A text part as escaped HTML, line breaks kept (no markup of the sender's)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return '<div style="white-space: pre-wrap">' + html_lib.escape(text) + "</div>"


def quoted_parts_html(parts: Iterable[BodyPart]) -> str | None:
    """A received message's body for a reply or forward quote, or a reopened draft: each part
    sanitised alone (text parts escaped) and closed in its own ``<div class="tw-part">``, in
    message order. None when no part is HTML (the caller quotes the plain text).

    Remote pictures stay in the HTML (the recipient's client decides); nothing here fetches
    them, and the composer's views load no resource but its own ``cid:`` pictures."""
    parts = tuple(parts)
    if not any(part.kind == "html" for part in parts):
        return None
    budget = DataImageBudget()
    fragments = []
    for part in parts:
        if part.kind == "html":
            inner = sanitise_part(part.content, budget, rewrite=_outgoing_url,
                                  classes=COMPOSE_CLASSES)
        else:
            inner = escaped_text_html(part.content)
        fragments.append(f'<div class="{PART_CLASS}">{inner}</div>')
    return "".join(fragments)
