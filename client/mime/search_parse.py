"""The parse behind full-text indexing: what ``client.mime.text`` needs of a message, and less.

``parse_for_search(raw, limits)`` returns a ``ParsedMessage`` whose ``text``, ``attachments``
and hence ``body_search_text``/``preview_text`` equal those of ``parse_message(raw, limits)``,
with less work: the message header is not parsed (``headers`` is empty: the index takes
subject and addresses from the stored row), and an HTML part is decoded only when no text
body is there to win over it (``html`` and ``parts`` are then missing; never display this
result). A message larger than the text or decode budget is parsed in full, as there the
order of decoding decides what the budget cuts. Pure, safe from any thread, never raises
(same fallback as ``parse_message``). ``tests/client/mime/test_search_parse.py`` checks the
equality over the corpus. Why: the index process is the longest pole of a first sync (issue 17).
"""

from __future__ import annotations

from .bodies import BodyCollector
from .headers import empty_headers
from .message import collect_leaves, parse_message, unique_names, unparsed
from .model import Limits, ParsedMessage
from .structure import build_tree


def parse_for_search(raw: bytes, limits: Limits) -> ParsedMessage:
    """Text bodies and attachment list of ``raw`` for the index (see the module doc)."""
    if len(raw) > min(limits.max_text_chars, limits.max_decode_bytes):
        return parse_message(raw, limits)
    try:
        return _parse(raw, limits)
    except Exception as exc:  # noqa: BLE001 - last line of defence, as parse_message (M1)
        return unparsed(raw, limits, exc)


def _parse(raw: bytes, limits: Limits) -> ParsedMessage:
    tree = build_tree(raw, limits)
    collector = BodyCollector(raw, limits)
    collector.defer_html = True
    attachments = collect_leaves(raw, tree, collector)
    text, html = collector.results()
    return ParsedMessage(
        headers=empty_headers(()),
        text=text,
        html=html,
        attachments=tuple(unique_names(attachments)),
        warnings=tuple(dict.fromkeys(tree.warnings + collector.warnings)),
        truncated=tree.truncated or collector.truncated,
    )
