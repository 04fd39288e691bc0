"""Writing and loading saves from play: slots, autosaves, the quicksave.

What a save stores (`save_state`): with a line on screen, the state from before that
line's advance, so loading shows it again; at a choice, the state waiting at the choice. Every write carries
a thumbnail of the scene, the scene's name and the route summary the save screen shows.
A disk that refuses a write costs a toast, never the game.
"""
from __future__ import annotations

import pygame

from ...runtime.state import StoryState
from ...save.resume import route_summary
from ...save.slots import SaveError, SaveInfo
from ..thumbnail import make_thumbnail
from ..widgets.toast import write_failure
from .waits import ARRIVING, CHOOSING, READING


QUICK = "quick"


def scene_title(program, state) -> str:
    background = state.stage.get("background")
    declared = program.manifest.backgrounds.get(background) if background else None
    return declared.title if declared else ""


def save_state(game: "GameScreen") -> tuple[StoryState, str | None]:
    """What a save made now stores, and the line it shows."""
    line = game.dialogue.line.text if game.dialogue.line is not None else None
    if game.waiting == READING and game.rollback.current is not None:
        return game.rollback.current.before, line
    return game.runtime.snapshot(), line


def picture(game: "GameScreen", with_dialogue: bool = True) -> pygame.Surface:
    """The scene with its line as it will stand once typed out, for a thumbnail."""
    surface = game.still
    game.draw_scene(surface)
    if with_dialogue and game.waiting in (READING, CHOOSING):
        game.dialogue.draw_still(surface)
    return surface


def write_save(game: "GameScreen", slot: str | None, *, at_scene_change: bool = False) -> SaveInfo | None:
    """Save into `slot`, or into the next autosave slot when `slot` is None. At a scene
    change the story is between lines: the state is taken as it is, the new scene bare."""
    app = game.app
    markup = None
    if at_scene_change:
        state, line = game.runtime.snapshot(), ""
    else:
        state, line = save_state(game)
        markup = game.dialogue.line.markup if game.dialogue.line is not None else None
    if app.saves is None:
        app.toasts.show("This game cannot save: its data folder could not be opened.", "warning")
        return None
    try:
        thumbnail = make_thumbnail(picture(game, not at_scene_change))
    except (pygame.error, ValueError, MemoryError):    # a save without a picture is still a save
        thumbnail = None
    try:
        meta = dict(scene=scene_title(app.program, state), summary=route_summary(state), play_time=game.play_time,
                    thumbnail=thumbnail, last_line=line, last_markup=markup)
        if slot is None:
            return app.saves.write_autosave(state, **meta)
        return app.saves.write(slot, state, **meta)
    except SaveError as exc:
        app.toasts.show(str(exc), "warning")
    except Exception as exc:  # anything else a disk or an odd state finds costs a toast, never the game
        app.toasts.show(write_failure("The game could not be saved", exc), "warning")
    return None


def autosave(game: "GameScreen", at_scene_change: bool = False) -> None:
    if game.app.saves is not None:
        write_save(game, None, at_scene_change=at_scene_change)


def quicksave(game: "GameScreen") -> None:
    if game.waiting == ARRIVING:       # a loaded story whose scene is still being painted: nothing to save yet
        return
    if write_save(game, QUICK) is not None:
        game.app.toasts.show("Quicksaved")


def quickload(app: "App") -> None:
    if app.saves is None:
        return
    info = app.saves.info(QUICK)
    if not info.ok:
        missing = not app.saves.path(QUICK).exists()
        app.toasts.show("There is no quicksave yet. F5 makes one." if missing else
                        f"{info.title} {info.reason}.", "info" if missing else "warning")
        return
    if app.load_save(QUICK, play_time=info.play_time):
        app.toasts.show("Quickloaded")
