"""Bring save documents written by older versions of the game up to the current format, one step at a time.

Each step takes a document of version N and returns one of version N + 1.
A version newer than this game knows, or older than the oldest step kept,
is refused with a message rather than guessed at.

To change the format: raise SAVE_VERSION, and add a step under the old
number to STEPS that rewrites an old document into the new shape. Keep old
steps; drop one only together with raising MIN_SAVE_VERSION.
"""
from __future__ import annotations

from typing import Callable

SAVE_VERSION = 2
MIN_SAVE_VERSION = 1


class MigrationError(ValueError):
    pass


def _add_audio(doc: dict) -> dict:
    """1 -> 2: the story's state says what loops on the music and ambience channels. A save made
    before the game had sound was silent, so both are None. The state keeps its own format number:
    StoryState.from_dict still reads what else changed between state formats (figures in format 1)."""
    doc = {**doc, "version": 2}
    state = doc.get("state")
    if isinstance(state, dict) and "audio" not in state:    # anything else is refused as damaged later
        doc["state"] = {**state, "audio": {"music": None, "ambience": None}}
    return doc


# version -> function turning a document of that version into one of the next
STEPS: dict[int, Callable[[dict], dict]] = {1: _add_audio}


def migrate(doc: dict, steps: dict[int, Callable[[dict], dict]] | None = None, current: int = SAVE_VERSION,
            oldest: int = MIN_SAVE_VERSION) -> dict:
    steps = STEPS if steps is None else steps
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise MigrationError("has no format version")
    if version > current:
        raise MigrationError(f"was made by a newer version of the game (save format {version}; "
                             f"this version reads up to {current})")
    if version < oldest:
        raise MigrationError(f"is too old to load (save format {version}; the oldest supported is {oldest})")
    while version < current:
        step = steps.get(version)
        if step is None:
            raise MigrationError(f"cannot be upgraded from save format {version}")
        doc = step(doc)
        if doc.get("version") != version + 1:
            raise MigrationError(f"upgrade from save format {version} failed")
        version += 1
    return doc
