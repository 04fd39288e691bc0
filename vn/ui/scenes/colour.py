"""Colours for the painted scenes: ``(r, g, b)`` tuples or ``"#rrggbb"`` strings,
mixing, shading and sampling colour ramps."""
from __future__ import annotations

from typing import Sequence

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
