"""A save's thumbnail checked from its PNG header alone, before anything decodes it.

A save file is untrusted: its thumbnail may claim any size, and a decoder asked for a
27000x27000 picture allocates gigabytes or crashes. Only the first 33 bytes are read
here (signature and IHDR chunk), in pure Python, so vn.save never needs pygame.
"""
from __future__ import annotations

import base64
import binascii
import struct
import zlib

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
THUMB_MAX = (320, 180)                 # the size vn/ui/thumbnail.py writes (THUMB_SIZE); a test keeps them equal
MAX_THUMB_BYTES = 1024 * 1024          # a real thumbnail is under 200 KB even uncompressed
_BIT_DEPTHS = {0: {1, 2, 4, 8, 16}, 2: {8, 16}, 3: {1, 2, 4, 8}, 4: {8, 16}, 6: {8, 16}}


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a well-formed IHDR chunk; None for anything else."""
    if len(data) < 33 or not data.startswith(PNG_MAGIC):
        return None
    length, kind = struct.unpack(">I4s", data[8:16])
    if length != 13 or kind != b"IHDR":
        return None
    body = data[16:29]
    if struct.unpack(">I", data[29:33])[0] != zlib.crc32(kind + body):
        return None
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(">IIBBBBB", body)
    if depth not in _BIT_DEPTHS.get(colour, ()) or compression or filtering or interlace > 1:
        return None
    return width, height


def usable_thumbnail(data: bytes | None, limit: tuple[int, int] = THUMB_MAX) -> bytes | None:
    """`data` when it is a PNG no larger than `limit`; None (no picture) otherwise."""
    if not data or len(data) > MAX_THUMB_BYTES:
        return None
    size = png_size(data)
    if size is None:
        return None
    width, height = size
    if not (0 < width <= limit[0] and 0 < height <= limit[1]):
        return None
    return data


def thumbnail_from_text(text: object) -> bytes | None:
    """A save's base64 thumbnail field decoded and checked; None when absent or unusable."""
    if not isinstance(text, str) or len(text) > MAX_THUMB_BYTES * 4 // 3 + 4:
        return None
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return usable_thumbnail(data)
