"""Which dictionary a text is checked in when nobody chose one.

``guess_language(text, installed)`` is the installed code whose language the text is written
in (a non-Latin script decides at once; Latin text needs py3langid's confidence, see
``client.compose.text_language``), else ``FALLBACK`` when installed, else the first one.
``identify=False`` skips py3langid (instant: for the GUI thread while its model is not loaded;
the caller guesses again on a worker). Any thread; never raises; None only when no dictionary
is installed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from client.compose.text_language import script_language, text_language
from client.spelling.dictionaries import resolve

FALLBACK = "en_US"


def guess_language(text: str, installed: Mapping[str, Path], identify: bool = True) -> str | None:
    """See the module docstring."""
    if not installed:
        return None
    bases = sorted({code.split("_")[0] for code in installed})
    found = script_language(text) or (text_language(text, bases) if identify else None)
    return resolve(found, installed) or resolve(FALLBACK, installed) or next(iter(installed))
