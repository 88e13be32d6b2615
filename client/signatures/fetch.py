"""Reading a distributed policy from its location: a folder (local or shared) or an HTTPS URL.

`read_location(location, ca_file=None)` returns the raw files (signature.json included) without
judging them; `bundle.open_verified` does that. Over HTTPS it fetches `signature.json` from the
URL (taken as a folder), then each file that manifest lists; plain http:// is refused, redirects
must stay on https://, each file is capped at `MAX_FILE_BYTES`, certificates are verified (against
`ca_file` when given, else the system store). Blocking network I/O: call from a worker thread or
the CLI, never the UI thread. Raises `PolicyError` (bad location or content) or
`PolicyUnreachable` (network trouble: keep the last valid policy and try later).
"""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlparse

from client.i18n import _
from client.net.cert_reasons import reason_in_words
from client.signatures.integrity import (
    MANIFEST_NAME,
    MAX_FILE_BYTES,
    check_file_name,
    policy_files,
)
from client.signatures.schema import PolicyError

TIMEOUT_S = 20.0
MAX_FILES = 50


class PolicyUnreachable(PolicyError):
    """The location could not be reached now (offline, server down); not a verdict on the policy.
    ``code`` is always "unreachable"."""

    def __init__(self, message: str, code: str = "unreachable") -> None:
        super().__init__(message, code)


def is_url(location: str) -> bool:
    return "://" in location and not location.lower().startswith("file://")


def _local_dir(location: str) -> Path:
    if location.lower().startswith("file://"):
        location = urlparse(location).path
    path = Path(location).expanduser()
    if path.is_file() and path.name == MANIFEST_NAME:
        path = path.parent
    return path


def read_location(location: str, ca_file: str | None = None) -> dict[str, bytes]:
    """The policy's files at `location`; raises PolicyError or PolicyUnreachable."""
    if is_url(location):
        return _read_https(location, ca_file)
    path = _local_dir(location)
    if not path.exists():
        raise PolicyUnreachable(_("The policy folder {path} cannot be found (is the shared "
                                  "folder connected?).", path=path))
    files = policy_files(path)
    manifest = path / MANIFEST_NAME
    if manifest.is_file():
        files[MANIFEST_NAME] = manifest.read_bytes()
    return files


class _HttpsOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> Any:
        if not newurl.lower().startswith("https://"):
            raise PolicyError(_("The policy server redirected to {url}, which is not https://.",
                                url=newurl), "location")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(ca_file: str | None) -> urllib.request.OpenerDirector:
    context = ssl.create_default_context(cafile=ca_file)
    return urllib.request.build_opener(urllib.request.HTTPSHandler(context=context),
                                       _HttpsOnlyRedirects())


def _get(opener: urllib.request.OpenerDirector, url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "Tradewind policy fetch"})
    try:
        with opener.open(request, timeout=TIMEOUT_S) as response:
            data = response.read(MAX_FILE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            raise PolicyError(_("{url} does not exist on the policy server (404).", url=url),
                              "location") from exc
        raise PolicyUnreachable(_("The policy server answered {status} {reason} for {url}.",
                                  status=exc.code, reason=exc.reason, url=url)) from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ssl.SSLCertVerificationError):
            raise PolicyError(_("The policy server's certificate is not trusted: {reason}.",
                                reason=reason_in_words(reason)), "location") from exc
        raise PolicyUnreachable(_("Cannot reach the policy server: {detail}.",
                                  detail=reason)) from exc
    except (TimeoutError, OSError) as exc:
        raise PolicyUnreachable(_("Cannot reach the policy server: {detail}.",
                                  detail=exc)) from exc
    if len(data) > MAX_FILE_BYTES:
        raise PolicyError(_("{name} is larger than {limit} MB.", name=url,
                            limit=MAX_FILE_BYTES // 1024 // 1024))
    return data


def _read_https(location: str, ca_file: str | None) -> dict[str, bytes]:
    if not location.lower().startswith("https://"):
        raise PolicyError(_("{location}: a policy is fetched only over https:// (or from a "
                            "folder).", location=location), "location")
    base = location if location.endswith("/") else location + "/"
    if base.endswith(MANIFEST_NAME + "/"):
        base = base[: -len(MANIFEST_NAME) - 1]
    opener = _opener(ca_file)
    manifest = _get(opener, urljoin(base, MANIFEST_NAME))
    try:
        listed = json.loads(manifest.decode("utf-8")).get("files")
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError) as exc:
        raise PolicyError(_("{name} on the policy server is not valid JSON.",
                            name=MANIFEST_NAME), "signature") from exc
    if not isinstance(listed, dict) or not 0 < len(listed) <= MAX_FILES:
        raise PolicyError(_("{name} on the policy server must list 1 to {limit} files.",
                            name=MANIFEST_NAME, limit=MAX_FILES), "signature")
    files = {MANIFEST_NAME: manifest}
    for name in listed:
        check_file_name(str(name))
        files[str(name)] = _get(opener, urljoin(base, quote(str(name))))
    return files
