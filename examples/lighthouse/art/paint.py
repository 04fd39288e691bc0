"""Small painting tools on plain pygame: gradients, soft glows, blur, noise and an
anti-aliased canvas (drawn large, then smoothly scaled down)."""
from __future__ import annotations

import math
import random

import pygame

SRCALPHA = pygame.SRCALPHA


def rgb(text: str) -> tuple[int, int, int]:
    text = text.lstrip("#")
    return tuple(int(text[i:i + 2], 16) for i in (0, 2, 4))


def mix(a, b, t: float):
    t = min(1.0, max(0.0, t))
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a, b))


def sample(stops, t: float):
    """The colour at t (0..1) along [(t, colour), ...], eased between stops."""
    if t <= stops[0][0]:
        return stops[0][1]
    for (t0, c0), (t1, c1) in zip(stops, stops[1:]):
        if t <= t1:
            u = (t - t0) / (t1 - t0) if t1 > t0 else 1.0
            return mix(c0, c1, u * u * (3 - 2 * u))
    return stops[-1][1]


def vgradient(size, stops, surface=None, rect=None):
    """Fill `rect` (or a new surface) with a top-to-bottom gradient."""
    w, h = size
    surf = surface if surface is not None else pygame.Surface(size)
    x0, y0 = (rect[0], rect[1]) if rect else (0, 0)
    for y in range(h):
        pygame.draw.line(surf, sample(stops, y / max(1, h - 1)), (x0, y0 + y), (x0 + w - 1, y0 + y))
    return surf


def hgradient(size, stops):
    w, h = size
    surf = pygame.Surface(size)
    for x in range(w):
        pygame.draw.line(surf, sample(stops, x / max(1, w - 1)), (x, 0), (x, h - 1))
    return surf


def radial(size, color, power: float = 2.0, alpha: int = 255, res: int = 96):
    """A soft elliptical light: `color` with alpha falling from the centre to nothing at the rim."""
    small = pygame.Surface((res, res), SRCALPHA)
    half = (res - 1) / 2
    for y in range(res):
        for x in range(res):
            d = math.hypot((x - half) / half, (y - half) / half)
            a = max(0.0, 1.0 - d) ** power
            small.set_at((x, y), (*color, int(alpha * a)))
    return pygame.transform.smoothscale(small, (max(1, int(size[0])), max(1, int(size[1]))))


def light(size, color, power: float = 2.0, res: int = 96):
    """Like radial, but as colour on black, to blit with BLEND_RGB_ADD."""
    small = pygame.Surface((res, res))
    half = (res - 1) / 2
    for y in range(res):
        for x in range(res):
            d = math.hypot((x - half) / half, (y - half) / half)
            a = max(0.0, 1.0 - d) ** power
            small.set_at((x, y), tuple(int(c * a) for c in color))
    return pygame.transform.smoothscale(small, (max(1, int(size[0])), max(1, int(size[1]))))


def add_light(target, center, size, color, power=2.0):
    glow = light(size, color, power)
    target.blit(glow, (center[0] - size[0] // 2, center[1] - size[1] // 2), special_flags=pygame.BLEND_RGB_ADD)


def blur(surface, factor: int = 4, passes: int = 2):
    """A cheap blur: scaled down and up again."""
    w, h = surface.get_size()
    out = surface
    for _ in range(passes):
        small = pygame.transform.smoothscale(out, (max(1, w // factor), max(1, h // factor)))
        out = pygame.transform.smoothscale(small, (w, h))
    return out


def noise(size, cell: int, low: int, high: int, seed: int, wrap_x: bool = False):
    """Soft grey mottling in low..high: random cells, smoothly enlarged (to multiply or add)."""
    rng = random.Random(seed)
    cols, rows = max(2, size[0] // cell), max(2, size[1] // cell)
    small = pygame.Surface((cols, rows))
    for y in range(rows):
        for x in range(cols):
            v = rng.randint(low, high)
            small.set_at((x, y), (v, v, v))
    if wrap_x:     # the right edge matches the left, so the enlarged picture tiles across
        for y in range(rows):
            small.set_at((cols - 1, y), small.get_at((0, y)))
    return pygame.transform.smoothscale(small, size)


def grain(surface, amount: int, seed: int, cell: int = 2):
    """Fine paper grain: lightens and darkens in specks, so gradients do not band."""
    w, h = surface.get_size()
    up = noise((w, h), cell, 0, amount, seed)
    down = noise((w, h), cell, 0, amount, seed + 1)
    surface.blit(up, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    surface.blit(down, (0, 0), special_flags=pygame.BLEND_RGB_SUB)


def vignette(surface, strength: float = 0.55, power: float = 2.2):
    """Darken the corners: multiply by a soft oval of light."""
    w, h = surface.get_size()
    res = 64
    small = pygame.Surface((res, res))
    for y in range(res):
        for x in range(res):
            d = math.hypot((x - 31.5) / 31.5, (y - 31.5) / 31.5) / math.sqrt(2)
            v = int(255 * (1 - strength * d ** power))
            small.set_at((x, y), (v, v, v))
    surface.blit(pygame.transform.smoothscale(small, (w, h)), (0, 0), special_flags=pygame.BLEND_RGB_MULT)


def bezier(p0, p1, p2, p3, n: int = 16):
    pts = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        pts.append((u ** 3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t ** 3 * p3[0],
                    u ** 3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t ** 3 * p3[1]))
    return pts


def quad(p0, p1, p2, n: int = 12):
    return [((1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t * t * p2[0],
             (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t * t * p2[1])
            for t in (i / n for i in range(n + 1))]


def path(*segments):
    """Join bezier segments (each a list of points) into one outline."""
    pts = []
    for seg in segments:
        pts.extend(seg if not pts else seg[1:])
    return pts


class Canvas:
    """Draw in final pixels on a surface `scale` times larger; `result()` scales it down smoothly."""

    def __init__(self, size, scale: int = 3, fill=(0, 0, 0, 0), alpha: bool = True):
        self.size, self.s = size, scale
        flags = SRCALPHA if alpha else 0
        self.surf = pygame.Surface((size[0] * scale, size[1] * scale), flags)
        self.surf.fill(fill)

    def _p(self, pts):
        return [(x * self.s, y * self.s) for x, y in pts]

    def poly(self, color, pts):
        pygame.draw.polygon(self.surf, color, self._p(pts))

    def ellipse(self, color, cx, cy, rx, ry, width=0):
        s = self.s
        pygame.draw.ellipse(self.surf, color, pygame.Rect((cx - rx) * s, (cy - ry) * s, 2 * rx * s, 2 * ry * s),
                            int(width * s))

    def circle(self, color, cx, cy, r):
        pygame.draw.circle(self.surf, color, (cx * self.s, cy * self.s), r * self.s)

    def rect(self, color, x, y, w, h, radius=0):
        s = self.s
        pygame.draw.rect(self.surf, color, pygame.Rect(x * s, y * s, w * s, h * s), border_radius=int(radius * s))

    def stroke(self, color, pts, width):
        """A line through pts with round joins and caps."""
        pts = self._p(pts)
        w = max(1, int(width * self.s))
        if len(pts) > 1:
            pygame.draw.lines(self.surf, color, False, pts, w)
        for p in pts:
            pygame.draw.circle(self.surf, color, p, w / 2)

    def blit(self, surface, pos, flags=0):
        self.surf.blit(surface, (pos[0] * self.s, pos[1] * self.s), special_flags=flags)

    def result(self):
        return shrink(self.surf, self.size)


def shrink(surface, size):
    """Smoothly scaled down; for a surface with alpha, what was opaque stays fully opaque
    (smoothscale's rounding leaves it at 253 or so)."""
    out = pygame.transform.smoothscale(surface, size)
    if out.get_flags() & SRCALPHA:
        solid = pygame.mask.from_surface(out, 249).to_surface(setcolor=(0, 0, 0, 255), unsetcolor=(0, 0, 0, 0))
        out.blit(solid, (0, 0), special_flags=pygame.BLEND_RGBA_MAX)
    return out


def outline(surface, color, width: int):
    """The surface with a solid outline of `color` round everything it draws."""
    mask = pygame.mask.from_surface(surface, 40)
    ring = mask.to_surface(setcolor=(*color, 255), unsetcolor=(0, 0, 0, 0))
    out = pygame.Surface(surface.get_size(), SRCALPHA)
    for dx in range(-width, width + 1):
        for dy in range(-width, width + 1):
            if dx * dx + dy * dy <= width * width:
                out.blit(ring, (dx, dy))
    out.blit(surface, (0, 0))
    return out


def seeded(seed: int) -> random.Random:
    return random.Random(seed)
