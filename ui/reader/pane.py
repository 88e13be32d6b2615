"""The reader pane: headers as plain text, a notice bar, the invitation card
(``ui.reader.invitation``, in the chrome above the body), the body as plain text with
clickable links, and the attachment names. GUI thread only.

HTML mail is shown sanitised in ``ui.reader.html_view.HtmlView`` (QtWebEngine, JavaScript off, every
request outside our own scheme blocked), created on the first HTML message. Plain text goes to
a ``QTextBrowser`` that can never load anything: ``loadResource`` returns
nothing for every URL (no remote images, no local files), links are not followed inside the pane,
and a click on a link is checked (``client.security.links``: real host, punycode, text vs
target, user-info, dangerous schemes) and asked about before it goes to the system browser
(checklist H2, H5). A ``mailto:`` link never goes to the system: ``mailtoRequested`` carries it
to Tradewind's own composer (``ui.composer.mailto_compose``, H8).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from babel import Locale
from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from client.mime.model import Address
from client.security.links import LinkAnalysis, analyse_link
from client.security.signals import attachment_sentence, reply_to_differs
from ui.qt.dates import full_date
from ui.qt.plain_text import tooltip
from ui.qt.wrapping_label import WrappingLabel
from ui.reader.buyer_time import BuyerTimeLabel
from ui.reader.content import ReaderAttachment, ReaderContent, plain_text_html
from ui.reader.html_content import Link, link_index
from ui.reader.invitation import InvitationCard
from ui.reader.link_prompt import link_box, warning_sentences
from ui.reader.risk_bar import RiskBar
from ui.reader.sender_warning import sender_line, sender_notices, senders_of


class SafeTextBrowser(QTextBrowser):
    """A QTextBrowser that loads no resource of any kind and follows no link itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.blocked_resources: list[str] = []

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 (Qt name)
        self.blocked_resources.append(url.toString() if isinstance(url, QUrl) else str(url))
        return None


def _format_size(size: int, locale: Locale) -> str:
    from babel.numbers import format_decimal

    if size >= 1024 * 1024:
        return f"{format_decimal(round(size / 1048576, 1), locale=locale)} MB"
    return f"{format_decimal(max(1, round(size / 1024)), locale=locale)} KB"


def _addresses(pairs: tuple[tuple[str, str], ...]) -> str:
    return sender_line([Address(name, email) for name, email in pairs]) if pairs else ""


class ReaderPane(QWidget):
    """Shows one ``ReaderContent``; ``linkActivated`` fires after the user confirms a link."""

    linkActivated = Signal(QUrl)
    #: the rep asked to open / save one attachment (a ReaderAttachment), or save them all
    openRequested = Signal(object)
    saveRequested = Signal(object)
    saveAllRequested = Signal()
    #: load remote pictures of this message (its id) / always for this sender (an address)
    loadRemoteRequested = Signal(int)
    trustSenderRequested = Signal(str)
    #: a mailto: link was clicked (its href, as written): open Tradewind's composer
    mailtoRequested = Signal(str)

    def __init__(
        self, locale: Locale, parent: QWidget | None = None, *, actionable_attachments: bool = True
    ) -> None:
        super().__init__(parent)
        self._locale = locale
        self.babel_locale = locale
        self._actionable = actionable_attachments
        self._links: list[Link] = []  # the shown HTML document's links (twmail://…/link/N)
        self._document_key = ""
        #: shows the link dialog and returns the button (tests replace it)
        self.ask_link: Callable[[Any], int] = lambda box: box.exec()
        #: hands a confirmed web address to the system browser (tests replace it)
        self.open_external: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.subject = self._label(bold=True, size_delta=3)
        self.from_label = self._label()
        self.recipients = self._label()
        self.date = self._label()
        self.buyer_time = BuyerTimeLabel(self)  # the customer's clock (ui.reader.buyer_time)
        self.notice = self._label()
        self.notice_bar = QFrame(self)
        self.notice_bar.setObjectName("notice")
        self.notice_bar.setStyleSheet(
            "QFrame#notice { background: #fff4ce; border: 1px solid #e5c96b; }"
            " QFrame#notice QLabel { color: #4a3b00; }"
        )
        bar_layout = QHBoxLayout(self.notice_bar)
        bar_layout.setContentsMargins(6, 3, 6, 3)
        self.notice.setParent(self.notice_bar)
        bar_layout.addWidget(self.notice, 1)
        self.load_remote_button = QPushButton(self.tr("Load remote content"), self.notice_bar)
        self.trust_sender_button = QPushButton(self.notice_bar)
        self.load_remote_button.clicked.connect(self._load_remote_clicked)
        self.trust_sender_button.clicked.connect(self._trust_sender_clicked)
        bar_layout.addWidget(self.load_remote_button)
        bar_layout.addWidget(self.trust_sender_button)
        self._sender_email = ""
        self.attachments = self._label()
        self.attachment_bar = QWidget(self)
        self._bar_layout = QHBoxLayout(self.attachment_bar)
        self._bar_layout.setContentsMargins(0, 0, 0, 0)
        self._bar_layout.setSpacing(4)
        self.current_attachments: tuple[ReaderAttachment, ...] = ()
        self.headers_view = QPlainTextEdit(self)
        self.headers_view.setReadOnly(True)
        self.headers_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.headers_view.setMaximumHeight(180)
        self.headers_view.hide()
        self.show_all_headers = False
        self.body = SafeTextBrowser(self)
        self.body.anchorClicked.connect(self._confirm_link)
        self.body.highlighted.connect(lambda url: self._show_link_hint(url.toString()))
        self.link_hint = self._label()  # the real destination of the link under the mouse
        self.link_hint.setStyleSheet("QLabel { color: #444; padding: 2px 8px; }")
        self.link_hint.hide()
        self.html_view: Any = None  # ui.reader.html_view.HtmlView, created on the first HTML mail
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.body)
        header = QFrame(self)
        header.setFrameShape(QFrame.Shape.NoFrame)
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(8, 6, 8, 6)
        header_layout.setSpacing(2)
        self.invitation_card = InvitationCard(locale, self)  # in the chrome, never the HTML
        self.invitation_card.linkRequested.connect(self._invitation_link)
        self.risk_bar = RiskBar(self)  # issue 19: fraud warning, in the chrome, never the HTML
        for widget in (self.subject, self.from_label, self.recipients, self.date, self.buyer_time,
                       self.headers_view, self.attachment_bar, self.risk_bar, self.notice_bar,
                       self.invitation_card):
            header_layout.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.link_hint)
        self.clear()

    def _label(self, *, bold: bool = False, size_delta: int = 0) -> QLabel:
        label = WrappingLabel(self)
        label.setTextFormat(label.textFormat().PlainText)  # server text is never markup (T8)
        label.setWordWrap(True)
        label.setTextInteractionFlags(label.textInteractionFlags().TextSelectableByMouse)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        if bold or size_delta:
            font = QFont(label.font())
            font.setBold(bold)
            font.setPointSize(font.pointSize() + size_delta)
            label.setFont(font)
        return label

    def clear(self) -> None:
        """Show the empty state."""
        self.shown_id: int | None = None
        self.subject.setText(self.tr("No message selected"))
        for label in (self.from_label, self.recipients, self.date, self.attachments, self.notice):
            label.clear()
            label.hide()
        self.headers_view.clear()
        self.headers_view.hide()
        self.buyer_time.show_time(None)
        self.notice_bar.hide()
        self.risk_bar.show_risk(None, None)
        self.invitation_card.show_card(None)
        self._fill_attachment_bar(())
        self.body.clear()
        self.stack.setCurrentWidget(self.body)

    def show_loading(self, message_id: int) -> None:
        """Say that a message is being read from the cache."""
        self.shown_id = message_id
        self.body.setPlainText(self.tr("Loading…"))
        self.stack.setCurrentWidget(self.body)

    def show_error(self, text: str) -> None:
        """Show a failure to read the message, in words."""
        self.body.setPlainText(text)
        self.stack.setCurrentWidget(self.body)

    def _ensure_html_view(self) -> Any:
        """The HTML view, or None when QtWebEngine is not installed (plain text then)."""
        if self.html_view is None:
            try:
                from ui.reader.html_view import HtmlView
            except ImportError:
                return None
            self.html_view = HtmlView(self)
            self.html_view.linkClicked.connect(self._confirm_link)
            self.html_view.locked_page.linkHovered.connect(self._show_link_hint)
            self.stack.addWidget(self.html_view)
        return self.html_view

    def show_content(self, content: ReaderContent) -> None:
        """Display ``content`` (headers, notice, attachments, body)."""
        row = content.row
        self.shown_id = row.id
        self.link_hint.hide()
        self.subject.setText(row.subject or self.tr("(no subject)"))
        senders = senders_of(row, content.senders)
        self.from_label.setText(self.tr("From: {0}").format(sender_line(senders)))
        recipients = self.tr("To: {0}").format(_addresses(row.to))
        if row.cc:
            recipients += "\n" + self.tr("Cc: {0}").format(_addresses(row.cc))
        self.recipients.setText(recipients)
        self.date.setText(full_date(row.date or row.internaldate, self._locale, None))
        for label in (self.from_label, self.recipients, self.date):
            label.show()
        self.buyer_time.show_time(content.buyer_time)
        self.headers_view.setPlainText(content.header_text)
        self.headers_view.setVisible(self.show_all_headers)
        notices = sender_notices(content.sender_warnings)
        notices += [attachment_sentence(risk) for risk in content.attachment_risks]  # core words
        if reply_to_differs(row.from_email, [email for _, email in row.reply_to]):
            notices.append(
                self.tr("Replies go to a different address than the sender: {0}").format(
                    _addresses(row.reply_to)
                )
            )
        view = self._ensure_html_view() if content.html is not None else None
        blocked = (
            view is not None and content.html is not None and bool(content.html.remote_urls)
            and not content.remote_allowed
        )
        if blocked and content.html is not None:
            notices.append(
                self.tr("Remote content blocked: {0} pictures from the internet were not loaded.")
                .format(len(content.html.remote_urls))
            )
        elif content.had_html_only and view is None:
            notices.append(self.tr("Shown as plain text; pictures and remote content are not loaded."))
        for charset in content.refused_charsets:
            notices.append(self.tr("A part written in HTML with the character set {0} is shown "
                                   "as plain text: mail programs no longer display HTML in that "
                                   "character set.").format(charset))
        self._sender_email = row.from_email
        self.load_remote_button.setVisible(blocked)
        self.trust_sender_button.setVisible(blocked and "@" in row.from_email)
        self.trust_sender_button.setText(self.tr("Always for {0}").format(row.from_email))
        self.notice.setText("\n".join(notices))
        self.notice.setVisible(bool(notices))
        self.notice_bar.setVisible(bool(notices))
        self._fill_attachment_bar(content.attachments)
        self.risk_bar.show_risk(content.risk, row)
        self.invitation_card.show_card(content.invitation)
        self._links = list(content.html.links) if content.html is not None else []
        self._document_key = content.document_key or str(row.id)
        if view is not None and content.html is not None:
            self.body.setHtml(plain_text_html(content.text))  # kept for copy and search
            view.show_document(content.document_key or str(row.id), content.html.html,
                               content.inline_parts,
                               allow_remote=content.remote_allowed)
            self.stack.setCurrentWidget(view)
        else:
            self.body.setHtml(plain_text_html(content.text))
            self.stack.setCurrentWidget(self.body)

    def _load_remote_clicked(self) -> None:
        if self.shown_id is not None:
            self.loadRemoteRequested.emit(self.shown_id)

    def _trust_sender_clicked(self) -> None:
        if self._sender_email:
            self.trustSenderRequested.emit(self._sender_email)

    def set_show_all_headers(self, show: bool) -> None:
        """Show or hide every header of the message (as plain text, never as markup)."""
        self.show_all_headers = bool(show)
        self.headers_view.setVisible(self.show_all_headers and self.shown_id is not None
                                     and bool(self.headers_view.toPlainText()))

    def _fill_attachment_bar(self, attachments: tuple[ReaderAttachment, ...]) -> None:
        """One button per attachment (menu: open, save as) and "Save all"; hidden if none."""
        self.current_attachments = attachments
        while self._bar_layout.count():
            item = self._bar_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.attachments:
                widget.deleteLater()
        if not attachments:
            self.attachment_bar.hide()
            return
        names = "   ".join(
            f"{a.filename} ({_format_size(a.size, self._locale)})" for a in attachments
        )
        self.attachments.setText(self.tr("Attachments: {0}").format(names))
        if not self._actionable:  # e.g. inside an attached message: names only
            self.attachments.setParent(self.attachment_bar)
            self.attachments.show()
            self._bar_layout.addWidget(self.attachments)
            self.attachment_bar.show()
            return
        self.attachments.setVisible(False)  # the buttons show the same; kept for accessibility
        self._bar_layout.addWidget(QLabel(self.tr("Attachments:"), self.attachment_bar))
        for attachment in attachments:
            button = QToolButton(self.attachment_bar)
            label = f"{attachment.filename} ({_format_size(attachment.size, self._locale)})"
            if not attachment.downloaded:
                label += " — " + self.tr("not downloaded")
            button.setText(label)
            button.setToolTip(tooltip(attachment.content_type))
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
            menu = QMenu(button)
            menu.addAction(self.tr("Open"), partial(self.openRequested.emit, attachment))
            menu.addAction(self.tr("Save as…"), partial(self.saveRequested.emit, attachment))
            button.setMenu(menu)
            button.clicked.connect(lambda _c=False, a=attachment: self.openRequested.emit(a))
            self._bar_layout.addWidget(button)
        if len(attachments) > 1:
            save_all = QToolButton(self.attachment_bar)
            save_all.setText(self.tr("Save all…"))
            save_all.clicked.connect(self.saveAllRequested)
            self._bar_layout.addWidget(save_all)
        self._bar_layout.addStretch(1)
        self.attachment_bar.show()

    def _analyse(self, url: str) -> LinkAnalysis | None:
        """The analysis of a link URL from a view (HTML view: our numbered link URL; plain
        text: the address itself), None if it is not a link of the shown message."""
        index = link_index(url, self._document_key)
        if url.lower().startswith("twmail:") and (index is None or index >= len(self._links)):
            return None
        if index is not None:
            href, text = self._links[index].href, self._links[index].text
        else:  # the plain-text view: the link text is the address itself
            href, text = url, ""
        return analyse_link(href, text, str(self._locale))

    def _show_link_hint(self, url: str) -> None:
        """Under the message, where the link under the mouse really goes (H5)."""
        analysis = self._analyse(url) if url else None
        if analysis is None:
            self.link_hint.hide()
            return
        if analysis.blocked:
            hint = self.tr("Does not open: {0}").format(analysis.href[:300])
        else:
            hint = self.tr("Goes to: {0}").format(analysis.open_url[:300])
        warnings = warning_sentences(analysis)
        self.link_hint.setText(hint + (" — " + warnings[0] if warnings else ""))
        self.link_hint.show()

    def _invitation_link(self, href: str) -> None:
        """The card's join link (https only) goes through the same confirmation (C7)."""
        self.handle_link(analyse_link(href, "", str(self._locale)))

    def _confirm_link(self, url: QUrl) -> None:
        """A link was clicked: check it, then ask (``handle_link``)."""
        analysis = self._analyse(url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
                                 if url.scheme() == "twmail" else url.toString())
        if analysis is not None:
            self.handle_link(analysis)

    def handle_link(self, analysis: LinkAnalysis) -> None:
        """mailto: to our composer; a blocked link is explained; a web link opens after the
        rep said yes (to exactly the address analysed)."""
        if analysis.is_mailto and not analysis.blocked and not analysis.warnings:
            self.mailtoRequested.emit(analysis.href)
            return
        box = link_box(self, analysis)
        answer = self.ask_link(box)
        if analysis.blocked or int(getattr(answer, "value", answer)) != QMessageBox.StandardButton.Yes.value:
            return
        if analysis.is_mailto:
            self.mailtoRequested.emit(analysis.href)
            return
        url = QUrl(analysis.open_url, QUrl.ParsingMode.StrictMode)
        if url.isValid():
            self.linkActivated.emit(url)
            self.open_external(url)
