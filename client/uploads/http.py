"""Shared HTTP plumbing of the WebDAV and Nextcloud providers (requests).

`session(user, password)` makes a `requests.Session` with Basic auth; `check(response, what)`
turns a status into the typed errors (`client.uploads.statuses`); `guard(what, host)` turns
requests' network exceptions into `TransientError`. Messages name the host and the status,
never a path or URL (a link's path holds its secret token) nor the password. Any thread, one
session per thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import requests

from client.i18n import _
from client.uploads.provider import PermanentError, TransientError
from client.uploads.statuses import host_of, raise_for

__all__ = ["TIMEOUT", "check", "guard", "host_of", "session"]

TIMEOUT = (15.0, 120.0)  # connect, read (seconds)


def session(user: str, password: str) -> requests.Session:
    """A session that sends Basic auth with every request."""
    http = requests.Session()
    http.auth = (user, password)
    http.headers["User-Agent"] = "Tradewind"
    return http


def check(response: requests.Response, what: str, host: str, *, ok: tuple[int, ...] = ()) -> None:
    """Raise the typed error for a failed `response`; `what` names the step in words."""
    raise_for(response.status_code, response.reason or "", what, host, ok=ok)


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
