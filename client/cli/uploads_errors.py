"""Exit codes for the link-storage commands (`storage`, `links`): the upload errors of
`client.uploads` become `CliError`s in words (`as_cli_error`; `guarded` runs an action and
raises that error instead). Pure; any thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from client.cli.errors import CliError, ExitCode

T = TypeVar("T")

_CODES = {
    "AuthError": ExitCode.AUTH,
    "TransientError": ExitCode.NETWORK,
    "QuotaError": ExitCode.GENERAL,
    "FileChanged": ExitCode.USAGE,
    "StorageNotFound": ExitCode.NOT_FOUND,
    "StorageConfigError": ExitCode.USAGE,
    "UploadNotFound": ExitCode.NOT_FOUND,
    "LinkNotFound": ExitCode.NOT_FOUND,
    "PermanentError": ExitCode.GENERAL,
    "UploadError": ExitCode.GENERAL,
}


def as_cli_error(exc: Exception, upload_id: int | None = None) -> CliError | None:
    """The `CliError` for a link-storage error, or None for any other exception."""
    for cls in type(exc).__mro__:
        code = _CODES.get(cls.__name__)
        if code is not None and cls.__module__.startswith("client.uploads"):
            message = str(exc)
            details: dict[str, object] = {}
            if upload_id is not None:
                message += (f" The upload is kept (id {upload_id}); run `tradewind links retry "
                            f"{upload_id}` to try again.")
                details["upload_id"] = upload_id
            return CliError(message, code, details)
    return None


def guarded(action: Callable[[], T], upload_id: int | None = None) -> T:
    """``action()``; a link-storage error becomes its ``CliError`` (other errors pass)."""
    try:
        return action()
    except Exception as exc:
        known = as_cli_error(exc, upload_id)
        if known is None:
            raise
        raise known from None
