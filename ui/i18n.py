"""UI language: English (built in) or Simplified Chinese (``resources/translations``).

``ui_language(name)`` maps a locale name (``TRADEWIND_LANG`` or the system's) to the UI language
the app has; ``install_translators(app, language)`` loads Tradewind's and Qt's own translations
for it. GUI thread only; idempotent (previous translators are removed).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from client.paths import resources_dir

TRANSLATIONS_DIR = resources_dir() / "translations"
LANGUAGES = ("en", "zh_CN")
#: further catalogs loaded with the main one (composer, account wizard, Settings: own .ts file)
EXTRA_CATALOGS = ("tradewind_compose", "tradewind_sync")
_installed: list[QTranslator] = []


def ui_language(locale_name: str) -> str:
    """'zh_CN' for any Chinese locale name, else 'en'."""
    return "zh_CN" if locale_name.replace("-", "_").lower().startswith("zh") else "en"


def install_translators(app: QCoreApplication, language: str) -> bool:
    """Use ``language`` for every translated string; True if its translations were loaded."""
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
    for catalog in EXTRA_CATALOGS:
        extra = QTranslator(app)
        if extra.load(f"{catalog}_{language}", str(TRANSLATIONS_DIR)):
            app.installTranslator(extra)
            _installed.append(extra)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return True
