"""Which Hunspell dictionaries are installed, and which one fits a language code.

A dictionary is a folder holding ``<code>.dic`` and ``<code>.aff`` (Hunspell's format), found
under ``resources/dictionaries/<code>/`` (bundled: en_US, en_GB, de_DE, es_ES, fr_FR, pt_PT,
pt_BR, ru_RU) and, after those, in the extra folders a caller passes (a profile's own
``dictionaries`` folder, where a rep or an admin may drop more). ``available(extra)`` maps code
-> folder; ``resolve(code, available)`` turns "de", "de-AT", "pt_br" or "en" into an installed
code (the exact one, else the language's preferred variant ``PREFERRED``, else any variant of
the language) or None. ``script_of(code)`` is the alphabet its words are written in. Pure apart
from listing folders; any thread; never raises.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from client.resources import resources_dir

DICTIONARIES_NAME = "dictionaries"
#: the variant a bare language code stands for
PREFERRED = {"en": "en_US", "de": "de_DE", "es": "es_ES", "fr": "fr_FR", "pt": "pt_BR",
             "ru": "ru_RU"}
#: languages written in Cyrillic (every other dictionary is taken to be Latin script)
CYRILLIC = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk"})


def bundled_dir() -> Path:
    """The folder of the dictionaries that ship with Tradewind."""
    return resources_dir() / DICTIONARIES_NAME


def _folder_dictionaries(folder: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return found
    for entry in entries:
        code = entry.name
        if (entry / f"{code}.dic").is_file() and (entry / f"{code}.aff").is_file():
            found[code] = entry
    return found


def available(extra: Iterable[Path] = ()) -> dict[str, Path]:
    """Installed dictionaries, code -> folder; a bundled one wins over an extra of that code."""
    found: dict[str, Path] = {}
    for folder in (bundled_dir(), *extra):
        for code, path in _folder_dictionaries(Path(folder)).items():
            found.setdefault(code, path)
    return dict(sorted(found.items()))


def normalise(code: str) -> str:
    """"pt-br" -> "pt_BR", "DE" -> "de" (the form dictionary folders are named in)."""
    parts = code.strip().replace("-", "_").split("_")
    if not parts[0]:
        return ""
    base = parts[0].lower()
    return base if len(parts) == 1 else f"{base}_{parts[1].upper()}"


def resolve(code: str | None, installed: Mapping[str, Path]) -> str | None:
    """The installed dictionary for ``code`` (see the module docstring), or None."""
    if not code:
        return None
    wanted = normalise(code)
    if wanted in installed:
        return wanted
    base = wanted.split("_")[0]
    preferred = PREFERRED.get(base)
    if preferred in installed:
        return preferred
    for name in installed:
        if name.split("_")[0] == base:
            return name
    return None


def script_of(code: str) -> str:
    """"cyrillic" or "latin": the alphabet of the dictionary ``code``'s words."""
    return "cyrillic" if normalise(code).split("_")[0] in CYRILLIC else "latin"


def profile_dictionaries(profile_dir: Path) -> Path:
    """The profile's own dictionary folder (``<code>/<code>.dic`` and ``.aff`` inside)."""
    return Path(profile_dir) / DICTIONARIES_NAME
