"""Send-time enforcement of the company signature (called by `outgoing.pipeline.queue_message`).

1. `enforce_signature(store, identity, fields, offered)`: when a policy is in force, renders the
   signature for the sending identity (recipient language, reply form) and takes out of the rep's
   own text any copy of a signature block (an HTML `<div class="tw-signature">` or a plain
   "-- " block). A copy or an offered block that differs from the policy's (removed, edited,
   another signature) is replaced by the policy's and a notice says so in words. The returned
   fields and block then go through `compose.assemble`, which puts the block directly below the
   rep's new text and above the quote.
2. `confirm_signature(msg, enforced, fields)`: after the MIME is built, checks that the HTML part
   contains the block exactly, the plain part its text form exactly, the logo is a related part
   with the Content-ID the HTML references, and the block sits above the quote. Raises
   `ComposeError` (nothing is queued) if not.

Without a configured policy both are no-ops. A configured policy whose kept copy does not verify
stops queueing (`ComposeError`): mail never goes out without the company signature. Runs on the
caller's thread with its `Store`; no network.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from email.message import EmailMessage
from email.utils import getaddresses
from html.parser import HTMLParser

from client.compose.assemble import SIGNATURE_CLASS, SignatureBlock, signature_html, signature_text
from client.compose.drafts import DraftFields
from client.compose.headers import ComposeError
from client.i18n import N_, _
from client.mime.html_text import html_to_text
from client.signatures.personal import personal_block
from client.signatures.provision import policy_in_force, rep_values
from client.signatures.render import RenderedSignature, SignatureRequest, render_signature
from client.signatures.schema import PolicyError
from client.store.db import Store

log = logging.getLogger(__name__)


# The notices (message ids of client.i18n; `Enforced.notices` holds them translated into the
# process's language when the message was queued, the log keeps the English)
CHANGED_HTML_NOTICE = N_("The signature in the message was changed; the company signature was "
                         "restored (it is set by the company policy and cannot be edited).")
CHANGED_TEXT_NOTICE = N_("The plain-text signature in the message was changed; the company "
                         "signature was restored.")
OFFERED_NOTICE = N_("The signature offered for {identity} is not the company's; the company "
                    "signature (template {template!r}) was used instead.")


@dataclass(frozen=True)
class Enforced:
    fields: DraftFields  # the rep's own text with any signature copy taken out
    signature: SignatureBlock | None
    rendered: RenderedSignature | None  # None: no policy in force
    notices: tuple[str, ...]  # what was restored and why, for the rep (in its language)


class _SignatureFinder(HTMLParser):
    """Spans (start, end) of every `<div class="tw-signature">…</div>` in a piece of HTML."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.spans: list[tuple[int, int]] = []
        self._start: int | None = None
        self._depth = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        if self._start is not None:
            self._depth += 1
        elif SIGNATURE_CLASS in (dict(attrs).get("class") or "").split():
            self._start, self._depth = self._offset(), 1

    def handle_endtag(self, tag: str) -> None:
        if tag != "div" or self._start is None:
            return
        self._depth -= 1
        if self._depth == 0:
            offset = self._offset()
            end = self.source.find(">", offset)
            self.spans.append((self._start, len(self.source) if end < 0 else end + 1))
            self._start = None

    def finish(self) -> list[tuple[int, int]]:
        self.feed(self.source)
        self.close()
        if self._start is not None:  # never closed: everything after it is the block
            self.spans.append((self._start, len(self.source)))
        return self.spans


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def split_html(html: str | None) -> tuple[str | None, list[str], str]:
    """(the HTML before the first signature block, the blocks found, what followed them).

    What follows a block is usually a quote (a draft saved with its signature and reopened);
    the caller keeps it below the signature."""
    if not html:
        return html, [], ""
    spans = _SignatureFinder(html).finish()
    if not spans:
        return html, [], ""
    found = [html[a:b] for a, b in spans]
    after = html[spans[0][1]:]
    for a, b in reversed(spans[1:]):
        cut_a, cut_b = a - spans[0][1], b - spans[0][1]
        after = after[:cut_a] + after[cut_b:]
    return html[: spans[0][0]], found, after


# A paragraph or line holding only the "-- " signature delimiter, as a rich-text editor writes it
_HTML_DASHES = re.compile(
    r"(?:<(?:p|div)\b[^>]*>|<br\s*/?>)(?:\s|&nbsp;|&#160;|\u00a0)*--(?:\s|&nbsp;|&#160;|\u00a0)*"
    r"(?=</(?:p|div)>|<br\s*/?>)", re.IGNORECASE)
_HTML_QUOTE_START = re.compile(r"<blockquote\b|-{5,} ?Forwarded message", re.IGNORECASE)
_HTML_TAIL = re.compile(r"(?:\s*</[a-z][a-z0-9]*\s*>)+\s*$", re.IGNORECASE)
_HTML_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)\b[^>]*>", re.IGNORECASE)


def _copy_end(html: str, start: int, tail_start: int) -> int:
    """Where a typed signature from ``start`` ends: before the trailing closing tags, except
    those that close elements the signature itself opened."""
    unclosed: dict[str, int] = {}
    for tag in _HTML_TAG.finditer(html, start, tail_start):
        name = tag.group(2).lower()
        unclosed[name] = unclosed.get(name, 0) + (-1 if tag.group(1) else 1)
    end = tail_start
    for tag in _HTML_TAG.finditer(html, tail_start):
        name = tag.group(2).lower()
        if not tag.group(1) or unclosed.get(name, 0) <= 0:
            break
        unclosed[name] -= 1
        end = tag.end()
    return end


def split_html_dashes(html: str | None) -> tuple[str | None, str | None, str]:
    """Like ``split_text`` for HTML: (the HTML before a paragraph or line holding only "-- ",
    that typed signature up to the first quote or the end of the body, the quote). Used when
    the plain part carried such a block, so both parts lose the same copy."""
    if not html:
        return html, None, ""
    found = _HTML_DASHES.search(html)
    if found is None:
        return html, None, ""
    quote = _HTML_QUOTE_START.search(html, found.end())
    if quote is not None:
        start = html.rfind("<", found.end(), quote.start()) if quote.group(0)[0] != "<" else -1
        end = start if start >= 0 else quote.start()
        return html[: found.start()], html[found.start():end], html[end:]
    tail = _HTML_TAIL.search(html, found.end())
    end = _copy_end(html, found.start(), tail.start()) if tail is not None else len(html)
    return html[: found.start()] + html[end:], html[found.start():end], ""


_QUOTE_START = re.compile(r"^(?:>|On .* wrote:$|-{5,} ?Forwarded message)")


def split_text(text: str | None, expected: str) -> tuple[str | None, str | None, str]:
    """(the text before a "-- " line, the signature after it or None, what followed it).

    The signature copy ends where the expected text ends when it matches, else at the first
    quote line ("> ", "On … wrote:", a forwarded-message header), else at the end."""
    if not text:
        return text, None, ""
    lines = text.replace("\r\n", "\n").split("\n")
    if "-- " not in lines:
        return text, None, ""
    index = lines.index("-- ")
    own = "\n".join(lines[:index]).rstrip("\n") + "\n"
    after = lines[index + 1:]
    wanted = expected.strip("\n").split("\n")
    if after[: len(wanted)] == wanted:
        cut = len(wanted)
    else:
        cut = next((i for i, line in enumerate(after) if _QUOTE_START.match(line)), len(after))
    rest = "\n".join(after[cut:]).strip("\n")
    return own, "\n".join(after[:cut]), (rest + "\n" if rest else "")


def _recipients(fields: DraftFields) -> tuple[str, ...]:
    pairs = getaddresses([fields.to, fields.cc])
    return tuple(address for _name, address in pairs if "@" in address)


def is_reply(fields: DraftFields) -> bool:
    return fields.forward_of_row is None and (
        fields.reply_to_row is not None or bool(fields.in_reply_to))


@dataclass(frozen=True)
class SignatureCopies:
    fields: DraftFields  # without the copies; what followed them moved to the quote fields
    html_copies: list[str]
    text_copy: str | None


def take_out_copies(fields: DraftFields, expected_text: str = "") -> SignatureCopies:
    """Take every signature copy out of the rep's own text: `<div class="tw-signature">`
    blocks, a plain "-- " block (ending where ``expected_text`` ends when it matches, else at
    the first quote line) and the same typed block in the HTML. What followed a copy (a quote,
    usually) goes to the quote fields, so it stays below the signature. Pure."""
    html, html_copies, html_after = split_html(fields.html)
    text, text_copy, text_after = split_text(fields.text, expected_text)
    if text_copy is not None and not html_copies:  # a typed "-- " block: out of the HTML too
        html, _typed, typed_after = split_html_dashes(html)
        html_after = html_after or typed_after
    cleaned = replace(fields, html=html, text=text)
    if html_after and html_to_text(html_after).strip():
        if fields.quote_html is None:
            cleaned = replace(cleaned, quote_html=html_after)
        else:
            cleaned = replace(cleaned, html=(html or "") + html_after)
    if text_after:
        if fields.quote_text is None:
            cleaned = replace(cleaned, quote_text=text_after)
        else:
            cleaned = replace(cleaned, text=(text or "") + text_after)
    return SignatureCopies(cleaned, html_copies, text_copy)


def without_signature_copies(store: Store, fields: DraftFields) -> DraftFields:
    """``fields`` of a draft saved with its signature (by Tradewind elsewhere, or another
    client) ready for the composer, which shows the company signature itself: when a policy is
    in force, the copies are taken out (``take_out_copies``); otherwise nothing changes."""
    try:
        if policy_in_force(store) is None:
            return fields
    except PolicyError:
        return fields  # sending will say why; opening the draft must still work
    return take_out_copies(fields).fields


def enforce_signature(store: Store, identity: str, fields: DraftFields,
                      offered: SignatureBlock | None = None) -> Enforced:
    """The fields and the signature block to assemble; raises ComposeError when a configured
    policy cannot be used or the rep's values are incomplete (nothing is queued then)."""
    try:
        bundle = policy_in_force(store)
        if bundle is None:  # no policy: the rep's own signature, when set (signatures.personal)
            return Enforced(fields, offered or personal_block(store, identity), None, ())
        request = SignatureRequest(identity, _recipients(fields), fields.language,
                                   is_reply(fields))
        rendered = render_signature(bundle, request, rep_values(store, identity))
    except PolicyError as exc:
        raise ComposeError(str(exc)) from exc
    expected = rendered.block
    found: list[tuple[str, dict[str, str]]] = []
    taken = take_out_copies(fields, expected.text)
    if any(_squash(copy) != _squash(signature_html(expected)) for copy in taken.html_copies):
        found.append((CHANGED_HTML_NOTICE, {}))
    if taken.text_copy is not None and _squash(taken.text_copy) != _squash(expected.text):
        found.append((CHANGED_TEXT_NOTICE, {}))
    if offered is not None and offered != expected:
        found.append((OFFERED_NOTICE, {"identity": identity, "template": rendered.template}))
    notices: list[str] = []
    for msgid, params in found:
        log.warning("signature enforcement for %s: %s", identity, msgid.format_map(params))
        notices.append(_(msgid, **params))
    cleaned = taken.fields
    return Enforced(cleaned, expected, rendered, tuple(dict.fromkeys(notices)))


def _parts(msg: EmailMessage) -> tuple[str, str, dict[str, bytes]]:
    text = html = ""
    images: dict[str, bytes] = {}
    for part in msg.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        ctype = part.get_content_type()
        if ctype == "text/plain" and not text:
            text = str(part.get_content())
        elif ctype == "text/html" and not html:
            html = str(part.get_content())
        elif part.get_content_maintype() == "image" and part["Content-ID"]:
            payload = part.get_payload(decode=True)
            images[str(part["Content-ID"]).strip().strip("<>")] = (
                payload if isinstance(payload, bytes) else b"")
    return text.replace("\r\n", "\n"), html.replace("\r\n", "\n"), images


def check_message(msg: EmailMessage, block: SignatureBlock, fields: DraftFields) -> list[str]:
    """What is wrong with the built message's signature (empty list: it is exactly there)."""
    text, html, images = _parts(msg)
    problems = []
    sig_text, sig_html = signature_text(block), signature_html(block)
    at_text, at_html = text.find(sig_text), html.find(sig_html)
    if at_text < 0:
        problems.append(_("the plain part does not carry the signature's text form"))
    if at_html < 0:
        problems.append(_("the HTML part does not carry the signature"))
    for image in block.images:
        if images.get(image.content_id) != image.data:
            problems.append(_("the logo is not a related part with Content-ID <{cid}>",
                              cid=image.content_id))
        if f"cid:{image.content_id}" not in html:
            problems.append(_("the HTML does not reference the logo by cid:"))
    below = fields.reply_style == "bottom"  # the rep answered below the quote on purpose
    quote_at_text = text.find(fields.quote_text.rstrip("\n")) if fields.quote_text else -1
    if 0 <= quote_at_text < at_text and not below:
        problems.append(_("the signature is not above the quoted text"))
    quote_at_html = html.find(fields.quote_html) if fields.quote_html else -1
    if 0 <= quote_at_html < at_html and not below:
        problems.append(_("the signature is not above the quoted HTML"))
    return problems


def confirm_signature(msg: EmailMessage, enforced: Enforced, fields: DraftFields) -> None:
    """Raise ComposeError (do not queue) unless the built message carries the signature exactly."""
    if enforced.rendered is None or enforced.signature is None:
        return
    problems = check_message(msg, enforced.signature, fields)
    if problems:
        raise ComposeError(_("The message was not queued: its company signature could not be "
                             "confirmed ({problems}).", problems="; ".join(problems)))
