"""Collects per-message parse times of the corpus run and prints the total and the slowest."""

from __future__ import annotations

import pytest

PARSE_SECONDS: dict[str, float] = {}


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not PARSE_SECONDS:
        return
    total = sum(PARSE_SECONDS.values())
    slowest = sorted(PARSE_SECONDS.items(), key=lambda item: item[1], reverse=True)[:5]
    terminalreporter.write_sep("-", "MIME corpus parse times (parse_message + parse_headers)")
    terminalreporter.write_line(f"{len(PARSE_SECONDS)} messages, total {total:.2f} s")
    for name, seconds in slowest:
        terminalreporter.write_line(f"  {seconds * 1000:8.1f} ms  {name}")
