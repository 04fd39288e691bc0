"""Painting helpers shared by the scenes.

Almost everything here runs while a scene is built: gradients, soft glow and
flame sprites, value noise, grey images, supersampled drawing.  The per-frame
helpers are ``draw_lit``, ``blit_alpha``, ``add_scaled`` / ``add_tinted`` /
``blit_via`` / ``RampSprite`` (through a ``Scratch``) and ``blit_wrapped`` /
``blit_wrapped_v``.  Light maps and the final canvas treatment live in
``light.py``.
Colours are ``(r, g, b)`` tuples or ``"#rrggbb"`` strings.

Memory: a full-screen 32-bit surface is 3.7 MB, so monochrome images (masks,
fog, glows, darkening layers) are kept as 8-bit palette surfaces (a quarter of
that): their palette maps grey to the colour they stand for, and drawing goes
through a ``Scratch`` surface each scene shares between its effects.
Supersampled drawing is recorded and played back one strip at a time.
"""
from __future__ import annotations

import math
import random
import time
from functools import lru_cache
from typing import Callable, Iterable, Sequence

import pygame

Color = tuple[int, int, int]


# ---------------------------------------------------------------- colours
def rgb(c) -> Color:
    if isinstance(c, str):
        c = c.lstrip("#")
        return (int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16))
    return (int(c[0]), int(c[1]), int(c[2]))


def mix(a, b, t: float) -> Color:
    a, b = rgb(a), rgb(b)
    t = min(1.0, max(0.0, t))
    return tuple(int(a[i] + (b[i] - a[i]) * t + 0.5) for i in range(3))  # type: ignore[return-value]


def shade(c, k: float) -> Color:
    c = rgb(c)
    return tuple(max(0, min(255, int(v * k + 0.5))) for v in c)  # type: ignore[return-value]


def ramp(stops: Sequence[Sequence], t: float) -> Color:
    """Sample a colour ramp given as ``[[pos, colour], ...]`` with pos in 0..1."""
    t = min(1.0, max(0.0, t))
    for (p0, c0), (p1, c1) in zip(stops, stops[1:]):
        if t <= p1:
            return mix(c0, c1, (t - p0) / max(1e-6, p1 - p0))
    return rgb(stops[-1][1])


def unit(c) -> tuple[float, float, float]:
    r, g, b = rgb(c)
    return (r / 255.0, g / 255.0, b / 255.0)


# ---------------------------------------------------------------- surfaces
def display_ready() -> bool:
    return pygame.display.get_init() and pygame.display.get_surface() is not None


def prep(surf: pygame.Surface, alpha: bool = False) -> pygame.Surface:
    """Convert to the display format when a display mode is set (faster blits).
    8-bit palette images stay as they are (that is what keeps them small)."""
    if display_ready() and surf.get_bitsize() != 8:
        return surf.convert_alpha() if alpha else surf.convert()
    return surf


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


# ---------------------------------------------------------------- grey images
GRAY = [(i, i, i) for i in range(256)]
_STRIP_BYTES = 400_000         # working strips stay small (and are reused by the allocator)


def gray8(data: bytes, size: tuple[int, int]) -> pygame.Surface:
    """An 8-bit grey image (palette i -> (i, i, i)) from one byte per pixel."""
    s = pygame.image.frombytes(bytes(data), size, "P")
    s.set_palette(GRAY)
    return s


def gray_bytes(surf: pygame.Surface) -> bytes:
    """One byte per pixel: the index of an 8-bit image, else the green channel."""
    if surf.get_bitsize() == 8:
        return pygame.image.tobytes(surf, "P")
    w, h = surf.get_size()
    rows = max(1, _STRIP_BYTES // max(1, 3 * w))
    return b"".join(pygame.image.tobytes(surf.subsurface((0, y, w, min(rows, h - y))), "RGB")[1::3]
                    for y in range(0, h, rows))


def to_gray8(surf: pygame.Surface) -> pygame.Surface:
    """An 8-bit grey copy of a grey 32-bit image."""
    return gray8(gray_bytes(surf), surf.get_size())


def gray_surface(data: bytes, size: tuple[int, int]) -> pygame.Surface:
    """A 32-bit grey image from one byte per pixel."""
    return expand(gray8(data, size))


def expand(s8: pygame.Surface) -> pygame.Surface:
    """A 32-bit copy of an 8-bit image (its palette applied)."""
    out = pygame.Surface(s8.get_size())
    out.blit(s8, (0, 0))
    return out


def remap(surf: pygame.Surface, fn: Callable[[int], float]) -> pygame.Surface:
    """Apply a tone curve (0..255 -> 0..255) to a grey image; returns an 8-bit one."""
    table = bytes(max(0, min(255, int(fn(i) + 0.5))) for i in range(256))
    return gray8(gray_bytes(surf).translate(table), surf.get_size())


@lru_cache(maxsize=512)
def _channel(top: int) -> bytes:
    """round(top * i / 255) for i in 0..255."""
    return bytes((top * i + 127) // 255 for i in range(256))


def set_ramp(s8: pygame.Surface, color, k: float = 1.0) -> pygame.Surface:
    """Make an 8-bit grey image stand for ``color`` x ``k`` x grey (for additive use)."""
    r, g, b = rgb(color)
    k = min(1.0, max(0.0, k))
    s8.set_palette(list(zip(_channel(int(r * k + 0.5)), _channel(int(g * k + 0.5)), _channel(int(b * k + 0.5)))))
    return s8


def gray_ops(size: tuple[int, int], start: int, ops: Sequence, rows: int | None = None) -> pygame.Surface:
    """Combine grey images into an 8-bit one, a strip at a time: begin with grey
    ``start`` and blend each ``(image, flags)`` or ``(image, flags, (x, y))`` in
    (images are 8- or 32-bit; a 1-pixel-wide image is a vertical gradient
    stretched across; outside a placed image the start grey stands in for it)."""
    w, h = size
    rows = rows or max(1, _STRIP_BYTES // (4 * w))
    acc = pygame.Surface((w, rows))
    tmp = pygame.Surface((w, rows))
    out = []
    for y in range(0, h, rows):
        rh = min(rows, h - y)
        a = acc.subsurface((0, 0, w, rh))
        t = tmp.subsurface((0, 0, w, rh))
        a.fill((start, start, start))
        for op in ops:
            s, flags = op[0], op[1]
            px, py = op[2] if len(op) > 2 else (0, 0)
            if s.get_width() == 1 and w > 1:
                pygame.transform.scale(s.subsurface((0, y, 1, rh)), (w, rh), t)
            else:
                t.fill((start, start, start))
                t.blit(s, (px, py - y))
            a.blit(t, (0, 0), special_flags=flags)
        out.append(pygame.image.tobytes(a, "RGB")[1::3])
    return gray8(b"".join(out), size)


def gray_product(size: tuple[int, int], parts: Sequence) -> pygame.Surface:
    """The product of grey images (see ``gray_ops``) as an 8-bit image."""
    return gray_ops(size, 255, [(p, pygame.BLEND_RGB_MULT) for p in parts])


def multiply8(target: pygame.Surface, s8: pygame.Surface) -> pygame.Surface:
    """target *= an 8-bit grey image of its size, a strip at a time (no full-size
    32-bit copy of the grey image is made)."""
    w, h = target.get_size()
    rows = max(1, _STRIP_BYTES // (4 * w))
    tmp = pygame.Surface((w, rows))
    for y in range(0, h, rows):
        rh = min(rows, h - y)
        t = tmp if rh == rows else tmp.subsurface((0, 0, w, rh))
        t.blit(s8, (0, 0), (0, y, w, rh))
        target.blit(t, (0, y), special_flags=pygame.BLEND_RGB_MULT)
    return target


def invert8(s8: pygame.Surface) -> pygame.Surface:
    """255 - grey, as a new 8-bit image."""
    table = bytes(255 - i for i in range(256))
    return gray8(gray_bytes(s8).translate(table), s8.get_size())


def crop8(s8: pygame.Surface) -> tuple[pygame.Surface, pygame.Rect] | None:
    """The smallest part of an 8-bit image holding every non-zero pixel, and where
    it was; None when the image is black."""
    s8.set_colorkey(0)
    box = s8.get_bounding_rect()
    s8.set_colorkey(None)
    if box.w == 0 or box.h == 0:
        return None
    part = s8.subsurface(box).copy()
    part.set_palette(s8.get_palette())
    return part, box


# ---------------------------------------------------------------- gradients
def vgradient(size: tuple[int, int], stops: Sequence[Sequence]) -> pygame.Surface:
    w, h = size
    return pygame.transform.scale(vcolumn(h, stops), (w, h))


def vcolumn(h: int, stops: Sequence[Sequence]) -> pygame.Surface:
    """A 1-pixel-wide vertical gradient (scale it to any width)."""
    col = pygame.Surface((1, h))
    for y in range(h):
        col.set_at((0, y), ramp(stops, y / max(1, h - 1)))
    return col


@lru_cache(maxsize=64)
def _glow_raster(color: Color, power: float, core: float, res: int) -> bytes:
    buf = bytearray(res * res * 3)
    r0, g0, b0 = color
    i = 0
    for j in range(res):
        if j % 16 == 0:
            time.sleep(0)       # yield to other threads (scenes may be built in the background)
        dy = (j + 0.5) / res * 2 - 1
        for k in range(res):
            dx = (k + 0.5) / res * 2 - 1
            d2 = dx * dx + dy * dy
            v = (1.0 - d2) ** power if d2 < 1 else 0.0
            if core and d2 < 1:
                v += core * math.exp(-d2 * 60.0)
            v = min(1.0, v)
            buf[i] = int(r0 * v)
            buf[i + 1] = int(g0 * v)
            buf[i + 2] = int(b0 * v)
            i += 3
    return bytes(buf)


def _glow_surface(rx: int, ry: int, color: Color, power: float, core: float, res: int) -> pygame.Surface:
    small = pygame.image.frombuffer(_glow_raster(color, power, core, res), (res, res), "RGB")
    return pygame.transform.smoothscale(small, (max(2, 2 * rx), max(2, 2 * ry)))


def glow(rx: float, ry: float | None, color, power: float = 2.0, core: float = 0.0,
         res: int = 64) -> pygame.Surface:
    """A soft radial glow on black, meant for BLEND_RGB_ADD (a new surface; only
    the small raster it is scaled from is cached)."""
    ry = rx if ry is None else ry
    return prep(_glow_surface(int(rx), int(ry), rgb(color), float(power), float(core), res))


@lru_cache(maxsize=128)
def _flame(rx: int, ry: int, color: Color, res: int) -> pygame.Surface:
    buf = bytearray(res * res * 3)
    i = 0
    for j in range(res):
        dy = (j + 0.5) / res * 2 - 1            # -1 top (tip) .. 1 bottom
        half = math.sqrt(max(0.0, 1 - dy * dy)) * (0.25 + 0.75 * (dy + 1) / 2) ** 0.8
        vy = (1 - abs(dy)) ** 0.7 if dy < 0 else (1 - dy * dy) ** 1.5
        for k in range(res):
            dx = (k + 0.5) / res * 2 - 1
            u = abs(dx) / half if half > 1e-3 else 2.0
            v = max(0.0, 1 - u * u) ** 1.5 * vy
            buf[i], buf[i + 1], buf[i + 2] = int(color[0] * v), int(color[1] * v), int(color[2] * v)
            i += 3
    small = pygame.image.frombuffer(bytes(buf), (res, res), "RGB")
    return prep(pygame.transform.smoothscale(small, (max(2, 2 * rx), max(2, 2 * ry))))


def flame(rx: float, ry: float, color) -> pygame.Surface:
    """A soft tear-drop tongue of flame (pointed top) for BLEND_RGB_ADD (cached)."""
    return _flame(int(rx), int(ry), rgb(color), 32)


@lru_cache(maxsize=64)
def _shadow(rx: int, ry: int, color: Color, strength: float, power: float) -> pygame.Surface:
    g = _glow_surface(rx, ry, (255, 255, 255), power, 0.0, 32)
    inv = pygame.Surface(g.get_size())
    # white where the glow is 0, toward ``color`` where it is 1
    tint = tuple(int((255 - c) * strength) for c in color)
    inv.fill((255, 255, 255))
    g.fill(tint, special_flags=pygame.BLEND_RGB_MULT)
    inv.blit(g, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    return prep(inv)


def shadow(rx: float, ry: float, color, strength: float = 1.0, power: float = 1.5) -> pygame.Surface:
    """A soft darkening blob for BLEND_RGB_MULT: white outside, ``color`` inside."""
    return _shadow(int(rx), int(ry), rgb(color), float(strength), float(power))


def clear_caches() -> None:
    _channel.cache_clear()
    _glow_raster.cache_clear()
    _flame.cache_clear()
    _shadow.cache_clear()


# ---------------------------------------------------------------- noise
def noise(size: tuple[int, int], cell: int, rng: random.Random, octaves: int = 4,
          persistence: float = 0.55, stretch: tuple[float, float] = (1.0, 1.0)) -> pygame.Surface:
    """Grey fractal value noise (0..255) as an 8-bit image; ``stretch`` elongates the blobs."""
    w, h = size
    acc = pygame.Surface(size)
    acc.fill((0, 0, 0))
    amps = [persistence ** o for o in range(octaves)]
    total = sum(amps)
    for o in range(octaves):
        cx = max(2, int(cell * stretch[0] / 2 ** o))
        cy = max(2, int(cell * stretch[1] / 2 ** o))
        gw, gh = w // cx + 3, h // cy + 3
        top = amps[o] / total * 255
        data = rng.randbytes(gw * gh).translate(bytes(int(i / 255 * top) for i in range(256)))
        small = gray_surface(data, (gw, gh))
        big = pygame.transform.smoothscale(small, (gw * cx, gh * cy))
        acc.blit(big, (0, 0), pygame.Rect(rng.randrange(cx), rng.randrange(cy), w, h),
                 special_flags=pygame.BLEND_RGB_ADD)
        del big
    return to_gray8(acc)


def contrast(gray: pygame.Surface, lo: float, hi: float, gamma: float = 1.0,
             out_lo: float = 0, out_hi: float = 255) -> pygame.Surface:
    """Stretch grey values so [lo, hi] maps to [out_lo, out_hi] with a gamma (8-bit result)."""
    def f(i: int) -> float:
        t = min(1.0, max(0.0, (i - lo) / max(1e-6, hi - lo))) ** gamma
        return out_lo + (out_hi - out_lo) * t
    return remap(gray, f)


def darkening(gray: pygame.Surface, color, density: float) -> pygame.Surface:
    """A BLEND_RGB_MULT layer (32-bit): white where ``gray`` is 0, ``color`` (at
    ``density``) where it is 255 -- smoke, stains, shadows."""
    return expand(darkening8(gray if gray.get_bitsize() == 8 else to_gray8(gray), color, density))


def darkening8(gray8_img: pygame.Surface, color, density: float) -> pygame.Surface:
    """``darkening`` as an 8-bit palette image (its palette is changed in place)."""
    c = rgb(color)
    d = [int((255 - v) * density) for v in c]
    gray8_img.set_palette([tuple(255 - ((i * dv + 255) >> 8) for dv in d) for i in range(256)])
    return gray8_img


def mirror_tile(surf: pygame.Surface) -> pygame.Surface:
    """Surface followed by its mirror image: scrolls horizontally without a seam."""
    w, h = surf.get_size()
    if surf.get_bitsize() == 8:
        data = gray_bytes(surf)
        rows = [data[y * w:(y + 1) * w] for y in range(h)]
        out = gray8(b"".join(r + r[::-1] for r in rows), (2 * w, h))
        out.set_palette(surf.get_palette())
        return out
    out = pygame.Surface((w * 2, h), surf.get_flags() & pygame.SRCALPHA)
    out.blit(surf, (0, 0))
    out.blit(pygame.transform.flip(surf, True, False), (w, 0))
    return out


def mirror_tile_v(surf: pygame.Surface) -> pygame.Surface:
    w, h = surf.get_size()
    if surf.get_bitsize() == 8:
        data = gray_bytes(surf)
        flipped = b"".join(data[y * w:(y + 1) * w] for y in range(h - 1, -1, -1))
        out = gray8(data + flipped, (w, 2 * h))
        out.set_palette(surf.get_palette())
        return out
    out = pygame.Surface((w, h * 2))
    out.blit(surf, (0, 0))
    out.blit(pygame.transform.flip(surf, False, True), (0, h))
    return out


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


def grain(size: tuple[int, int], rng: random.Random, strength: int) -> pygame.Surface:
    """Fine multiplicative grain in [255 - strength, 255] (8-bit grey)."""
    w, h = size
    data = rng.randbytes(w * h).translate(bytes(255 - (i * strength) // 255 for i in range(256)))
    return gray8(data, size)


# ---------------------------------------------------------------- drawing
def _rnd(v: float) -> int:
    return math.floor(v)        # what pygame.draw does with a float coordinate (on screen)


class Canvas:
    """Supersampled drawing in logical coordinates; ``result()`` downsamples.

    Drawing is recorded (in device pixels, rounded) and played back one
    horizontal strip at a time, so the supersampled image never exists whole:
    a 2x full-screen canvas would be 15 MB."""

    STRIP_BYTES = 1_300_000

    def __init__(self, size: tuple[int, int], ss: int = 2, alpha: bool = True, fill=None):
        self.size = (int(size[0]), int(size[1]))
        self.ss = ss
        self.alpha = alpha
        self.fill = fill if fill is not None else ((0, 0, 0, 0) if alpha else (0, 0, 0))
        self.ops: list[tuple] = []

    def p(self, pts: Iterable) -> list[tuple[int, int]]:
        s = self.ss
        return [(_rnd(x * s), _rnd(y * s)) for x, y in pts]

    def poly(self, pts, color) -> None:
        pts = self.p(pts)
        if len(pts) >= 3:
            ys = [q[1] for q in pts]
            self.ops.append((min(ys), max(ys), 0, pts, color))

    def line(self, a, b, color, width: float = 1) -> None:
        (ax, ay), (bx, by) = self.p((a, b))
        w = max(1, int(width * self.ss))
        self.ops.append((min(ay, by) - w, max(ay, by) + w, 1, ((ax, ay), (bx, by), w), color))

    def lines(self, pts, color, width: float = 1, closed: bool = False) -> None:
        pts = self.p(pts)
        w = max(1, int(width * self.ss))
        ys = [q[1] for q in pts]
        self.ops.append((min(ys) - w, max(ys) + w, 2, (pts, w, closed), color))

    def circle(self, c, r: float, color, width: float = 0) -> None:
        s = self.ss
        cx, cy = _rnd(c[0] * s), _rnd(c[1] * s)
        self.ops.append((cy - r * s - 2, cy + r * s + 2, 3, ((cx, cy), r * s, int(width * s) if width else 0), color))

    def ellipse(self, rect, color, width: float = 0) -> None:
        s = self.ss
        x, y, w, h = rect
        r = pygame.Rect(x * s, y * s, w * s, h * s)
        self.ops.append((r.top, r.bottom, 4, (r, int(width * s) if width else 0), color))

    def rect(self, rect, color) -> None:
        s = self.ss
        x, y, w, h = rect
        r = pygame.Rect(int(x * s), int(y * s), int(w * s), int(h * s))
        self.ops.append((r.top, r.bottom, 5, r, color))

    def image(self, src: pygame.Surface, pos, flags: int = 0) -> None:
        """Blit an image already at device resolution, its top-left at logical ``pos``."""
        x, y = int(pos[0] * self.ss), int(pos[1] * self.ss)
        self.ops.append((y, y + src.get_height(), 6, ((x, y), flags), src))

    def gradient_poly(self, pts, column: pygame.Surface, top: float, flags: int = pygame.BLEND_RGB_ADD) -> None:
        """Blend in a polygon filled with a vertical gradient: ``column`` (1 pixel
        wide, device resolution) starts at logical row ``top``."""
        pts = self.p(pts)
        y = int(top * self.ss)
        ys = [q[1] for q in pts]
        self.ops.append((max(min(ys), y), max(ys), 7, (pts, y, flags), column))

    def _replay(self, surf: pygame.Surface, oy: int) -> None:
        h = surf.get_height()
        lo, hi = oy - 1, oy + h + 1
        scratch = None
        for y0, y1, kind, args, color in self.ops:
            if y1 < lo or y0 > hi:
                continue
            if kind == 0:
                pygame.draw.polygon(surf, color, [(x, y - oy) for x, y in args])
            elif kind == 1:
                (ax, ay), (bx, by), w = args
                pygame.draw.line(surf, color, (ax, ay - oy), (bx, by - oy), w)
            elif kind == 2:
                pts, w, closed = args
                pygame.draw.lines(surf, color, closed, [(x, y - oy) for x, y in pts], w)
            elif kind == 3:
                (cx, cy), r, w = args
                pygame.draw.circle(surf, color, (cx, cy - oy), r, w)
            elif kind == 4:
                r, w = args
                pygame.draw.ellipse(surf, color, r.move(0, -oy), w)
            elif kind == 5:
                surf.fill(color, args.move(0, -oy))
            elif kind == 6:
                (x, y), flags = args
                surf.blit(color, (x, y - oy), special_flags=flags)
            else:
                pts, top, flags = args
                if scratch is None:
                    scratch = pygame.Surface(surf.get_size())
                scratch.fill((0, 0, 0))
                pygame.draw.polygon(scratch, (255, 255, 255), [(x, y - oy) for x, y in pts])
                y_from = max(oy, top)
                if y_from - oy > 0:
                    scratch.fill((0, 0, 0), (0, 0, scratch.get_width(), y_from - oy))
                rows = min(color.get_height() - (y_from - top), oy + h - y_from)
                if rows > 0:
                    band = pygame.transform.scale(color.subsurface((0, y_from - top, 1, rows)),
                                                  (scratch.get_width(), rows))
                    scratch.blit(band, (0, y_from - oy), special_flags=pygame.BLEND_RGB_MULT)
                    if y_from - oy + rows < h:
                        scratch.fill((0, 0, 0), (0, y_from - oy + rows, scratch.get_width(), h))
                else:
                    scratch.fill((0, 0, 0))
                surf.blit(scratch, (0, 0), special_flags=flags)

    def result(self) -> pygame.Surface:
        return render([self])[0]

    def result8(self) -> pygame.Surface:
        """The result as an 8-bit grey image (for masks painted in grey)."""
        return render([self], gray=True)[0]


def render(canvases: Sequence[Canvas], hook: Callable | None = None, gray: bool = False) -> list[pygame.Surface]:
    """Downsample canvases of one size together, a strip at a time.  ``hook(strips,
    device_y)`` may work on the supersampled strips of all of them before they are
    downsampled.  With ``gray`` the results are 8-bit grey images."""
    w, h = canvases[0].size
    ss = canvases[0].ss
    rows = max(2, Canvas.STRIP_BYTES // (w * ss * ss * 4)) // 2 * 2
    strips = [pygame.Surface((w * ss, rows * ss), pygame.SRCALPHA if cv.alpha else 0) for cv in canvases]
    outs: list = [[] if gray else pygame.Surface((w, h), pygame.SRCALPHA if cv.alpha else 0)
                  for cv in canvases]
    small = [pygame.Surface((w, rows), pygame.SRCALPHA if cv.alpha else 0) for cv in canvases] if gray else None
    for y in range(0, h, rows):
        rh = min(rows, h - y)
        subs = []
        for cv, st in zip(canvases, strips):
            sub = st if rh == rows else st.subsurface((0, 0, w * ss, rh * ss))
            sub.fill(cv.fill)
            cv._replay(sub, y * ss)
            subs.append(sub)
        if hook is not None:
            hook(subs, y * ss)
        for i, sub in enumerate(subs):
            if gray:
                dst = small[i] if rh == rows else small[i].subsurface((0, 0, w, rh))
            else:
                dst = outs[i].subsurface((0, y, w, rh))
            if ss == 1:
                pygame.transform.scale(sub, (w, rh), dst)
            else:
                pygame.transform.smoothscale(sub, (w, rh), dst)
            if gray:
                outs[i].append(pygame.image.tobytes(dst, "RGB")[1::3])
        time.sleep(0)           # let the main thread draw a frame while a scene is built
    if gray:
        return [gray8(b"".join(parts), (w, h)) for parts in outs]
    return outs


def tapered(a, b, wa: float, wb: float) -> list[tuple[float, float]]:
    """A quad from a to b, ``wa`` wide at a and ``wb`` wide at b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / n, dx / n
    return [(a[0] + nx * wa / 2, a[1] + ny * wa / 2), (b[0] + nx * wb / 2, b[1] + ny * wb / 2),
            (b[0] - nx * wb / 2, b[1] - ny * wb / 2), (a[0] - nx * wa / 2, a[1] - ny * wa / 2)]


def jagged(pts, amp: float, step: float, rng: random.Random, closed: bool = True):
    """Subdivide a polyline and jitter it sideways: broken, splintered edges."""
    out = []
    seq = list(pts) + ([pts[0]] if closed else [])
    for a, b in zip(seq, seq[1:]):
        dx, dy = b[0] - a[0], b[1] - a[1]
        n = math.hypot(dx, dy)
        steps = max(1, int(n / step))
        nx, ny = (-dy / n, dx / n) if n else (0, 0)
        for s in range(steps):
            t = s / steps
            j = rng.uniform(-amp, amp) if s else 0.0
            out.append((a[0] + dx * t + nx * j, a[1] + dy * t + ny * j))
    if not closed:
        out.append(seq[-1])
    return out


def offset(pts, dx: float, dy: float):
    return [(x + dx, y + dy) for x, y in pts]


def rim_poly(cv: Canvas, pts, fill, rim, d=(2.0, 2.0)) -> None:
    """A silhouette with a thin lit edge toward the light (the light is at -d)."""
    cv.poly(offset(pts, -d[0], -d[1]), rim)
    cv.poly(pts, fill)
