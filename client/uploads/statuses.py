"""HTTP status codes of a storage server mapped to the typed errors of `client.uploads.provider`.

`raise_for(status, reason, what, host, ok=)` is shared by the requests-based providers
(`client.uploads.http.check`) and the plain `http.client` one (`client.uploads.plain_http`):
401/403 auth, 413/507 quota, 500 transient "its disk may be full" (a full disk answers 500 on
nginx and wsgidav), other 5xx/408/423/429 transient, other 3xx/4xx permanent. Messages name
the step and the host, never a path or URL (a link's path holds its secret token). Pure; any
thread. `host_of(url)`: the `host:port` that messages name.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from client.i18n import _
from client.uploads.provider import AuthError, PermanentError, QuotaError, TransientError


def raise_for(status: int, reason: str, what: str, host: str, *, ok: tuple[int, ...] = ()) -> None:
    """Return for a success (< 300, or a status in `ok`); else raise the typed error."""
    if status < 300 or status in ok:
        return
    text = _("{what} failed: the server {host} answered {status} {reason}", what=what,
             host=host, status=status, reason=reason or "").strip()
    if status in (401, 403):
        raise AuthError(
            _("{what} failed: the server {host} refused the user name or password ({status}).",
              what=what, host=host, status=status)
        )
    if status in (413, 507):
        raise QuotaError(
            _("{what} failed: the storage on {host} is full or refuses a file this large "
              "({status}).", what=what, host=host, status=status)
        )
    if status == 500:
        raise TransientError(
            _("{reason}; the server could not store the data (its disk may be full).",
              reason=text)
        )
    if status >= 500 or status in (408, 423, 429):
        raise TransientError(text + ".")
    raise PermanentError(text + ".")


def host_of(url: str) -> str:
    """`host:port` of a URL, for messages."""
    return urlsplit(url).netloc.rpartition("@")[2] or url
