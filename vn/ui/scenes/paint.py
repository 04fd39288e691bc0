"""Painting helpers shared by the scenes.

Almost everything here runs while a scene is built: gradients, soft glow and
flame sprites, value noise, level sets, supersampled drawing.  The per-frame
helpers are ``pick``, ``blit_alpha`` and ``blit_wrapped`` / ``blit_wrapped_v``.
Light maps and the final canvas treatment live in ``light.py``.
Colours are ``(r, g, b)`` tuples or ``"#rrggbb"`` strings.
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
    """Convert to the display format when a display mode is set (faster blits)."""
    if display_ready():
        return surf.convert_alpha() if alpha else surf.convert()
    return surf


def scaled(surf: pygame.Surface, k: float) -> pygame.Surface:
    """A copy with every colour channel multiplied by ``k`` (0..1)."""
    out = surf.copy()
    v = max(0, min(255, int(k * 255 + 0.5)))
    out.fill((v, v, v), special_flags=pygame.BLEND_RGB_MULT)
    return out


def levels(surf: pygame.Surface, n: int, floor: float = 0.0) -> list[pygame.Surface]:
    """``n`` brightness levels of an additive sprite, from ``floor`` up to full."""
    return [prep(scaled(surf, floor + (1 - floor) * (i + 1) / n)) for i in range(n)]


def level_set(dark: pygame.Surface, lit: pygame.Surface, n: int) -> list[pygame.Surface]:
    """``n + 1`` full images from ``dark`` to ``lit`` (a light's contribution in
    steps), so a flickering light costs one opaque blit per frame."""
    diff = lit.copy()
    diff.blit(dark, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    out = [prep(dark)]
    for i in range(1, n + 1):
        s = dark.copy()
        s.blit(scaled(diff, i / n), (0, 0), special_flags=pygame.BLEND_RGB_ADD)
        out.append(prep(s))
    return out


def pick(seq: Sequence, k: float):
    """The element of ``seq`` for a 0..1 value."""
    return seq[max(0, min(len(seq) - 1, int(k * (len(seq) - 1) + 0.5)))]


def blit_alpha(target: pygame.Surface, src: pygame.Surface, alpha: float, pos=(0, 0)) -> None:
    """Blit with a 0..1 surface alpha (full alpha goes through the fast opaque path)."""
    a = int(alpha * 255)
    if a <= 2:
        return
    full = 255 if src.get_flags() & pygame.SRCALPHA else None
    src.set_alpha(full if a >= 253 else a)
    target.blit(src, pos)
    src.set_alpha(full)


def gray_surface(data: bytes, size: tuple[int, int]) -> pygame.Surface:
    n = size[0] * size[1]
    buf = bytearray(n * 3)
    buf[0::3] = data
    buf[1::3] = data
    buf[2::3] = data
    return pygame.image.frombuffer(bytes(buf), size, "RGB").copy()


def gray_bytes(surf: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surf, "RGB")[1::3]


def remap(surf: pygame.Surface, fn: Callable[[int], float]) -> pygame.Surface:
    """Apply a tone curve (0..255 -> 0..255) to a grey surface."""
    table = bytes(max(0, min(255, int(fn(i) + 0.5))) for i in range(256))
    return gray_surface(gray_bytes(surf).translate(table), surf.get_size())


# ---------------------------------------------------------------- gradients
def vgradient(size: tuple[int, int], stops: Sequence[Sequence]) -> pygame.Surface:
    w, h = size
    col = pygame.Surface((1, h))
    for y in range(h):
        col.set_at((0, y), ramp(stops, y / max(1, h - 1)))
    return pygame.transform.scale(col, size)


@lru_cache(maxsize=256)
def _glow(rx: int, ry: int, color: Color, power: float, core: float, res: int) -> pygame.Surface:
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
    small = pygame.image.frombuffer(bytes(buf), (res, res), "RGB")
    return prep(pygame.transform.smoothscale(small, (max(2, 2 * rx), max(2, 2 * ry))))


def glow(rx: float, ry: float | None, color, power: float = 2.0, core: float = 0.0,
         res: int = 64) -> pygame.Surface:
    """A soft radial glow on black, meant for BLEND_RGB_ADD (cached)."""
    ry = rx if ry is None else ry
    return _glow(int(rx), int(ry), rgb(color), float(power), float(core), res)


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


@lru_cache(maxsize=128)
def _shadow(rx: int, ry: int, color: Color, strength: float, power: float) -> pygame.Surface:
    g = _glow(rx, ry, (255, 255, 255), power, 0.0, 32)
    inv = pygame.Surface(g.get_size())
    # white where the glow is 0, toward ``color`` where it is 1
    tint = tuple(int((255 - c) * strength) for c in color)
    inv.fill((255, 255, 255))
    g2 = g.copy()
    g2.fill(tint, special_flags=pygame.BLEND_RGB_MULT)
    inv.blit(g2, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    return prep(inv)


def shadow(rx: float, ry: float, color, strength: float = 1.0, power: float = 1.5) -> pygame.Surface:
    """A soft darkening blob for BLEND_RGB_MULT: white outside, ``color`` inside."""
    return _shadow(int(rx), int(ry), rgb(color), float(strength), float(power))


# ---------------------------------------------------------------- noise
def noise(size: tuple[int, int], cell: int, rng: random.Random, octaves: int = 4,
          persistence: float = 0.55, stretch: tuple[float, float] = (1.0, 1.0)) -> pygame.Surface:
    """Grey fractal value noise (0..255); ``stretch`` elongates the blobs."""
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
    return acc


def contrast(gray: pygame.Surface, lo: float, hi: float, gamma: float = 1.0,
             out_lo: float = 0, out_hi: float = 255) -> pygame.Surface:
    """Stretch grey values so [lo, hi] maps to [out_lo, out_hi] with a gamma."""
    def f(i: int) -> float:
        t = min(1.0, max(0.0, (i - lo) / max(1e-6, hi - lo))) ** gamma
        return out_lo + (out_hi - out_lo) * t
    return remap(gray, f)


def darkening(gray: pygame.Surface, color, density: float) -> pygame.Surface:
    """A BLEND_RGB_MULT layer: white where ``gray`` is 0, ``color`` (at
    ``density``) where it is 255 -- smoke, stains, shadows."""
    c = rgb(color)
    amount = gray.copy()
    amount.fill(tuple(int((255 - v) * density) for v in c), special_flags=pygame.BLEND_RGB_MULT)
    out = pygame.Surface(gray.get_size())
    out.fill((255, 255, 255))
    out.blit(amount, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    return out


def mirror_tile(surf: pygame.Surface) -> pygame.Surface:
    """Surface followed by its mirror image: scrolls horizontally without a seam."""
    w, h = surf.get_size()
    out = pygame.Surface((w * 2, h), surf.get_flags() & pygame.SRCALPHA)
    out.blit(surf, (0, 0))
    out.blit(pygame.transform.flip(surf, True, False), (w, 0))
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


def mirror_tile_v(surf: pygame.Surface) -> pygame.Surface:
    w, h = surf.get_size()
    out = pygame.Surface((w, h * 2))
    out.blit(surf, (0, 0))
    out.blit(pygame.transform.flip(surf, False, True), (0, h))
    return out


def grain(size: tuple[int, int], rng: random.Random, strength: int) -> pygame.Surface:
    """Fine multiplicative grain in [255 - strength, 255]."""
    w, h = size
    data = rng.randbytes(w * h).translate(bytes(255 - (i * strength) // 255 for i in range(256)))
    return gray_surface(data, size)


# ---------------------------------------------------------------- drawing
class Canvas:
    """Supersampled drawing in logical coordinates; ``result()`` downsamples."""

    def __init__(self, size: tuple[int, int], ss: int = 2, alpha: bool = True, fill=None):
        self.size = size
        self.ss = ss
        self.surf = pygame.Surface((size[0] * ss, size[1] * ss), pygame.SRCALPHA if alpha else 0)
        if fill is not None:
            self.surf.fill(fill)
        elif alpha:
            self.surf.fill((0, 0, 0, 0))

    def p(self, pts: Iterable) -> list[tuple[float, float]]:
        s = self.ss
        return [(x * s, y * s) for x, y in pts]

    def poly(self, pts, color) -> None:
        pts = self.p(pts)
        if len(pts) >= 3:
            pygame.draw.polygon(self.surf, color, pts)

    def line(self, a, b, color, width: float = 1) -> None:
        s = self.ss
        pygame.draw.line(self.surf, color, (a[0] * s, a[1] * s), (b[0] * s, b[1] * s),
                         max(1, int(width * s)))

    def lines(self, pts, color, width: float = 1, closed: bool = False) -> None:
        pygame.draw.lines(self.surf, color, closed, self.p(pts), max(1, int(width * self.ss)))

    def circle(self, c, r: float, color, width: float = 0) -> None:
        s = self.ss
        pygame.draw.circle(self.surf, color, (c[0] * s, c[1] * s), r * s,
                           int(width * s) if width else 0)

    def ellipse(self, rect, color, width: float = 0) -> None:
        s = self.ss
        x, y, w, h = rect
        pygame.draw.ellipse(self.surf, color, pygame.Rect(x * s, y * s, w * s, h * s),
                            int(width * s) if width else 0)

    def rect(self, rect, color) -> None:
        s = self.ss
        x, y, w, h = rect
        self.surf.fill(color, pygame.Rect(int(x * s), int(y * s), int(w * s), int(h * s)))

    def result(self) -> pygame.Surface:
        return pygame.transform.smoothscale(self.surf, self.size)


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
