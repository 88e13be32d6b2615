"""A small sample company logo as PNG bytes, drawn in code (no image library needed).

Used by `tradewind policy init` so the example policy is complete; an admin replaces it with the
real logo. Pure; any thread.
"""

from __future__ import annotations

import struct
import zlib

WIDTH, HEIGHT = 160, 48
_NAVY = (16, 52, 96)
_TEAL = (0, 150, 136)
_WHITE = (255, 255, 255)


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def _pixel(x: int, y: int) -> tuple[int, int, int]:
    # a navy field with a teal wave ("trade wind") and a white sail-like triangle on the left
    if 8 <= x <= 40 and 8 <= y <= 40 and (x - 8) >= (40 - y) * 0.8:
        return _WHITE
    wave = 30 + int(6 * ((x // 8) % 2 == 0)) if x > 48 else 99
    if x > 48 and wave <= y <= wave + 5:
        return _TEAL
    return _NAVY


def sample_logo_png() -> bytes:
    """The PNG bytes of the sample logo (160×48, RGB). Deterministic."""
    rows = bytearray()
    for y in range(HEIGHT):
        rows.append(0)  # filter: none
        for x in range(WIDTH):
            rows.extend(_pixel(x, y))
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + _chunk(b"IEND", b""))
