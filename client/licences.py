"""The libraries Tradewind ships with, their versions and licences (the About dialog).

Read from the installed distributions' metadata (`License-Expression`, else `License`, else
the `License ::` classifiers); a library that is not installed is left out. Pure apart from
reading metadata; any thread; never raises.
"""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass
from typing import Any

# The runtime dependencies of pyproject.toml, plus what the bundle adds (PyInstaller's
# bootloader) and the Qt build under PySide6.
BUNDLED = ("PySide6", "shiboken6", "imap-tools", "keyring", "icalendar", "sqlite-utils",
           "babel", "holidays", "tzdata", "platformdirs", "charset-normalizer", "tnefparse",
           "dnspython", "nh3", "cryptography", "psutil", "Jinja2", "MarkupSafe", "idna",
           "confusable-homoglyphs", "authres", "schwifty", "pycountry", "publicsuffixlist",
           "pypdf", "python-docx", "python-dateutil", "SecretStorage", "jeepney", "certifi",
           "chunspell", "pyinstaller")


@dataclass(frozen=True)
class Licence:
    name: str
    version: str
    licence: str


#: artwork bundled as files, not as a Python distribution (licence text beside the files)
BUNDLED_FILES = (
    Licence("Lucide icons (toolbar, resources/icons/toolbar)", "1.62.0",
            "ISC; icons derived from Feather: MIT"),
    # the Hunspell dictionaries of resources/dictionaries (LICENCE.txt in each folder)
    Licence("Spelling dictionary en_US, en_GB (SCOWL)", "2020.12.07", "SCOWL (MIT-like)"),
    Licence("Spelling dictionary de_DE (igerman98)", "20161207", "GPL-2.0-or-later"),
    Licence("Spelling dictionary es_ES (RLA-ES)", "7.5.0", "MPL-1.1"),
    Licence("Spelling dictionary fr_FR (Dicollecte)", "7.0", "MPL-2.0"),
    Licence("Spelling dictionary pt_PT (Natura)", "7.5.0", "MPL-1.1"),
    Licence("Spelling dictionary pt_BR (VERO)", "7.5.0", "MPL-1.1"),
    Licence("Spelling dictionary ru_RU (A. I. Lebedev)", "7.5.0", "BSD-style"),
)


def bundled_licences() -> list[Licence]:
    """One entry per installed library of BUNDLED, in that order, then BUNDLED_FILES."""
    found = []
    for name in BUNDLED:
        try:
            meta: Any = importlib.metadata.metadata(name)  # an email.message.Message
        except importlib.metadata.PackageNotFoundError:
            continue
        found.append(Licence(meta.get("Name") or name, meta.get("Version") or "?",
                             _licence_of(meta)))
    return found + list(BUNDLED_FILES)


def _licence_of(meta: Any) -> str:
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and len(text) <= 80 and "\n" not in text:
        return text
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    if classifiers:
        return ", ".join(dict.fromkeys(classifiers))
    return text.splitlines()[0][:80] if text else "see the library's own files"
