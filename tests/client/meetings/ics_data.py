"""Where the calendar test files live: tests/data/ics, and the shared corpus when present."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
LOCAL_ICS = REPO_ROOT / "tests" / "data" / "ics"
# ../shared/corpus/ics beside the repository (CI), or beside the folder of worktrees
_SHARED = (REPO_ROOT.parent / "shared" / "corpus" / "ics",
           REPO_ROOT.parent.parent / "shared" / "corpus" / "ics")


def local(name: str) -> bytes:
    return (LOCAL_ICS / name).read_bytes()


def shared_ics() -> Path | None:
    return next((p for p in _SHARED if p.is_dir()), None)
