"""Spell checking in the composer: the highlighter on the rep's text and answers, the spelling
language picker, and the suggestions in the right-click menu.

``SpellControls(window)`` puts a ``SpellHighlighter`` on the editor and on the quote (there
only on the rep's own lines: never the original's quoted lines or the header above them; the
company signature is a separate, read-only view that is never checked). A *Spelling* picker in
the toolbar lists the installed dictionaries; the language follows the correspondence's
language of a reply (the composer's *Language* row), else the language the rep's text is
written in (guessed once it is long enough), until the rep picks one. Right-click on a marked
word: up to five suggestions (computed on the thread pool, then the menu opens), *Add to
dictionary* (the profile's personal dictionary), *Ignore* (for this run of the app) and a
*Spelling language* submenu. The setting ``spell.enabled`` turns it all off. Dictionaries load
on the thread pool. GUI thread only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QComboBox, QLabel, QMenu, QTextEdit

from client import settings
from client.compose import text_language
from client.spelling import dictionaries
from client.spelling.checker import SpellChecker, checker_for, engine_available
from client.spelling.language import guess_language
from client.spelling.personal import add_word, personal_words
from client.store.db import Store
from ui.composer.answer import language_name
from ui.composer.spell_highlight import SpellHighlighter, utf16_offset
from ui.qt.tasks import run_in_background

if TYPE_CHECKING:
    from ui.composer.window import ComposerWindow

#: words the rep chose to ignore, for as long as the app runs (every composer)
IGNORED: set[str] = set()
GUESS_AFTER_MS = 1500


def _insert(menu: QMenu, before: QAction | None, action: QAction) -> None:
    """Put ``action`` before ``before`` (None: at the end)."""
    if before is None:
        menu.addAction(action)
    else:
        menu.insertAction(before, action)


def _separator(menu: QMenu, before: QAction | None) -> None:
    if before is None:
        menu.addSeparator()
    else:
        menu.insertSeparator(before)


def load_spell_state(db_path: Path) -> tuple[bool, frozenset[str], dict[str, Path]]:
    """Worker thread: (spell.enabled and the Hunspell binding installed, the personal words,
    the installed dictionaries)."""
    with Store.open(db_path) as store:
        enabled = bool(settings.read(store, "spell.enabled")) and engine_available()
        words = personal_words(store)
    return enabled, words, dictionaries.available([profile_folder(db_path)])


def profile_folder(db_path: Path) -> Path:
    return dictionaries.profile_dictionaries(Path(db_path).parent)


def add_to_personal(db_path: Path, word: str) -> frozenset[str]:
    """Worker thread: keep ``word``; the personal words after it (``ValueError`` in words)."""
    with Store.open(db_path) as store:
        return add_word(store, word)


class SpellControls(QObject):
    """See the module docstring."""

    languageChanged = Signal(str)  # the dictionary code now used ("" when off)
    menuShown = Signal(QMenu)

    def __init__(self, window: ComposerWindow) -> None:
        super().__init__(window)
        self.window = window
        self.enabled = False
        self.installed: dict[str, Path] = {}
        self.code: str | None = None
        self.chosen_by_rep = False
        self.menu: QMenu | None = None
        self.editor_highlighter = SpellHighlighter(window.editor.document())
        self.quote_highlighter = SpellHighlighter(window.quote_view.document(), quote=True)
        self.highlighters = (self.editor_highlighter, self.quote_highlighter)
        for highlighter in self.highlighters:
            highlighter.ignored = IGNORED
            highlighter.failed.connect(window._show_error)
        self.label = QLabel(self.tr("Spelling:"), window)
        self.box = QComboBox(window)
        self.box.setObjectName("spellLanguage")
        self.box.setToolTip(self.tr("The language the spelling is checked in"))
        self.box.setAccessibleName(self.tr("Spelling language"))
        window.toolbar.addSeparator()
        self.label_action = window.toolbar.addWidget(self.label)
        self.box_action = window.toolbar.addWidget(self.box)
        self._show_picker(False)
        self.box.currentIndexChanged.connect(self._picked)
        for edit in (window.editor, window.quote_view):
            edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            edit.customContextMenuRequested.connect(
                lambda pos, e=edit: self.context_menu(e, pos))
        self._guess_timer = QTimer(self)
        self._guess_timer.setSingleShot(True)
        self._guess_timer.setInterval(GUESS_AFTER_MS)
        self._guess_timer.timeout.connect(self._guess)
        window.editor.textChanged.connect(self._text_changed)
        window.ready.connect(self._ready)
        window.answer.language_box.currentIndexChanged.connect(self._correspondence_changed)
        db_path = window.db_path
        run_in_background(lambda: load_spell_state(db_path), self._state_loaded,
                          lambda exc: window._show_error(exc), owner=self)
        self._state_read = False
        self._window_ready = False

    # -- start ----------------------------------------------------------------------------------
    def _show_picker(self, visible: bool) -> None:
        self.label_action.setVisible(visible)
        self.box_action.setVisible(visible)

    def _state_loaded(self, state: tuple[bool, frozenset[str], dict[str, Path]]) -> None:
        self.enabled, personal, self.installed = state
        for highlighter in self.highlighters:
            highlighter.personal = personal
        self.box.blockSignals(True)
        for code in self.installed:
            self.box.addItem(dictionary_name(code), code)
        self.box.blockSignals(False)
        self._state_read = True
        self._start()

    def _ready(self) -> None:
        self._window_ready = True
        self._start()

    def _start(self) -> None:
        """Both the setting and the composer's fields are there: choose the first language."""
        if not (self._state_read and self._window_ready):
            return
        if not self.enabled or not self.installed:
            self._show_picker(False)
            return
        self._show_picker(True)
        detected = self._correspondence()
        text = self.window.editor.toPlainText()
        code = dictionaries.resolve(detected, self.installed)
        if detected is None and not text_language.loaded():
            # the language model takes 0.4-0.9 s to load: start in what the script says (or
            # the fallback) and let the worker's guess follow (`_guessed`)
            self.set_language(guess_language(text, self.installed, identify=False), by_rep=False)
            self._guess()
            return
        self.set_language(code or guess_language(text, self.installed), by_rep=False)

    # -- the language ---------------------------------------------------------------------------
    def set_language(self, code: str | None, by_rep: bool = True) -> None:
        """Check in the dictionary ``code`` (resolved: "de" -> de_DE) from now on."""
        resolved = dictionaries.resolve(code, self.installed)
        if resolved is None or not self.enabled:
            return
        self.chosen_by_rep = self.chosen_by_rep or by_rep
        if resolved != self.code:
            self.code = resolved
            checker: SpellChecker = checker_for(resolved, [profile_folder(self.window.db_path)])
            for highlighter in self.highlighters:
                highlighter.set_checker(checker)
            self.languageChanged.emit(resolved)
        index = self.box.findData(resolved)
        if index != self.box.currentIndex():
            self.box.blockSignals(True)
            self.box.setCurrentIndex(index)
            self.box.blockSignals(False)

    def _picked(self, _index: int) -> None:
        data = self.box.currentData()
        if data:
            self.set_language(str(data))

    def _correspondence(self) -> str | None:
        """The correspondence's language of a reply or forward (None for a new message, whose
        Language row is hidden but still holds a first entry)."""
        answer = self.window.answer
        return None if answer.language_box.isHidden() else answer.language()

    def _correspondence_changed(self, _index: int) -> None:
        if self.code is not None and self._correspondence() is not None:
            self.set_language(self._correspondence(), by_rep=False)

    def _text_changed(self) -> None:
        if self.code is not None and not self.chosen_by_rep and self._correspondence() is None:
            self._guess_timer.start()

    def _guess(self) -> None:
        """A new message: follow the language the rep writes in (until the rep picks one)."""
        text, installed = self.window.editor.toPlainText(), self.installed
        run_in_background(lambda: guess_language(text, installed), self._guessed, owner=self)

    def _guessed(self, code: str | None) -> None:
        if code and not self.chosen_by_rep and self._correspondence() is None:
            self.set_language(code, by_rep=False)

    # -- the right-click menu -------------------------------------------------------------------
    def _highlighter_of(self, edit: QTextEdit) -> SpellHighlighter:
        return self.quote_highlighter if edit is self.window.quote_view \
            else self.editor_highlighter

    def context_menu(self, edit: QTextEdit, pos: QPoint) -> None:
        """The standard menu, with suggestions etc. first when a marked word is under ``pos``."""
        highlighter = self._highlighter_of(edit)
        cursor = edit.cursorForPosition(pos)
        found = highlighter.misspelled_at(cursor.block(), cursor.positionInBlock())
        checker = highlighter.checker
        if found is None or checker is None:
            self._popup(edit, pos, None, [])
            return
        word = found[0].text
        run_in_background(lambda: checker.suggest(word),
                          lambda suggestions: self._popup(edit, pos, found, suggestions),
                          lambda exc: self._popup(edit, pos, found, []), owner=self)

    def _popup(self, edit: QTextEdit, pos: QPoint, found: object,
               suggestions: list[str]) -> None:
        menu = edit.createStandardContextMenu(pos)
        first = menu.actions()[0] if menu.actions() else None
        if found is not None and isinstance(found, tuple):
            word, block_start = found
            text = edit.document().findBlock(block_start).text()
            start = block_start + utf16_offset(text, word.start)
            end = block_start + utf16_offset(text, word.end)
            if not suggestions:
                none = QAction(self.tr("(no suggestions)"), menu)
                none.setEnabled(False)
                _insert(menu, first, none)
            for suggestion in suggestions:
                action = QAction(suggestion, menu)
                action.setObjectName("spellSuggestion")
                action.triggered.connect(
                    lambda _c=False, s=suggestion: self.replace(edit, start, end, s))
                _insert(menu, first, action)
            _separator(menu, first)
            add = QAction(self.tr("Add to dictionary"), menu)
            add.setObjectName("spellAdd")
            add.triggered.connect(lambda: self.add_to_dictionary(word.text))
            ignore = QAction(self.tr("Ignore"), menu)
            ignore.setObjectName("spellIgnore")
            ignore.triggered.connect(lambda: self.ignore(word.text))
            _insert(menu, first, add)
            _insert(menu, first, ignore)
            _separator(menu, first)
        if self.enabled and self.installed:
            languages = menu.addMenu(self.tr("Spelling language"))
            languages.setObjectName("spellLanguages")
            for code in self.installed:
                action = languages.addAction(dictionary_name(code))
                action.setCheckable(True)
                action.setChecked(code == self.code)
                action.triggered.connect(lambda _c=False, c=code: self.set_language(c))
        self.menu = menu
        menu.popup(edit.viewport().mapToGlobal(pos))
        self.menuShown.emit(menu)

    def replace(self, edit: QTextEdit, start: int, end: int, suggestion: str) -> None:
        """Put ``suggestion`` in place of the text between ``start`` and ``end`` (one undo)."""
        cursor = QTextCursor(edit.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(suggestion)

    def ignore(self, word: str) -> None:
        IGNORED.add(word)
        for highlighter in self.highlighters:
            highlighter.rehighlight_words({word})

    def add_to_dictionary(self, word: str) -> None:
        db_path = self.window.db_path
        run_in_background(lambda: add_to_personal(db_path, word), self._personal_changed,
                          lambda exc: self.window._show_error(exc), owner=self)

    def _personal_changed(self, words: frozenset[str]) -> None:
        for highlighter in self.highlighters:
            highlighter.set_personal(words)


def dictionary_name(code: str) -> str:
    """"English (United States)", "Deutsch (Deutschland)"… in the dictionary's own language."""
    return language_name(code.replace("-", "_"))
