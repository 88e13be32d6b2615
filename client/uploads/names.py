"""Remote names for uploaded files: an unguessable folder per upload (checklist A3).

`new_remote_path(name)` -> `tradewind/<token>/<safe name>` where the token holds 192 random
bits, so a public URL built from it cannot be guessed. `safe_name` keeps a file name readable
but free of path separators and control characters. Pure; any thread.
"""

from __future__ import annotations

import secrets
import unicodedata

ROOT = "tradewind"
TOKEN_BYTES = 24


def safe_name(name: str) -> str:
    """The last path component of `name`, without controls or separators; never empty."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(
        "_" if unicodedata.category(ch).startswith("C") or ch in '<>:"|?*' else ch for ch in base
    ).strip(" .")
    return cleaned[:200] or "file"


def new_remote_path(name: str) -> str:
    """A fresh `tradewind/<token>/<name>` path (relative, '/'-separated)."""
    return f"{ROOT}/{secrets.token_urlsafe(TOKEN_BYTES)}/{safe_name(name)}"
