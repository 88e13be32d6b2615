"""Render screenshots of the main window on the demo profile into docs/screenshots/.

Usage: ``.venv/bin/python scripts/screenshots.py [--out DIR]``. Without a ``DISPLAY`` it starts
its own ``Xvfb -screen 0 1440x900x24 -nolisten tcp`` on a free display number (and stops it afterwards), so it runs
on a headless machine with the Debian packages ``xvfb`` and ``fonts-noto-cjk``. The demo is
built with a fixed anchor date so the pictures are reproducible. English and Simplified
Chinese UI.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

ANCHOR = date(2026, 11, 27)
SIZE = (1440, 870)


def start_xvfb() -> subprocess.Popen[bytes] | None:
    """Start Xvfb (1440x900x24, no TCP) unless a display is already there; returns the process
    we started. Xvfb picks the first free display number itself (-displayfd), so a display
    someone else runs (e.g. :99) is never disturbed."""
    if os.environ.get("DISPLAY"):
        return None
    if shutil.which("Xvfb") is None:
        sys.exit("No DISPLAY and no Xvfb: install the Debian package xvfb (or run on a desktop).")
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1440x900x24",
         "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    if not number:
        proc.kill()
        sys.exit("Xvfb did not start.")
    os.environ["DISPLAY"] = f":{number}"
    return proc


def qt_app() -> object:
    """The QApplication of a screenshot child (on the Xvfb display), QtWebEngine prepared."""
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtWidgets import QApplication

    from ui.app.main import prepare_web_engine

    prepare_web_engine()
    app = QApplication([sys.argv[0]])
    app.setApplicationName("Tradewind")
    return app


def wait_for(condition: Callable[[], bool], what: str, settle_ms: int = 200) -> None:
    """Spin the event loop until ``condition()``, then ``settle_ms`` more for painting."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtTest import QTest

    for _ in range(400):
        QCoreApplication.processEvents()
        if condition():
            QTest.qWait(settle_ms)
            return
        QTest.qWait(25)
    raise RuntimeError(f"timed out waiting for {what}")


def signed_example_policy(work: Path, people: dict[str, dict[str, object]],
                          drop: dict[str, str] | None = None) -> tuple[Path, Path]:
    """`tradewind policy init`'s example with ``people`` added to (and the ``drop`` person →
    field values removed from) its directory, signed with a throwaway key; (folder, public key)."""
    import json

    from client.signatures.example import write_example
    from client.signatures.integrity import (
        MANIFEST_NAME,
        generate_keys,
        load_private_key,
        policy_files,
        sign_files,
    )

    private, public = generate_keys(work / "keys")
    policy_dir = work / "policy"
    write_example(policy_dir)
    directory = json.loads((policy_dir / "directory.json").read_text(encoding="utf-8"))
    directory["people"].update(people)
    for person, field in (drop or {}).items():
        directory["people"][person].pop(field, None)
    (policy_dir / "directory.json").write_text(json.dumps(directory, ensure_ascii=False),
                                               encoding="utf-8")
    files = policy_files(policy_dir)
    (policy_dir / MANIFEST_NAME).write_bytes(sign_files(files, load_private_key(private)))
    return policy_dir, public


def render(out_dir: Path) -> list[Path]:
    """Build the demo, open the window in English and in Chinese, save the pictures."""
    app = qt_app()
    written: list[Path] = []
    for language, locale_name in (("en", "en_US"), ("zh_CN", "zh_CN")):
        written += render_language(app, out_dir, language, locale_name)
    return written


def render_language(app: object, out_dir: Path, language: str, locale_name: str) -> list[Path]:
    """The screenshots of one UI language (files end in -en.png or -zh_CN.png)."""
    from PySide6.QtTest import QTest

    from client.demo import build_demo_profile
    from client.profile.paths import DATABASE_NAME
    from ui.mainwindow.window import MainWindow
    from ui.qt.dates import babel_locale
    from ui.qt.i18n import install_translators

    install_translators(app, language)  # type: ignore[arg-type]
    profile = Path(tempfile.mkdtemp(prefix="tradewind-shots-"))
    build_demo_profile(profile, anchor=ANCHOR)
    window = MainWindow(profile / DATABASE_NAME, babel_locale(locale_name), demo=True)
    window.resize(*SIZE)
    window.show()
    written: list[Path] = []

    def select(subject: str) -> None:
        model = window.message_model
        row = next(r for r in range(model.rowCount()) if model.message(r).subject == subject)  # type: ignore[union-attr]
        window.message_view.selectRow(row)
        message_id = model.message_id_at(row)
        wait_for(lambda: window.reader.shown_id == message_id
                 and window.reader.body.toPlainText() not in ("", "Loading…", "正在加载…"), subject)

    def shot(name: str) -> None:
        path = out_dir / f"{name}-{language}.png"
        window.grab().save(str(path))
        written.append(path)

    def open_folder(name: str) -> None:
        account = window.store.list_accounts()[0]
        folder = window.store.folder_by_name(account.id, name)
        assert folder is not None
        window.select_folder(folder.id)
        wait_for(lambda: window.list_source == ("folder", folder.id), name)

    def select_html(subject: str) -> None:
        select(subject)
        view = window.reader.html_view
        wait_for(lambda: view is not None and window.reader.stack.currentWidget() is view
                 and view.url().scheme() == "twmail", "the HTML view")
        QTest.qWait(700)  # let Chromium paint

    wait_for(lambda: window.list_source is not None, "the inbox")
    select_html("Canton Fair: lighting section booth applications close soon")
    shot("html-remote-content-blocked")
    select_html("Booking confirmation OLN-NGB-26118842 (Ningbo - Hamburg)")
    shot("html-inline-logo")
    select("克雷默订单交期问题")
    shot("main-window")
    select("URGENT: Änderung unserer Bankverbindung / new bank account")
    shot("reader-phishing")
    window.search_field.setText("交期")
    window.run_search()
    wait_for(lambda: window.list_source == ("search", "交期"), "search")
    select("回复：克雷默订单交期问题")
    shot("search-chinese")
    window.search_field.clear()
    open_folder("Projects/Al Noor Hotel Dubai")
    select("Invitation: Sample review call - Al Noor Dubai Marina")
    shot("project-folder")
    window.set_threaded(True)
    open_folder("INBOX")
    select("PO-45-2611 / Re: Quotation HL-Q2611-07")
    shot("conversations")
    window.close()
    shutil.rmtree(profile, ignore_errors=True)
    return written


def run_script(script: Path, render_fn: Callable[[Path], list[Path]], description: str) -> int:
    """The command line of a screenshot script: the parent starts Xvfb and re-runs ``script``
    with ``--render`` in a child, which draws with ``render_fn`` and prints the files."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--render", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.render:  # the child process: draw on the display we were given
        for path in render_fn(args.out):
            print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
        return 0
    xvfb = start_xvfb()
    try:  # Qt runs in a child so it is gone before its X server stops
        return subprocess.run(
            [sys.executable, str(script.resolve()), "--render", "--out", str(args.out)],
            check=False,
        ).returncode
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(10)


def main() -> int:
    return run_script(Path(__file__), render, __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
