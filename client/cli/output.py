"""Printing for the command line: JSON documents, plain tables, and a progress display.

`--json` mode prints exactly one JSON document on stdout per command (UTF-8, not ASCII-escaped)
and nothing else there; progress and notices go to stderr and are silent in JSON mode. Not
thread-safe: call from the command's own thread.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, TextIO


def dump_json(document: Any, stream: TextIO) -> None:
    """Write `document` as indented JSON followed by a newline."""
    stream.write(json.dumps(document, ensure_ascii=False, indent=2))
    stream.write("\n")
    stream.flush()


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc"


def safe_text(value: object, limit: int = 0) -> str:
    """One line of text with control characters (ESC, NUL, CR, ...) replaced, optionally shortened.

    Server- and sender-supplied strings go through this before reaching a terminal, so escape
    sequences in a subject or folder name cannot drive the terminal (T8). Newlines and tabs
    become spaces.
    """
    text = "" if value is None else str(value)
    text = "".join((" " if ch in "\t\n\r" else "?") if _is_control(ch) else ch for ch in text)
    if limit and len(text) > limit:
        text = text[: max(limit - 1, 1)] + "…"
    return text


def safe_block(text: str) -> str:
    """Multi-line text for a terminal: keeps newlines and tabs, replaces other control
    characters with `?`, normalises CRLF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join("?" if _is_control(ch) and ch not in "\n\t" else ch for ch in text)


def format_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Left-aligned columns separated by two spaces; cells are made safe and single-line."""
    cells = [[safe_text(h) for h in headers]]
    cells += [[safe_text(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in cells
    ]
    return "\n".join(lines)


class Progress:
    """Progress of a long task: a redrawn bar on a terminal, plain lines otherwise, nothing in
    JSON mode. `update(label, done, total)` may be called often; `line(text)` prints a note."""

    def __init__(self, stream: TextIO, *, enabled: bool = True) -> None:
        self._stream = stream
        self._enabled = enabled
        self._tty = enabled and _isatty(stream)
        self._last_plain: tuple[str, int] | None = None
        self._drawn = False

    def update(self, label: str, done: int, total: int | None) -> None:
        """Show `done` of `total` (total None or 0: unknown) for `label`."""
        if not self._enabled:
            return
        label = safe_text(label, 40)
        if self._tty:
            width = max(shutil.get_terminal_size((80, 20)).columns, 40)
            if total:
                bar_width = max(min(30, width - len(label) - 24), 10)
                filled = int(bar_width * min(done, total) / total)
                bar = "#" * filled + "-" * (bar_width - filled)
                text = f"{label} [{bar}] {done}/{total}"
            else:
                text = f"{label} {done}"
            self._stream.write("\r" + text[: width - 1].ljust(width - 1))
            self._stream.flush()
            self._drawn = True
            return
        # Plain mode: one line per label, plus one when a label completes.
        complete = bool(total) and done >= (total or 0)
        key = (label, 1 if complete else 0)
        if key == self._last_plain:
            return
        self._last_plain = key
        count = f"{done}/{total}" if total else f"{done}"
        self._stream.write(f"{label}: {count}{' done' if complete else ''}\n")
        self._stream.flush()

    def line(self, text: str) -> None:
        """Print a whole line of information (clears the bar first on a terminal)."""
        if not self._enabled:
            return
        self.finish()
        self._stream.write(safe_text(text) + "\n")
        self._stream.flush()

    def finish(self) -> None:
        """End the bar's line on a terminal. Idempotent."""
        if self._drawn:
            self._stream.write("\n")
            self._stream.flush()
            self._drawn = False


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
