"""The signature template language: `{{field}}` and `{{#field}}…{{/field}}`, plus HTML safety.

- `{{name}}` is replaced by the field's value, HTML-escaped in HTML forms (quotes too, so a value
  is safe inside an attribute) and verbatim in plain forms.
- `{{#name}}…{{/name}}` keeps its content only when the field has a value (a rep without a
  WeChat ID gets no "WeChat:" line). Sections do not nest with themselves.
- `{{logo}}` (HTML only) becomes the `<img src="cid:…">` of the policy's logo.

`check_template` refuses unknown placeholders, unbalanced sections and, in HTML, anything that
could load remote content or run code (images other than the logo, scripts, frames, event
handlers, `url(…)`, non-http(s)/mailto/tel links). Pure; any thread.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable, Mapping
from html.parser import HTMLParser

from client.i18n import _
from client.signatures.fields import ALL_PLACEHOLDERS

_TOKEN = re.compile(r"\{\{\s*([#/]?)\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_SECTION = re.compile(
    r"\{\{\s*#\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}(.*?)\{\{\s*/\s*\1\s*\}\}(\n?)", re.DOTALL)

_FORBIDDEN_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "link", "meta",
    "base", "form", "input", "button", "textarea", "select", "svg", "math", "video", "audio",
    "source", "picture", "img", "image", "template", "noscript",
}
_URL_ATTRS = {"href", "action", "formaction", "xlink:href", "poster", "cite", "longdesc"}
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")
# placeholders whose values are checked links, so they may stand alone in href="…"
LINK_PLACEHOLDERS = frozenset({"website", "linkedin", "phone_tel", "mobile_tel", "whatsapp_url"})
_MARK = "twplaceholder:"


class TemplateError(ValueError):
    """A template is not valid; `str()` says where and why."""


def check_template(source: str, where: str, *, is_html: bool) -> None:
    """Raise TemplateError if the template uses unknown names, unbalanced sections or unsafe
    HTML."""
    depth: list[str] = []
    for match in _TOKEN.finditer(source):
        kind, name = match.group(1), match.group(2)
        if name not in ALL_PLACEHOLDERS:
            raise TemplateError(_("{where}: unknown placeholder {{{{{name}}}}}.", where=where,
                                  name=name))
        if name == "logo" and (kind or not is_html):
            raise TemplateError(_("{where}: {{{{logo}}}} is only allowed in HTML forms.",
                                  where=where))
        if kind == "#":
            if name in depth:
                raise TemplateError(_("{where}: section {{{{#{name}}}}} is nested in itself.",
                                      where=where, name=name))
            depth.append(name)
        elif kind == "/":
            if not depth or depth[-1] != name:
                raise TemplateError(_("{where}: {{{{/{name}}}}} closes no open section.",
                                      where=where, name=name))
            depth.pop()
    if depth:
        raise TemplateError(_("{where}: section {{{{#{name}}}}} is never closed.", where=where,
                              name=depth[-1]))
    if is_html:
        marked = _TOKEN.sub(lambda m: "" if m.group(1) else _MARK + m.group(2) + " ", source)
        _HtmlSafety(where).check(marked)


class _HtmlSafety(HTMLParser):
    def __init__(self, where: str) -> None:
        super().__init__(convert_charrefs=True)
        self.where = where

    def check(self, source: str) -> None:
        lowered = source.lower()
        if "url(" in lowered or "expression(" in lowered or "@import" in lowered:
            raise TemplateError(_("{where}: CSS url()/expression()/@import is not allowed (it "
                                  "would load remote content).", where=self.where))
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _FORBIDDEN_TAGS:
            if tag == "img":
                raise TemplateError(_("{where}: <{tag}> is not allowed in a signature (the logo "
                                      "is added with {{{{logo}}}}).", where=self.where, tag=tag))
            raise TemplateError(_("{where}: <{tag}> is not allowed in a signature.",
                                  where=self.where, tag=tag))
        for name, value in attrs:
            if name.startswith("on") or name in {"src", "srcset", "background", "dynsrc",
                                                  "lowsrc", "data"}:
                raise TemplateError(_("{where}: the attribute {name}= is not allowed.",
                                      where=self.where, name=name))
            if name in _URL_ATTRS and value is not None:
                target = value.strip().lower()
                if target.startswith(_MARK):
                    name = target[len(_MARK):].split(" ")[0]
                    if name not in LINK_PLACEHOLDERS:
                        raise TemplateError(_(
                            "{where}: {{{{{name}}}}} cannot be a link target; use one of "
                            "{choices} or a fixed https:// link.", where=self.where, name=name,
                            choices=", ".join(sorted(LINK_PLACEHOLDERS))))
                elif not target.startswith(_SAFE_SCHEMES):
                    raise TemplateError(_("{where}: the link {link!r} must start with "
                                          "http://, https://, mailto: or tel:.",
                                          where=self.where, link=value))

    handle_startendtag = handle_starttag


def render(source: str, values: Mapping[str, str], *, is_html: bool,
           logo_html: Callable[[], str] | None = None) -> str:
    """Fill a checked template. Missing fields render as empty; values are escaped in HTML."""

    def section(match: re.Match[str]) -> str:
        inner, newline = match.group(2), match.group(3)
        if values.get(match.group(1)):
            return _SECTION.sub(section, inner) + newline
        at_line_start = match.start() == 0 or match.string[match.start() - 1] == "\n"
        return "" if at_line_start else newline  # an empty section line disappears whole

    expanded = source
    while True:
        replaced = _SECTION.sub(section, expanded)
        if replaced == expanded:
            break
        expanded = replaced

    def token(match: re.Match[str]) -> str:
        name = match.group(2)
        if name == "logo":
            return logo_html() if logo_html is not None else ""
        value = values.get(name, "")
        return html_lib.escape(value, quote=True) if is_html else value

    return _TOKEN.sub(token, expanded)
