"""The language of a correspondence: the language to answer a received message in.

``correspondence_language(text, sender, candidates=())`` decides from the message being
answered, never from the UI language: its script (Han → zh, Cyrillic → ru, Arabic → ar, kana
→ ja, Hangul → ko), else the language its text is written in (``text_language``, py3langid,
among ``QUOTE_LANGUAGES`` plus ``candidates``, e.g. the signature policy's variants), else the
official language of the sender's country domain (hans@firma.de → de; babel), else English.
Returns a base code (en, zh, de…). ``quote_language_of(language)`` is the language the "On …
wrote:" line and a forward's header are written in: that one when it has words of its own,
else English. Pure; any thread; never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from client.compose.quote_language import DEFAULT_LANGUAGE, QUOTE_LANGUAGES, base_language
from client.compose.reply import Original, plain_body
from client.compose.text_language import script_language, text_language
from client.store.db import Store

_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_GENERIC = frozenset({"co", "io", "ai", "tv", "me", "cc", "ws", "fm", "ly", "to", "eu"})


def _script(text: str) -> str | None:
    sample = text[:4000]
    if _KANA.search(sample):
        return "ja"
    if len(_HANGUL.findall(sample)) >= 5:
        return "ko"
    return script_language(sample)


def country_language(sender: str) -> str | None:
    """The first official language of the sender's country domain (.de → de), or None."""
    tld = sender.strip().rstrip(">").rpartition(".")[2].lower() if "@" in sender else ""
    if len(tld) != 2 or tld in _GENERIC:
        return None
    try:
        from babel.languages import get_official_languages

        found = get_official_languages(tld.upper(), de_facto=True)
    except Exception:  # noqa: BLE001 - an unknown territory
        return None
    return base_language(found[0]) if found else None


def correspondence_language(text: str, sender: str, candidates: Iterable[str] = ()) -> str:
    """See the module docstring."""
    script = _script(text or "")
    if script:
        return script
    wanted = {base_language(c) for c in (*QUOTE_LANGUAGES, *candidates) if c}
    written = text_language(text or "", wanted)
    if written:
        return written
    return country_language(sender) or DEFAULT_LANGUAGE


def quote_language_of(language: str) -> str:
    """The language of the reply header for a correspondence in ``language``."""
    base = base_language(language or DEFAULT_LANGUAGE)
    return base if base in QUOTE_LANGUAGES else DEFAULT_LANGUAGE


def reply_language(store: Store, original: Original, candidates: Sequence[str] = ()) -> str:
    """The correspondence language of a cached original; ``candidates`` are extra languages
    to detect among (the signature policy's variants: ``client.signatures.languages``, which
    the callers above compose pass in). The caller's Store, its thread."""
    sender = original.sender[0].email if original.sender else ""
    return correspondence_language(plain_body(original), sender, list(candidates))
