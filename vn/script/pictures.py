"""Find a picture the manifest names inside the story folder, and read its size from its header.

Only the header is read, never the pixels: a check of a story with a hundred
1920x1080 pictures stays a matter of milliseconds, and nothing below vn/ui
imports pygame. A file whose header is sound but whose pixels are damaged
still reaches the window, which shows the plain backdrop and says so.

Names are matched against the real directory listing, not os.path.exists:
on Windows and macOS 'BG.png' opens 'bg.png', on Linux it does not, so a
story that works for its writer would fail for a player.
"""
from __future__ import annotations

import difflib
import os
import stat
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .yamlsource import file_kind

MISSING = "VN028"
WRONG_CASE = "VN029"
NOT_AN_IMAGE = "VN030"
OUTSIDE = "VN031"

MAX_SIDE = 16384                 # pixels; SDL refuses larger surfaces on many systems
MAX_PIXELS = 64 * 1024 * 1024    # 256 MB once decoded: a tiny file can declare a huge picture
_HEAD = 64                       # enough for every header below but JPEG's, which is walked


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    message: str
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Kind:
    """What a folder is asked to find: pictures here, sounds in audiofiles.py. `read(rel, f, size)`
    returns what the header says (a picture's size, a sound's format) or a Problem."""
    noun: str
    missing: str
    wrong_case: str
    unreadable: str
    outside: str
    read: Callable


class Folder:
    """One story folder, with the listings it has read, so that each folder is listed once."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.inside = self.root.resolve()
        self._listings: dict[Path, list[str] | None] = {}
        self._found: dict[tuple[str, str], object] = {}
        # when a list, every check asked is noted in it as (kind, rel): what a file's build
        # asked of the folder is all of the folder its labels depend on (see filememo.py)
        self.consulted: list | None = None

    def listing(self, folder: Path) -> list[str] | None:
        if folder not in self._listings:
            try:
                self._listings[folder] = sorted(os.listdir(folder))
            except OSError:
                self._listings[folder] = None
        return self._listings[folder]

    def check(self, rel: str, kind: Kind | None = None):
        """The picture's (width, height) (or what `kind` reads from the header), or why it cannot be used."""
        kind = kind or PICTURE
        if self.consulted is not None:
            self.consulted.append((kind, rel))
        key = (kind.noun, rel)
        if key not in self._found:
            self._found[key] = self._check(rel, kind)
        return self._found[key]

    def _check(self, rel: str, kind: Kind):
        problem = path_problem(rel, kind)
        if problem:
            return problem
        here = self.root
        parts = rel.split("/")
        for n, part in enumerate(parts):
            if part in ("", "."):
                continue
            names = self.listing(here)
            if names is None:
                return Problem(kind.missing, f"{kind.noun} '{rel}' not found: '{_rel(here, self.root)}' is not a folder")
            if part not in names:
                return self._not_there(rel, parts, n, names, kind)
            here = here / part
        return self._read(rel, here, kind)

    def _not_there(self, rel: str, parts: list[str], n: int, names: list[str], kind: Kind) -> Problem:
        def instead(name: str) -> str:
            return "/".join(parts[:n] + [name] + parts[n + 1:])
        part = parts[n]
        same = [x for x in names if x.casefold() == part.casefold()]
        if same:
            return Problem(kind.wrong_case, f"{kind.noun} '{rel}': the {'file' if n == len(parts) - 1 else 'folder'} "
                                            f"is '{same[0]}', not '{part}'",
                           f"write '{instead(same[0])}': names that differ only in capitals work on Windows "
                           "and macOS but fail on Linux")
        close = difflib.get_close_matches(part, names, n=1, cutoff=0.6)
        hint = f"did you mean '{instead(close[0])}'?" if close else \
            f"put the file in the story folder ({self.root}), or correct the path"
        return Problem(kind.missing, f"{kind.noun} '{rel}' not found", hint)

    def _read(self, rel: str, path: Path, kind: Kind):
        noun = kind.noun
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return Problem(kind.missing, f"{noun} '{rel}' is a link to nothing",
                           "put the file itself in the story folder")
        if not target.is_relative_to(self.inside):
            return Problem(kind.outside, f"{noun} '{rel}' is a link to a file outside the story folder",
                           "copy the file into the story folder instead of linking to it")
        try:
            fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        except OSError as exc:
            return Problem(kind.unreadable, f"{noun} '{rel}' cannot be read: {exc.strerror or exc}")
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return Problem(kind.outside, f"{noun} '{rel}' is not a plain file: {file_kind(info.st_mode)}",
                               f"name a {noun} file")
            with os.fdopen(os.dup(fd), "rb") as f:
                return kind.read(rel, f, info.st_size)
        except OSError as exc:
            return Problem(kind.unreadable, f"{noun} '{rel}' cannot be read: {exc.strerror or exc}")
        finally:
            os.close(fd)


def _picture(rel: str, f, size: int) -> Problem | tuple[int, int]:
    found = image_size(f, size)
    if isinstance(found, str):
        return Problem(NOT_AN_IMAGE, f"'{rel}' is not a readable picture: {found}",
                       "save it as PNG, JPEG, WebP, GIF or BMP")
    w, h = found
    if not (0 < w <= MAX_SIDE and 0 < h <= MAX_SIDE) or w * h > MAX_PIXELS:
        return Problem(NOT_AN_IMAGE, f"picture '{rel}' is {w}x{h} pixels, too large to load safely",
                       f"at most {MAX_SIDE} pixels a side and {MAX_PIXELS // 1_000_000} million in all; "
                       "1920x1080 is plenty for a background")
    return found


PICTURE = Kind("picture", MISSING, WRONG_CASE, NOT_AN_IMAGE, OUTSIDE, _picture)


def path_problem(rel: str, kind: Kind | None = None) -> Problem | None:
    """Why a path as written cannot name a file inside the story folder, or None."""
    noun, outside, missing = (kind.noun, kind.outside, kind.missing) if kind else ("picture", OUTSIDE, MISSING)
    if "\\" in rel:
        return Problem(outside, f"{noun} path '{rel}' uses '\\'",
                       "write '/' between folders: it works on every system")
    if rel.startswith("/") or (len(rel) > 1 and rel[1] == ":"):
        return Problem(outside, f"{noun} path '{rel}' is absolute",
                       f"give the path relative to the story folder, and keep the {noun} inside it")
    if ".." in rel.split("/"):
        return Problem(outside, f"{noun} path '{rel}' leaves the story folder",
                       f"keep {noun}s inside the story folder; '..' is not allowed")
    if not rel.strip("/. "):
        return Problem(missing, f"a {noun} path is empty",
                       "name a file, e.g. " + ("images/room.png" if noun == "picture" else "audio/rain.ogg"))
    return None


def _rel(folder: Path, root: Path) -> str:
    return "." if folder == root else folder.relative_to(root).as_posix()


# -- headers -----------------------------------------------------------------
def image_size(f, size: int) -> tuple[int, int] | str:
    """(width, height) from a PNG, JPEG, WebP, GIF or BMP header; otherwise why not, as text."""
    head = f.read(_HEAD)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png(f, head, size)
    if head.startswith(b"\xff\xd8"):
        return _jpeg(f, size)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return _webp(head, size)
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return _gif(f, head, size)
    if head.startswith(b"BM"):
        return _bmp(head, size)
    if not head:
        return "the file is empty"
    return "not a PNG, JPEG, WebP, GIF or BMP file"


def _tail(f, size: int, n: int) -> bytes:
    f.seek(max(0, size - n))
    return f.read(n)


def _png(f, head: bytes, size: int):
    if len(head) < 33 or head[12:16] != b"IHDR" or struct.unpack(">I", head[8:12])[0] != 13:
        return "its PNG header is cut short or damaged"
    if zlib.crc32(head[12:29]) != struct.unpack(">I", head[29:33])[0]:
        return "its PNG header is damaged (checksum)"
    if _tail(f, size, 12)[4:8] != b"IEND":
        return "the PNG file is cut short (no end marker)"
    return struct.unpack(">II", head[16:24])


# start-of-frame markers: every JPEG coding but the table and restart markers in between
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg(f, size: int):
    f.seek(2)
    for _ in range(1000):   # segments before the frame header; real files have a dozen
        byte = f.read(1)
        if byte != b"\xff":
            return "its JPEG segments are damaged" if byte else "the JPEG file is cut short"
        marker = f.read(1)
        while marker == b"\xff":          # fill bytes may precede a marker
            marker = f.read(1)
        if not marker:
            return "the JPEG file is cut short"
        code = marker[0]
        if code in (0x01, *range(0xD0, 0xD8)):
            continue                    # markers without a length
        if code in (0xD9, 0xDA):
            return "its JPEG image data comes before its frame header"
        length = f.read(2)
        if len(length) < 2 or struct.unpack(">H", length)[0] < 2:
            return "the JPEG file is cut short"
        n = struct.unpack(">H", length)[0] - 2
        if code in _SOF:
            body = f.read(5)
            if len(body) < 5:
                return "the JPEG file is cut short"
            h, w = struct.unpack(">HH", body[1:5])
            if b"\xff\xd9" not in _tail(f, size, 1024):
                return "the JPEG file is cut short (no end marker)"
            return w, h
        f.seek(n, os.SEEK_CUR)
    return "its JPEG segments are damaged"


def _webp(head: bytes, size: int):
    if struct.unpack("<I", head[4:8])[0] + 8 > size:
        return "the WebP file is cut short"
    chunk, body = head[12:16], head[20:]
    if chunk == b"VP8 " and len(body) >= 10 and body[3:6] == b"\x9d\x01\x2a":
        w, h = struct.unpack("<HH", body[6:10])
        return w & 0x3FFF, h & 0x3FFF
    if chunk == b"VP8L" and len(body) >= 5 and body[0] == 0x2F:
        bits = int.from_bytes(body[1:5], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(body) >= 10:
        return int.from_bytes(body[4:7], "little") + 1, int.from_bytes(body[7:10], "little") + 1
    return "its WebP header is damaged"


def _gif(f, head: bytes, size: int):
    if len(head) < 10:
        return "the GIF file is cut short"
    if _tail(f, size, 1) != b"\x3b":
        return "the GIF file is cut short (no end marker)"
    return struct.unpack("<HH", head[6:10])


def _bmp(head: bytes, size: int):
    if len(head) < 26:
        return "the BMP file is cut short"
    offset, dib = struct.unpack("<I", head[10:14])[0], struct.unpack("<I", head[14:18])[0]
    if dib == 12:
        w, h = struct.unpack("<HH", head[18:22])
    elif dib >= 40:
        w, h = struct.unpack("<ii", head[18:26])
    else:
        return "its BMP header is damaged"
    if offset >= size:
        return "the BMP file is cut short"
    return abs(w), abs(h)
