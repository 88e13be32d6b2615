"""Core messages in the rep's language: gettext catalogs read through babel. Qt-free.

The English text in the code is the message id. Catalogs live in
``resources/locale/<lang>/LC_MESSAGES/tradewind.po`` (compiled ``.mo`` beside it, checked in;
``scripts/update_catalogs.py`` extracts ``_()``/``N_()`` calls from ``client/`` and ``ui/``).

Who sets the language (one per process, ``set_language``; default English):
- the app, from its UI language (``ui.qt.i18n.install_translators``, also on a switch);
- the CLI, from ``--lang``, else ``TRADEWIND_LANG``, else the locale (``language_from``);
- the sync child, from the ``language`` of its parent's request (``client.jobs.child``).

When a message is translated: ``_()`` translates at once, in the language current at that
moment, where the core turns a failure into words (an exception's message, ``SyncReport.error``,
a signature notice). Plain text is what crosses threads, the child's pipe and the cache
(``accounts.last_error``), so a text keeps the language it was made in; the next sync
rewrites it in the new one. Constants are marked with ``N_()`` and translated where they are
shown. Callers never branch on the words: errors carry a stable ``code`` (``client.imap.errors``,
``client.signatures.schema.PolicyError``).

``_(msgid, **params)`` fills ``{name}`` fields *after* translating, with ``str.format_map``
on named fields only, so values from a server or a file (which may hold braces) are inserted
as they are and never read as format fields.

Thread-safe: the language is one reference swapped under a lock; each catalog is loaded once
and only read afterwards. A missing or damaged catalog falls back to English (logged), never
raises.
"""

from __future__ import annotations

import locale
import logging
import os
import threading
from collections.abc import Mapping
from gettext import NullTranslations
from pathlib import Path

from client.resources import resources_dir

log = logging.getLogger(__name__)

DOMAIN = "tradewind"
ENGLISH = "en"
#: the languages Tradewind speaks (English is the message ids themselves)
LANGUAGES = (ENGLISH, "zh_CN")
#: environment variables that name the locale, in the order gettext reads them
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_lock = threading.Lock()
_current = ENGLISH
_catalogs: dict[str, NullTranslations] = {}


class UnknownLanguageError(ValueError):
    """A language the rep asked for explicitly (``--lang``) that Tradewind does not have."""

    code = "unknown-language"


def locale_dir() -> Path:
    """The folder holding ``<lang>/LC_MESSAGES/tradewind.mo``."""
    return resources_dir() / "locale"


def supported(name: str) -> str | None:
    """'zh_CN' for any Chinese locale name (zh, zh-Hans-CN, zh_CN.UTF-8), 'en' for English,
    C and POSIX, else None. Pure."""
    clean = name.strip().split(".")[0].split("@")[0].replace("-", "_").lower()
    if clean.startswith("zh"):
        return "zh_CN"
    if clean in ("", "c", "posix") or clean == "en" or clean.startswith("en_"):
        return ENGLISH
    return None


def normalise(name: str) -> str:
    """The language for a locale name: one of ``LANGUAGES``, English when unknown. Pure."""
    return supported(name) or ENGLISH


def language_from(explicit: str | None = None,
                  environ: Mapping[str, str] | None = None) -> str:
    """The CLI's language: ``explicit`` (``--lang``; raises ``UnknownLanguageError`` for a
    language Tradewind lacks), else ``TRADEWIND_LANG``, else the locale; English otherwise."""
    if explicit is not None:
        found = supported(explicit)
        if found is None:
            raise UnknownLanguageError(_(
                "Tradewind does not speak {name!r}; choose one of: {choices}.",
                name=explicit, choices=", ".join(LANGUAGES)))
        return found
    env = os.environ if environ is None else environ
    if env.get("TRADEWIND_LANG"):
        return normalise(env["TRADEWIND_LANG"])
    for variable in LOCALE_VARIABLES:
        value = env.get(variable)
        if value:  # LANGUAGE may list several: the first one decides
            return normalise(value.split(":")[0])
    if environ is None:  # Windows and macOS apps: the system's locale, not the environment
        try:
            system = locale.getlocale()[0]
        except ValueError:
            system = None
        return normalise(system or "")
    return ENGLISH


def set_language(language: str) -> str:
    """Make ``language`` (any locale name; unknown ones become English) the process's language
    for every message translated from now on; returns the language used. Any thread."""
    global _current
    chosen = normalise(language)
    _catalog(chosen)  # load outside the swap, so a reader never waits on file I/O
    with _lock:
        _current = chosen
    return chosen


def get_language() -> str:
    """The process's current language (one of ``LANGUAGES``)."""
    with _lock:
        return _current


def _catalog(language: str) -> NullTranslations:
    with _lock:
        found = _catalogs.get(language)
    if found is not None:
        return found
    catalog: NullTranslations
    if language == ENGLISH:
        catalog = NullTranslations()
    else:
        # imported here: an English process (the CLI's default, most sync children) never
        # pays for babel's import at start-up
        from babel.support import Translations

        try:
            catalog = Translations.load(str(locale_dir()), [language], DOMAIN)
        except Exception as exc:  # noqa: BLE001 - a damaged .mo must not take the app down: speak English
            log.warning("the %s messages cannot be read (%s); using English", language,
                        type(exc).__name__)
            catalog = NullTranslations()
        if not isinstance(catalog, Translations):  # babel hands back a NullTranslations
            log.warning("no %s catalog under %s; using English", language, locale_dir())
    with _lock:
        return _catalogs.setdefault(language, catalog)


def translate(msgid: str, language: str | None = None) -> str:
    """``msgid`` in ``language`` (default: the current one), without filling fields."""
    return _catalog(language or get_language()).gettext(msgid)


def _(msgid: str, /, **params: object) -> str:
    """``msgid`` translated now into the current language, then its ``{name}`` fields filled
    from ``params`` (values inserted verbatim). Without ``params`` the text is returned as
    translated (braces untouched)."""
    text = translate(msgid)
    if not params:
        return text
    try:
        return text.format_map(params)
    except (KeyError, IndexError, ValueError, AttributeError):  # a broken translation
        log.warning("translation of %r does not fit its fields; using English", msgid)
        return msgid.format_map(params)


def ngettext(singular: str, plural: str, n: int, /, **params: object) -> str:
    """The singular or plural form for ``n`` (Chinese has one), fields filled as ``_()``;
    ``n`` is available as ``{n}``."""
    text = _catalog(get_language()).ngettext(singular, plural, n)
    fields = {"n": n, **params}
    try:
        return text.format_map(fields)
    except (KeyError, IndexError, ValueError, AttributeError):
        return (singular if n == 1 else plural).format_map(fields)


def N_(msgid: str) -> str:  # noqa: N802 - the gettext convention extraction looks for
    """Mark ``msgid`` for the catalogs without translating it (translate where shown)."""
    return msgid
