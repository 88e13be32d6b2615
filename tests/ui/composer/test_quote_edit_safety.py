"""The editable quote still loads nothing (checklist H2, H3): HTML pasted or typed into it
with remote pictures, a local file or a share fetches nothing from the loopback "attacker"
server, and a picture pasted into the quote stays out of the message."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QImage, QTextDocument

from tests.ui.settle import deliver_background_results
from ui.composer.quote_edit import QuoteView

IMAGE = QTextDocument.ResourceType.ImageResource.value


def test_html_pasted_into_the_quote_fetches_nothing(qtbot, tmp_path: Path, internet) -> None:  # type: ignore[no-untyped-def]
    base, hits = internet
    picture = tmp_path / "local.png"
    image = QImage(20, 20, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    assert image.save(str(picture))
    view = QuoteView(300)
    qtbot.addWidget(view)
    view.show_html('<div>On Nov 27, Hans wrote:</div><blockquote type="cite">'
                   "<div>Question?</div></blockquote>")
    view.show()
    local = QUrl.fromLocalFile(str(picture)).toString()
    mime = QMimeData()
    mime.setHtml(f"<p>pasted</p><img src='{base}/pasted.png'><img src='{local}'>"
                 f"<div style=\"background:url({base}/css)\">x</div><img src='//127.0.0.1:1/s'>")
    view.insertFromMimeData(mime)
    view.fit_height()
    view.viewport().repaint()  # painting is when a document asks for its pictures
    deliver_background_results()
    assert hits == []
    for name in (f"{base}/pasted.png", local):
        loaded = view.document().resource(IMAGE, QUrl(name))
        assert loaded is None or loaded.isNull(), name
    assert view.edited()
    text, html = view.quote_fields("unused", "unused")
    assert "pasted" in (text or "") and "<img" not in (html or "")  # text only, no picture
