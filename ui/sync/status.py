"""Account sync states in words for the status bar. GUI thread (uses Qt's translator only).

``describe(state, message)`` turns an ``AccountStatus`` state ("syncing", "ok", "offline",
"auth-failed", "untrusted-certificate", "no-password", "needs-login", "error") into a short
phrase and says what the rep can do about it (``AccountState.fix``: "password", "login" (an
OAuth2 account signs in again in the browser), "certificate" or "").
``summary(states)`` joins several accounts into one line. Pure apart from translation.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncStatus", text)


@dataclass(frozen=True)
class AccountState:
    """One account's latest state; ``text`` in words, ``fix`` what the rep can do."""

    email: str
    state: str
    message: str
    text: str
    fix: str = ""


def describe(email: str, state: str, message: str = "") -> AccountState:
    """The words shown for ``state``; ``message`` is the core's explanation (tooltip)."""
    if state == "syncing":
        return AccountState(email, state, message, _tr("Online — syncing"))
    if state == "ok":
        return AccountState(email, state, message, _tr("Online"))
    if state == "offline":
        return AccountState(email, state, message, _tr("Offline — showing the local cache"))
    if state == "auth-failed":
        return AccountState(email, state, message,
                            _tr("password refused — click “Enter password…”"), "password")
    if state == "no-password":
        return AccountState(email, state, message,
                            _tr("no saved password — click “Enter password…”"), "password")
    if state == "needs-login":
        return AccountState(email, state, message,
                            _tr("sign-in expired — click “Sign in again…”"), "login")
    if state == "untrusted-certificate":
        return AccountState(
            email, state, message,
            _tr("server certificate not trusted — check it in the account settings"),
            "certificate")
    if state == "read-only":
        return AccountState(email, state, message, message)
    return AccountState(email, state, message, _tr("Error: {0}").format(message or state))


def summary(states: list[AccountState]) -> str:
    """One status-bar line for all accounts (the phrase alone when they agree)."""
    if not states:
        return _tr("No account yet")
    if len({s.text for s in states}) == 1:
        return states[0].text
    return " · ".join(f"{s.email}: {s.text}" for s in states)
