"""Start the desktop app (`tradewind` with no command, or `tradewind --demo`).

The app lives in `ui.app.main.run(argv) -> int`; it is imported here only when asked for, so the
command line never loads PySide6. Main thread only (Qt requires it).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from client.cli.errors import CliError, ExitCode

APP_MODULE = "ui.app.main"


def run_desktop_app(argv: Sequence[str]) -> int:
    """Hand `argv` (the options given to `tradewind`) to `ui.app.main.run` and return its exit code.

    Raises `CliError(UNAVAILABLE)` in words when the desktop app or Qt is not installed.
    """
    try:
        module = importlib.import_module(APP_MODULE)
    except ImportError as exc:
        missing = getattr(exc, "name", None) or APP_MODULE
        raise CliError(
            f"The desktop app cannot start: {missing} is not installed or failed to load ({exc}). "
            "The command line still works: see `tradewind --help`.",
            ExitCode.UNAVAILABLE,
        ) from None
    run = getattr(module, "run", None)
    if not callable(run):
        raise CliError(
            f"The desktop app cannot start: {APP_MODULE}.run is missing.", ExitCode.UNAVAILABLE
        )
    result = run(list(argv))
    return int(result or 0)
