"""Silhouette props built from polygons: bar furniture, bottles, trees, stones.

Every builder returns a list of polygons (lists of points) in scene pixels so a
scene can rotate, overturn or break them before painting them with a rim light.
"""
from __future__ import annotations

import math
import random

from . import paint

Poly = list


def rot(pts, angle: float, pivot) -> Poly:
    ca, sa = math.cos(angle), math.sin(angle)
    px, py = pivot
    return [(px + (x - px) * ca - (y - py) * sa, py + (x - px) * sa + (y - py) * ca) for x, y in pts]


def rot_all(polys, angle: float, pivot) -> list[Poly]:
    return [rot(p, angle, pivot) for p in polys]


def stick(a, b, w: float) -> Poly:
    return paint.tapered(a, b, w, w * 0.85)


def chair(x: float, y: float, s: float, broken: bool, rng: random.Random) -> list[Poly]:
    """Side view of a wooden chair standing at (x, y) (floor), scale ``s``."""
    seat_y = y - 46 * s
    polys = [[(x - 22 * s, seat_y - 5 * s), (x + 22 * s, seat_y - 5 * s), (x + 22 * s, seat_y + 3 * s),
              (x - 22 * s, seat_y + 3 * s)],
             stick((x - 19 * s, seat_y - 4 * s), (x - 23 * s, seat_y - 56 * s), 5 * s),
             stick((x - 19 * s, seat_y - 30 * s), (x - 21 * s, seat_y - 52 * s), 1),
             [(x - 24 * s, seat_y - 52 * s), (x - 20 * s, seat_y - 58 * s), (x - 8 * s, seat_y - 56 * s),
              (x - 9 * s, seat_y - 48 * s)],
             stick((x - 18 * s, seat_y), (x - 20 * s, y), 4.5 * s),
             stick((x + 18 * s, seat_y), (x + 20 * s, y if not broken else seat_y + 20 * s), 4.5 * s),
             stick((x - 19 * s, seat_y + 24 * s), (x + 19 * s, seat_y + 24 * s), 2.5 * s)]
    if broken:
        polys[1] = stick((x - 19 * s, seat_y - 4 * s), (x - 21 * s, seat_y - 34 * s), 5 * s)
        polys[3] = paint.jagged([(x - 24 * s, seat_y - 36 * s), (x - 18 * s, seat_y - 40 * s),
                                 (x - 17 * s, seat_y - 30 * s)], 2 * s, 4 * s, rng)
    return polys


def stool(x: float, y: float, s: float) -> list[Poly]:
    top = y - 84 * s
    return [[(x - 21 * s, top), (x + 21 * s, top), (x + 18 * s, top + 7 * s), (x - 18 * s, top + 7 * s)],
            stick((x - 12 * s, top + 6 * s), (x - 20 * s, y), 4 * s),
            stick((x + 12 * s, top + 6 * s), (x + 20 * s, y), 4 * s),
            stick((x, top + 6 * s), (x, y - 4 * s), 3.5 * s),
            stick((x - 17 * s, y - 30 * s), (x + 17 * s, y - 30 * s), 2.5 * s)]


def round_table_on_side(cx: float, cy: float, rx: float, ry: float, leg: float,
                        rng: random.Random) -> list[Poly]:
    """A round table knocked over: the top seen edge-on as a tall ellipse, the
    pedestal sticking out sideways ending in a cross foot."""
    top = [(cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in
           (i / 40 * math.tau for i in range(40))]
    top = paint.jagged(top, 1.2, 9, rng)
    return [top,
            stick((cx + rx * 0.4, cy), (cx + leg, cy + 6), ry * 0.09),
            stick((cx + leg, cy - ry * 0.45), (cx + leg + 6, cy + ry * 0.55), ry * 0.07),
            [(cx + rx * 0.2, cy - ry * 0.2), (cx + rx * 0.75, cy - ry * 0.1),
             (cx + rx * 0.75, cy + ry * 0.1), (cx + rx * 0.2, cy + ry * 0.2)]]


def table_on_side(x: float, y: float, w: float, h: float, legs: float, tilt: float,
                  rng: random.Random) -> list[Poly]:
    """A square table knocked onto its side as cover: the top faces the viewer,
    two legs stick out behind it; one is snapped."""
    top = paint.jagged([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], 1.2, 10, rng)
    polys = [top, [(x + w, y + 4), (x + w + 8, y + 10), (x + w + 8, y + h - 2), (x + w, y + h)]]
    for fy, length in ((0.12, 1.0), (0.85, 0.55)):
        a = (x + w * 0.9, y + h * fy)
        leg = stick(a, (a[0] + legs * length, a[1] - legs * length * 0.18), w * 0.055)
        polys.append(paint.jagged(leg, 0.8, 5, rng) if length < 1 else leg)
    return rot_all(polys, tilt, (x + w / 2, y + h))


def bottle(x: float, base: float, h: float, w: float, kind: int, broken: bool,
           rng: random.Random) -> Poly:
    """Outline of a bottle standing at (x, base). ``kind`` picks the shape."""
    neck_w = w * (0.32 if kind != 2 else 0.45)
    shoulder = base - h * (0.62 if kind == 0 else 0.5 if kind == 1 else 0.75)
    neck_top = base - h
    if kind == 1:   # squat flask
        body = [(x - w / 2, base), (x + w / 2, base), (x + w / 2, shoulder), (x + neck_w / 2, shoulder - h * 0.12)]
    else:
        body = [(x - w / 2, base), (x + w / 2, base), (x + w / 2, shoulder),
                (x + neck_w / 2, shoulder - h * (0.16 if kind == 0 else 0.05))]
    right_neck = [(x + neck_w / 2, neck_top + h * 0.04), (x + neck_w * 0.62, neck_top + h * 0.02),
                  (x + neck_w * 0.62, neck_top), (x - neck_w * 0.62, neck_top),
                  (x - neck_w * 0.62, neck_top + h * 0.02), (x - neck_w / 2, neck_top + h * 0.04)]
    left = [(x - neck_w / 2, body[3][1]), (x - w / 2, body[2][1])]
    pts = body + right_neck + left
    if broken:
        cut = base - h * rng.uniform(0.35, 0.6)
        pts = [(px, max(py, cut + rng.uniform(-h * 0.12, h * 0.1))) for px, py in pts]
    return pts


def branch(polys: list, a, angle: float, length: float, width: float, depth: int,
           rng: random.Random, spread: float, shrink: float, bend: float) -> None:
    """A gnarled bare branch: three bent segments, then two or three children."""
    x, y = a
    w = width
    for _ in range(3):
        angle += rng.uniform(-bend, bend)
        nx, ny = x + math.cos(angle) * length / 3, y + math.sin(angle) * length / 3
        polys.append(paint.tapered((x, y), (nx, ny), w, w * 0.82))
        x, y, w = nx, ny, w * 0.82
    if depth <= 0 or w < 0.7:
        return
    kids = 2 if rng.random() < 0.6 else 3
    for i in range(kids):
        da = spread * ((i / (kids - 1)) - 0.5) * 2 + rng.uniform(-0.2, 0.2)
        branch(polys, (x, y), angle + da, length * rng.uniform(shrink - 0.1, shrink + 0.05),
               w * rng.uniform(0.7, 0.9), depth - 1, rng, spread, shrink, bend)


def tree(x: float, y: float, height: float, width: float, lean: float, depth: int,
         rng: random.Random, spread: float = 0.55, shrink: float = 0.72, bend: float = 0.25) -> list[Poly]:
    polys: list[Poly] = []
    trunk_top = (x + lean * height * 0.35, y - height * 0.35)
    polys.append([(x - width * 0.9, y + 4), (x + width * 0.9, y + 4),
                  (trunk_top[0] + width * 0.45, trunk_top[1]), (trunk_top[0] - width * 0.45, trunk_top[1])])
    for i in range(rng.choice((2, 3))):
        ang = -math.pi / 2 + lean + (i - 1) * 0.5 + rng.uniform(-0.2, 0.2)
        branch(polys, trunk_top, ang, height * rng.uniform(0.38, 0.5), width * 0.8, depth, rng,
               spread, shrink, bend)
    # roots
    for s in (-1, 1):
        polys.append([(x + s * width * 0.5, y - height * 0.06), (x + s * width * 2.2, y + 6),
                      (x + s * width * 0.2, y + 6)])
    return polys


def stone(x: float, base: float, w: float, h: float, kind: str, rng: random.Random,
          tilt: float = 0.0) -> list[Poly]:
    """A gravestone: ``round``, ``cross``, ``obelisk``, ``slab`` or ``broken``."""
    if kind == "cross":
        t = w * 0.28
        polys = [[(x - t / 2, base), (x + t / 2, base), (x + t / 2, base - h), (x - t / 2, base - h)],
                 [(x - w / 2, base - h * 0.72), (x + w / 2, base - h * 0.72),
                  (x + w / 2, base - h * 0.72 + t), (x - w / 2, base - h * 0.72 + t)],
                 [(x - w * 0.4, base), (x + w * 0.4, base), (x + w * 0.35, base - h * 0.1),
                  (x - w * 0.35, base - h * 0.1)]]
    elif kind == "obelisk":
        polys = [[(x - w / 2, base), (x + w / 2, base), (x + w * 0.32, base - h * 0.9), (x, base - h),
                  (x - w * 0.32, base - h * 0.9)],
                 [(x - w * 0.7, base), (x + w * 0.7, base), (x + w * 0.6, base - h * 0.12),
                  (x - w * 0.6, base - h * 0.12)]]
    else:
        r = w / 2
        arc = [(x + r * math.cos(a), base - h + r - r * 0.85 * math.sin(a))
               for a in (i / 16 * math.pi for i in range(17))]
        pts = [(x - w / 2, base), (x + w / 2, base)] + arc
        if kind == "slab":
            pts = [(x - w / 2, base), (x + w / 2, base), (x + w / 2, base - h), (x - w / 2, base - h)]
        if kind == "broken":
            pts = paint.jagged(pts[:2] + [(x + w / 2, base - h * 0.55), (x + w * 0.1, base - h * 0.75),
                                          (x - w / 2, base - h * 0.62)], 2.5, 6, rng)
        polys = [paint.jagged(pts, 0.8, 7, rng)]
    return rot_all(polys, tilt, (x, base))
