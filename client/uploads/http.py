"""Shared HTTP plumbing of the WebDAV and Nextcloud providers (requests).

`session(user, password)` makes a `requests.Session` with Basic auth; `check(response, what)`
turns a status into the typed errors of `client.uploads.provider`; `guard(what, host)` turns
requests' network exceptions into `TransientError`. Messages name the host and the status,
never a path or URL (a link's path holds its secret token) nor the password. Any thread, one
session per thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from urllib.parse import urlsplit

import requests

from client.i18n import _
from client.uploads.provider import AuthError, PermanentError, QuotaError, TransientError

TIMEOUT = (15.0, 120.0)  # connect, read (seconds)


def session(user: str, password: str) -> requests.Session:
    """A session that sends Basic auth with every request."""
    http = requests.Session()
    http.auth = (user, password)
    http.headers["User-Agent"] = "Tradewind"
    return http


def host_of(url: str) -> str:
    """`host:port` of a URL, for messages."""
    return urlsplit(url).netloc.rpartition("@")[2] or url


def check(response: requests.Response, what: str, host: str, *, ok: tuple[int, ...] = ()) -> None:
    """Raise the typed error for a failed `response`; `what` names the step in words."""
    status = response.status_code
    if status < 300 or status in ok:
        return
    reason = _("{what} failed: the server {host} answered {status} {reason}", what=what,
               host=host, status=status, reason=response.reason or "").strip()
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
              reason=reason)
        )
    if status >= 500 or status in (408, 423, 429):
        raise TransientError(reason + ".")
    raise PermanentError(reason + ".")


@contextlib.contextmanager
def guard(what: str, host: str) -> Iterator[None]:
    """Map requests' network exceptions inside the block to `TransientError`."""
    try:
        yield
    except requests.exceptions.SSLError:
        raise PermanentError(
            _("{what} failed: the certificate of {host} is not trusted.", what=what, host=host)
        ) from None
    except requests.exceptions.Timeout:
        raise TransientError(_("{what} failed: {host} did not answer in time.", what=what,
                               host=host)) from None
    except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError):
        raise TransientError(
            _("{what} failed: the connection to {host} was refused or dropped.", what=what,
              host=host)
        ) from None
    except requests.exceptions.RequestException as exc:
        raise TransientError(_("{what} failed: {error} talking to {host}.", what=what,
                               error=type(exc).__name__, host=host)) from None
