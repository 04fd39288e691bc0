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
from .script.digests import blake2s
from .script.filememo import listed
from .script.filesummary import number_field, text_field

FORMAT = 3
KEEP = 32                       # results kept; the oldest go first
ENGINE = Path(__file__).resolve().parent


@dataclass
class CheckResult(Report):
    """What `vn check` prints, with the attributes of a LoadResult it reports from: made file by
    file (sources: each file's SourceFile), or read back from the cache (sources: the names)."""
    diagnostics: list[Diagnostic]
    sources: dict = field(default_factory=dict)
    lines_read: int = 0
    game: None = None


def cache_folder(kind: str = "check") -> Path:
    """kind: "check" for whole results, "files" for each file's checked form, "flow" for what
    playing the routes found."""
    from .paths import cache_dir
    return cache_dir() / kind


def engine_digest() -> str:
    """The engine's version, its code, and the theme and fonts the text warnings measure with,
    by size and time: a changed engine never trusts what an older one kept."""
    from importlib import metadata
    from .paths import assets_dir
    digest = blake2s()
    try:
        digest.update(metadata.version("vn").encode())
    except metadata.PackageNotFoundError:
        digest.update(b"unversioned")
    assets = assets_dir()
    found = [(ENGINE, path) for path in sorted(ENGINE.rglob("*.py"))]
    found += [(assets, path) for path in [assets / "theme.json", *sorted((assets / "fonts").glob("*"))]
              if path.is_file()]
    for base, path in found:
        info = path.stat()
        digest.update(f"{path.relative_to(base)}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def check_key(directory: str, options: str, engine: str | None = None) -> str | None:
    """The cache key of checking `directory`, or None when it cannot be cached (not a folder,
    unreadable, or too many files to scan quickly)."""
    root = Path(directory)
    if not root.is_dir():
        return None
    digest = blake2s()
    digest.update(f"{FORMAT}\0{options}\0{os.getcwd()}\0{root.resolve()}\0{engine or engine_digest()}\0".encode())
    files = listed(root)
    if files is None:
        return None
    try:
        for rel, path, info in files:
            digest.update(f"{rel}\0{info.st_mode}\0{info.st_size}\0".encode())
            if rel.endswith((".yaml", ".yml", ".json")) and os.path.isfile(path):
                with open(path, "rb") as f:        # scripts and themes: by content
                    digest.update(f.read())
            else:                                   # pictures, sounds, fonts: by time
                digest.update(str(info.st_mtime_ns).encode())
    except OSError:
        return None
    return digest.hexdigest()


def diagnostics_to_json(diagnostics) -> list[dict]:
    return [dict(d.to_json(), source_line=d.source_line) for d in diagnostics]


def diagnostics_from_json(data) -> list[Diagnostic]:
    """Raises TypeError, ValueError or KeyError on anything but what diagnostics_to_json wrote."""
    return [Diagnostic(Pos(text_field(d["file"]), number_field(d["line"]), number_field(d["column"])),
                       text_field(d["code"]), text_field(d["message"]), text_field(d["hint"]),
                       _severity(d["severity"]), text_field(d["source_line"]))
            for d in data]


def load_entry(kind: str, key: str) -> dict | None:
    """What store_entry kept under `key`, or None: missing, damaged, or written by another format."""
    try:
        data = json.loads((cache_folder(kind) / f"{key}.json").read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
            return None
        return data
    except (OSError, ValueError):
        return None


def store_entry(kind: str, key: str, data: dict) -> None:
    from .paths import write_cache_file
    write_cache_file(cache_folder(kind) / f"{key}.json", json.dumps(dict(data, format=FORMAT, key=key)))


def prune(kind: str, keep: int | None = None) -> None:
    """Keep the `keep` newest entries of a kind (KEEP if not given); let it run past that by a
    quarter between prunes."""
    keep = KEEP if keep is None else keep
    try:
        stored = list(cache_folder(kind).glob("*.json"))
        if len(stored) > keep + keep // 4:
            stored.sort(key=lambda p: p.stat().st_mtime_ns)
            for old in stored[:-keep]:
                old.unlink(missing_ok=True)
    except OSError:
        pass


def load(key: str) -> CheckResult | None:
    data = load_entry("check", key)
    try:
        return None if data is None else CheckResult(diagnostics_from_json(data["diagnostics"]),
                                                     {text_field(name): None for name in data["files"]},
                                                     number_field(data["lines"]))
    except (ValueError, KeyError, TypeError):
        return None     # damaged or foreign: check afresh, and store over it


def store(key: str, result) -> None:
    store_entry("check", key, {"files": list(result.sources), "lines": result.lines_read,
                               "diagnostics": diagnostics_to_json(result.diagnostics)})
    prune("check")


def _severity(value) -> str:
    if value not in (ERROR, WARNING):
        raise ValueError("unknown severity")
    return value
