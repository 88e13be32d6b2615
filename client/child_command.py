"""The command line that starts one of Tradewind's own child processes.

``command_for(module, frozen_args, *args)``: in a frozen build (PyInstaller) the app's own
executable with the hidden-mode arguments that ``client.cli.main`` dispatches, otherwise this
interpreter running ``-m module``; ``args`` follow in both. The sync child, the persistent sync
child, the index child and the header child all start this way. Pure; any thread.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def command_for(module: str, frozen_args: Sequence[str], *args: str) -> list[str]:
    """See the module docstring."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *frozen_args, *args]
    return [sys.executable, "-m", module, *args]
