"""Damage chosen b-tree pages of a real cache file, the way a failing disk or a bad copy does.

``table_leaf_pages(path, table)`` maps each leaf page of a rowid table to the rowids it holds
(read from the page itself, so a test can spare the pages of rows that must survive);
``scribble(path, pages)`` overwrites whole pages with seeded garbage. Call them while no
connection has the file open (checkpoint the WAL first).
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = 0
    for i in range(9):
        byte = data[pos + i]
        if i == 8:
            return (value << 8) | byte, pos + 9
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, pos + i + 1
    raise AssertionError("unreachable")


def page_size(path: Path) -> int:
    size = int.from_bytes(path.read_bytes()[16:18], "big")
    return 65536 if size == 1 else size


def table_leaf_pages(path: Path, table: str) -> dict[int, list[int]]:
    """{page number: [rowids on it]} for the leaf pages of ``table`` (a rowid table)."""
    conn = sqlite3.connect(str(path))
    try:
        pages = [int(r[0]) for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
            (table,))]
    finally:
        conn.close()
    size = page_size(path)
    data = path.read_bytes()
    out: dict[int, list[int]] = {}
    for number in pages:
        start = (number - 1) * size
        page = data[start : start + size]
        header = 100 if number == 1 else 0
        assert page[header] == 0x0D, f"page {number} is not a table leaf"
        cells = int.from_bytes(page[header + 3 : header + 5], "big")
        rowids = []
        for i in range(cells):
            pointer = int.from_bytes(page[header + 8 + 2 * i : header + 10 + 2 * i], "big")
            _payload, pos = _varint(page, pointer)
            rowid, _ = _varint(page, pos)
            rowids.append(rowid)
        out[number] = rowids
    return out


def index_pages(path: Path, index: str) -> list[int]:
    """Every page of ``index`` (or of any named b-tree)."""
    conn = sqlite3.connect(str(path))
    try:
        return [int(r[0]) for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno", (index,))]
    finally:
        conn.close()


def scribble(path: Path, pages: list[int], seed: int = 9) -> None:
    """Overwrite each page in ``pages`` (1-based) entirely with garbage."""
    size = page_size(path)
    noise = random.Random(seed)
    with path.open("r+b") as handle:
        for number in pages:
            handle.seek((number - 1) * size)
            handle.write(bytes(noise.getrandbits(8) for _ in range(size)))
