"""A size-limited tmpfs for the test servers (a full disk on demand, or a fast scratch root).

`mount_tmpfs(path, size_mb)` mounts one on the existing folder `path` (root only; raises
`CalledProcessError`); `unmount(path)` detaches it, lazily when a server thread still holds a
file open there. Idempotent per mount; never raises.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def mount_tmpfs(path: Path, size_mb: int) -> None:
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(path)],
                   check=True)


def unmount(path: Path) -> None:
    if subprocess.run(["umount", str(path)], check=False, stderr=subprocess.DEVNULL).returncode:
        subprocess.run(["umount", "-l", str(path)], check=False)
