"""Reading files from the data folder as untrusted input.

Anything in the data folder may have been damaged, hand-edited or planted:
a FIFO (opening it for reading would wait forever), a link to /dev/zero (it
never ends), a file of a gigabyte, JSON nested deeper than the parser's
recursion limit, escapes for lone surrogates that cannot be written back as
UTF-8. Everything here turns such a file into `Refused` with a reason the
player can read, before it costs memory or time.
"""
from __future__ import annotations

import json
import math
import os
import re
import stat
from pathlib import Path

MAX_DEPTH = 64        # a save's deepest real nesting is under ten; recursive code downstream stays far from the limit
DISPLAY_CAP = 500     # characters kept of a string meant to be shown (a summary, a scene's title, a reason)


class Refused(ValueError):
    """A file in the data folder that is not used; the message says why."""


class StoreError(OSError):
    """Writing to the data folder failed. Every write in vn.save raises this (or a subclass) and nothing
    else, with a message fit for the player, so that a caller catching OSError can show it and carry on."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path`, which must be a regular file (a link to one is followed) of at most `limit` bytes.

    FileNotFoundError passes through (no file is not damage); anything else is Refused."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):    # before opening: opening some devices has effects
            raise Refused("is not a regular file")
        # O_NONBLOCK: if it was swapped for a FIFO since the stat, the open returns at once instead of waiting
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("is not a regular file")
        if info.st_size > limit:
            raise Refused("is damaged (far too large)")
        chunks, total = [], 0
        while total <= limit:       # the file may be growing: never read past the limit either way
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise Refused("is damaged (far too large)")
        return b"".join(chunks)
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


_STRING = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"', re.S)
_NOT_BRACKET = re.compile(rb"[^\[\]{}]+")
_INNERMOST = re.compile(rb"\[\]|\{\}")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def too_deep(raw: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether the JSON text nests arrays and objects more than `limit` deep (unbalanced counts as too deep).

    Strings are taken out first, then each pass removes the innermost empty pairs: all in C,
    so even a 16 MB file of brackets costs well under a second, and no recursion at all."""
    skeleton = _NOT_BRACKET.sub(b"", _STRING.sub(b"", raw))
    for _ in range(limit):
        if not skeleton:
            return False
        skeleton, removed = _INNERMOST.subn(b"", skeleton)
        if not removed:
            return True
    return bool(skeleton)


def parse_json(raw: bytes) -> object:
    """A JSON document from untrusted bytes: a UTF-8 BOM is accepted, nesting is limited,
    lone surrogates are replaced so that the values can always be written back."""
    if raw.startswith(b"\xef\xbb\xbf"):   # Notepad writes one; it is not damage
        raw = raw[3:]
    if too_deep(raw):
        raise Refused(f"is damaged (nested more than {MAX_DEPTH} levels deep)")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refused("is damaged (not readable JSON)") from None
    # raw UTF-8 cannot hold a surrogate; only an escape can make one
    return clean_values(doc) if _SURROGATE_ESCAPE.search(raw) else doc


_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_values(value):
    """`value` with every lone surrogate, in strings and keys at any depth, replaced by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATES.sub("\ufffd", value)
    if isinstance(value, list):
        return [clean_values(v) for v in value]
    if isinstance(value, dict):
        return {clean_values(k): clean_values(v) for k, v in value.items()}
    return value


def contains_non_finite(value) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, list):
        return any(contains_non_finite(v) for v in value)
    if isinstance(value, dict):
        return any(contains_non_finite(v) for v in value.values())
    return False


_UNDRAWABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufeff]")


def display_text(value: object, cap: int = DISPLAY_CAP) -> str:
    """A string that can be drawn and printed: control characters become spaces, surrogates U+FFFD,
    and it is cut to `cap` characters. Anything that is not a string becomes ''."""
    if not isinstance(value, str):
        return ""
    value = value[: cap * 2]   # before the regex, so a hostile megabyte costs nothing
    value = _UNDRAWABLE.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else " ", value)
    return value[:cap - 1] + "\u2026" if len(value) > cap else value


def encode_json(doc: object, *, compact: bool) -> bytes:
    """`doc` as UTF-8 JSON; raises StoreError (never ValueError, UnicodeEncodeError or RecursionError)."""
    options = {"ensure_ascii": False, "allow_nan": False}
    if compact:
        options["separators"] = (",", ":")
    else:
        options["indent"] = 1
    try:
        try:
            return json.dumps(doc, **options).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate that came from somewhere we did not clean
            return json.dumps(clean_values(doc), **options).encode("utf-8")
    except ValueError as exc:       # NaN or infinity, or an int too long to print
        raise StoreError(f"holds a value that cannot be written ({exc})") from None
    except (TypeError, RecursionError, OverflowError) as exc:
        raise StoreError(f"holds data that cannot be written ({type(exc).__name__})") from None
