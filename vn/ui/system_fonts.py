"""System typefaces by name, without listing every font of the system at each start.

pygame finds a font by name only after listing every font installed (on Linux it runs
`fc-list`): 10 ms here with 143 fonts, far more on a desktop with thousands, and the title
waits for it. What it found is kept in the user's cache, and asked again only when a font
folder has changed since (a folder's time changes when a font is put in or taken out) or
the font found is no longer there.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pygame

from ..paths import cache_dir, write_cache_file

CACHE_FILE = "system-fonts.json"
DEPTH = 2               # font folders hold a folder per package, and that its fonts
_found: dict[str, str | None] = {}      # this process's answers


def font_folders() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windows / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local" / "share" / "fonts",
            home / ".fonts", Path("/var/cache/fontconfig"), home / ".cache" / "fontconfig"]


def folders_stamp() -> str:
    """The times of the font folders and of the folders in them, DEPTH deep."""
    stamps = []

    def visit(folder: Path, depth: int) -> None:
        try:
            stamps.append(f"{folder}:{folder.stat().st_mtime_ns}")
            if depth < DEPTH:
                for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                    if entry.is_dir(follow_symlinks=False):
                        visit(Path(entry.path), depth + 1)
        except OSError:
            pass        # not there on this system
    for folder in font_folders():
        visit(folder, 0)
    return "\n".join(stamps)


def match_font(names: str, bold: bool = False, italic: bool = False) -> str | None:
    """pygame.font.match_font's answer, from the cache while the font folders are as they were."""
    key = f"{names}|{int(bold)}|{int(italic)}"
    if key in _found:
        return _found[key]
    kept_file = cache_dir() / CACHE_FILE
    stamp = folders_stamp()
    try:
        kept = json.loads(kept_file.read_text(encoding="utf-8"))
        if not isinstance(kept, dict) or kept.get("stamp") != stamp or not isinstance(kept.get("found"), dict):
            kept = {"stamp": stamp, "found": {}}
    except (OSError, ValueError):
        kept = {"stamp": stamp, "found": {}}
    found = kept["found"].get(key, False)
    if not (found is None or (isinstance(found, str) and os.path.isfile(found))):
        found = pygame.font.match_font(names, bold=bold, italic=italic)
        kept["found"][key] = found
        write_cache_file(kept_file, json.dumps(kept))
    _found[key] = found
    return found
