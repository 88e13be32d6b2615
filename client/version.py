"""Tradewind's version: the one place it is written (pyproject.toml reads it from here).

The installers (packaging/windows/tradewind.iss, packaging/macos/Info.plist) are given the
same number by packaging/build.sh and the CI workflow. Pure; any thread.
"""

from __future__ import annotations

__version__ = "0.1.0"

APP_NAME = "Tradewind"


def version_text() -> str:
    """`Tradewind 0.1.0` as `tradewind --version` prints it."""
    return f"{APP_NAME} {__version__}"
