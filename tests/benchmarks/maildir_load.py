"""Put a generated mailbox into a test Dovecot quickly: Maildir files written directly.

Measured on the 2-core test machine with 300 generated messages (41 MB) over one connection:
LMTP 2.15 s, IMAP APPEND 2.10 s (so ~70 s for the 10,000-message mailbox); writing Maildir
files directly took 2.1 s for 1,000 messages (108 MB) including generation, and hard-linking
the cached files into a fresh server 0.13 s. Dovecot
accepts files placed in ``cur/`` with standard names (``S=`` size and ``W=`` CRLF size, flags
after ``:2,``; INTERNALDATE is the file's mtime) and assigns UIDs in file-name time order on
the first scan, so the generator's order becomes the UID order.

The written Maildir is cached under ``$TMPDIR/tradewind-bench-cache/<spec key>`` and hard-linked
into each server's user home (no copy of 1.2 GB per run). Call from one thread at a time.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from tests.benchmarks.mailgen import FOLDERS, MailboxSpec, generate_mailbox

_NOBODY = 65534
_FLAG_LETTERS = {"\\Draft": "D", "\\Flagged": "F", "\\Answered": "R", "\\Seen": "S", "\\Deleted": "T"}
_DONE = "manifest.json"


@dataclass(frozen=True)
class Manifest:
    """What a cached Maildir holds: counts per folder and totals."""

    key: str
    messages: int
    total_bytes: int
    with_attachments: int
    folders: dict[str, int]
    generate_seconds: float


def cache_root() -> Path:
    """``$TRADEWIND_BENCH_CACHE`` or ``$TMPDIR/tradewind-bench-cache``."""
    explicit = os.environ.get("TRADEWIND_BENCH_CACHE")
    return Path(explicit) if explicit else Path(tempfile.gettempdir()) / "tradewind-bench-cache"


def folder_dir(maildir: Path, folder: str) -> Path:
    """Directory of ``folder`` in a ``LAYOUT=fs`` Maildir (INBOX is the root itself)."""
    return maildir if folder == "INBOX" else maildir.joinpath(*folder.split("/"))


def maildir_name(index: int, internaldate: float, raw: bytes, flags: frozenset[str]) -> str:
    """A standard Maildir file name carrying the sizes Dovecot would otherwise compute."""
    letters = "".join(sorted(_FLAG_LETTERS[f] for f in flags if f in _FLAG_LETTERS))
    vsize = len(raw) + raw.count(b"\n")
    return f"{int(internaldate)}.M{index:06d}P1.bench,S={len(raw)},W={vsize}:2,{letters}"


def write_maildir(spec: MailboxSpec, maildir: Path) -> Manifest:
    """Generate ``spec`` into a new Maildir at ``maildir`` (files owned by ``nobody`` when root)."""
    started = time.perf_counter()
    for folder in FOLDERS:
        for sub in ("cur", "new", "tmp"):
            folder_dir(maildir, folder).joinpath(sub).mkdir(parents=True, exist_ok=True)
    counts = dict.fromkeys(FOLDERS, 0)
    total = attached = 0
    for msg in generate_mailbox(spec):
        path = folder_dir(maildir, msg.folder) / "cur" / maildir_name(
            msg.index, msg.internaldate, msg.raw, msg.flags)
        with open(path, "wb") as handle:
            handle.write(msg.raw)
        os.utime(path, (msg.internaldate, msg.internaldate))
        counts[msg.folder] += 1
        total += len(msg.raw)
        attached += msg.has_attachment
    if os.geteuid() == 0:
        _chown_tree(maildir)
    return Manifest(spec.key(), spec.messages, total, attached, counts, time.perf_counter() - started)


def cached_maildir(spec: MailboxSpec) -> tuple[Path, Manifest]:
    """The cached Maildir for ``spec``, generated on first use. Idempotent."""
    entry = cache_root() / spec.key()
    done = entry / _DONE
    if done.exists():
        return entry / "Maildir", Manifest(**json.loads(done.read_text()))
    shutil.rmtree(entry, ignore_errors=True)
    entry.mkdir(parents=True)
    manifest = write_maildir(spec, entry / "Maildir")
    done.write_text(json.dumps(asdict(manifest), indent=1))
    return entry / "Maildir", manifest


def _chown_tree(root: Path) -> None:
    os.chown(root, _NOBODY, _NOBODY)
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            os.chown(os.path.join(dirpath, name), _NOBODY, _NOBODY, follow_symlinks=False)


def link_maildir(source: Path, home: Path) -> None:
    """Hard-link every file of ``source`` into ``home/Maildir`` (directories are created).

    Falls back to copying when the cache is on another file system. Raises ``OSError``.
    """
    target = home / "Maildir"
    home.mkdir(parents=True, exist_ok=True)
    for dirpath, _dirnames, filenames in os.walk(source):
        rel = Path(dirpath).relative_to(source)
        (target / rel).mkdir(parents=True, exist_ok=True)
        for name in filenames:
            src, dst = os.path.join(dirpath, name), target / rel / name
            try:
                os.link(src, dst)
            except OSError:
                shutil.copy2(src, dst)
    if os.geteuid() == 0:
        os.chown(home, _NOBODY, _NOBODY)
        _chown_tree(target)
