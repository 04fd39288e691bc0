"""Where the game's own files are, both from a checkout and inside a frozen executable."""
from __future__ import annotations

import sys
from pathlib import Path


def bundle_root() -> Path:
    """The folder holding scripts/ and assets/: PyInstaller's unpack folder when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def default_scripts_dir() -> Path:
    """A writer's ./scripts when working in a checkout; the bundled game's own when frozen."""
    here = Path("scripts")
    if not getattr(sys, "frozen", False) and (here / "game.yaml").is_file():
        return here
    return bundle_root() / "scripts"


def assets_dir() -> Path:
    return bundle_root() / "assets"
