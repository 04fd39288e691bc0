"""Where the game's own files are, both from a checkout and inside a frozen executable.

An executable carries one story (`make dist STORY=DIR`, see build.spec): its folder is
copied into the bundle as `scripts/`, pictures and theme.json with it, so whichever
story was built, the bundled one is always found at the same place.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

BUNDLED_STORY = "scripts"          # the story's folder inside the bundle
# what a story folder holds that the game never reads: the code that made its pictures
NOT_BUNDLED_SUFFIXES = (".py", ".pyc", ".pyo")
NOT_BUNDLED_DIRS = ("__pycache__",)


def bundle_root() -> Path:
    """The folder holding scripts/ and assets/: PyInstaller's unpack folder when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def default_scripts_dir() -> Path:
    """A writer's ./scripts when working in a checkout; the bundled story when frozen."""
    here = Path("scripts")
    if not getattr(sys, "frozen", False) and (here / "game.yaml").is_file():
        return here
    return bundle_root() / BUNDLED_STORY


def assets_dir() -> Path:
    return bundle_root() / "assets"


def cache_dir() -> Path:
    """The engine's folder in the user's cache ($VN_CACHE_DIR when set, as the tests set it):
    what is kept there only saves time, and is rebuilt when missing or damaged."""
    given = os.environ.get("VN_CACHE_DIR")
    if given:
        return Path(given)
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("vn-engine", appauthor=False))


def write_cache_file(path: Path, text: str) -> None:
    """Write a file of the cache whole or not at all (a temporary beside it, renamed over it). A
    cache that cannot be written is no error: what it keeps only saves time the next run."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass


def story_files(story: Path) -> list[Path]:
    """Every file of a story folder that belongs in an executable, relative to the folder:
    scripts, pictures, theme.json and fonts; not hidden files, nor Python that drew the pictures."""
    found = []
    for folder, dirs, files in os.walk(story):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in NOT_BUNDLED_DIRS)
        for name in sorted(files):
            if name.startswith(".") or name.endswith(NOT_BUNDLED_SUFFIXES):
                continue
            found.append((Path(folder) / name).relative_to(story))
    return found
