"""From the main window: Reply opens the composer with the answering controls (language row,
reply style, checks before sending) wired, as the app uses it."""

from __future__ import annotations

from ui.composer.window import ComposerWindow


def test_reply_from_the_main_window_asks_before_sending(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.message_view.setCurrentIndex(window.message_model.index(0, 0))
    qtbot.waitUntil(lambda: window.reply_action.isEnabled())
    window.reply_action.trigger()
    qtbot.waitUntil(lambda: len(window.compose.composers) == 1)  # the main window keeps its composers
    [composer] = window.compose.composers
    assert isinstance(composer, ComposerWindow)
    qtbot.waitUntil(lambda: composer.is_ready)
    assert composer.answer.language_box.isVisibleTo(composer)
    assert composer.answer.style_action.isVisible()
    composer.editor.setPlainText("The drawing is attached.")
    composer.send_button.click()
    qtbot.waitUntil(lambda: composer.answer.dialog is not None
                    and composer.answer.dialog.isVisible())
    composer.answer.dialog.back_button.click()
    assert not composer.sent
    composer.sent = True
    composer.close()
