"""Scenes the story has just left, kept a little while: rolling back over a scene change
then puts the old scene back at once instead of painting it again (painting takes
half a second or more). Each painted scene holds a lot of memory, so only a few are kept.
"""
from __future__ import annotations

KEPT = 1    # the scene just left: rolling back over one scene change is instant; further back repaints


class SceneShelf:
    def __init__(self, kept: int = KEPT):
        self.kept = kept
        self._scenes: dict[tuple, object] = {}

    def put(self, key: tuple, scene) -> None:
        self._scenes.pop(key, None)
        self._scenes[key] = scene
        dropped = False
        while len(self._scenes) > self.kept:
            del self._scenes[next(iter(self._scenes))]
            dropped = True
        if dropped:
            _free_scene_memory()

    def take(self, key: tuple):
        """The scene kept for `key`, or None. A scene changed since it was left (an ignited
        bar has become the burning one) is not the scene `key` names, and is dropped."""
        scene = self._scenes.pop(key, None)
        return scene if scene is not None and scene.variant == key[1] else None

    def clear(self) -> None:
        if self._scenes:
            self._scenes.clear()
            _free_scene_memory()


def _free_scene_memory() -> None:
    from ..scenes.registry import clear_caches
    clear_caches()
