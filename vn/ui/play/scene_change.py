"""A scene change as the story plays it: the new scene taken from the painter, the old one
kept on the shelf, an autosave, and the transition between them, which skipping and the
"skip transitions" setting cut."""
from __future__ import annotations

from .saving import autosave
from .stage import keep_left_scene, take_scene
from .waits import TRANSITION


def change_scene(game, event) -> bool:
    """A new scene (a SceneChange): taken from the painter, its transition started unless
    skipping or the "skip transitions" setting cuts it; whether the game now waits."""
    outgoing = game._picture_now()
    key = (event.background, event.variant)
    scene = take_scene(game, key)
    if scene is None:
        return True
    keep_left_scene(game)
    game.scene, game.scene_key = scene, key
    game._figures_shown = {}
    game.cast.attach(scene)
    game._prepare_upcoming()
    game.dialogue.hide()
    autosave(game, at_scene_change=True)
    if game.modes.skipping or game.settings.skip_transitions:
        return False
    game.transition.start(event.transition, event.duration, outgoing, game.settings.reduced_flashes)
    if game.transition.active:
        game.waiting = TRANSITION
        return True
    return False
