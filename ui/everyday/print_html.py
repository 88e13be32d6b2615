"""Printing an HTML message as HTML: the reader's sanitised HTML (``ReaderContent.html``, made
by ``ui.reader.html_content``: no script, no forms, links rewritten) laid out by Qt's rich text
engine under the printed header block, tables, fonts and colours kept.

Pictures come only from what the message itself holds (``cid:`` parts, ``data:`` pictures)
and, when the rep allowed remote content for the message or its sender (the reader's rule,
``ReaderContent.remote_allowed``), from remote pictures fetched beforehand on a worker thread
(``fetch_remote_pictures``). ``MailDocument.loadResource`` answers nothing else: no file, no
network from the GUI thread, no remote picture of a blocked message: a refused resource is
``ui.composer.locked_view.blocked_resource``, because an empty answer would make Qt load the
name as a local file.

``mail_document`` and ``MailDocument``: GUI thread. ``fetch_remote_pictures``: worker thread
(blocking network I/O; never raises, a picture that fails is left out).
``document_in_background(owner, content, build, then)`` runs the fetch when needed and calls
``then(document)`` on the GUI thread (skipped once ``owner`` is gone).
"""

from __future__ import annotations

import base64
import binascii
import re
import time
from collections.abc import Callable, Iterable
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QByteArray, QObject, QUrl
from PySide6.QtGui import QTextDocument

from ui.composer.locked_view import blocked_resource
from ui.qt.tasks import run_in_background
from ui.reader.content import ReaderContent
from ui.reader.html_content import cid_url

#: a remote picture bigger than this is not printed (bytes); at most MAX_PICTURES are fetched
MAX_PICTURE_BYTES = 5 * 1024 * 1024
MAX_PICTURES = 40
FETCH_TIMEOUT = 10.0
#: seconds all the pictures of one message may take together
FETCH_BUDGET = 20.0
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.IGNORECASE | re.DOTALL)
_DATA = re.compile(r"data:(image/[a-z0-9.+-]+)?(;charset=[^;,]*)?(;base64)?,(.*)",
                   re.IGNORECASE | re.DOTALL)


def body_of(document_html: str) -> str:
    """The inside of the prepared document's ``<body>`` (its head holds only the CSP meta and
    the reader's style, which the print layout does not use)."""
    found = _BODY.search(document_html)
    return found.group(1) if found else document_html


def _data_picture(url: str) -> bytes | None:
    found = _DATA.fullmatch(url.strip())
    if found is None or found.group(1) is None:
        return None
    payload = found.group(4)
    try:
        return base64.b64decode(payload, validate=False) if found.group(3) \
            else unquote(payload).encode("latin-1", "replace")
    except (binascii.Error, ValueError):
        return None


def _remote_key(url: str) -> str:
    """One spelling for a remote reference (``//host/x`` is fetched as https)."""
    return "https:" + url if url.startswith("//") else url


class MailDocument(QTextDocument):
    """A text document that loads pictures only from ``pictures`` ({URL: bytes}: cid parts
    under our ``twmail`` URLs, remote pictures fetched beforehand) and ``data:`` URLs."""

    def __init__(self, pictures: dict[str, bytes], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pictures = pictures
        #: URLs the layout asked for and did not get (blocked or missing; for tests)
        self.refused: list[str] = []

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 (Qt name)
        name = QUrl(name)
        url = name.toString()
        if kind == QTextDocument.ResourceType.ImageResource.value:
            if url.lower().startswith("data:"):
                data = _data_picture(url)
            else:
                encoded = name.toString(QUrl.ComponentFormattingOption.FullyEncoded)
                data = self.pictures.get(_remote_key(url), self.pictures.get(_remote_key(encoded)))
            if data is not None:
                return QByteArray(data)
        self.refused.append(url)
        # an empty answer makes Qt's image handler load the name as a local file itself
        # (``<img src="/home/...">``): the composer's blocked resource ends the look-up here
        return blocked_resource(kind)


def pictures_of(content: ReaderContent, remote: dict[str, bytes] | None = None
                ) -> dict[str, bytes]:
    """The pictures a printed message may show: its ``cid:`` parts (by our URL) and the
    remote pictures fetched for it (only when remote content is allowed for it)."""
    found = {cid_url(content.document_key, cid): data
             for cid, (_mime, data) in content.inline_parts.items()}
    if content.remote_allowed and remote:
        found.update(remote)
    return found


def remote_picture_urls(content: ReaderContent) -> list[str]:
    """The http(s) pictures to fetch before printing: none unless remote content is allowed."""
    if not content.remote_allowed or content.html is None:
        return []
    urls = dict.fromkeys(_remote_key(u) for u in content.html.remote_urls)
    return [u for u in urls if urlsplit(u).scheme.lower() in ("http", "https")][:MAX_PICTURES]


def fetch_remote_pictures(urls: Iterable[str]) -> dict[str, bytes]:
    """Download the pictures at ``urls`` (worker thread): images only, each at most
    ``MAX_PICTURE_BYTES``, all within ``FETCH_BUDGET`` seconds; a failure leaves that picture
    out."""
    import requests  # heavy; only when a message with allowed remote pictures is printed

    found: dict[str, bytes] = {}
    deadline = time.monotonic() + FETCH_BUDGET
    with requests.Session() as session:
        for url in urls:
            left = deadline - time.monotonic()
            if left <= 0:
                break  # print what came so far rather than keep the rep waiting
            try:
                with session.get(url, timeout=min(FETCH_TIMEOUT, left), stream=True) as reply:
                    kind = reply.headers.get("Content-Type", "").lower()
                    if reply.status_code != 200 or not kind.startswith("image/"):
                        continue
                    data = b""
                    for chunk in reply.iter_content(65536):
                        data += chunk
                        if len(data) > MAX_PICTURE_BYTES:
                            break
                    if len(data) <= MAX_PICTURE_BYTES:
                        found[url] = data
            except (requests.RequestException, OSError, ValueError):
                continue
    return found


def mail_document(header_html: str, content: ReaderContent,
                  remote: dict[str, bytes] | None = None) -> MailDocument:
    """The printable document of an HTML message: ``header_html`` (already escaped) above
    the sanitised body."""
    assert content.html is not None
    document = MailDocument(pictures_of(content, remote))
    document.setHtml(f"{header_html}<hr>{body_of(content.html.html)}")
    return document


def document_in_background(owner: QObject, content: ReaderContent,
                           build: Callable[[dict[str, bytes]], QTextDocument],
                           then: Callable[[QTextDocument], object],
                           failed: Callable[[BaseException], None]) -> None:
    """``then(build(remote pictures))`` on the GUI thread, the pictures fetched first on a
    worker thread when the message may show remote pictures; otherwise at once."""
    urls = remote_picture_urls(content)
    if not urls:
        then(build({}))
        return
    run_in_background(lambda: fetch_remote_pictures(urls), lambda found: then(build(found)),
                      failed, owner=owner)
