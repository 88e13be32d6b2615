"""Named crash points for the crash-safety tests (the mbsync discipline: kill at every step).

`hit(name)` SIGKILLs the process when the environment variable `TRADEWIND_TEST_CRASH_AT` equals
`name`; otherwise it does nothing (one dictionary lookup). Only tests set the variable, for a
child process they then restart. Thread-safe.
"""

from __future__ import annotations

import os
import signal

ENV_VAR = "TRADEWIND_TEST_CRASH_AT"


def hit(name: str) -> None:
    """Die here, at once and without cleanup, if this is the armed crash point."""
    if os.environ.get(ENV_VAR) == name:
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
