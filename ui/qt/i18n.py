"""UI language: English (built in) or Simplified Chinese (``resources/translations``).

``ui_language(name)`` maps a locale name (``TRADEWIND_LANG`` or the system's) to the UI language
the app has; ``install_translators(app, language)`` loads Tradewind's and Qt's own translations
for it and makes it the language of the core's messages too (``client.i18n.set_language``:
sync errors, certificate reasons, signature notices; the sync child gets it with each job).
GUI thread only; idempotent (previous translators are removed).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from client import i18n as client_i18n
from client.profile.paths import resources_dir

TRANSLATIONS_DIR = resources_dir() / "translations"
LANGUAGES = ("en", "zh_CN")
#: further catalogs are loaded with the main one: every ``tradewind_<part>_<language>.qm`` in
#: the folder (composer, account wizard, Settings ... each part keeps its own .ts file)
_installed: list[QTranslator] = []


def ui_language(locale_name: str) -> str:
    """'zh_CN' for any Chinese locale name, else 'en'."""
    return "zh_CN" if locale_name.replace("-", "_").lower().startswith("zh") else "en"


def extra_catalogs(language: str) -> list[str]:
    """The part catalogs shipped for ``language`` (file stems, sorted), beside the main one."""
    main = f"tradewind_{language}"
    return sorted(path.stem for path in TRANSLATIONS_DIR.glob(f"tradewind_*_{language}.qm")
                  if path.stem != main)


def install_translators(app: QCoreApplication, language: str) -> bool:
    """Use ``language`` for every translated string; True if its translations were loaded."""
    client_i18n.set_language(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        return True
    ours = QTranslator(app)
    if not ours.load(f"tradewind_{language}", str(TRANSLATIONS_DIR)):
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    for catalog in extra_catalogs(language):
        extra = QTranslator(app)
        if extra.load(catalog, str(TRANSLATIONS_DIR)):
            app.installTranslator(extra)
            _installed.append(extra)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return True
