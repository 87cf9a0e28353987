"""Small attachments for the demo, generated in code so no binary files are shipped.

A one-page PDF with real text (what a fax gateway or a scanner with OCR hands
over) and a tiny PNG picture. Both are valid files any viewer opens.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Sequence

Rgb = tuple[int, int, int]


def _pdf_string(line: str) -> bytes:
    # Helvetica with WinAnsiEncoding covers umlauts, ß, €, „ “ and dashes.
    text = line.encode("cp1252", errors="replace")
    return b"(" + text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def text_pdf(lines: Sequence[str], *, title: str = "") -> bytes:
    """An A4 page with the lines in 11 pt Helvetica, top to bottom."""
    content = [b"BT", b"/F1 11 Tf", b"15 TL", b"56 786 Td"]
    for line in lines:
        content.append(_pdf_string(line) + b" Tj T*")
    content.append(b"ET")
    stream = b"\n".join(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Title " + _pdf_string(title) + b" /Producer (Brandwache demo) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (len(objects) + 1, len(objects))
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png(width: int, height: int, pixel: Callable[[int, int], Rgb]) -> bytes:
    """An 8-bit RGB PNG whose colour at (x, y) is `pixel(x, y)`."""
    rows = b"".join(
        b"\x00" + bytes(channel for x in range(width) for channel in pixel(x, y))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(rows, 9))
        + _png_chunk(b"IEND", b"")
    )


def luggage_tag_png() -> bytes:
    """A photo-like picture of a luggage tag: a paper label with a bar code."""
    bars = "1101001100101011011001011100101101001101100101"

    def pixel(x: int, y: int) -> Rgb:
        if not (8 <= x < 152 and 10 <= y < 70):
            return (96, 110, 124)  # the suitcase behind the tag
        if 26 <= y < 56 and 16 <= x < 16 + 3 * len(bars) and bars[(x - 16) // 3] == "1":
            return (20, 20, 20)
        return (246, 240, 226)

    return png(160, 80, pixel)
