"""Exit codes of the `tradewind` command and the mapping from core errors to words + codes.

Expected failures (bad input, auth, network, TLS, a locked profile, a missing keyring...) become a
`CliError`: one or more sentences on stderr and a documented exit code, never a traceback.
Only an unexpected exception prints a traceback (it is a bug). Pure module, any thread.
"""

from __future__ import annotations

import sqlite3
from enum import IntEnum
from typing import Any


class ExitCode(IntEnum):
    """Process exit codes; documented in docs/cli.md and stable."""

    OK = 0
    GENERAL = 1  # an error that fits no class below
    USAGE = 2  # bad command line or bad argument value
    AUTH = 3  # the server rejected the user name or password
    NETWORK = 4  # server unreachable, timed out, or the connection dropped
    TLS = 5  # certificate not trusted or the TLS/STARTTLS policy was violated
    NOT_FOUND = 6  # no such account, folder or message id
    LOCKED = 7  # another process is writing to this profile
    KEYRING = 8  # no safe keyring backend, or the password is missing from it
    DATA = 9  # the local cache cannot be used (newer schema, corrupt file)
    UNAVAILABLE = 10  # a part of Tradewind is not installed (e.g. the desktop app)
    INTERRUPTED = 130  # Ctrl-C
    PIPE_CLOSED = 141  # the reader of stdout went away (`| head`); 128 + SIGPIPE, as shells show


class CliError(Exception):
    """An expected failure: `message` is printed to stderr, the process exits with `code`."""

    def __init__(
        self,
        message: str,
        code: ExitCode = ExitCode.GENERAL,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = dict(details or {})

    def to_json(self) -> dict[str, Any]:
        """The stable `--json` error document: `{"error": {"code", "kind", "message", ...}}`."""
        body: dict[str, Any] = {
            "code": int(self.code),
            "kind": self.code.name.lower(),
            "message": self.message,
        }
        body.update(self.details)
        return {"error": body}


class UsageError(CliError):
    """The command line itself is wrong (argparse errors, invalid values)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.USAGE)


# Core exception class names (anywhere under `client.`) and the exit code each maps to. Matching by
# name over the MRO keeps this module free of imports of the modules that define them.
_CODE_BY_CLASS_NAME: dict[str, ExitCode] = {
    "ProfileLockedError": ExitCode.LOCKED,
    "ProfileError": ExitCode.GENERAL,
    "KeyringUnavailableError": ExitCode.KEYRING,
    "SecretsError": ExitCode.KEYRING,
    "MissingPasswordError": ExitCode.KEYRING,
    "TLSVerificationError": ExitCode.TLS,
    "AuthenticationError": ExitCode.AUTH,
    "ServerUnavailable": ExitCode.NETWORK,
    "ProtocolError": ExitCode.TLS,
    "ImapError": ExitCode.NETWORK,
    "AccountNotFoundError": ExitCode.NOT_FOUND,
    "AccountExistsError": ExitCode.USAGE,
    "InvalidAccountError": ExitCode.USAGE,
    "NotFoundError": ExitCode.NOT_FOUND,
    "MessageNotFound": ExitCode.NOT_FOUND,
    "FolderNotFound": ExitCode.NOT_FOUND,
    "SearchSyntaxError": ExitCode.USAGE,
    "StoreWriteError": ExitCode.GENERAL,
    "StoreCorruptError": ExitCode.DATA,
    "StoreVersionError": ExitCode.DATA,
    "StoreError": ExitCode.DATA,
    "ComposeError": ExitCode.USAGE,
    "OutboxError": ExitCode.NOT_FOUND,
    "SmtpAuthError": ExitCode.AUTH,
    "SmtpTLSError": ExitCode.TLS,
    "SmtpUnavailable": ExitCode.NETWORK,
    "SmtpError": ExitCode.GENERAL,
    # OAuth2 sign-in (client/oauth/errors.py)
    "ProviderConfigError": ExitCode.USAGE,
    "FlowCancelled": ExitCode.INTERRUPTED,
    "FlowTimeout": ExitCode.NETWORK,
    "TokenServiceUnavailable": ExitCode.NETWORK,
    "OAuthError": ExitCode.AUTH,
}


# Extra keys of the `--json` error document for some classes.
_DETAILS_BY_CLASS_NAME: dict[str, dict[str, Any]] = {
    "StoreCorruptError": {"repair_command": "tradewind cache rebuild"},
}
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


def _raw_corruption(exc: BaseException) -> CliError | None:
    """A damaged-file error that reached the CLI without the store's wrapper (a bug, but the
    rep still gets words and exit 9 rather than a traceback)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return None
    code = int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    if code not in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return None
    return CliError(
        f"The mail cache is damaged ({exc}). Run `tradewind cache rebuild`: it keeps your "
        f"drafts, outbox, queued changes, identities and settings and fetches the mail again.",
        ExitCode.DATA,
        dict(_DETAILS_BY_CLASS_NAME["StoreCorruptError"]),
    )


def classify(exc: BaseException) -> CliError | None:
    """The `CliError` for an expected core exception, or None if `exc` is unexpected (a bug)."""
    if isinstance(exc, CliError):
        return exc
    if isinstance(exc, KeyboardInterrupt):
        return CliError("Interrupted.", ExitCode.INTERRUPTED)
    for cls in type(exc).__mro__:
        if not cls.__module__.startswith("client."):
            continue
        code = _CODE_BY_CLASS_NAME.get(cls.__name__)
        if code is not None:
            return CliError(
                str(exc) or cls.__name__, code, _DETAILS_BY_CLASS_NAME.get(cls.__name__)
            )
    raw = _raw_corruption(exc)
    if raw is not None:
        return raw
    if isinstance(exc, OSError):
        detail = exc.strerror or str(exc)
        where = f" ({exc.filename})" if exc.filename else ""
        return CliError(f"A system error occurred: {detail}{where}.", ExitCode.GENERAL)
    return None
