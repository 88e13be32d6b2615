"""The HTML reader view: QtWebEngine locked down for untrusted mail (checklist H2).

* A private, off-the-record ``QWebEngineProfile`` per app with JavaScript, plugins, DNS prefetch,
  hyperlink auditing, window opening and local-to-remote/file access switched off.
* ``BlockingInterceptor`` refuses every request whose scheme is not ``twmail`` or ``data``
  (http, https, file, ftp, ws, …) and records it, so nothing leaves the machine.
* ``MailSchemeHandler`` serves documents and their ``cid:`` parts from memory under
  ``twmail://mail/KEY/...``: no ``setHtml`` size limit (2 MB), no file access.
* ``LockedPage`` allows only its own ``twmail`` loads; a clicked link is reported through
  ``linkClicked`` and never followed inside the view; new windows are refused.

``register_mail_scheme()`` must run before the QApplication exists. GUI thread only (the
interceptor may be called on Qt's IO thread: it only appends to a lock-protected list).
"""

from __future__ import annotations

import threading
import weakref

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QEvent, QObject, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from ui.reader.html_content import MAIL_SCHEME

_ALLOWED_SCHEMES = {MAIL_SCHEME, "data"}


def register_mail_scheme() -> None:
    """Declare the ``twmail`` scheme (before QApplication is created; idempotent)."""
    if QWebEngineUrlScheme.schemeByName(QByteArray(MAIL_SCHEME.encode())).name():
        return
    scheme = QWebEngineUrlScheme(QByteArray(MAIL_SCHEME.encode()))
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme)
    QWebEngineUrlScheme.registerScheme(scheme)


class BlockingInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request outside our own scheme; ``blocked`` lists what was refused.

    The one exception: http(s) *pictures* requested by the document ``allow_remote_for``
    names (the rep clicked "load remote content"); ``loaded`` lists those."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._blocked: list[str] = []
        self._loaded: list[str] = []
        self._remote_key: str | None = None

    def allow_remote_for(self, key: str | None) -> None:
        """Let remote pictures of document ``key`` through (None: block them all again)."""
        with self._lock:
            self._remote_key = key

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt)
        url = info.requestUrl()
        scheme = url.scheme().lower()
        if scheme in _ALLOWED_SCHEMES:
            return
        with self._lock:
            key = self._remote_key
            if (
                key is not None
                and scheme in ("http", "https")
                and info.resourceType() == QWebEngineUrlRequestInfo.ResourceType.ResourceTypeImage
                and info.firstPartyUrl().scheme() == MAIL_SCHEME
                and info.firstPartyUrl().path().startswith(f"/{key}/")
            ):
                self._loaded.append(url.toString())
                return
            info.block(True)
            self._blocked.append(url.toString())

    def loaded(self) -> list[str]:
        """Remote pictures let through since the last ``reset``."""
        with self._lock:
            return list(self._loaded)

    def blocked(self) -> list[str]:
        """A copy of every URL refused since the last ``reset``."""
        with self._lock:
            return list(self._blocked)

    def reset(self) -> None:
        """Forget the refused and loaded URLs (a new message is about to be shown)."""
        with self._lock:
            self._blocked.clear()
            self._loaded.clear()


class MailSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves registered documents: ``twmail://mail/KEY/body`` and ``.../cid/CONTENT-ID``;
    ``served`` lists the paths answered (for tests and diagnostics)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._documents: dict[str, tuple[bytes, dict[str, tuple[str, bytes]]]] = {}
        self.served: list[str] = []

    def put(self, key: str, html: str, parts: dict[str, tuple[str, bytes]]) -> QUrl:
        """Register a document and its inline parts ``{content_id: (mime, bytes)}``."""
        self._documents = {key: (html.encode("utf-8"), parts)}  # only the message on screen
        return QUrl(f"{MAIL_SCHEME}://mail/{key}/body")

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt)
        encoded = job.requestUrl().path(QUrl.ComponentFormattingOption.FullyEncoded)
        path = [QUrl.fromPercentEncoding(p.encode()) for p in encoded.strip("/").split("/", 2)]
        document = self._documents.get(path[0]) if path else None
        if document is None or len(path) < 2:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        html, parts = document
        self.served.append("/".join(path))
        if path[1] == "body":
            self._reply(job, b"text/html;charset=utf-8", html)
        elif path[1] == "cid" and len(path) == 3:
            part = parts.get(path[2])
            if part is None:
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            else:
                self._reply(job, part[0].encode(), part[1])
        else:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)

    @staticmethod
    def _reply(job: QWebEngineUrlRequestJob, mime: bytes, data: bytes) -> None:
        buffer = QBuffer(job)
        buffer.setData(QByteArray(data))
        buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        job.reply(QByteArray(mime), buffer)


class LockedPage(QWebEnginePage):
    """Loads only ``twmail`` documents; link clicks are reported, never followed."""

    linkClicked = Signal(QUrl)

    def acceptNavigationRequest(  # noqa: N802 (Qt)
        self, url: QUrl | str, kind: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        url = QUrl(url)
        if kind == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            self.linkClicked.emit(url)
            return False
        return is_main_frame and url.scheme() == MAIL_SCHEME

    def createWindow(  # type: ignore[override] # noqa: N802 (Qt name)
            self, _kind: QWebEnginePage.WebWindowType) -> None:
        """No new windows: Qt takes a null page as "refused" (the stubs say it never is)."""
        return None

    def javaScriptConsoleMessage(self, *_args: object) -> None:  # noqa: N802 (Qt)
        return None  # JavaScript is off; never echo page text to our logs


_shared: tuple[QWebEngineProfile, BlockingInterceptor, MailSchemeHandler] | None = None
_live_views: weakref.WeakSet[HtmlView] = weakref.WeakSet()


def locked_profile() -> tuple[QWebEngineProfile, BlockingInterceptor, MailSchemeHandler]:
    """The app's one off-the-record profile with the interceptor and the ``twmail`` handler
    (created on first use, owned by the QApplication so it outlives every page)."""
    global _shared
    if _shared is not None:
        return _shared
    profile = QWebEngineProfile(QCoreApplication.instance())  # no storage name: off the record
    profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
    profile.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
    interceptor = BlockingInterceptor(profile)
    profile.setUrlRequestInterceptor(interceptor)
    handler = MailSchemeHandler(profile)
    profile.installUrlSchemeHandler(QByteArray(MAIL_SCHEME.encode()), handler)
    settings = profile.settings()
    attr = QWebEngineSettings.WebAttribute
    for switch_off in (
        attr.JavascriptEnabled, attr.JavascriptCanOpenWindows, attr.JavascriptCanAccessClipboard,
        attr.LocalContentCanAccessRemoteUrls, attr.LocalContentCanAccessFileUrls,
        attr.PluginsEnabled, attr.DnsPrefetchEnabled, attr.HyperlinkAuditingEnabled,
        attr.LocalStorageEnabled, attr.WebGLEnabled, attr.Accelerated2dCanvasEnabled,
        attr.AutoLoadIconsForPage, attr.PdfViewerEnabled, attr.NavigateOnDropEnabled,
    ):
        settings.setAttribute(switch_off, False)
    settings.setAttribute(attr.AutoLoadImages, True)  # only twmail:/data: images get through
    _shared = (profile, interceptor, handler)
    return _shared


def release_locked_profile() -> None:
    """Delete every page and its view, then the shared profile, while Qt is still fully alive
    (GUI thread).

    QtWebEngine aborts the process at exit ("Release of profile requested but WebEnginePage
    still not deleted") when Python's shutdown destroys the profile before a page; call this
    when the app quits (and at the end of a test session). Idempotent.
    """
    global _shared
    if _shared is None:
        return
    for view in list(_live_views):
        if shiboken6.isValid(view) and shiboken6.isValid(view.locked_page):
            view.locked_page.deleteLater()
        if shiboken6.isValid(view):
            # a view without its page must not live on (a later event loop in the same
            # process, as in the test suite, would paint or resize it and crash)
            view.hide()
            view.deleteLater()
    _live_views.clear()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    profile = _shared[0]
    _shared = None
    profile.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


class HtmlView(QWebEngineView):
    """Shows one sanitised message document; see the module docstring."""

    linkClicked = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile_, self.interceptor, self.handler = locked_profile()
        self.locked_page = LockedPage(self.profile_, self)
        self.locked_page.linkClicked.connect(self.linkClicked)
        _live_views.add(self)
        self.setPage(self.locked_page)
        self.setContextMenuPolicy(self.contextMenuPolicy().NoContextMenu)

    def show_document(
        self, key: str, html: str, parts: dict[str, tuple[str, bytes]], *, allow_remote: bool = False
    ) -> None:
        """Display ``html`` (already sanitised) with its inline ``parts``; ``allow_remote`` lets
        its remote pictures load (nothing else remote, ever)."""
        self.interceptor.reset()
        self.interceptor.allow_remote_for(key if allow_remote else None)
        self.load(self.handler.put(key, html, parts))
