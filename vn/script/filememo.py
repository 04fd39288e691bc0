"""Keys that say when a story file's built labels still hold, and a memo of them for reloads.

A file's labels depend on its own text and on what the loader gives every file: the manifest
(characters, sounds) and the folder's other files (a sound statement checks its file is
there). `story_context` digests the last two; `file_key` adds the file. Hot reload keeps a
FileMemo across reloads, so saving one file of a long story builds that file again, not all
of them; `vn check` keys its cache of each file's checked form the same way.
"""
from __future__ import annotations

import os
from pathlib import Path

try:
    from _blake2 import blake2s     # as the loader does: hashlib would map OpenSSL for nothing
except ImportError:
    from hashlib import blake2s

MAX_FILES = 20_000      # a folder holding more is not scanned, and nothing is kept for it
SCRIPT_TYPES = (".yaml", ".yml")


def listed(root: Path) -> list[tuple[str, str, os.stat_result]] | None:
    """Every file below `root` as (path relative to it, path, its lstat), in a stable order;
    None when the folder cannot be listed or holds more than MAX_FILES."""
    out = []
    try:
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(files):
                if len(out) >= MAX_FILES:
                    return None
                path = os.path.join(folder, name)
                out.append((os.path.relpath(path, root), path, os.lstat(path)))
    except OSError:
        return None
    return out


def story_context(root: Path, manifest_text: str) -> str | None:
    """A digest of the manifest and of every other file's name, size and time, the scripts left
    out; None when the folder cannot be listed or holds too many files to list quickly."""
    files = listed(root)
    if files is None:
        return None
    digest = blake2s(manifest_text.encode())
    for rel, _, info in files:
        if os.sep not in rel and rel.endswith(SCRIPT_TYPES):
            continue
        digest.update(f"{rel}\0{info.st_mode}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def file_key(context: str, shown: str, text: str) -> str:
    return blake2s(f"{context}\0{shown}\0".encode() + text.encode()).hexdigest()


class FileMemo:
    """The labels of each file as the latest load built them (loader.FileLabels), by file_key.
    Each load keeps only what it used, so a memo never holds more than one story's worth."""

    def __init__(self):
        self.kept: dict[str, object] = {}
        self.used: dict[str, object] = {}

    def get(self, key: str):
        found = self.kept.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: str, built) -> None:
        self.used[key] = built

    def loaded(self) -> None:
        """A load is over: what it did not use goes."""
        self.kept, self.used = self.used, {}
