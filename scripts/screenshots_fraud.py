"""Render the reader's payment-fraud warning (issue 19) into docs/screenshots/.

Usage: ``.venv/bin/python scripts/screenshots_fraud.py [--out DIR]``. Builds the synthetic
evaluation set of tests/client/security/fraud_cases.py in a temporary cache, opens its "bank
change from a lookalike" message in a ``ReaderPane`` (offscreen platform) and saves
``reader-fraud-en.png`` and ``reader-fraud-zh_CN.png``, one child process per language. No
network is used.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LABEL = "bank change from a lookalike, en"


def _render(language: str, out: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    from babel import Locale
    from PySide6.QtWidgets import QApplication

    from client.store.db import Store
    from tests.client.security.fraud_cases import build_cases
    from ui.qt.i18n import install_translators
    from ui.reader.content import load_reader_content
    from ui.reader.pane import ReaderPane

    app = QApplication([])
    install_translators(app, language)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tradewind.db"
        with Store.open(path) as store:
            ids = {c.label: c.row_id for c in build_cases(store)}
        pane = ReaderPane(Locale.parse(language))
        pane.resize(900, 420)
        pane.show_content(load_reader_content(path, ids[LABEL]))
        pane.show()
        app.processEvents()
        pane.grab().save(str(out / f"reader-fraud-{language}.png"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--language", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.language:
        _render(args.language, args.out)
        return
    args.out.mkdir(parents=True, exist_ok=True)
    for language in ("en", "zh_CN"):
        subprocess.run([sys.executable, __file__, "--out", str(args.out), "--language",
                        language], check=True)


if __name__ == "__main__":
    main()
