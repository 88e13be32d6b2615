"""A Hunspell checker per language, loaded lazily and shared, with its answers cached.

``checker_for(code, extra=())`` is the shared ``SpellChecker`` of an installed dictionary
(``dictionaries.resolve`` picks it: "de" -> de_DE); it raises ``SpellingError`` (in words, in
the rep's language) when no dictionary fits. A checker reads its .dic/.aff the first time it
is asked (0.1-1 s: never on the GUI thread), through chunspell (the maintained binding of the
Hunspell C++ library). ``spell(word)`` and ``suggest(word)`` are cached per word;
``check(text, personal)`` is the misspelled ``Misspelling(start, end, word)`` of a text,
leaving out what ``tokens.words`` leaves out and the rep's own words (``personal``, see
``client.spelling.personal``). Every method may be called from any thread (one lock per
checker: calls to one language run one at a time); idempotent; raises only
``SpellingError`` (a dictionary that cannot be read; ``EngineMissing`` where the binding has
no wheel, e.g. Intel Macs: ``engine_available()`` says so beforehand, and the app then hides
spell checking).
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from client.i18n import _
from client.spelling import dictionaries
from client.spelling.tokens import words

MAX_SUGGESTIONS = 5
_CACHE_LIMIT = 50_000  # words remembered per language before the cache starts afresh


class SpellingError(ValueError):
    """No dictionary for a language, or one that cannot be read; ``str()`` says which."""


class EngineMissing(SpellingError):
    """The Hunspell binding is not installed (no wheel for this computer: Intel Macs)."""


def engine_available() -> bool:
    """Whether the Hunspell binding (chunspell, module ``hunspell``) can be imported."""
    if "hunspell" in sys.modules:
        return sys.modules["hunspell"] is not None
    return importlib.util.find_spec("hunspell") is not None


class Misspelling(NamedTuple):
    start: int
    end: int
    word: str


def is_personal(word: str, personal: Collection[str]) -> bool:
    """Whether the rep's own words cover ``word``: the same word, or a lower-case entry of
    which ``word`` is the capitalised or upper-case form."""
    return word in personal or word.lower() in personal


class SpellChecker:
    """One language; see the module docstring."""

    def __init__(self, code: str, folder: Path) -> None:
        self.code = code
        self.folder = folder
        self.script = dictionaries.script_of(code)
        self._lock = threading.Lock()
        self._hunspell: Any = None
        self._known: dict[str, bool] = {}
        self._suggestions: dict[str, list[str]] = {}

    def _engine(self) -> Any:
        """The loaded Hunspell object (call with the lock held)."""
        if self._hunspell is None:
            try:
                import hunspell  # chunspell; imported here so the CLI's start stays light
            except ImportError as exc:
                raise EngineMissing(_("Spell checking is not available on this computer: the "
                                      "Hunspell library is not installed")) from exc
            try:
                self._hunspell = hunspell.Hunspell(self.code,
                                                   hunspell_data_dir=str(self.folder))
            except Exception as exc:  # the binding raises several kinds
                raise SpellingError(_("The {language} dictionary cannot be read: {reason}")
                                    .format(language=self.code, reason=exc)) from exc
        return self._hunspell

    def load(self) -> None:
        """Read the dictionary now (a worker thread warming it up)."""
        with self._lock:
            self._engine()

    def spell(self, word: str) -> bool:
        """Whether the dictionary knows ``word``."""
        with self._lock:
            return self._spell_locked(word)

    def _spell_locked(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            try:
                known = bool(self._engine().spell(word))
            except UnicodeError:
                known = True  # not writable in the dictionary's encoding: not its language
            if len(self._known) >= _CACHE_LIMIT:
                self._known.clear()
            self._known[word] = known
        return known

    def unknown(self, candidates: Iterable[str]) -> set[str]:
        """Which of ``candidates`` the dictionary does not know (one lock for all)."""
        with self._lock:
            return {w for w in candidates if not self._spell_locked(w)}

    def suggest(self, word: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
        """Up to ``limit`` corrections of ``word``, the likeliest first (0.01-1 s uncached)."""
        with self._lock:
            found = self._suggestions.get(word)
            if found is None:
                try:
                    found = [str(s) for s in self._engine().suggest(word)]
                except UnicodeError:
                    found = []
                if len(self._suggestions) >= _CACHE_LIMIT:
                    self._suggestions.clear()
                self._suggestions[word] = found
        return found[:limit]

    def check(self, text: str, personal: Collection[str] = ()) -> list[Misspelling]:
        """The misspelled words of ``text`` in order (see the module docstring)."""
        candidates = [w for w in words(text, self.script) if not is_personal(w.text, personal)]
        unknown = self.unknown(w.text for w in candidates)
        return [Misspelling(*w) for w in candidates if w.text in unknown]


_checkers: dict[str, SpellChecker] = {}
_checkers_lock = threading.Lock()


def checker_for(code: str | None, extra: Iterable[Path] = ()) -> SpellChecker:
    """The shared checker of the dictionary fitting ``code``; ``SpellingError`` when none."""
    installed = dictionaries.available(extra)
    resolved = dictionaries.resolve(code, installed)
    if resolved is None:
        raise SpellingError(_("No spelling dictionary for {language} (installed: {installed})")
                            .format(language=code or "?",
                                    installed=", ".join(installed) or "none"))
    with _checkers_lock:
        checker = _checkers.get(resolved)
        if checker is None or checker.folder != installed[resolved]:
            checker = SpellChecker(resolved, installed[resolved])
            _checkers[resolved] = checker
        return checker
