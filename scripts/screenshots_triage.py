"""Render filing and undo (issue 11) on the demo profile into docs/screenshots/.

Usage: ``.venv/bin/python scripts/screenshots_triage.py [--out DIR]``. Like
``scripts/screenshots.py`` (whose Xvfb start-up it reuses) it draws under its own Xvfb when
there is no ``DISPLAY``, in a child process, in English and Simplified Chinese: the message
list's context menu, the undo notice after Archive, the Move to… picker (all folders, then
filtered) and the Shift+Delete confirmation. Writes ``triage-*-{en,zh_CN}.png``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from screenshots import ANCHOR, SIZE, qt_app, run_script, wait_for  # noqa: E402


def render(out_dir: Path) -> list[Path]:
    app = qt_app()
    written: list[Path] = []
    for language, locale_name in (("en", "en_US"), ("zh_CN", "zh_CN")):
        written += render_language(app, out_dir, language, locale_name)
    return written


def render_language(app: object, out_dir: Path, language: str, locale_name: str) -> list[Path]:
    from client.demo import build_demo_profile
    from client.profile.paths import DATABASE_NAME
    from client.store import FolderRecord, Store
    from ui.mainwindow.window import MainWindow
    from ui.qt.dates import babel_locale
    from ui.qt.i18n import install_translators
    from ui.qt.tasks import wait_for_background_tasks

    install_translators(app, language)  # type: ignore[arg-type]
    profile = Path(tempfile.mkdtemp(prefix="tradewind-shots-"))
    build_demo_profile(profile, anchor=ANCHOR)
    with Store.open(profile / DATABASE_NAME) as store:  # the demo account has no Trash
        store.upsert_folder(store.list_accounts()[0].id, FolderRecord("Trash", "/", "trash"))
    window = MainWindow(profile / DATABASE_NAME, babel_locale(locale_name), demo=True)
    window.resize(*SIZE)
    window.show()
    wait_for(lambda: window.list_source is not None, "the inbox")
    written = []

    def shot(widget: object, name: str) -> None:
        path = out_dir / f"triage-{name}-{language}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        written.append(path)

    view, model = window.message_view, window.message_model
    window.message_view.selectRow(2)
    menu = window.list_menu()
    menu.popup(view.viewport().mapToGlobal(view.visualRect(model.index(2, 4)).center()))
    wait_for(menu.isVisible, "the context menu")
    shot(menu, "context-menu")
    menu.close()
    window.triage.archive_action.trigger()
    wait_for(window.triage.undo_bar.isVisible, "the undo notice", 300)
    shot(window, "undo-notice")
    picker = window.triage.pick_folder(copy=False)
    assert picker is not None
    wait_for(picker.isVisible, "the folder picker")
    shot(picker, "folder-picker")
    picker.filter_field.setText("pro")
    shot(picker, "folder-picker-filtered")
    picker.reject()
    window.triage.delete_for_good_action.trigger()
    box = window.triage.box
    assert box is not None
    wait_for(box.isVisible, "the confirmation")
    shot(box, "delete-for-good")
    box.reject()
    wait_for_background_tasks()
    window.quit()
    shutil.rmtree(profile, ignore_errors=True)
    return written


def main() -> int:
    return run_script(Path(__file__), render, __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
