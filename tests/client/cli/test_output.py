"""Terminal output helpers: safe text, tables, the progress display in its three modes."""

from __future__ import annotations

import io

import pytest

from client.cli.output import Progress, format_table, safe_block, safe_text


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_safe_text_neutralises_controls_but_keeps_unicode() -> None:
    assert safe_text("a\x1b[2Jb\x00c") == "a?[2Jb?c"
    assert safe_text("line1\nline2\tx") == "line1 line2 x"
    assert safe_text("报价 👍‍ שלום") == "报价 👍‍ שלום"
    assert safe_text("abcdef", limit=4) == "abc…"
    assert safe_text(None) == ""


def test_safe_block_keeps_lines() -> None:
    assert safe_block("a\r\nb\x07\n\tc") == "a\nb?\n\tc"


def test_format_table_aligns_columns() -> None:
    table = format_table(("ID", "SUBJECT"), [(1, "short"), (1234, "x\x1b")])
    assert table.splitlines() == ["ID    SUBJECT", "1     short", "1234  x?"]


def test_progress_on_a_terminal_redraws_one_line() -> None:
    stream = _Tty()
    progress = Progress(stream)
    progress.update("INBOX", 5, 10)
    progress.update("INBOX", 10, 10)
    progress.finish()
    text = stream.getvalue()
    assert text.count("\r") == 2 and text.endswith("\n")
    assert "[###############---------------] 5/10" in text
    assert "10/10" in text


def test_progress_without_a_terminal_prints_few_plain_lines() -> None:
    stream = io.StringIO()
    progress = Progress(stream)
    for done in range(0, 101, 10):
        progress.update("INBOX", done, 100)
    progress.line("rep@example.com: done")
    assert stream.getvalue().splitlines() == ["INBOX: 0/100", "INBOX: 100/100 done", "rep@example.com: done"]
    assert "\r" not in stream.getvalue()


def test_progress_is_silent_in_json_mode() -> None:
    stream = _Tty()
    progress = Progress(stream, enabled=False)
    progress.update("INBOX", 1, 2)
    progress.line("note")
    progress.finish()
    assert stream.getvalue() == ""


def test_a_closed_pipe_is_recognised_on_every_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    """POSIX says EPIPE (BrokenPipeError); Windows has no SIGPIPE and says EINVAL for a write
    to a pipe whose reader is gone. EINVAL elsewhere is a real error, not a closed pipe."""
    import errno

    from client.cli.output import is_closed_pipe

    einval = OSError(errno.EINVAL, "Invalid argument")
    assert is_closed_pipe(BrokenPipeError(errno.EPIPE, "Broken pipe"))
    monkeypatch.setattr("sys.platform", "linux")
    assert not is_closed_pipe(einval) and not is_closed_pipe(ValueError("x"))
    monkeypatch.setattr("sys.platform", "win32")
    assert is_closed_pipe(einval)
    assert not is_closed_pipe(OSError(errno.ENOSPC, "No space left on device"))


def test_write_bytes_writes_everything_a_raw_stream_accepts_piecewise() -> None:
    """An unbuffered stdout (python -u) takes part of a large write at a time: every byte is
    still written, in order."""
    from client.cli.output import write_bytes, write_text

    class Trickle(io.RawIOBase):
        def __init__(self) -> None:
            self.data = bytearray()

        def writable(self) -> bool:
            return True

        def write(self, b) -> int:  # type: ignore[no-untyped-def, override]
            piece = bytes(b[:3])
            self.data += piece
            return len(piece)

    raw = Trickle()
    stream = io.TextIOWrapper(raw, encoding="utf-8", write_through=True)  # type: ignore[arg-type]
    write_bytes(stream, b"0123456789")
    write_text(stream, "报价单\n")
    assert bytes(raw.data) == b"0123456789" + "报价单\n".encode()
