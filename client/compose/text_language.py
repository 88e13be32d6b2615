"""The language a text is written in, among candidate languages (an inquiry, a message to answer).

``script_language(text)`` is the language a non-Latin script points to (Cyrillic, Arabic, Han),
pure and instant. ``text_language(text, candidates)`` returns one of ``candidates`` (base codes: de, es…) when
py3langid is confident (probability ≥ ``MIN_PROBABILITY``) on at least ``MIN_LETTERS`` letters
of the text, else None. The model (0.4-0.6 s to load with numpy's import) is read once, lazily,
under a lock; ``preload()`` reads it ahead (the app does so on a pool thread while the rep is
idle, `ui.quotes.quote_warmup`). Any thread; never raises (a missing model file gives None, so
the country domain decides).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from typing import Any

log = logging.getLogger(__name__)

MIN_PROBABILITY = 0.9
MIN_LETTERS = 20
MAX_CHARS = 4000

_lock = threading.Lock()
_model: Any = None
_failed = False


def _identifier() -> Any:
    global _model, _failed
    with _lock:
        if _model is None and not _failed:
            try:
                from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

                _model = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE,
                                                           norm_probs=True)
            except Exception as exc:  # noqa: BLE001 - a bundle without the model still quotes
                log.warning("language model not available: %s", exc)
                _failed = True
        return _model


def preload() -> None:
    """Load the model now if it is not loaded (see the module docstring); idempotent."""
    _identifier()


def loaded() -> bool:
    """Whether the model is loaded in this process (a failed load counts: nothing to wait for)."""
    return _model is not None or _failed


def text_language(text: str, candidates: Iterable[str]) -> str | None:
    """See the module docstring."""
    wanted = sorted({c.replace("-", "_").split("_")[0].lower() for c in candidates if c})
    sample = text[:MAX_CHARS]
    if len(wanted) < 2 or sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return wanted[0] if len(wanted) == 1 else None
    model = _identifier()
    if model is None:
        return None
    with _lock:  # set_languages changes the shared model
        try:
            model.set_languages(wanted)
            lang, probability = model.classify(sample)
        except Exception as exc:  # noqa: BLE001 - an unknown candidate code and the like
            log.warning("language detection failed: %s", exc)
            return None
    return str(lang) if float(probability) >= MIN_PROBABILITY else None


_SCRIPTS = ((0x0400, 0x04FF, "ru"), (0x0600, 0x06FF, "ar"), (0x0750, 0x077F, "ar"),
            (0x4E00, 0x9FFF, "zh"), (0x3400, 0x4DBF, "zh"))
_TOKENS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]|[^\W\d_\u3400-\u4dbf\u4e00-\u9fff]+")


def script_language(text: str) -> str | None:
    """The language a text's non-Latin script points to (Cyrillic → ru, Arabic → ar, Han →
    zh) when at least a fifth of its words (each Han character counts as one) are in it;
    None for Latin text."""
    counts: dict[str, int] = {}
    tokens = _TOKENS.findall(text[:4000])
    for token in tokens:
        code = ord(token[0])
        for low, high, lang in _SCRIPTS:
            if low <= code <= high:
                counts[lang] = counts.get(lang, 0) + 1
                break
    if not counts:
        return None
    lang, count = max(counts.items(), key=lambda item: item[1])
    return lang if count * 5 >= len(tokens) else None
