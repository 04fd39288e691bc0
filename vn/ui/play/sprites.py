"""Characters drawn as the story's own pictures: one sprite per character on stage.

A sprite keeps its picture's pixel size at the logical 1280x720 (the whole canvas
scales with the window), stands on the bottom edge, and is centred at `at`: a named
position (left, center, right) or a share of the width from 0 to 1.

Showing a character already on stage with another expression swaps the picture in
place; with `dissolve` the old picture fades out as the new one fades in over the
duration. Showing or hiding with `dissolve` fades the sprite in or out.

The stage is the scene's overlay (PaintedScene.overlay): drawn over the background
and under the scene's effects, so a shake moves sprites with the scene and a flash
lights them too; the dialogue box comes after, over everything.
"""
from __future__ import annotations

import pygame

from ...script.model import POSITION_X

LOGICAL_W, LOGICAL_H = 1280, 720
SPRITE = "sprite"  # the picture cache's fit for sprites (vn/ui/pictures/cache.py)


def share(at) -> float:
    """`at` as a share of the width (unknown names stand in the centre)."""
    if isinstance(at, (int, float)) and not isinstance(at, bool):
        return min(1.0, max(0.0, float(at)))
    return POSITION_X.get(at, 0.5)


class Sprite:
    __slots__ = ("path", "picture", "at", "old", "fade", "fade_len", "leaving")

    def __init__(self, path: str, picture: pygame.Surface, at):
        self.path, self.picture, self.at = path, picture, at
        self.old: pygame.Surface | None = None      # the picture fading out under a swap
        self.fade = 1.0                             # 0..1 through the running dissolve
        self.fade_len = 0.0
        self.leaving = False

    @property
    def fading(self) -> bool:
        return self.fade < 1.0


class SpriteStage:
    def __init__(self, fetch):
        self._fetch = fetch           # fetch(path, fit) -> Surface; raises PictureError
        self.sprites: dict[str, Sprite] = {}

    def show(self, character: str, path: str, at, transition: str = "none", duration: float = 0.0) -> None:
        """Put `character` up in picture `path` at `at`; raises what fetching the picture raises."""
        picture = self._fetch(path, SPRITE)
        dissolve = transition == "dissolve" and duration > 0.0
        sprite = self.sprites.get(character)
        if sprite is None or sprite.leaving:
            sprite = self.sprites[character] = Sprite(path, picture, at)
            if dissolve:
                sprite.fade, sprite.fade_len = 0.0, duration
            return
        sprite.at = at
        if sprite.path == path:
            return
        sprite.old = sprite.picture if dissolve else None
        sprite.path, sprite.picture = path, picture
        if dissolve:
            sprite.fade, sprite.fade_len = 0.0, duration
        else:
            sprite.fade = 1.0

    def hide(self, character: str, transition: str = "none", duration: float = 0.0) -> None:
        sprite = self.sprites.get(character)
        if sprite is None:
            return
        if transition == "dissolve" and duration > 0.0:
            sprite.leaving, sprite.old = True, None
            sprite.fade, sprite.fade_len = 0.0, duration
        else:
            del self.sprites[character]

    def clear(self) -> None:
        self.sprites.clear()

    def finish(self) -> None:
        """End every fade at once (skipping, rolling back)."""
        for name in [n for n, s in self.sprites.items() if s.leaving]:
            del self.sprites[name]
        for sprite in self.sprites.values():
            sprite.fade, sprite.old = 1.0, None

    @property
    def active(self) -> bool:
        """A fade is running: the window wants every frame."""
        return any(s.fading for s in self.sprites.values())

    def keys(self) -> set[tuple[str, str]]:
        """The pictures on stage, for the cache to keep."""
        return {(s.path, SPRITE) for s in self.sprites.values()}

    def update(self, dt: float) -> None:
        gone = []
        for name, sprite in self.sprites.items():
            if sprite.fading:
                sprite.fade = min(1.0, sprite.fade + dt / max(1e-6, sprite.fade_len))
                if not sprite.fading:
                    sprite.old = None
                    if sprite.leaving:
                        gone.append(name)
        for name in gone:
            del self.sprites[name]

    def draw(self, surf: pygame.Surface) -> None:
        for sprite in self.sprites.values():
            x = share(sprite.at) * LOGICAL_W
            if not sprite.fading:
                _blit(surf, sprite.picture, x, 255)
                continue
            k = 1.0 - sprite.fade if sprite.leaving else sprite.fade
            if sprite.old is not None:
                _blit(surf, sprite.old, x, round(255 * (1.0 - k)))
            _blit(surf, sprite.picture, x, round(255 * k))


def _blit(surf: pygame.Surface, picture: pygame.Surface, x: float, alpha: int) -> None:
    if alpha <= 0:
        return
    w, h = picture.get_size()
    if alpha < 255:
        picture.set_alpha(alpha)
    surf.blit(picture, (round(x - w / 2), LOGICAL_H - h))
    if alpha < 255:
        picture.set_alpha(255)      # the picture is shared through the cache: leave it as found
