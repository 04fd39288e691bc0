"""Where saves, persistent data and settings live: the user's data folder, never the game's own."""
from __future__ import annotations

import os
from pathlib import Path

ENV = "VN_DATA_DIR"


class DataDirError(ValueError):
    """VN_DATA_DIR names no usable folder; the message says what to set instead."""


def data_dir(game_id: str) -> Path:
    """VN_DATA_DIR when set (tests, portable installs), else the platform's user data folder for this game.

    The shell does not expand `~` inside `VN_DATA_DIR=~/x`, so it is expanded here; left as it was,
    it would make a folder named `~` wherever the game was started. A relative path is taken from
    the current folder once, so the folder does not move if the game changes directory."""
    override = os.environ.get(ENV)
    if override:
        return resolve_override(override)
    from platformdirs import user_data_dir
    return Path(user_data_dir(game_id, appauthor=False, roaming=True))


def resolve_override(value: str) -> Path:
    expanded = os.path.expanduser(value.strip())
    if expanded.startswith("~"):
        raise DataDirError(f"{ENV}={value!r}: '{expanded.split(os.sep)[0]}' is no known user's home folder; "
                           f"give a full path instead")
    if "\x00" in expanded or not expanded:
        raise DataDirError(f"{ENV}={value!r} is not a folder name; give a full path instead")
    return Path(os.path.abspath(expanded))
