"""Light maps: lights as functions of the screen position, evaluated on a coarse
grid and smoothed up, then multiplied into a painted albedo; and the final
canvas treatment (vignette, grain).  Used only while a scene is built; each
step reuses its full-size working surface rather than making another."""
from __future__ import annotations

import random
import time
from typing import Callable

import pygame

from .paint import grain, unit

LightFn = Callable[[float, float], tuple[float, float, float]]


def lightmap_small(fn: LightFn, res: tuple[int, int] = (160, 90),
                   design: tuple[int, int] = (1280, 720)) -> tuple[pygame.Surface, pygame.Surface | None]:
    """Evaluate ``fn(x, y) -> (r, g, b)`` (1.0 = full) on a coarse grid.

    Returns the light clipped to 1 and, when any value exceeds 1, the excess
    (up to another 1) so callers can light brighter than the albedo; both at the
    grid's resolution.
    """
    rw, rh = res
    sx, sy = design[0] / rw, design[1] / rh
    a = bytearray(rw * rh * 3)
    b = bytearray(rw * rh * 3)
    over = False
    i = 0
    for j in range(rh):
        if j % 6 == 0:
            time.sleep(0)       # let other threads run: scenes may be built off the main thread
        y = (j + 0.5) * sy
        for k in range(rw):
            for v in fn((k + 0.5) * sx, y):
                v = max(0.0, v)
                a[i] = min(255, int(v * 255))
                if v > 1.0:
                    b[i] = min(255, int((v - 1.0) * 255))
                    over = True
                i += 1
    l1 = pygame.image.frombuffer(bytes(a), res, "RGB")
    l2 = pygame.image.frombuffer(bytes(b), res, "RGB") if over else None
    return l1, l2


def point_light(pos, color, radius: float, intensity: float = 1.0, squash: float = 1.0) -> LightFn:
    """Soft inverse-square-ish falloff light that fades to 0 at ``radius``."""
    px, py = pos
    cr, cg, cb = unit(color)

    def fn(x: float, y: float) -> tuple[float, float, float]:
        d2 = ((x - px) ** 2 + ((y - py) / squash) ** 2) / (radius * radius)
        if d2 >= 1.0:
            return (0.0, 0.0, 0.0)
        v = intensity * (1.0 - d2) ** 2 / (1.0 + 8.0 * d2)
        return (cr * v, cg * v, cb * v)
    return fn


def sum_lights(*fns: LightFn, ambient=(0, 0, 0)) -> LightFn:
    ar, ag, ab = ambient if not isinstance(ambient, str) else unit(ambient)

    def fn(x: float, y: float) -> tuple[float, float, float]:
        r, g, b = ar, ag, ab
        for f in fns:
            lr, lg, lb = f(x, y)
            r += lr
            g += lg
            b += lb
        return (r, g, b)
    return fn


def add_lit(out: pygame.Surface, albedo: pygame.Surface, fn: LightFn, k: float = 1.0,
            res=(160, 90)) -> pygame.Surface:
    """out += albedo x light x k (with overbright support), with one working surface."""
    s1, s2 = lightmap_small(fn, res)
    size = albedo.get_size()
    v = max(0, min(255, int(k * 255 + 0.5)))
    lm = pygame.transform.smoothscale(s1, size)
    for i, small in enumerate((s1, s2)):
        if small is None:
            break
        if i:
            pygame.transform.smoothscale(small, size, lm)
        lm.blit(albedo, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
        if v < 255:
            lm.fill((v, v, v), special_flags=pygame.BLEND_RGB_MULT)
        out.blit(lm, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    return out


def light(albedo: pygame.Surface, fn: LightFn, res=(160, 90)) -> pygame.Surface:
    """albedo x light (with overbright support), as a new surface."""
    out = pygame.Surface(albedo.get_size())
    out.fill((0, 0, 0))
    return add_lit(out, albedo, fn, 1.0, res)


def vignette_small(size: tuple[int, int], vignette: float, center=(640, 330)) -> pygame.Surface:
    w, h = size
    cx, cy = center

    def vig(x: float, y: float) -> tuple[float, float, float]:
        d2 = ((x - cx) / (w * 0.62)) ** 2 + ((y - cy) / (h * 0.72)) ** 2
        v = max(0.0, 1.0 - vignette * d2)
        return (v, v, v)
    return lightmap_small(vig, (64, 36), (w, h))[0]


def finish(surf: pygame.Surface, rng: random.Random, grain_strength: int, vignette: float,
           center=(640, 330)) -> pygame.Surface:
    """Canvas treatment: vignette and grain (also hides gradient banding); in place."""
    size = surf.get_size()
    work = pygame.transform.smoothscale(vignette_small(size, vignette, center), size)
    surf.blit(work, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
    work.blit(grain(size, rng, grain_strength), (0, 0))
    surf.blit(work, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
    return surf
