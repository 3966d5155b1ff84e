"""Draw the extension's icons (a yellow egg on a dark disc) as PNG files.

Pure standard library so it runs anywhere: `python scripts/make-icons.py`.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

SIZES = (16, 32, 48, 128)
OUT = Path(__file__).resolve().parents[1] / "extension" / "icons"


def _png(size: int, pixels: list[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + row for row in pixels)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def _pixel(x: float, y: float) -> tuple[int, int, int, int]:
    # Disc of radius 0.48, egg: an ellipse a little narrower at the top.
    dx, dy = x - 0.5, y - 0.5
    if dx * dx + dy * dy > 0.48 ** 2:
        return (0, 0, 0, 0)
    ey = (y - 0.55) / 0.32
    ex = dx / (0.24 if y > 0.55 else 0.20)
    if ex * ex + ey * ey <= 1:
        return (255, 214, 40, 255)
    return (40, 44, 52, 255)


def icon(size: int) -> bytes:
    rows = []
    for j in range(size):
        row = bytearray()
        for i in range(size):
            row.extend(_pixel((i + 0.5) / size, (j + 0.5) / size))
        rows.append(bytes(row))
    return _png(size, rows)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        (OUT / f"icon-{size}.png").write_bytes(icon(size))


if __name__ == "__main__":
    main()
