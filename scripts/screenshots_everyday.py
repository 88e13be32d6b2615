"""Screenshots of the everyday client (issue 11) into docs/screenshots/: the main window with
the To column and the expanded conversation, a search with highlighted words, the reader
window and the conversation window, in English and Chinese.

Usage (one scale per run, on a small screen to show that everything fits):
``xvfb-run -a -s "-screen 0 1280x720x24" env QT_SCALE_FACTOR=1.5 .venv/bin/python
scripts/screenshots_everyday.py --suffix -150`` and without ``QT_SCALE_FACTOR`` on
``1366x768x24`` for 100 %. Pictures are scaled to at most 1100 pixels wide (small files).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from screenshots import qt_app, wait_for  # noqa: E402

ANCHOR = date(2026, 11, 27)
MAX_WIDTH = 1100


def save(widget: object, path: Path) -> Path:
    from PySide6.QtCore import Qt

    image = widget.grab().toImage()  # type: ignore[attr-defined]
    if image.width() > MAX_WIDTH:
        image = image.scaledToWidth(MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
    image.save(str(path), "PNG")
    return path


def render(out_dir: Path, suffix: str) -> list[Path]:
    from client.demo import build_demo_profile
    from client.profile.paths import DATABASE_NAME
    from ui.mainwindow.window import MainWindow
    from ui.qt.dates import babel_locale
    from ui.qt.i18n import install_translators

    app = qt_app()
    written = []
    for language, locale_name in (("en", "en_US"), ("zh_CN", "zh_CN")):
        install_translators(app, language)  # type: ignore[arg-type]
        work = Path(tempfile.mkdtemp(prefix="tradewind-shots-"))
        build_demo_profile(work / "profile", anchor=ANCHOR)
        win = MainWindow(work / "profile" / DATABASE_NAME, babel_locale(locale_name), demo=True)
        win.show()
        wait_for(lambda w=win: w.message_model.rowCount() > 0, "the Inbox")
        win.everyday.layout.keep_on_screen_now()
        tag = f"{language}{suffix}"
        # Sent: the To column; grouped and one conversation expanded
        store = win.store
        sent = store.folder_by_role(store.list_accounts()[0].id, "sent")
        win.select_folder(sent.id)  # type: ignore[union-attr]
        wait_for(lambda w=win, s=sent: w.list_source == ("folder", s.id), "Sent")  # type: ignore[union-attr]
        win.message_view.selectRow(0)
        wait_for(lambda w=win: w.reader.shown_id is not None, "a message")
        written.append(save(win, out_dir / f"everyday-sent-to-{tag}.png"))
        inbox = store.folder_by_role(store.list_accounts()[0].id, "inbox")
        win.select_folder(inbox.id)  # type: ignore[union-attr]
        win.group_action.trigger()
        wait_for(lambda w=win: w.threaded and w.list_source is not None, "grouped Inbox")
        model = win.message_model
        row = next(r for r in range(model.rowCount()) if model.message(r).thread_count > 1)
        win.message_view.setFocus()
        win.message_view.selectRow(row)
        before = model.rowCount()
        win.everyday.threads.expand_current()
        wait_for(lambda m=model, b=before: m.rowCount() > b, "the expanded conversation")
        written.append(save(win, out_dir / f"everyday-conversation-list-{tag}.png"))
        head = model.message_id_at(row)
        conversation = win.everyday.open_conversation(head)  # type: ignore[arg-type]
        wait_for(lambda c=conversation: bool(c.cards), "the conversation window")
        written.append(save(conversation, out_dir / f"everyday-conversation-{tag}.png"))
        conversation.close()
        win.group_action.trigger()
        win.search_field.setText("LED")
        win.run_search()
        wait_for(lambda w=win: w.list_source == ("search", "LED"), "the search")
        written.append(save(win, out_dir / f"everyday-search-{tag}.png"))
        reader = win.everyday.open_message(win.message_model.message_id_at(0))  # type: ignore[arg-type]
        wait_for(lambda r=reader: r.content is not None, "the reader window")
        written.append(save(reader, out_dir / f"everyday-reader-{tag}.png"))
        reader.close()
        win.quit()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--suffix", default="")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        sys.exit("Run under xvfb-run (see the usage in this script's docstring).")
    for path in render(args.out, args.suffix):
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
