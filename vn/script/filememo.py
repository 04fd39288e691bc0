"""Keys that say when a story file's built labels still hold, and a memo of them for reloads.

A file's labels depend on its own text, on the manifest (characters, sounds), and on what
its build asked of the story folder (whether a sound file it plays is there and can play).
`file_key` digests the first two, with the engine and the fonts (for text warnings) in
`story_context`; `answers` notes the folder's answers to what the build asked, and
`still_answered` asks again before a kept build is trusted. So a file the story does not
use (an editor's swap file, a .git folder, notes) never makes a file be built again.

Hot reload keeps a FileMemo across reloads, so saving one file of a long story builds that
file again, not all of them; `vn check` keeps each file's checked form the same way.
"""
from __future__ import annotations

import os
from pathlib import Path

from .digests import blake2s

MAX_FILES = 20_000      # a folder holding more is not listed (for the cache of whole results)


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


def story_context(root: Path, manifest_text: str) -> str:
    """A digest of the manifest and of the story's fonts (by name, size and time)."""
    digest = blake2s(manifest_text.encode())
    try:
        fonts = sorted(os.scandir(root / "fonts"), key=lambda entry: entry.name)
    except OSError:
        fonts = []
    for entry in fonts:
        try:
            info = entry.stat()
        except OSError:
            continue
        digest.update(f"{entry.name}\0{info.st_mode}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def answers(folder, asked) -> list[tuple[str, str, str]]:
    """(kind, path, the folder's answer) for each check a build asked (folder.consulted)."""
    out: dict[tuple[str, str], str] = {}
    for kind, rel in asked:
        if (kind.noun, rel) not in out:
            out[(kind.noun, rel)] = repr(folder.check(rel, kind))
    return [(noun, rel, answer) for (noun, rel), answer in out.items()]


def still_answered(folder, noted) -> bool:
    """Whether the folder answers each check in `noted` (from answers()) as it did."""
    from .audiofiles import SOUND
    from .pictures import PICTURE
    kinds = {PICTURE.noun: PICTURE, SOUND.noun: SOUND}
    for noun, rel, answer in noted:
        kind = kinds.get(noun)
        if kind is None or repr(folder.check(rel, kind)) != answer:
            return False
    return True


def file_key(context: str, shown: str, text: str) -> str:
    return blake2s(f"{context}\0{shown}\0".encode() + text.encode()).hexdigest()


class FileMemo:
    """(loader.FileLabels, answers) of each file as the latest load built it, by file_key.
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
