"""Printing for the command line: JSON documents, plain tables, and a progress display.

`--json` mode prints exactly one JSON document on stdout per command (UTF-8, not ASCII-escaped)
and nothing else there; progress and notices go to stderr and are silent in JSON mode. Not
thread-safe: call from the command's own thread.
"""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, TextIO


def dump_json(document: Any, stream: TextIO) -> None:
    """Write `document` as indented JSON followed by a newline."""
    write_text(stream, json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def write_text(stream: TextIO, text: str) -> None:
    """Write all of `text` and flush; a closed pipe raises (see `is_closed_pipe`).

    Under `python -u` / PYTHONUNBUFFERED the text stream sits on a raw file whose `write` may
    take only part of a large chunk when the reader goes away, and TextIOWrapper drops the
    rest without an error; the bytes are then written here in a loop, so the closed pipe is
    noticed instead of the output being cut silently."""
    raw = getattr(stream, "buffer", None)
    if isinstance(raw, io.RawIOBase):
        stream.flush()
        write_bytes(stream, text.encode(stream.encoding or "utf-8", stream.errors or "strict"))
        return
    stream.write(text)
    stream.flush()


def write_bytes(stream: TextIO, data: bytes) -> None:
    """Write raw bytes to a text stream's binary layer (or decoded, for in-memory streams), all
    of them, and flush. A closed pipe raises."""
    binary = getattr(stream, "buffer", None)
    if binary is None:
        stream.write(data.decode("utf-8", "replace"))
        stream.flush()
        return
    stream.flush()
    view = memoryview(data)
    while view:
        written = binary.write(view)
        if written is None:  # a non-blocking stream that is full: try again
            continue
        if written <= 0:
            raise BrokenPipeError(errno.EPIPE, "the output stream accepts no more data")
        view = view[written:]
    binary.flush()


def is_closed_pipe(exc: BaseException) -> bool:
    """True when `exc` says the reader of our output went away (`tradewind ... | head`).

    POSIX raises BrokenPipeError (Python ignores SIGPIPE); Windows has no SIGPIPE and reports a
    write to a closed pipe as EINVAL (or EPIPE)."""
    if isinstance(exc, BrokenPipeError):
        return True
    return (sys.platform == "win32" and isinstance(exc, OSError)
            and exc.errno in (errno.EINVAL, errno.EPIPE))


def silence_closed_stream(stream: TextIO) -> None:
    """Point `stream`'s file descriptor at the null device, so what is still buffered (and the
    interpreter's final flush) goes nowhere instead of raising again. The recipe of the Python
    docs (signal module, "Note on SIGPIPE"). Streams without a descriptor are left alone."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


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
