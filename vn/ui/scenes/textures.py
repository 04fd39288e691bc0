"""Textures painted while a scene is built: vertical gradients, soft glow, flame
and shadow sprites (their small rasters cached; ``clear_caches`` forgets them),
fractal value noise, tone curves, darkening layers, grain and seamlessly
scrolling tiles."""
from __future__ import annotations

import math
import random
import time
from functools import lru_cache
from typing import Sequence

import pygame

from .colour import Color, ramp, rgb
from .gray import _channel, expand, gray8, gray_bytes, gray_surface, remap, to_gray8
from .surface import prep


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


def grain(size: tuple[int, int], rng: random.Random, strength: int) -> pygame.Surface:
    """Fine multiplicative grain in [255 - strength, 255] (8-bit grey)."""
    w, h = size
    data = rng.randbytes(w * h).translate(bytes(255 - (i * strength) // 255 for i in range(256)))
    return gray8(data, size)
