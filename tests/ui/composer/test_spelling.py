"""Spell checking while typing in the composer: misspelled words get the red wavy underline
(the highlighter's formats), the right-click menu offers suggestions that replace the word,
"Add to dictionary" and "Ignore" take words out, the language follows the message answered
and can be switched (everything is checked again), the quote's original lines and the
company signature are never marked or changed, and the setting turns it off."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from client import settings
from client.spelling.personal import personal_words
from client.store.db import Store
from tests.ui.composer.test_composer import type_text
from ui.composer import spelling

WAVY = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


def marked(edit: object, highlighter: object) -> list[str]:
    """Every word the highlighter underlines in ``edit``'s document."""
    out: list[str] = []
    block = edit.document().begin()  # type: ignore[attr-defined]
    while block.isValid():
        out += highlighter.marked(block)  # type: ignore[attr-defined]
        block = block.next()
    return out


def underlines(edit: object) -> int:
    """Format ranges with a spelling underline anywhere in ``edit`` (0 for a clean view)."""
    count = 0
    block = edit.document().begin()  # type: ignore[attr-defined]
    while block.isValid():
        count += sum(1 for r in block.layout().formats() if r.format.underlineStyle() == WAVY)
        block = block.next()
    return count


def reply_to(demo_db: Path, open_composer, subject_start: str):  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        row = next(r for r in store.list_messages(None, 500, 0)
                   if r.subject.startswith(subject_start))
    return open_composer(demo_db, "reply", row.id)


def typed_in_new(qtbot, demo_db: Path, open_composer, text: str):  # type: ignore[no-untyped-def]
    """A new message (English to start) with ``text`` typed into it."""
    composer = open_composer(demo_db)
    qtbot.waitUntil(lambda: composer.spelling.code == "en_US")
    composer.editor.setFocus()
    type_text(composer.editor, text)
    return composer, composer.spelling


def word_point(edit: object, word: str) -> QPoint:
    """The viewport point in the middle of the first ``word`` of ``edit``."""
    index = edit.toPlainText().index(word) + len(word) // 2  # type: ignore[attr-defined]
    cursor = QTextCursor(edit.document())  # type: ignore[attr-defined]
    cursor.setPosition(index)
    return edit.cursorRect(cursor).center()  # type: ignore[attr-defined]


def test_a_misspelled_word_is_underlined_and_a_correct_one_is_not(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    composer = open_composer(demo_db)
    controls = composer.spelling
    qtbot.waitUntil(lambda: controls.code == "en_US")  # a new message: English to start
    assert controls.box.currentData() == "en_US" and controls.box_action.isVisible()
    composer.editor.setFocus()
    type_text(composer.editor, "We will recieve the goods at www.acme-lights.com, SKU HL-1234 ")
    qtbot.waitUntil(lambda: marked(composer.editor, controls.editor_highlighter) == ["recieve"])
    ranges = composer.editor.document().begin().layout().formats()
    assert [(r.start, r.length) for r in ranges] == [(8, 7)]
    assert ranges[0].format.underlineStyle() == WAVY
    assert ranges[0].format.underlineColor().name() == "#ff0000"
    assert composer.editor.toPlainText().startswith("We will recieve")  # the text is untouched
    assert "recieve" in composer.fields().text  # and what is saved is the rep's text
    composer.editor.setPlainText("👍👍 Thanks, we will recieve them")  # UTF-16 places
    qtbot.waitUntil(lambda: marked(composer.editor, controls.editor_highlighter) == ["recieve"])


def test_the_menu_offers_the_suggestion_and_choosing_it_replaces_the_word(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    composer, controls = typed_in_new(qtbot, demo_db, open_composer,
                                      "Please confirm the shipment tomorow.")
    qtbot.waitUntil(lambda: marked(composer.editor, controls.editor_highlighter) == ["tomorow"])
    point = word_point(composer.editor, "tomorow")
    viewport = composer.editor.viewport()
    with qtbot.waitSignal(controls.menuShown) as shown:  # a right-click, as the mouse sends it
        QApplication.sendEvent(viewport, QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point)))
    menu: QMenu = shown.args[0]
    suggestions = [a.text() for a in menu.actions() if a.objectName() == "spellSuggestion"]
    assert suggestions[0] == "tomorrow" and len(suggestions) <= 5
    names = {a.objectName() for a in menu.actions()}
    assert {"spellAdd", "spellIgnore"} <= names
    languages = menu.findChild(QMenu, "spellLanguages")
    assert languages is not None and len(languages.actions()) >= 6
    next(a for a in menu.actions() if a.text() == "tomorrow").trigger()
    menu.close()
    assert composer.editor.toPlainText() == "Please confirm the shipment tomorrow."
    qtbot.waitUntil(lambda: marked(composer.editor, controls.editor_highlighter) == [])
    german = next(a for a in languages.actions() if a.text() == "Deutsch (Deutschland)")
    german.trigger()  # the menu's language submenu: checked in German from now on
    assert controls.code == "de_DE" and controls.box.currentData() == "de_DE"
    qtbot.waitUntil(lambda: "confirm" in marked(composer.editor, controls.editor_highlighter))


def test_add_to_dictionary_keeps_the_word_in_the_profile_and_ignore_hides_it(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    composer, controls = typed_in_new(qtbot, demo_db, open_composer,
                                      "Our Hualumen panels and the Zorblax driver")
    qtbot.waitUntil(lambda: sorted(marked(composer.editor, controls.editor_highlighter))
                    == ["Hualumen", "Zorblax"])
    with qtbot.waitSignal(controls.menuShown) as shown:
        controls.context_menu(composer.editor, word_point(composer.editor, "Hualumen"))
    next(a for a in shown.args[0].actions() if a.objectName() == "spellAdd").trigger()
    shown.args[0].close()
    qtbot.waitUntil(lambda: marked(composer.editor, controls.editor_highlighter) == ["Zorblax"])
    with Store.open(demo_db) as store:
        assert "Hualumen" in personal_words(store)
    controls.ignore("Zorblax")
    assert marked(composer.editor, controls.editor_highlighter) == []
    spelling.IGNORED.discard("Zorblax")


def test_a_new_message_follows_the_language_the_rep_writes_in(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    composer, controls = typed_in_new(
        qtbot, demo_db, open_composer,
        "Estimado señor García, le enviamos la oferta de las lámparas y el catálogo nuevo.")
    qtbot.waitUntil(lambda: controls.code == "es_ES", timeout=20_000)
    assert controls.box.currentData() == "es_ES" and not controls.chosen_by_rep
    qtbot.waitUntil(lambda: marked(composer.editor, controls.editor_highlighter) == [])


def test_a_german_reply_is_checked_in_german_and_switching_checks_again(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    composer = reply_to(demo_db, open_composer, "Anfrage: LED-Panels")
    controls = composer.spelling
    assert composer.answer.language() == "de"
    qtbot.waitUntil(lambda: controls.code == "de_DE")
    composer.editor.setFocus()
    type_text(composer.editor, "Vielen Dank, die Liefrung kommt morgen")
    highlighter = controls.editor_highlighter
    qtbot.waitUntil(lambda: marked(composer.editor, highlighter) == ["Liefrung"])
    composer._dirty = False  # as after an autosave
    controls.box.setCurrentIndex(controls.box.findData("en_US"))  # the rep switches
    qtbot.waitUntil(lambda: "Vielen" in marked(composer.editor, highlighter))
    assert "Liefrung" in marked(composer.editor, highlighter) and controls.chosen_by_rep
    assert not composer._dirty  # marking words is no change of the message (no draft saved)
    assert not composer.quote_view.edited()


def test_the_spelling_follows_a_change_of_the_replys_language(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    composer = reply_to(demo_db, open_composer, "Anfrage: LED-Panels")
    controls = composer.spelling
    qtbot.waitUntil(lambda: controls.code == "de_DE")
    language_box = composer.answer.language_box  # the rep changes the correspondence's language
    language_box.setCurrentIndex(language_box.findData("es"))
    qtbot.waitUntil(lambda: controls.code == "es_ES")
    assert controls.box.currentData() == "es_ES" and not controls.chosen_by_rep


def test_the_signature_and_the_quoted_original_are_never_marked_but_an_inline_answer_is(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    composer = reply_to(demo_db, open_composer, "Запрос цен")
    controls = composer.spelling
    qtbot.waitUntil(lambda: composer.signature is not None and controls.code == "ru_RU")
    signature_html = composer.signature_view.toHtml()
    composer.editor.setFocus()
    type_text(composer.editor, "Спасибо, доставак завтра ")
    qtbot.waitUntil(lambda: marked(composer.editor, controls.editor_highlighter) == ["доставак"])
    quote = composer.quote_view
    quote.put_cursor_in_quote()  # answer between the buyer's lines
    cursor = quote.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    quote.setTextCursor(cursor)
    qtbot.keyClick(quote, Qt.Key.Key_Return)
    type_text(quote, "Ценаа хорошая")
    qtbot.waitUntil(lambda: marked(quote, controls.quote_highlighter) == ["Ценаа"])
    assert underlines(composer.signature_view) == 0
    assert composer.signature_view.toHtml() == signature_html


def test_the_setting_turns_spell_checking_off(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        settings.write(store, "spell.enabled", False)
    composer = open_composer(demo_db)
    controls = composer.spelling
    qtbot.waitUntil(lambda: controls._state_read)
    composer.editor.setFocus()
    type_text(composer.editor, "We will recieve it")
    assert controls.code is None and not controls.box_action.isVisible()
    assert underlines(composer.editor) == 0


def test_without_the_hunspell_binding_the_composer_hides_spelling(qtbot, demo_db: Path, open_composer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    monkeypatch.setitem(sys.modules, "hunspell", None)
    composer = open_composer(demo_db)
    controls = composer.spelling
    qtbot.waitUntil(lambda: controls._state_read)
    type_text(composer.editor, "We will recieve it")
    assert controls.code is None and not controls.box_action.isVisible()
    assert underlines(composer.editor) == 0 and not composer.error_label.isVisible()


def test_a_draft_opens_without_loading_the_language_model_on_the_gui_thread(
        qtbot, demo_db: Path, open_composer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The model takes 0.4-0.9 s to load: a composer whose text needs it (a reopened Spanish
    draft) starts in the fallback and the worker's guess follows."""
    import threading

    from client.compose import text_language
    from client.compose.drafts import DraftFields, save_draft

    monkeypatch.setattr(text_language, "_model", None)  # as in a process that has not loaded it
    monkeypatch.setattr(text_language, "_failed", False)
    threads: list[threading.Thread] = []
    real = text_language.text_language

    def recording(text: str, candidates: object) -> str | None:
        threads.append(threading.current_thread())
        return real(text, candidates)  # type: ignore[arg-type]

    monkeypatch.setattr(text_language, "text_language", recording)
    monkeypatch.setattr("client.spelling.language.text_language", recording)
    with Store.open(demo_db) as store:
        account = store.list_accounts()[0]
        draft_id = save_draft(store, account.id, DraftFields(
            sender=account.email, to="compras@ferreteria.example", subject="Oferta",
            text="Estimado señor García, le enviamos la oferta de las lámparas y el catálogo."))

    composer = open_composer(demo_db, "draft", None, draft_id)

    qtbot.waitUntil(lambda: composer.spelling.code == "es_ES", timeout=20_000)
    assert threads and threading.main_thread() not in threads
