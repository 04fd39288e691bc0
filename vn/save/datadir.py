"""Where saves, persistent data and settings live: the user's data folder, never the game's own."""
from __future__ import annotations

import os
from pathlib import Path

ENV = "VN_DATA_DIR"


def data_dir(game_id: str) -> Path:
    """VN_DATA_DIR when set (tests, portable installs), else the platform's user data folder for this game."""
    override = os.environ.get(ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir
    return Path(user_data_dir(game_id, appauthor=False, roaming=True))
