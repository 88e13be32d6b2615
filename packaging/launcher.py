"""Entry point of the bundled app: the same `tradewind` command line, the desktop app by default.

A windowed Windows executable has no console: its sys.stdout/stderr are None, so they are
pointed at the null device (`Tradewind.exe --selftest` still exits with its code; the console
twin `tradewind-cli.exe` prints). Frozen builds also run the sync child (`--sync-child`).
"""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

from client.cli.main import main  # noqa: E402 - after the streams exist

if __name__ == "__main__":
    sys.exit(main())
