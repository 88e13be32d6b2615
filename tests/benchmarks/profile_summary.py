"""Where a profiled sync spent its time: py-spy's collapsed stacks summed per phase.

``summarize(path, rate)`` reads a ``py-spy record --format raw --threads --subprocesses`` file
(one ``frame;frame;... count`` line per distinct stack, outermost frame first) and returns the
seconds of samples per phase and per thread. Only samples of running (non-idle) threads are in
the file, so the phases add up to CPU-ish time across threads and processes, not wall time.
Pure, any thread; raises ``OSError`` when the file cannot be read.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

_PROCESS = re.compile(r'^process \d+:"(?:\S*python\S* )?(?:-m )?(\S+)')


def phase_of(stack: str) -> str:
    """The phase one sampled stack belongs to (the first rule that matches wins)."""
    if "client/sync/index_worker.py" in stack or "indexing.py" in stack:
        if "client/mime/" in stack:
            return "index: text extraction (MIME parse)"
        if "cjk.py" in stack:
            return "index: CJK bigrams"
        return "index: SQLite FTS writes and body reads"
    if "derive.py" in stack or "client/mime/" in stack:
        return "headers: parse header block"
    if "client/store/" in stack:
        return "store: SQLite writes (rows, bodies, threads)"
    if "client/imap/" in stack:
        return "IMAP: read and parse replies (TLS included)"
    if "client/sync/" in stack:
        return "sync: plan and batching"
    if "importlib" in stack or "<module>" in stack:
        return "start-up: imports"
    return "other"


def summarize(path: Path, rate: int) -> dict[str, Any]:
    """``{"phases": {phase: seconds}, "threads": {"module thread-name": seconds}, "samples": n}``."""
    phases: Counter[str] = Counter()
    threads: Counter[str] = Counter()
    samples = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        samples += count
        phases[phase_of(stack)] += count
        frames = stack.split(";")
        process = [m.group(1) for f in frames if (m := _PROCESS.match(f))]
        thread = next((f.partition(": ")[2] for f in frames if f.startswith("thread (")), "?")
        threads[f"{process[-1] if process else '?'} {thread}"] += count
    return {
        "phases": {k: round(v / rate, 2) for k, v in phases.most_common()},
        "threads": {k: round(v / rate, 2) for k, v in threads.most_common(8)},
        "samples": samples,
    }
