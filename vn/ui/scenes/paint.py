"""Painting helpers shared by the scenes, which use them as ``paint.name``.

The per-frame helpers live here: ``draw_lit``, ``blit_alpha``, ``add_scaled`` /
``add_tinted`` / ``blit_via`` / ``RampSprite`` (through a ``Scratch``) and
``blit_wrapped`` / ``blit_wrapped_v``, with what prepares the sprites they draw
(``scaled``, ``levels``, ``gray_glow``, ``ramp_glow``, ``headroom``,
``bake_light``).  What runs while a scene is built lives in modules of its own,
re-exported here so callers keep using ``paint.name``:

- ``colour.py``: colours (``rgb``, ``mix``, ``shade``, ``ramp``, ``unit``);
- ``surface.py``: ``prep`` / ``display_ready`` (the display's pixel format);
- ``gray.py``: 8-bit grey images (``GRAY``, ``gray8``, ``set_ramp``, ``gray_ops`` ...);
- ``textures.py``: gradients, soft glow, flame and shadow sprites
  (``clear_caches``), value noise, grain, seamless tiles;
- ``canvas.py``: supersampled drawing (``Canvas``, ``render``) and polygon helpers.

Light maps and the final canvas treatment live in ``light.py``.
Colours are ``(r, g, b)`` tuples or ``"#rrggbb"`` strings.

Memory: a full-screen 32-bit surface is 3.7 MB, so monochrome images (masks,
fog, glows, darkening layers) are kept as 8-bit palette surfaces (a quarter of
that): their palette maps grey to the colour they stand for, and drawing goes
through a ``Scratch`` surface each scene shares between its effects.
Supersampled drawing is recorded and played back one strip at a time.
"""
from __future__ import annotations

import pygame

# Re-exported on purpose: the scenes reach all of these as ``paint.name``.
from .canvas import Canvas, jagged, offset, render, rim_poly, tapered
from .colour import Color, mix, ramp, rgb, shade, unit
from .gray import (GRAY, crop8, expand, gray8, gray_bytes, gray_ops, gray_product, gray_surface,
                   invert8, multiply8, remap, set_ramp, to_gray8)
from .surface import display_ready, prep
from .textures import (_glow_surface, clear_caches, contrast, darkening, darkening8, flame, glow,
                       grain, mirror_tile, mirror_tile_v, noise, shadow, vcolumn, vgradient)

__all__ = [
    # defined here (per-frame blending)
    "RampSprite", "Scratch", "add_scaled", "add_tinted", "bake_light", "blit_alpha", "blit_via",
    "blit_wrapped", "blit_wrapped_v", "draw_lit", "gray_glow", "headroom", "level_k", "levels",
    "ramp_glow", "scaled",
    # re-exported from colour.py, surface.py, gray.py, textures.py, canvas.py
    "Color", "rgb", "mix", "shade", "ramp", "unit",
    "display_ready", "prep",
    "GRAY", "gray8", "gray_bytes", "to_gray8", "gray_surface", "expand", "remap", "set_ramp",
    "gray_ops", "gray_product", "multiply8", "invert8", "crop8",
    "vgradient", "vcolumn", "glow", "flame", "shadow", "clear_caches",
    "noise", "contrast", "darkening", "darkening8", "mirror_tile", "mirror_tile_v", "grain",
    "Canvas", "render", "tapered", "jagged", "offset", "rim_poly",
]


# ---------------------------------------------------------------- surfaces
def scaled(surf: pygame.Surface, k: float) -> pygame.Surface:
    """A copy with every colour channel multiplied by ``k`` (0..1)."""
    out = surf.copy()
    v = max(0, min(255, int(k * 255 + 0.5)))
    out.fill((v, v, v), special_flags=pygame.BLEND_RGB_MULT)
    return out


def levels(surf: pygame.Surface, n: int, floor: float = 0.0) -> list[pygame.Surface]:
    """``n`` brightness levels of a small additive sprite, from ``floor`` up to full
    (large sprites are drawn with ``add_scaled`` instead)."""
    return [prep(scaled(surf, floor + (1 - floor) * (i + 1) / n)) for i in range(n)]


def level_k(k: float, n: int, floor: float = 0.0) -> float:
    """The brightness that picking the nearest of ``levels(s, n, floor)`` for ``k``
    gave, without the steps (for sprites now drawn at any brightness)."""
    k = min(1.0, max(0.0, k))
    return floor + (1 - floor) * (1 + k * (n - 1)) / n


def blit_alpha(target: pygame.Surface, src: pygame.Surface, alpha: float, pos=(0, 0)) -> None:
    """Blit with a 0..1 surface alpha (full alpha goes through the fast opaque path)."""
    a = int(alpha * 255)
    if a <= 2:
        return
    full = 255 if src.get_flags() & pygame.SRCALPHA else None
    src.set_alpha(full if a >= 253 else a)
    target.blit(src, pos)
    src.set_alpha(full)


class Scratch:
    """A reusable 32-bit surface lent out (as a view of the size asked for) for the
    temporary work of a frame: tinting a sprite, converting an 8-bit image before
    an additive or multiplying blit.  One per scene.  Large work goes through it
    a band of rows at a time (``chunks``), so it stays small."""

    MIN_ROWS = 128

    def __init__(self, size: tuple[int, int] = (0, 0)):
        self._surf: pygame.Surface | None = None
        if size[0] > 0 and size[1] > 0:
            self.reserve(*size)

    def reserve(self, w: int, h: int) -> None:
        cur = self._surf.get_size() if self._surf is not None else (0, 0)
        if w > cur[0] or h > cur[1]:
            self._surf = prep(pygame.Surface((max(w, cur[0], 1), max(h, cur[1], 1))))

    def get(self, w: int, h: int) -> pygame.Surface:
        self.reserve(w, h)
        return self._surf.subsurface((0, 0, w, h))

    def rows(self, w: int, h: int) -> int:
        """How many rows of a ``w`` x ``h`` job fit at once (widening if need be)."""
        cur = self._surf.get_size() if self._surf is not None else (0, 0)
        if cur[0] < w or cur[1] < min(h, self.MIN_ROWS):
            self.reserve(w, min(h, self.MIN_ROWS))
        return max(1, min(h, self._surf.get_height()))

    def chunks(self, dst: pygame.Rect, src: pygame.Rect):
        """(destination, source) row bands of a ``dst.w`` x ``dst.h`` job that fit
        the scratch (widened if need be, never made taller than MIN_ROWS for it)."""
        rows = self.rows(dst.w, dst.h)
        for y in range(0, dst.h, rows):
            h = min(rows, dst.h - y)
            yield pygame.Rect(dst.x, dst.y + y, dst.w, h), pygame.Rect(src.x, src.y + y, src.w, h)


def _visible(target: pygame.Surface, src: pygame.Surface, pos, area=None):
    """(destination, source area) of the part of ``src`` at ``pos`` that lands
    inside the target's clip, or None."""
    x, y = int(pos[0]), int(pos[1])
    sr = pygame.Rect(area) if area is not None else pygame.Rect(0, 0, *src.get_size())
    dst = target.get_clip().clip(pygame.Rect(x, y, sr.w, sr.h))
    if dst.w <= 0 or dst.h <= 0:
        return None
    return dst, pygame.Rect(sr.x + dst.x - x, sr.y + dst.y - y, dst.w, dst.h)


def _load(tmp: pygame.Surface, src: pygame.Surface, area: pygame.Rect, color) -> None:
    """tmp = the ``area`` of ``src`` times ``color``.  (A plain 32-bit fill or copy
    whose width is not a multiple of 16 pixels takes several times as long as a
    blend, hence clear-add-multiply for 32-bit sources; 8-bit ones convert fast.)"""
    if src.get_bitsize() == 8:
        tmp.blit(src, (0, 0), area)
    else:
        tmp.fill((0, 0, 0), special_flags=pygame.BLEND_RGB_MULT)
        tmp.blit(src, (0, 0), area, pygame.BLEND_RGB_ADD)
    if min(color) < 255:
        tmp.fill(color, special_flags=pygame.BLEND_RGB_MULT)


def add_scaled(target: pygame.Surface, src: pygame.Surface, pos, k: float, scratch: Scratch,
               flags: int = pygame.BLEND_RGB_ADD, area=None) -> None:
    """Add ``src`` (32-bit, or an 8-bit palette image) at brightness ``k`` (0..1):
    one sprite drawn at any level instead of a pre-scaled copy per level."""
    v = int(k * 255 + 0.5)
    if v <= 0:
        return
    vis = _visible(target, src, pos, area)
    if vis is None:
        return
    if v >= 255 and src.get_bitsize() != 8:
        target.blit(src, vis[0].topleft, vis[1], flags)
        return
    for dst, sa in scratch.chunks(*vis):
        tmp = scratch.get(dst.w, dst.h)
        _load(tmp, src, sa, (min(v, 255),) * 3)
        target.blit(tmp, dst.topleft, special_flags=flags)


def add_tinted(target: pygame.Surface, src: pygame.Surface, pos, color, scratch: Scratch,
               flags: int = pygame.BLEND_RGB_ADD, area=None) -> None:
    """Add a grey (or 8-bit grey) image multiplied by ``color``."""
    if max(color) < 1:
        return
    vis = _visible(target, src, pos, area)
    if vis is None:
        return
    for dst, sa in scratch.chunks(*vis):
        tmp = scratch.get(dst.w, dst.h)
        _load(tmp, src, sa, color)
        target.blit(tmp, dst.topleft, special_flags=flags)


class RampSprite:
    """A one-colour additive sprite (a glow, a rim light) kept as an 8-bit grey
    image: a quarter of the memory of a 32-bit one, and any brightness is a
    different palette rather than another image."""

    BIG = 60_000            # pixels: above this a new palette beats a multiply pass

    def __init__(self, gray: pygame.Surface, color):
        self.img = gray if gray.get_bitsize() == 8 else to_gray8(gray)
        self.color = rgb(color)
        self._v = -1
        set_ramp(self.img, self.color)
        self._v = 255

    def get_size(self) -> tuple[int, int]:
        return self.img.get_size()

    def get_width(self) -> int:
        return self.img.get_width()

    def get_height(self) -> int:
        return self.img.get_height()

    def draw(self, target: pygame.Surface, pos, k: float, scratch: Scratch) -> None:
        """Add at brightness ``k`` (0..1) with the top-left at ``pos``."""
        v = int(min(1.0, k) * 255 + 0.5)
        if v <= 0:
            return
        vis = _visible(target, self.img, pos)
        if vis is None:
            return
        big = vis[0].w * vis[0].h >= self.BIG
        want = v if big else 255
        if self._v != want:
            set_ramp(self.img, self.color, want / 255)
            self._v = want
        for dst, sa in scratch.chunks(*vis):
            tmp = scratch.get(dst.w, dst.h)
            tmp.blit(self.img, (0, 0), sa)
            if not big and v < 255:
                tmp.fill((v, v, v), special_flags=pygame.BLEND_RGB_MULT)
            target.blit(tmp, dst.topleft, special_flags=pygame.BLEND_RGB_ADD)


def gray_glow(rx: float, ry: float | None, power: float = 2.0, core: float = 0.0, res: int = 64) -> pygame.Surface:
    """A white ``glow`` as an 8-bit grey image (to be tinted when drawn)."""
    ry = rx if ry is None else ry
    return to_gray8(_glow_surface(int(rx), int(ry), (255, 255, 255), float(power), float(core), res))


def ramp_glow(rx: float, ry: float | None, color, power: float = 2.0, core: float = 0.0,
              res: int = 64) -> RampSprite:
    """``glow`` as a ``RampSprite``."""
    ry = rx if ry is None else ry
    return RampSprite(_glow_surface(int(rx), int(ry), (255, 255, 255), float(power), float(core), res), color)


def blit_via(target: pygame.Surface, src: pygame.Surface, pos, scratch: Scratch, flags: int,
             area=None) -> None:
    """Blend an 8-bit palette image into ``target`` (blend modes want 32-bit sources)."""
    vis = _visible(target, src, pos, area)
    if vis is None:
        return
    dst, sa = vis
    tmp = scratch.get(dst.w, dst.h)
    tmp.blit(src, (0, 0), sa)
    target.blit(tmp, dst.topleft, special_flags=flags)


def draw_lit(target: pygame.Surface, lit, k: float, glows=()) -> None:
    """A painted room under a flickering light at level ``k`` (0..1): ``lit`` holds
    the room with the light at its lowest (``base``) and what the light adds at
    full strength (``diff``); this is base + k * diff, in three full-screen blits,
    instead of a stored image per level.  ``glows`` are more of what the light adds
    at full strength (a haze it lights), as (image, position): they take the same
    level without a pass of their own to dim them."""
    v = int(min(1.0, max(0.0, k)) * 255 + 0.5)
    if v <= 0:
        target.blit(lit["base"], (0, 0))
        return
    target.blit(lit["diff"], (0, 0))
    for img, pos in glows:
        target.blit(img, pos, special_flags=pygame.BLEND_RGB_ADD)
    if v < 255:
        target.fill((v, v, v), special_flags=pygame.BLEND_RGB_MULT)
    target.blit(lit["base"], (0, 0), special_flags=pygame.BLEND_RGB_ADD)


def headroom(img: pygame.Surface, area, size: tuple[int, int]) -> pygame.Surface:
    """How much light ``img`` (32-bit) can still take over ``area`` before its
    brightest channel clips, 255 - max(r, g, b), as a grey image of ``size`` (the
    area shrunk by two; each pixel at most the least of its 2 x 2 block), and all
    of it outside the image.  A glow multiplied by this, then enlarged by two, can
    be added to the image without clipping, so without a shift of hue."""
    area = pygame.Rect(area)
    part = area.clip(img.get_rect())
    room = pygame.Surface((area.w + 2, area.h + 2))       # a pixel of margin all round
    room.fill((255, 255, 255))
    if part.w > 0 and part.h > 0:
        data = pygame.image.tobytes(img.subsurface(part), "RGB")
        peak = expand(gray8(data[0::3], part.size))
        for channel in (data[1::3], data[2::3]):
            peak.blit(expand(gray8(channel, part.size)), (0, 0), special_flags=pygame.BLEND_RGB_MAX)
        room.blit(peak, (part.x - area.x + 1, part.y - area.y + 1), special_flags=pygame.BLEND_RGB_SUB)
    # the least of each 3 x 3 neighbourhood: whichever pixel of a block the shrinking
    # keeps, it is no more than any pixel of that block
    least = pygame.Surface(area.size)
    least.fill((255, 255, 255))
    for dy in range(3):
        for dx in range(3):
            least.blit(room, (0, 0), (dx, dy, area.w, area.h), special_flags=pygame.BLEND_RGB_MIN)
    return prep(pygame.transform.scale(least, size))


def bake_light(lit, sprite: pygame.Surface, pos, base_k: float, diff_k: float, clip=None) -> None:
    """Paint a still additive sprite whose brightness follows a flickering light
    (``base_k + diff_k * k``) into that light's ``base`` / ``diff`` pair, so it
    costs nothing per frame."""
    for key, k in (("base", base_k), ("diff", diff_k)):
        if k <= 0:
            continue
        target = lit[key]
        old = target.get_clip()
        if clip is not None:
            target.set_clip(clip)
        target.blit(scaled(sprite, min(1.0, k)), (int(pos[0]), int(pos[1])), special_flags=pygame.BLEND_RGB_ADD)
        target.set_clip(old)



# ---------------------------------------------------------------- scrolling textures (per frame)
def blit_wrapped(target: pygame.Surface, tex: pygame.Surface, offset: float,
                 dest: tuple[int, int], flags: int = 0, width: int | None = None) -> None:
    """Blit a horizontally repeating texture scrolled by ``offset`` pixels."""
    tw, th = tex.get_size()
    width = target.get_width() if width is None else width
    x = int(offset) % tw
    first = min(tw - x, width)
    target.blit(tex, dest, (x, 0, first, th), flags)
    if first < width:
        target.blit(tex, (dest[0] + first, dest[1]), (0, 0, width - first, th), flags)


def blit_wrapped_v(target: pygame.Surface, tex: pygame.Surface, offset: float, dest: tuple[int, int],
                   flags: int = 0, height: int | None = None) -> None:
    """Blit a vertically repeating texture scrolled by ``offset`` pixels."""
    tw, th = tex.get_size()
    height = target.get_height() if height is None else height
    y = int(offset) % th
    first = min(th - y, height)
    target.blit(tex, dest, (0, y, tw, first), flags)
    if first < height:
        target.blit(tex, (dest[0], dest[1] + first), (0, 0, tw, height - first), flags)
