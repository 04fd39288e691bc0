"""Supersampled drawing: a ``Canvas`` records shapes in logical coordinates and
``render`` plays them back a strip at a time, downsampled; plus polygon helpers
(tapered strokes, jagged edges, rim-lit silhouettes)."""
from __future__ import annotations

import math
import random
import time
from typing import Callable, Iterable, Sequence

import pygame

from .gray import gray8


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
