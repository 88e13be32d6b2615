"""The question asked before a link in a message opens (checklist H5). GUI thread only.

``link_box(parent, analysis)`` builds the dialog for a ``client.security.links.LinkAnalysis``:
the host as the rep should read it (punycode when it mixes scripts or is not in the rep's
script), the full address, and one sentence per warning; with a warning "No" is the default.
A blocked link gets an information box that cannot open anything. Every text is plain text:
nothing from the message is read as markup.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from client.security import links
from ui.qt.plain_text import make_plain


def warning_sentences(analysis: links.LinkAnalysis) -> list[str]:
    """One translated sentence per warning of ``analysis``."""
    out = []
    for warning in analysis.warnings:
        detail, code = warning.detail, warning.code
        if code == links.DANGEROUS_SCHEME and detail:
            text = QCoreApplication.translate(
                "LinkPrompt", "Links of the kind “{0}:” can run programs or read files on your "
                "computer; Tradewind does not open them.").format(detail)
        elif code == links.DANGEROUS_SCHEME:
            text = QCoreApplication.translate(
                "LinkPrompt", "This link has no web address; Tradewind does not open it.")
        elif code == links.USER_INFO:
            text = QCoreApplication.translate(
                "LinkPrompt", "The address hides its real destination behind “{0}@”: the site "
                "that opens is {1}, not {0}.").format(detail, analysis.host)
        elif code == links.TEXT_MISMATCH:
            text = QCoreApplication.translate(
                "LinkPrompt", "The link text shows “{0}”, but the link goes somewhere else."
            ).format(detail)
        elif code == links.MIXED_SCRIPTS:
            text = QCoreApplication.translate(
                "LinkPrompt", "The site name mixes letters of different alphabets (“{0}”); it "
                "may imitate a site you know.").format(detail)
        elif code == links.FOREIGN_SCRIPT:
            text = QCoreApplication.translate(
                "LinkPrompt", "The site name is written in another alphabet (“{0}”); it is "
                "shown in its plain form.").format(detail)
        else:
            text = QCoreApplication.translate("LinkPrompt", "The site name “{0}” is not valid.").format(detail)
        out.append(text)
    return out


def link_box(parent: QWidget | None, analysis: links.LinkAnalysis) -> QMessageBox:
    """The confirmation (Yes opens ``analysis.open_url``) or, for a blocked link, a notice."""
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowTitle(QCoreApplication.translate("LinkPrompt", "Open link"))
    warnings = warning_sentences(analysis)
    if analysis.blocked:
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(QCoreApplication.translate("LinkPrompt", "This link was not opened."))
        box.setInformativeText("\n\n".join([*warnings, analysis.href[:500]]))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        return make_plain(box)
    box.setIcon(QMessageBox.Icon.Warning if warnings else QMessageBox.Icon.Question)
    if analysis.is_mailto:
        box.setText(QCoreApplication.translate("LinkPrompt", "Write a message from this link in Tradewind?"))
    else:
        box.setText(QCoreApplication.translate("LinkPrompt", "Open this site in your web browser?\n\nSite: {0}").format(analysis.host))
    details = [*warnings, QCoreApplication.translate("LinkPrompt", "Full address: {0}").format(analysis.open_url[:2000])]
    box.setInformativeText("\n\n".join(details))
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No if warnings else QMessageBox.StandardButton.Yes)
    return make_plain(box)
