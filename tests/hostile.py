"""Helpers for the hostile-data tests: a real save to damage, special files, calls that must not hang."""
from __future__ import annotations

import json
import os
import struct
import threading
import zlib
from pathlib import Path

from vn.runtime.runtime import Runtime
from vn.save.resume import open_store
from vn.script.program import load_program

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = load_program(ROOT / "scripts")


def state_with_a_choice():
    """A state that has made one choice, so its route holds text."""
    rt = Runtime(PROGRAM)
    while not rt.state.route:
        if rt.status == "choosing":
            rt.choose(0)
        else:
            rt.advance()
    return rt.state


def store_with_saves(folder: Path, slots=("1", "2", "3")):
    store = open_store(PROGRAM, folder)
    state = state_with_a_choice()
    for slot in slots:
        store.write(slot, state, scene="The Bar", summary="spared Willy")
    return store


def save_doc(store, slot="1") -> dict:
    return json.loads(store.path(slot).read_text(encoding="utf-8"))


def put(store, slot: str, doc) -> None:
    """Write a document (or raw text) into a slot's file, bypassing every check."""
    text = doc if isinstance(doc, str) else json.dumps(doc)
    store.path(slot).write_bytes(text.encode("utf-8", "surrogatepass"))


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def make_special(path: Path, kind: str) -> None:
    """Put something that is not a plain small file at `path`."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    elif kind == "dangling":
        path.symlink_to(path.with_name("nothing-here"))
    elif kind == "directory":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "sparse":
        with open(path, "wb") as f:
            f.truncate(1 << 30)
    else:
        raise ValueError(kind)


def release_fifo(path: Path) -> None:
    """Give EOF to anything blocked reading the FIFO at `path` (code that hung on it), so the test run ends."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
    except OSError:
        pass


def within(seconds: float, fn, *args):
    """fn(*args), failing the test if it takes longer than `seconds` (it runs on a daemon thread)."""
    box = {}

    def run():
        try:
            box["value"] = fn(*args)
        except BaseException as exc:  # reported in the test's own thread
            box["error"] = exc
    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"{getattr(fn, '__name__', fn)} still running after {seconds} s"
    if "error" in box:
        raise box["error"]
    return box.get("value")


def png(width: int, height: int, with_pixels: bool = True) -> bytes:
    """A valid PNG header for a picture of any size; the pixels only when asked (and small)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    rows = b"".join(b"\x00" + b"\x20" * (width * 3) for _ in range(height)) if with_pixels else b"\x00"
    return b"\x89PNG\r\n\x1a\n" + header + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def is_clean(text: str) -> bool:
    """Drawable and printable: encodes as UTF-8, no control characters."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in text)
