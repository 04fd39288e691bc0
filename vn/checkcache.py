"""A cache of `vn check` results, so checking an unchanged story again costs a hash, not a check.

The key covers everything a check reads: the engine itself (its version and every source file's
size and time, so a changed engine never trusts an old result), every file in the story folder
(the scripts by content, pictures, sounds and fonts by size and time), the working directory
(diagnostics print paths relative to it) and the options. A result is stored as JSON in the
user's cache folder; a damaged or foreign file there is ignored and replaced, never trusted.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .script.diagnostics import ERROR, WARNING, Diagnostic, Pos, Report

try:
    from _blake2 import blake2s     # as the loader does: hashlib would map OpenSSL for nothing
except ImportError:
    from hashlib import blake2s

FORMAT = 1
KEEP = 32                       # results kept; the oldest go first
MAX_FILES = 20_000              # a folder holding more is not scanned (and not cached)
ENGINE = Path(__file__).resolve().parent


@dataclass
class CachedCheck(Report):
    """What `vn check` prints, read back: the same attributes as a LoadResult it reports from."""
    diagnostics: list[Diagnostic]
    sources: dict[str, None] = field(default_factory=dict)
    lines_read: int = 0
    game: None = None


def cache_folder() -> Path:
    given = os.environ.get("VN_CACHE_DIR")
    if given:
        return Path(given) / "check"
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("vn-engine", appauthor=False)) / "check"


def _engine_digest(digest) -> None:
    from importlib import metadata
    try:
        digest.update(metadata.version("vn").encode())
    except metadata.PackageNotFoundError:
        digest.update(b"unversioned")
    for path in sorted(ENGINE.rglob("*.py")):
        info = path.stat()
        digest.update(f"{path.relative_to(ENGINE)}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())


def check_key(directory: str, options: str) -> str | None:
    """The cache key of checking `directory`, or None when it cannot be cached (not a folder,
    unreadable, or too many files to scan quickly)."""
    root = Path(directory)
    if not root.is_dir():
        return None
    digest = blake2s()
    digest.update(f"{FORMAT}\0{options}\0{os.getcwd()}\0{root.resolve()}\0".encode())
    _engine_digest(digest)
    count = 0
    try:
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(files):
                count += 1
                if count > MAX_FILES:
                    return None
                path = os.path.join(folder, name)
                info = os.lstat(path)
                digest.update(f"{os.path.relpath(path, root)}\0{info.st_mode}\0{info.st_size}\0".encode())
                if name.endswith((".yaml", ".yml", ".json")) and os.path.isfile(path):
                    with open(path, "rb") as f:        # scripts and themes: by content
                        digest.update(f.read())
                else:                                   # pictures, sounds, fonts: by time
                    digest.update(str(info.st_mtime_ns).encode())
    except OSError:
        return None
    return digest.hexdigest()


def load(key: str) -> CachedCheck | None:
    try:
        data = json.loads((cache_folder() / f"{key}.json").read_text(encoding="utf-8"))
        if data["format"] != FORMAT or data["key"] != key:
            return None
        diagnostics = [Diagnostic(Pos(_text(d["file"]), _number(d["line"]), _number(d["column"])),
                                  _text(d["code"]), _text(d["message"]), _text(d["hint"]),
                                  _severity(d["severity"]), _text(d["source_line"]))
                       for d in data["diagnostics"]]
        return CachedCheck(diagnostics, {_text(name): None for name in data["files"]},
                           _number(data["lines"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None     # missing, damaged or foreign: check afresh, and store over it


def store(key: str, result) -> None:
    folder = cache_folder()
    data = {"format": FORMAT, "key": key, "files": list(result.sources), "lines": result.lines_read,
            "diagnostics": [dict(d.to_json(), source_line=d.source_line) for d in result.diagnostics]}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f"{key}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temporary, folder / f"{key}.json")
        stored = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
        for old in stored[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass            # a read-only cache folder only makes the next check slower


def _text(value) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _number(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("not a whole number")
    return value


def _severity(value) -> str:
    if value not in (ERROR, WARNING):
        raise ValueError("unknown severity")
    return value
