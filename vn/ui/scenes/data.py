"""Where the scene data lives and how it is read.

All tunable values of the painted backgrounds (colours, positions, speeds,
counts, timings) are kept in ``assets/scenes.json``, one section per scene plus
an ``effects`` section shared by all of them.  The file is read once.
"""
from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

LOGICAL_SIZE = (1280, 720)


def repo_root() -> Path:
    """The folder that holds ``assets/`` when running from a source checkout."""
    return Path(__file__).resolve().parents[3]


def assets_dir() -> Path:
    """The ``assets`` folder, also when the game is frozen by PyInstaller."""
    return Path(getattr(sys, "_MEIPASS", repo_root())) / "assets"


@lru_cache(maxsize=1)
def load_config() -> dict[str, Any]:
    with open(assets_dir() / "scenes.json", encoding="utf-8") as fh:
        return json.load(fh)


def scene_config(name: str) -> dict[str, Any]:
    return load_config()[name]


def effects_config() -> dict[str, Any]:
    return load_config()["effects"]


def figures_config() -> dict[str, Any]:
    return load_config()["figures"]
