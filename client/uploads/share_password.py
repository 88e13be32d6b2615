"""Passwords of the share links of one outgoing message (issue 14).

A message queued with a link password keeps that password in the OS keyring (service
`client.profile.secrets.SERVICE_NAME`, user `linkshare:<the message's link token>`), never in the
cache, until its links are made; `client.uploads.outgoing.advance` reads it, gives it to the
share and forgets it once the message is queued. Which storages can protect a link:
Nextcloud/ownCloud (OCS `password`) only; plain WebDAV has no shares and an S3 presigned URL
cannot carry a password, which `check_supported` says in words.

Any thread (the keyring is thread-safe for one entry). `remember`/`recall`/`forget` raise
`client.profile.secrets.SecretsError` when the keyring cannot be used; `forget` is idempotent.
"""

from __future__ import annotations

import secrets as random

import keyring
import keyring.errors

from client.i18n import _
from client.profile import secrets
from client.uploads.config import StorageConfig, StorageConfigError

#: Letters and digits a buyer can read aloud and type from a phone call: no 0/O, 1/l/I.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
LENGTH = 16
MIN_LENGTH = 8
#: Where the password goes: in the message, under the links, or to the buyer separately.
PLACES = ("separate", "body")


class LinkPasswordError(StorageConfigError):
    """A link password cannot be used as asked (message in words)."""


def generate() -> str:
    """A new random password of `LENGTH` characters from `ALPHABET` (about 93 bits)."""
    return "".join(random.choice(ALPHABET) for _ in range(LENGTH))


def check_password(password: str) -> None:
    """Raise `LinkPasswordError` for a password a share would refuse or a rep would regret."""
    if len(password) < MIN_LENGTH:
        raise LinkPasswordError(_("A link password needs at least {count} characters.",
                                  count=MIN_LENGTH))
    if any(c.isspace() or not c.isprintable() for c in password):
        raise LinkPasswordError(_("A link password cannot hold spaces or control characters."))


def check_supported(storage: StorageConfig) -> None:
    """Raise `LinkPasswordError` when `storage` cannot protect a link with a password."""
    if storage.kind == "nextcloud":
        return
    if storage.kind == "s3":
        raise LinkPasswordError(
            _("This account's link storage is S3: a presigned S3 link cannot be protected with "
              "a password (anyone with the link can download until it expires). Send without a "
              "link password, or use a Nextcloud storage."))
    raise LinkPasswordError(
        _("This account's link storage is plain WebDAV, which has no password-protected "
          "shares. Send without a link password, or use a Nextcloud storage."))


def _user(token: str) -> str:
    if not token or not token.isalnum():
        raise ValueError("a link token is letters and digits")
    return f"linkshare:{token}"


def remember(token: str, password: str) -> None:
    """Keep the password of the message whose link token is `token` in the keyring."""
    secrets.check_backend()
    try:
        keyring.set_password(secrets.SERVICE_NAME, _user(token), password)
    except keyring.errors.KeyringError as exc:
        raise secrets.SecretsError(_("The link password could not be stored in the keyring "
                                     "({error}).", error=type(exc).__name__)) from None


def recall(token: str) -> str | None:
    """The password kept for `token`, or None."""
    secrets.check_backend()
    try:
        return keyring.get_password(secrets.SERVICE_NAME, _user(token))
    except keyring.errors.KeyringError as exc:
        raise secrets.SecretsError(_("The link password could not be read from the keyring "
                                     "({error}).", error=type(exc).__name__)) from None


def forget(token: str) -> None:
    """Remove the password kept for `token` (nothing kept is fine)."""
    try:
        if keyring.get_password(secrets.SERVICE_NAME, _user(token)) is not None:
            keyring.delete_password(secrets.SERVICE_NAME, _user(token))
    except keyring.errors.KeyringError:
        pass  # best effort: the share is made; a left entry holds no link
