"""Render screenshots of the quote picker and the quotes view into docs/screenshots/.

Usage: ``.venv/bin/python scripts/screenshots_quotes.py [--out DIR]``. Like
``scripts/screenshots.py`` (whose Xvfb start-up it reuses) it draws under its own Xvfb when there
is no ``DISPLAY``, in a child process, in English and Simplified Chinese, on the demo profile
(its templates and its three demo products). The quotes in the view are made by the real quote
reply and moved to other states in the cache, so every state shows.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from screenshots import ANCHOR, qt_app, run_script, wait_for  # noqa: E402

INQUIRY = {"en": "Inquiry: LED panel light 600x600 40W", "zh_CN": "LED筒灯9W采购询价"}
OTHERS = ("Inquiry: T8 LED tube 18W 1200mm", "Consulta de precio - farola LED 120 W",
          "LED工矿灯150W采购询价", "Anfrage LED-Downlight 9 W CRI>90")


def _row(db: Path, subject: str) -> int:
    from client.store.db import Store

    with Store.open(db) as store:
        return int(store.conn.execute("SELECT id FROM messages WHERE subject = ? ORDER BY id",
                                      (subject,)).fetchone()[0])


def _quotes(profile: Path, db: Path) -> None:
    """Five quotes: a draft, sent, sent and expiring, won, expired."""
    from client.quotes.reply import QuoteRequest, create_quote_reply, item_specs
    from client.store.db import Store
    from client.templates import load_library

    states = (("draft", 30, None), ("sent", 25, 2), ("sent", 2, 9), ("won", 20, 12),
              ("sent", -4, 40))
    with Store.open(db) as store:
        library = load_library(profile, store=store)
        for subject, (state, valid, sent_ago), items in zip(
                OTHERS + (INQUIRY["en"],), states,
                (["LED-TUBE-T8;2000"], ["LED-PNL-60;300", "DRV-40W;300"], ["DRV-40W;1000"],
                 ["LED-PNL-60;120"], ["LED-TUBE-T8;5000"]), strict=False):
            reply = create_quote_reply(store, _row(db, subject), QuoteRequest(
                template="quotation", items=item_specs(items), currency="USD",
                incoterm="FOB", place="Ningbo", valid_days=30), library)
            from datetime import date, timedelta

            store.conn.execute(
                "UPDATE quotes SET state = ?, sent_at = ?, valid_until = ? WHERE number = ?",
                (state, None if sent_ago is None else time.time() - sent_ago * 86400,
                 (date.today() + timedelta(days=valid)).isoformat(), reply.record.number))


def render(out_dir: Path) -> list[Path]:
    app = qt_app()
    written: list[Path] = []
    for language in ("en", "zh_CN"):
        written += render_language(app, out_dir, language)
    return written


def render_language(app: object, out_dir: Path, language: str) -> list[Path]:
    from client.demo import build_demo_profile
    from client.profile.paths import DATABASE_NAME
    from ui.qt.i18n import install_translators
    from ui.qt.tasks import wait_for_background_tasks
    from ui.quotes.picker import QuotePicker
    from ui.quotes.view import QuotesView

    install_translators(app, language)  # type: ignore[arg-type]
    profile = Path(tempfile.mkdtemp(prefix="tradewind-quote-shots-"))
    build_demo_profile(profile, anchor=ANCHOR)
    db = profile / DATABASE_NAME
    written: list[Path] = []

    picker = QuotePicker(db, _row(db, INQUIRY[language]))
    picker.resize(1200, 760)
    picker.show()
    wait_for(lambda: picker.data is not None, "the templates")
    picker.items_model.item(0, 0).setText("LED-PNL-60")
    picker.items_model.item(0, 2).setText("500")
    picker.add_item("DRV-40W", quantity="500")
    picker.incoterm.setCurrentIndex(picker.incoterm.findData("FOB"))
    picker.place.setText("Ningbo" if language == "en" else "宁波")
    picker.payment.setText("30% T/T in advance, 70% before shipment" if language == "en"
                           else "30% T/T 预付，70% 发货前付清")
    picker.lead_time.setText("25 days" if language == "en" else "25 天")
    picker.schedule_preview()
    wait_for(lambda: picker.create_button.isEnabled(), "the preview", settle_ms=400)
    path = out_dir / f"quote-picker-{language}.png"
    picker.grab().save(str(path))
    written.append(path)
    picker.close()
    wait_for_background_tasks()

    _quotes(profile, db)
    view = QuotesView(db)
    view.resize(1000, 360)
    view.show()
    wait_for(lambda: bool(view.rows), "the quotes")
    view.filter.setCurrentIndex(view.filter.findData("all"))
    wait_for(lambda: view.model.rowCount() == len(view.rows), "the list", settle_ms=300)
    path = out_dir / f"quotes-view-{language}.png"
    view.grab().save(str(path))
    written.append(path)
    view.close()
    wait_for_background_tasks()
    shutil.rmtree(profile, ignore_errors=True)
    return written


def main() -> int:
    return run_script(Path(__file__), render, __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
