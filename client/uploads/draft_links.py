"""Files a draft sends as links, kept with the draft (issue 14): the choice and the file's
path, size and modification time, never its bytes, so an autosaved draft reopened (also after
a restart) still sends them as links.

Stored in the cache's `settings` (key `links.draft_files.<draft id>`, a local table that a
cache rebuild keeps), no schema change. `save(store, draft_id, paths)` replaces the list
(empty: forgets it); `load(store, draft_id) -> DraftLinkFiles` splits the files still there
(same size) from those gone or changed, which the caller must tell the rep about;
`forget(store, draft_id)` when the draft is sent or discarded (idempotent). The caller's
Store and thread; only `os.stat`, no network. Never raises for a file that is gone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from client.store.db import Store

PREFIX = "links.draft_files."


@dataclass(frozen=True)
class DraftLinkFiles:
    present: tuple[Path, ...] = ()
    gone: tuple[str, ...] = ()  # file names no longer on disk, or changed in size


def _key(draft_id: int) -> str:
    return f"{PREFIX}{int(draft_id)}"


def save(store: Store, draft_id: int, paths: list[Path] | tuple[Path, ...]) -> None:
    """Record the draft's link files (path, size, mtime); an empty list forgets them."""
    if not paths:
        forget(store, draft_id)
        return
    entries: list[dict[str, Any]] = []
    for path in paths:
        try:
            st = os.stat(path)
            entries.append({"path": os.fspath(path), "size": st.st_size,
                            "mtime_ns": st.st_mtime_ns})
        except OSError:
            entries.append({"path": os.fspath(path), "size": None, "mtime_ns": None})
    store.set_setting(_key(draft_id), entries)


def load(store: Store, draft_id: int) -> DraftLinkFiles:
    """The draft's link files still on disk with their recorded size, and the names of the
    others (see the module)."""
    entries = store.get_setting(_key(draft_id)) or []
    present: list[Path] = []
    gone: list[str] = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            continue
        path = Path(entry["path"])
        try:
            same = path.is_file() and (entry.get("size") is None
                                       or path.stat().st_size == entry["size"])
        except OSError:
            same = False
        (present.append(path) if same else gone.append(path.name))
    return DraftLinkFiles(tuple(present), tuple(gone))


def forget(store: Store, draft_id: int) -> None:
    """Drop the draft's link files (nothing recorded is fine)."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM settings WHERE key = ?", (_key(draft_id),))
