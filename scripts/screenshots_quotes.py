"""Render screenshots of the quote picker and the quotes view into docs/screenshots/.

Usage: ``.venv/bin/python scripts/screenshots_quotes.py [--out DIR]``. Like
``scripts/screenshots.py`` (whose Xvfb start-up it reuses) it draws under its own Xvfb when there
is no ``DISPLAY``, in a child process, in English and Simplified Chinese, on the demo profile
(its templates, its company price list and templates, and its demo quotes in every state); the
composer opened by the one-click "Quote with quotation"; and a quotation PDF in Latin
(German), Chinese, Arabic and Cyrillic rendered to PNG with pdftoppm.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from screenshots import ANCHOR, qt_app, run_script  # noqa: E402
from screenshots import wait_for as _wait_once  # noqa: E402


def wait_for(condition: object, what: str, settle_ms: int = 200) -> None:
    """``screenshots.wait_for`` with a minute of patience (a loaded machine is slow)."""
    for attempt in range(6):
        try:
            _wait_once(condition, what, settle_ms)  # type: ignore[arg-type]
            return
        except RuntimeError:
            if attempt == 5:
                raise

INQUIRY = {"en": "Inquiry: LED panel light 600x600 40W", "zh_CN": "LED筒灯9W采购询价"}
OTHERS = ("Inquiry: T8 LED tube 18W 1200mm", "Consulta de precio - farola LED 120 W",
          "LED工矿灯150W采购询价", "Anfrage LED-Downlight 9 W CRI>90")


def _row(db: Path, subject: str) -> int:
    from client.store.db import Store

    with Store.open(db) as store:
        return int(store.conn.execute("SELECT id FROM messages WHERE subject = ? ORDER BY id",
                                      (subject,)).fetchone()[0])


def _one_click_composer(app: object, db: Path, language: str, out_dir: Path) -> Path:
    """The composer opened by "Quote with quotation": the last choices, no picker."""
    from client.quotes import last_choices
    from client.quotes.reply import QuoteRequest, item_specs
    from client.store.db import Store
    from ui.composer.window import ComposerWindow
    from ui.quotes import jobs

    with Store.open(db) as store:
        last_choices.remember(store, QuoteRequest(
            template="quotation", items=item_specs(["HL-DL-9;1000", "DRV-40W;200"]),
            currency="EUR", incoterm="CIF", place="Hamburg",
            payment_terms="30% T/T in advance, 70% against B/L copy", valid_days=30,
            lead_time="20 days", with_pdf=True))
    subject = OTHERS[3] if language == "en" else OTHERS[2]
    reply = jobs.quick_reply(db, _row(db, subject))
    assert reply is not None and reply.draft_id is not None
    composer = ComposerWindow(db, "draft", None, reply.draft_id)
    composer.resize(1000, 760)
    composer.show()
    wait_for(lambda: composer.is_ready, "the composer", settle_ms=600)
    path = out_dir / f"quote-composer-{language}.png"
    composer.grab().save(str(path))
    composer.close()
    return path


def _pdf_pages(out_dir: Path) -> list[Path]:
    """A quotation PDF per script (Latin with accents, Chinese, Arabic, Cyrillic), first page
    as PNG (pdftoppm); prints pdffonts' view (every font must be embedded)."""
    import subprocess
    from datetime import date
    from decimal import Decimal

    from client.quotes.pdf import Party, QuotationDocument, render_pdf
    from client.quotes.records import make_line

    docs = {
        "de": ("Müller Armaturen GmbH", ("Hafenstraße 12", "20457 Hamburg"), "EUR",
               [("LED-Hallenleuchte 150 W IP65", "150 W, 5000 K", 300, "36.20"),
                ("Straßenleuchte – Sonderfarbe Anthrazit", "120 W, Öffnungswinkel 140°", 50,
                 "42.40")]),
        "zh": ("宁波港湾照明有限公司", ("浙江省宁波市鄞州区中山东路 88 号",), "CNY",
               [("LED工矿灯 150W IP65", "150W 5000K 光效 150lm/W", 300, "268.00"),
                ("LED筒灯 9W 显指>90", "开孔 75 毫米", 1000, "26.50")]),
        "ar": ("شركة النور للتجارة", ("دبي، الإمارات العربية المتحدة",), "AED",
               [("كشاف LED للمستودعات 150 واط", "IP65، 5000 كلفن", 300, "142.00"),
                ("لوحة إضاءة LED مقاس 600x600", "40 واط", 600, "67.90")]),
        "ru": ("ООО «СветТорг»", ("ул. Ленина, 12", "Новосибирск"), "USD",
               [("Светильник промышленный LED 150 Вт", "IP65, 5000 K", 300, "38.90"),
                ("Уличный светильник 120 Вт", "IP66", 80, "45.60")]),
    }
    written = []
    for lang, (buyer, lines, currency, items) in docs.items():
        data = render_pdf(QuotationDocument(
            number="Q-2026-0042", quote_date=ANCHOR, currency=currency, lang=lang,
            seller=Party("Ningbo Harbor Lighting Co., Ltd.", ("宁波港湾照明有限公司",
                                                              "No. 88 Zhongshan East Road")),
            buyer=Party(buyer, lines),
            items=tuple(make_line(n, Decimal(q), Decimal(p), currency, specification=spec,
                                  unit="pcs") for n, spec, q, p in items),
            valid_until=date(2026, 12, 31), incoterm="FOB", place="Ningbo",
            payment_terms="30% T/T in advance, 70% against B/L copy", lead_time="25 days"))
        with tempfile.TemporaryDirectory() as folder:
            pdf = Path(folder) / "q.pdf"
            pdf.write_bytes(data)
            fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                                   check=True).stdout
            print(f"pdffonts ({lang}):\n{fonts}")
            stem = out_dir / f"quote-pdf-{lang}"
            subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1",
                            "-singlefile", str(pdf), str(stem)], check=True)
        written.append(stem.with_suffix(".png"))
    return written


def render(out_dir: Path) -> list[Path]:
    app = qt_app()
    written: list[Path] = []
    for language in ("en", "zh_CN"):
        written += render_language(app, out_dir, language)
    written += _pdf_pages(out_dir)
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
    build_demo_profile(profile, anchor=ANCHOR, quotes=True)
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

    written.append(_one_click_composer(app, db, language, out_dir))
    wait_for_background_tasks()
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
