"""The words an account's settings take, for the command line's choices and the manager's
checks: connection security and the two servers of an account. Pure data; no imports, so
`tradewind --help` lists them without loading the account manager (and the keyring)."""

from __future__ import annotations

SECURITIES = ("ssl", "starttls", "insecure-plain")
SERVERS = ("imap", "smtp")  # the two servers of an account; each has its own certificate pin
