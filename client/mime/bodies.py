"""Choosing and decoding the text and HTML bodies of a message, within a decode budget.

One `BodyCollector` per `parse_message` call; not shared between threads.
"""

from __future__ import annotations

import re

from .charsets import decode_bytes
from .enriched import enriched_to_text
from .flowed import unflow
from .html_charsets import refused_for_html
from .model import BodyPart, Limits
from .structure import Part
from .transfer import decode_transfer

# Parts shown as text when they are not attachments (DSN/MDN/ARF reports are readable, M12).
_TEXT_TYPES = {
    "text/plain",
    "text/enriched",
    "text/rfc822-headers",
    "message/delivery-status",
    "message/disposition-notification",
    "message/feedback-report",
}
MAX_GUESSES = 20  # body parts per message that may use charset-normalizer
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{1,40})", re.I)


_HTML_SOURCE = re.compile(rb"</(?:div|p|html|body|span|table|td|font|a)\s*>", re.IGNORECASE)


def _looks_like_html(text: str) -> bool:
    """True for a "text/plain" body that is really HTML markup (starts with a tag, has closing
    tags), as some senders label the HTML alternative."""
    head = text.lstrip()[:8192]
    return head.startswith("<") and len(_HTML_SOURCE.findall(head.encode("utf-8", "replace"))) >= 2


class BodyCollector:
    def __init__(self, raw: bytes, limits: Limits) -> None:
        self.raw = raw
        self.limits = limits
        self.decoded = 0
        self.warnings: list[str] = []
        self.truncated = False
        self.texts: dict[str, str] = {}
        self.htmls: dict[str, str] = {}
        self.order: dict[str, str] = {}  # body key -> part id of its first part, message order
        self.refused: dict[str, tuple[str, str]] = {}  # key -> (text, charset): HTML as text
        self.guesses = 0
        self.chars = 0  # text + HTML characters kept so far (capped by max_text_chars)
        self.tnef_bodies: list[tuple[str | None, str | None]] = []
        self.text_kinds: dict[str, str] = {}  # content type of each kept text body
        #: Search indexing (``client.mime.search_parse``): HTML parts wait here, undecoded,
        #: until ``deferred_needed`` knows whether a text body makes them unused.
        self.defer_html = False
        self.deferred: list[tuple[Part, str, bool]] = []  # (part, file name, may guess)

    def warn(self, text: str, truncated: bool = False) -> None:
        if text not in self.warnings:
            self.warnings.append(text)
        self.truncated = self.truncated or truncated

    def payload(self, part: Part) -> bytes | None:
        """Transfer-decoded body of a part, or None once the decode budget is spent."""
        encoded = self.raw[part.body_start : part.body_end]
        if self.decoded + len(encoded) > self.limits.max_decode_bytes:
            self.warn("decode budget exhausted", truncated=True)
            return None
        data, warning = decode_transfer(encoded, part.transfer_encoding)
        self.decoded += len(data)
        if warning:
            self.warn(f"part {part.part_id}: {warning}")
        return data

    def take_body(self, part: Part, filename: str) -> bool:
        """Decode `part` into the text or HTML body if it is one; True if it was taken."""
        kind = part.content_type
        # RFC 2183: "inline" asks for display even when the part also has a file name.
        if part.disposition == "attachment" or (filename and part.disposition != "inline"):
            return False
        if kind != "text/html" and kind not in _TEXT_TYPES:
            return False
        if self.defer_html and kind == "text/html" and not refused_for_html(
                part.params.get("charset")):
            self.guesses += 1  # the same guess budget as decoding it here would use
            self.deferred.append((part, filename, self.guesses <= MAX_GUESSES))
            self.order.setdefault(self._key(part, filename), part.part_id)
            return True
        return self._decode(part, filename, self.guesses + 1 <= MAX_GUESSES, count=True)

    @staticmethod
    def _key(part: Part, filename: str) -> str:
        # A named inline part is shown beside the body, never as one alternative's rendering.
        return f"alt:{part.in_alternative}" if part.in_alternative and not filename else (
            part.part_id)

    def deferred_needed(self) -> list[tuple[Part, str, bool]]:
        """The deferred HTML parts to decode now (``decode_one`` each, in order): none when a
        non-blank text body makes them unused by ``client.mime.text``, which prefers the text.
        Empties the list."""
        deferred, self.deferred = self.deferred, []
        if not deferred:
            return []
        keys = {self._key(part, name) for part, name, _guess in deferred}
        if any(v.strip() for v in self.texts.values()) and not keys & self.refused.keys():
            return []
        return deferred

    def decode_one(self, part: Part, filename: str, guess: bool) -> None:
        """Decode one deferred part as ``take_body`` would have (its guess already counted)."""
        self._decode(part, filename, guess, count=False)

    def _decode(self, part: Part, filename: str, guess: bool, *, count: bool) -> bool:
        kind = part.content_type
        data = self.payload(part)
        if data is None:
            return True
        charset = part.params.get("charset")
        refused = ""
        if kind == "text/html" and not charset:
            match = _META_CHARSET.search(data, 0, 8192)
            charset = match.group(1).decode("ascii") if match else None
            if refused_for_html(charset):  # a <meta> naming UTF-7 is never honoured (H7)
                self.warn(f"part {part.part_id}: <meta> charset {charset} ignored")
                charset = None
        elif kind == "text/html" and refused_for_html(charset):
            refused = str(charset).strip().strip("\"'").lower()
            self.warn(f"part {part.part_id}: HTML in charset {refused} shown as plain text")
        if count:
            self.guesses += 1  # charset guessing is the costly step: bounded per message
        text, warning = decode_bytes(data, charset, guess=guess)
        if warning:
            self.warn(f"part {part.part_id}: {warning}")
        if kind == "text/plain" and part.params.get("format", "").lower() == "flowed":
            text = unflow(text, part.params.get("delsp", "").lower() == "yes")
        elif kind == "text/enriched":
            text = enriched_to_text(text)
        room = self.limits.max_text_chars - self.chars
        if len(text) > room:
            text = text[: max(room, 0)]
            self.warn("body truncated", truncated=True)
        self.chars += len(text)
        alternative = part.in_alternative and not filename
        key = self._key(part, filename)
        self.order.setdefault(key, part.part_id)
        if refused:
            if text.strip() or key not in self.refused:
                self.refused[key] = (text, refused)
            return True
        target = self.htmls if kind == "text/html" else self.texts
        if kind == "text/enriched" and self.text_kinds.get(key) == "text/plain":
            return True  # an alternative's text/plain beats its text/enriched rendering
        if kind == "text/plain" and alternative and key in self.texts and _looks_like_html(text):
            return True  # HTML source labelled text/plain must not replace the real text
        if text.strip() or key not in target:  # an empty trailing part must not win
            target[key] = text
            if target is self.texts:
                self.text_kinds[key] = kind
        return True

    def use_tnef_bodies(self) -> None:
        """A winmail.dat may carry the only body of an Outlook message."""
        if self.texts or self.htmls:
            return
        for text, html in self.tnef_bodies:
            if text:
                self.texts["tnef"] = text
            if html:
                self.htmls["tnef"] = html
            if text or html:
                return

    def results(self) -> tuple[str | None, str | None]:
        texts = dict(self.texts)
        for key, (refused_text, _charset) in self.refused.items():
            if key not in texts and key not in self.htmls:
                texts[key] = refused_text
        ordered = [texts[key] for key in self.order if key in texts]
        ordered += [value for key, value in texts.items() if key not in self.order]  # tnef
        html = "\n".join(self.htmls.values()) if self.htmls else None
        return ("\n".join(ordered) if ordered else None), html

    def parts(self) -> tuple[BodyPart, ...]:
        """The body parts in message order, each alone (HTML wins within an alternative)."""
        keys = list(self.order) + [k for k in (*self.htmls, *self.texts) if k not in self.order]
        out: list[BodyPart] = []
        for key in dict.fromkeys(keys):
            part_id = self.order.get(key, key)
            if key in self.htmls:
                out.append(BodyPart(part_id, "html", self.htmls[key]))
            elif key in self.texts:
                out.append(BodyPart(part_id, "text", self.texts[key]))
            elif key in self.refused:
                text, charset = self.refused[key]
                out.append(BodyPart(part_id, "text", text, charset))
        return tuple(out)
