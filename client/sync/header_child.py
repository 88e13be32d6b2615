"""Parse header blocks into list columns in a second process, beside the header download.

Why (issue 17): the header-first pass of a big folder is about 2.8 s of Python on one thread at
10,000 messages, 1.2 s of it ``client.store.derive.header_columns``. In a process of its own
that parse runs on the other core while this process reads the next batch's replies and stores
the one before, so every row is listable sooner.

Parent side: ``HeaderParser()`` starts the child at once (its imports overlap the flags/size
pass); ``submit(blocks)`` sends one batch of raw header blocks and returns a ``Pending``;
``Pending.columns()`` returns ``[HeaderColumns]`` in the same order. Submissions are answered
in order, so call ``columns()`` in the order of the ``submit`` calls; ``submit`` may run on a
different thread from ``columns()`` (one thread each). Never raises for the child: when it
cannot start, dies or answers garbage, ``columns()`` parses those blocks here (same function,
same result) and later submissions are parsed here too. ``close()`` is idempotent, any thread
that owns the parser.

Child side (``python -m client.sync.header_child``, or the frozen app with
``CHILD_ARGUMENT``): reads frames (8-byte big-endian length + ``marshal`` of ``(number, [bytes])``)
on stdin until EOF, writes one frame ``(number, [column tuple])`` per request. ``marshal`` only
crosses the pipe between this process and the child it started with the same interpreter.
"""

from __future__ import annotations

import logging
import marshal
import struct
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import fields
from typing import IO

from client.child_command import command_for
from client.store.derive import HeaderColumns, header_columns

log = logging.getLogger(__name__)

#: The frozen app's hidden mode for this child (see ``client.cli.main``).
CHILD_ARGUMENT = "--header-child"
#: A folder with at least this many new UIDs starts the child (below, starting it costs more
#: than the parse it saves).
MIN_MESSAGES = 2000
_LENGTH = struct.Struct(">Q")
_FIELDS = tuple(f.name for f in fields(HeaderColumns))


def child_command() -> list[str]:
    """The command that starts a header child with this interpreter (or the frozen app)."""
    return command_for("client.sync.header_child", [CHILD_ARGUMENT])


def _write_frame(stream: IO[bytes], payload: bytes) -> None:
    stream.write(_LENGTH.pack(len(payload)))
    stream.write(payload)
    stream.flush()


def _read_frame(stream: IO[bytes]) -> bytes | None:
    """One frame's payload; None at a clean EOF. Raises ``EOFError`` when cut short."""
    head = stream.read(_LENGTH.size)
    if not head:
        return None
    if len(head) < _LENGTH.size:
        raise EOFError("frame header cut short")
    (size,) = _LENGTH.unpack(head)
    payload = stream.read(size)
    if len(payload) < size:
        raise EOFError("frame cut short")
    return payload


def _columns_from_tuple(values: object) -> HeaderColumns:
    if not isinstance(values, tuple) or len(values) != len(_FIELDS):
        raise ValueError("not a header column tuple")
    fields = list(values)
    fields[11] = tuple(fields[11])  # references (marshal keeps tuples, but be strict)
    return HeaderColumns(*fields)


def _as_tuple(columns: HeaderColumns) -> tuple[object, ...]:
    return tuple(getattr(columns, name) for name in _FIELDS)


class Pending:
    """The answer to one ``submit``; ``columns()`` once, on the reading thread."""

    def __init__(self, parser: HeaderParser, blocks: list[bytes], seq: int | None) -> None:
        self._parser, self._blocks, self._seq = parser, blocks, seq

    def columns(self) -> list[HeaderColumns]:
        if self._seq is not None:
            got = self._parser._receive(self._seq, len(self._blocks))
            if got is not None:
                return got
        return [header_columns(block) for block in self._blocks]


class HeaderParser:
    """One header child process (see the module docstring for threads and errors)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._sent = 0  # requests sent (the next one's number)
        self._read = 0  # answers read; an unread one (a consumer that stopped) is skipped
        self.failed = False
        try:
            self._proc = subprocess.Popen(child_command(), stdin=subprocess.PIPE,
                                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError as exc:
            log.info("header child could not start (%s); parsing here", exc)
            self.failed = True

    def submit(self, blocks: Sequence[bytes]) -> Pending:
        """Send ``blocks`` to the child (or keep them to parse here)."""
        batch = list(blocks)
        proc = self._proc
        if self.failed or proc is None or proc.stdin is None or not batch:
            return Pending(self, batch, None)
        seq = self._sent
        try:
            _write_frame(proc.stdin, marshal.dumps((seq, batch)))
        except (OSError, ValueError) as exc:
            self._fail(f"send: {exc}")
            return Pending(self, batch, None)
        self._sent += 1
        return Pending(self, batch, seq)

    def _receive(self, seq: int, count: int) -> list[HeaderColumns] | None:
        """The answer to request ``seq``; answers to earlier requests nobody read are
        dropped. None when the child failed (or the answer was dropped already)."""
        proc = self._proc
        if self.failed or proc is None or proc.stdout is None or seq < self._read:
            return None
        try:
            while True:
                payload = _read_frame(proc.stdout)
                if payload is None:
                    raise EOFError("the header child ended")
                answer = marshal.loads(payload)
                if not isinstance(answer, tuple) or len(answer) != 2:
                    raise ValueError("not a header answer")
                got, values = answer
                self._read = int(got) + 1
                if got == seq:
                    break
                if got > seq:
                    raise ValueError("header answers out of order")
            if not isinstance(values, list) or len(values) != count:
                raise ValueError("wrong number of header rows")
            return [_columns_from_tuple(v) for v in values]
        except (OSError, EOFError, ValueError, TypeError) as exc:
            self._fail(f"receive: {exc}")
            return None

    def _fail(self, why: str) -> None:
        log.info("header child failed (%s); parsing here", why)
        self.failed = True
        self.close()

    def close(self) -> None:
        """End the child (idempotent)."""
        with self._lock:
            proc, self._proc = self._proc, None
        if proc is None:
            return
        for stream in (proc.stdin, proc.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def child_main(stdin: IO[bytes] | None = None, stdout: IO[bytes] | None = None) -> int:
    """The child's loop: parse each request's blocks, answer in order; 0 at EOF."""
    source = stdin or sys.stdin.buffer
    sink = stdout or sys.stdout.buffer
    while True:
        try:
            payload = _read_frame(source)
        except EOFError:
            return 1
        if payload is None:
            return 0
        seq, blocks = marshal.loads(payload)
        rows = [_as_tuple(header_columns(block)) for block in blocks]
        try:
            _write_frame(sink, marshal.dumps((seq, rows)))
        except BrokenPipeError:
            return 0


if __name__ == "__main__":
    sys.exit(child_main())
