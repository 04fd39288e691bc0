"""Between saves and the runtime: what a save says about a route, and starting a runtime from a save."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..runtime.state import StateError, StoryState
from .datadir import data_dir
from .slots import SaveError, SaveStore

if TYPE_CHECKING:
    from ..runtime.runtime import Runtime


def route_summary(state: StoryState | dict) -> str:
    """The writers' notes of the choices made, in order: "spared Willy · took the lighter · no fire"."""
    route = state.route if isinstance(state, StoryState) else state.get("route", [])
    return " · ".join(step["note"] for step in route if step.get("note"))


def open_store(program, folder: Path | None = None) -> SaveStore:
    manifest = program.manifest
    return SaveStore(folder or data_dir(manifest.game_id) / "saves", manifest.game_id, program.game.fingerprint)


def resume(program, store: SaveStore, slot: str) -> tuple[Runtime, list[str]]:
    """A runtime continuing the save in `slot`, and notices for the player.

    The saved line still exists: resume there. Only its label is left: resume at
    the label's start and say so. Neither: refuse with SaveError."""
    from ..runtime.runtime import Runtime     # the saves are opened before the title; the interpreter waits
    doc = store.read(slot)
    notices = []
    if doc["fingerprint"] != store.fingerprint:
        notices.append("The story has changed since this save was made.")
    try:
        runtime = Runtime(program, doc["state"])
    except StateError as exc:
        raise SaveError(slot, f"cannot be resumed: {exc}") from None
    return runtime, notices + runtime.notices
