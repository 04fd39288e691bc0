"""Putting a stage up at once: the background and who stands on it, as a state records them.

Used when the story jumps rather than plays: a loaded save, a rollback, a hot reload. No
transition and no effect runs; the scene comes from the shelf of scenes left earlier, or
is built.
"""
from __future__ import annotations

from ...runtime.runtime import StoryError


def take_scene(game, key):
    """The scene for `key` (background, variant), or None after showing why there is none."""
    try:
        return game.app.scenes.take(key)
    except (KeyError, ValueError):
        # the game declares a background this engine has no painting for: point at the declaration
        declared = game.runtime.program.manifest.backgrounds.get(key[0])
        game.app.show_story_error(StoryError(
            declared.pos if declared else None,
            f"there is no painted scene for background '{key[0]}'"
            + (f" with variant '{key[1]}'" if key[1] else "")))
        return None


def keep_left_scene(game) -> None:
    if game.scene is not None:
        game._left_scenes.put(game.scene_key, game.scene)


def set_stage(game, stage: dict) -> bool:
    """Make the stage what `stage` records (background, variant, figures) at once. False
    when the scene could not be had (an error is shown)."""
    key = (stage["background"], stage["variant"])
    if key[0] is None:
        game.scene, game.scene_key, game._figures_shown = None, None, None
        game.cast.attach(None)
    elif game.scene is None or key != game.scene_key or game.scene.variant != key[1]:
        scene = game._left_scenes.take(key) or take_scene(game, key)
        if scene is None:
            return False
        keep_left_scene(game)
        game.scene, game.scene_key = scene, key
        game._figures_shown = None      # a new scene object: its figures are put up afresh
        game.cast.attach(scene)
    if stage["figures"] != game._figures_shown:
        game.cast.restore(stage["figures"])
        game._figures_shown = dict(stage["figures"])
    game.cast.sprites.finish()
    if game.scene is not None:
        game.scene.settle()
    return True
