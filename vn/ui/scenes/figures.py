"""Character figures: Willy's silhouette, Buffy's spirit, generic people, runners.

Bodies are built from a few primitives in "unit" coordinates (1.0 = standing
height, y grows downward, origin at the feet or the seat), rendered once into a
supersampled mask, then turned into sprites:

* silhouette: a near-black body with a thin rim light and an optional back glow;
* spirit:     a pale additive body with a soft halo, fading toward the feet;
* figure:     like a silhouette, but with a dim lit fill instead of black.
"""
from __future__ import annotations

import math

import pygame

from . import paint
from .data import figures_config

Part = tuple


def _t(a, b, wa, wb) -> Part:
    return ("t", a, b, wa, wb)


def _e(cx, cy, rx, ry) -> Part:
    return ("e", cx, cy, rx, ry)


def _c(cx, cy, r) -> Part:
    return ("e", cx, cy, r, r)


def _p(*pts) -> Part:
    return ("p", pts)


def standing(build: float = 1.0, coat: bool = True) -> list[Part]:
    b = build
    parts = [_e(0, -0.925, 0.052, 0.066), _t((0, -0.88), (0, -0.82), 0.045, 0.055),
             _p((-0.12 * b, -0.82), (0.12 * b, -0.82), (0.10 * b, -0.6), (0.095 * b, -0.47),
                (-0.095 * b, -0.47), (-0.10 * b, -0.6))]
    for s in (-1, 1):
        parts += [_c(s * 0.105 * b, -0.795, 0.036),
                  _t((s * 0.115 * b, -0.79), (s * 0.14 * b, -0.62), 0.055, 0.045),
                  _t((s * 0.14 * b, -0.62), (s * 0.125 * b, -0.45), 0.045, 0.035),
                  _c(s * 0.125 * b, -0.44, 0.024),
                  _t((s * 0.05, -0.48), (s * 0.06, -0.25), 0.09, 0.065),
                  _t((s * 0.06, -0.25), (s * 0.065, -0.03), 0.06, 0.045),
                  _e(s * 0.075, -0.015, 0.04, 0.018)]
    if coat:
        parts.append(_p((-0.12 * b, -0.8), (0.12 * b, -0.8), (0.16 * b, -0.3), (0.02, -0.32),
                        (-0.02, -0.32), (-0.16 * b, -0.3)))
    return parts


def willy() -> list[Part]:
    """A heavy man behind his bar, head low, shotgun held across the body."""
    parts = [_e(-0.012, -0.918, 0.05, 0.064),                               # head, bowed
             _p((-0.05, -0.93), (0.035, -0.93), (0.04, -0.87), (0.0, -0.848), (-0.045, -0.87)),  # jaw
             _t((-0.005, -0.87), (0.0, -0.83), 0.075, 0.085),                # neck
             _p((-0.045, -0.862), (0.045, -0.862), (0.12, -0.815), (0.15, -0.77), (0.155, -0.7),
                (0.162, -0.56), (0.15, -0.4), (-0.15, -0.4), (-0.162, -0.56), (-0.155, -0.7),
                (-0.15, -0.77), (-0.12, -0.815))]
    for s in (-1, 1):
        parts += [_c(s * 0.128, -0.768, 0.04), _t((s * 0.148, -0.76), (s * 0.168, -0.625), 0.064, 0.056)]
    parts += [_t((-0.168, -0.625), (-0.085, -0.6), 0.054, 0.046), _c(-0.08, -0.6, 0.03),
              _t((0.168, -0.625), (0.11, -0.5), 0.054, 0.046), _c(0.105, -0.495, 0.032),
              _t((0.17, -0.47), (-0.34, -0.7), 0.03, 0.026),       # barrels
              _t((-0.05, -0.555), (-0.2, -0.625), 0.045, 0.04),    # fore-end
              _t((0.1, -0.5), (0.23, -0.43), 0.05, 0.075)]         # stock
    return parts


def sitting() -> list[Part]:
    """A young woman sitting on a ledge (origin: the seat), hands beside her hips,
    head bowed a little, ankles crossed."""
    parts = [_p((-0.046, -0.47), (-0.064, -0.40), (-0.08, -0.33), (-0.045, -0.35), (0.0, -0.372),
                (0.045, -0.35), (0.088, -0.315), (0.07, -0.41), (0.058, -0.48), (0.006, -0.505)),
             _e(0.012, -0.44, 0.044, 0.056), _t((0.004, -0.39), (0.0, -0.35), 0.032, 0.038),
             _p((-0.09, -0.352), (0.092, -0.352), (0.08, -0.2), (0.09, -0.05), (0.118, 0.0),
                (-0.118, 0.0), (-0.09, -0.05), (-0.078, -0.2))]
    for s in (-1, 1):
        parts += [_c(s * 0.082, -0.332, 0.03),
                  _t((s * 0.092, -0.328), (s * 0.13, -0.17), 0.04, 0.034),
                  _t((s * 0.13, -0.17), (s * 0.15, -0.012), 0.033, 0.027),
                  _e(s * 0.156, 0.0, 0.026, 0.014),
                  _t((s * 0.055, -0.015), (s * 0.072, 0.045), 0.09, 0.082),
                  _c(s * 0.072, 0.045, 0.043)]
    parts += [_t((-0.072, 0.05), (0.03, 0.26), 0.058, 0.038), _t((0.072, 0.05), (-0.02, 0.25), 0.058, 0.038),
              _e(0.04, 0.272, 0.03, 0.018), _e(-0.032, 0.262, 0.03, 0.018)]
    return parts


def runner(phase: float) -> list[Part]:
    """Side view of someone running to the left; ``phase`` in radians."""
    hip = (0.0, -0.5)
    sh = (-0.07, -0.78)
    parts = [_t(hip, sh, 0.12, 0.14), _e(-0.1, -0.885, 0.05, 0.06), _t((-0.085, -0.84), sh, 0.04, 0.05)]
    for side in (0.0, math.pi):
        a = phase + side
        th = 0.7 * math.sin(a)
        knee = (hip[0] - 0.25 * math.sin(th), hip[1] + 0.25 * math.cos(th))
        bend = 0.2 + 1.3 * max(0.0, math.sin(a + 1.9))
        sa = th - bend
        foot = (knee[0] - 0.26 * math.sin(sa), knee[1] + 0.26 * math.cos(sa))
        parts += [_t(hip, knee, 0.09, 0.06), _t(knee, foot, 0.06, 0.04),
                  _e(foot[0] - 0.025, foot[1], 0.04, 0.017)]
        ua = -0.9 * math.sin(a)
        elbow = (sh[0] - 0.15 * math.sin(ua), sh[1] + 0.15 * math.cos(ua))
        fa = ua - 1.5
        hand = (elbow[0] - 0.13 * math.sin(fa), elbow[1] + 0.13 * math.cos(fa))
        parts += [_t(sh, elbow, 0.05, 0.04), _t(elbow, hand, 0.04, 0.03)]
    return parts


POSES = {"standing": standing, "willy": willy, "sitting": sitting}


def mask(parts: list[Part], height: float, ss: int = 3) -> tuple[pygame.Surface, tuple[int, int]]:
    """White-on-transparent mask of the parts; returns (surface, origin in pixels)."""
    pad = 0.08
    xs, ys = [], []
    for p in parts:
        if p[0] == "t":
            xs += [p[1][0], p[2][0]]
            ys += [p[1][1], p[2][1]]
        elif p[0] == "e":
            xs += [p[1] - p[3], p[1] + p[3]]
            ys += [p[2] - p[4], p[2] + p[4]]
        else:
            xs += [q[0] for q in p[1]]
            ys += [q[1] for q in p[1]]
    x0, x1, y0, y1 = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
    w, h = max(4, int((x1 - x0) * height)), max(4, int((y1 - y0) * height))
    cv = paint.Canvas((w, h), ss)
    white = (255, 255, 255, 255)

    def pt(q):
        return ((q[0] - x0) * height, (q[1] - y0) * height)
    for p in parts:
        if p[0] == "t":
            a, b = pt(p[1]), pt(p[2])
            cv.poly(paint.tapered(a, b, p[3] * height, p[4] * height), white)
            cv.circle(a, p[3] * height / 2, white)
            cv.circle(b, p[4] * height / 2, white)
        elif p[0] == "e":
            cx, cy = pt((p[1], p[2]))
            cv.ellipse((cx - p[3] * height, cy - p[4] * height, 2 * p[3] * height, 2 * p[4] * height), white)
        else:
            cv.poly([pt(q) for q in p[1]], white)
    return cv.result(), (int(-x0 * height), int(-y0 * height))


def _colored(m: pygame.Surface, color) -> pygame.Surface:
    """RGB-on-black copy of an alpha mask in one colour."""
    out = pygame.Surface(m.get_size())
    out.fill((0, 0, 0))
    tinted = m.copy()
    tinted.fill(paint.rgb(color) + (255,), special_flags=pygame.BLEND_RGBA_MULT)
    out.blit(tinted, (0, 0))
    return out


def _blurred(m: pygame.Surface, radius: int, pad: int) -> pygame.Surface:
    w, h = m.get_size()
    big = pygame.Surface((w + 2 * pad, h + 2 * pad), pygame.SRCALPHA)
    big.fill((255, 255, 255, 0))
    big.blit(m, (pad, pad))
    small = pygame.transform.smoothscale(big, ((w + 2 * pad) // 4 + 1, (h + 2 * pad) // 4 + 1))
    small = pygame.transform.box_blur(small, max(1, radius // 4))
    return pygame.transform.smoothscale(small, big.get_size())


LIT_STEPS = 24      # brightness steps of a figure's glowing parts


class Figure:
    """Pre-rendered figure sprites drawn at a fixed anchor with a gentle motion.

    The additive parts (rim or glowing body, back glow) are one sprite each,
    drawn at the brightness of the moment through the scene's scratch surface."""

    def __init__(self, anchor, origin, body=None, add=None, halo=None, clip=None,
                 bob=(0.0, 0.3), pulse=(1.0, 1.0, 0.2), levels: int = 8, add_floor: float = 0.1,
                 halo_floor: float = 0.1):
        self.anchor = anchor
        self.origin = origin
        self.body = paint.prep(body, alpha=True) if body is not None else None
        self.add = _sprite(add)         # the additive part at full brightness
        self.halo = _sprite(halo)       # a back glow (drawn first)
        self.halo_pad = 0
        self.under: pygame.Surface | None = None   # BLEND_RGB_MULT veil drawn before the glow
        self.clip = pygame.Rect(clip) if clip else None
        self.bob = bob
        self.pulse = pulse
        self.levels = levels
        self.add_floor = add_floor
        self.halo_floor = halo_floor
        self.t = 0.0
        # the glowing parts at the brightness steps met so far (a pulse or a flicker
        # keeps to a few of them), so a frame adds each part with one blit
        self._lit: dict[tuple[str, int], pygame.Surface] = {}

    def update(self, dt: float) -> None:
        self.t += dt

    def _level(self, k: float, floor: float) -> float:
        n = self.levels
        return floor + (1 - floor) * min(1.0, max(1.0 / n, k - 0.5 / n))

    def draw(self, surf: pygame.Surface, light: float = 1.0, scratch: paint.Scratch | None = None) -> None:
        scratch = scratch or paint.Scratch()
        amp, freq = self.bob
        y = self.anchor[1] - self.origin[1] + amp * math.sin(self.t * freq * math.tau)
        x = self.anchor[0] - self.origin[0]
        lo, hi, f = self.pulse
        k = light * (lo + (hi - lo) * (0.5 + 0.5 * math.sin(self.t * f * math.tau)))
        old = surf.get_clip()
        if self.clip is not None:
            surf.set_clip(self.clip)
        if self.under is not None:
            surf.blit(self.under, (int(x), int(y)), special_flags=pygame.BLEND_RGB_MULT)
        if self.halo is not None:
            self._add_lit(surf, "halo", (int(x) - self.halo_pad, int(y) - self.halo_pad),
                          self._level(k, self.halo_floor), scratch)
        if self.body is not None:
            surf.blit(self.body, (int(x), int(y)))
        if self.add is not None and k > 0.02:
            self._add_lit(surf, "add", (int(x), int(y)), self._level(k, self.add_floor), scratch)
        surf.set_clip(old)

    def _add_lit(self, surf: pygame.Surface, part: str, pos, k: float, scratch: paint.Scratch) -> None:
        """Add glowing ``part`` at brightness ``k``, rounded to one of LIT_STEPS steps."""
        step = max(1, min(LIT_STEPS, round(k * LIT_STEPS)))
        image = self._lit.get((part, step))
        if image is None:
            sprite = getattr(self, part)
            image = paint.prep(pygame.Surface(sprite.get_size()))
            image.fill((0, 0, 0))
            _add(image, sprite, (0, 0), step / LIT_STEPS, scratch)
            self._lit[(part, step)] = image
        surf.blit(image, pos, special_flags=pygame.BLEND_RGB_ADD)


def _sprite(s):
    if s is None or isinstance(s, paint.RampSprite):
        return s
    return paint.prep(s)


def _add(surf, sprite, pos, k: float, scratch) -> None:
    if isinstance(sprite, paint.RampSprite):
        sprite.draw(surf, pos, k, scratch)
    else:
        paint.add_scaled(surf, sprite, pos, k, scratch)


def _tint(surf: pygame.Surface, color, k: float = 1.0) -> pygame.Surface:
    surf.fill(paint.shade(color, k), special_flags=pygame.BLEND_RGB_MULT)
    return surf


def _spirit(m: pygame.Surface, origin, anchor, style: dict, n: int, clip) -> Figure:
    """Translucent and glowing: a faint body, brighter edges, a soft halo,
    everything fading out toward the feet; drawn additively."""
    w, h = m.get_size()
    pad = int(style.get("halo_pad", 24))
    size = (w + 2 * pad, h + 2 * pad)
    fade = paint.vgradient(size, [[0.0, "#ffffff"], [style.get("fade_from", 0.6), "#ffffff"],
                                  [1.0, style.get("fade_to", "#202020")]])
    out = _tint(_colored(_blurred(m, int(style.get("halo_blur", 24)), pad), "#ffffff"), style["halo"])
    solid = _colored(m, "#ffffff")
    soft = _colored(_blurred(m, int(style.get("edge_blur", 8)), 0), "#ffffff")
    edge = solid.copy()
    edge.blit(soft, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    out.blit(_tint(solid, style["core"], style.get("core_k", 0.4)), (pad, pad), special_flags=pygame.BLEND_RGB_ADD)
    out.blit(_tint(edge, style.get("edge", style["core"]), style.get("edge_k", 1.6)), (pad, pad),
             special_flags=pygame.BLEND_RGB_ADD)
    out.blit(fade, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
    fig = Figure(anchor, (origin[0] + pad, origin[1] + pad), add=out, clip=clip,
                 bob=tuple(style.get("bob", (2.0, 0.2))), pulse=tuple(style.get("pulse", (0.75, 1.0, 0.25))),
                 levels=n, add_floor=0.25)
    if style.get("veil"):
        body = _colored(_blurred(m, 6, pad), "#ffffff")
        body.blit(fade, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
        fig.under = paint.prep(paint.darkening(body, style["veil"], style.get("veil_k", 0.4)))
    return fig


def build(parts: list[Part], kind: str, height: float, anchor, style: dict, clip=None) -> Figure:
    """Turn body parts into a Figure of the given kind using colours from ``style``."""
    m, origin = mask(parts, height)
    n = int(style.get("levels", 8))
    if kind == "spirit":
        return _spirit(m, origin, anchor, style, n, clip)
    fill = style["fill"] if kind == "silhouette" else style.get("figure_fill", "#3a302a")
    body = m.copy()
    body.fill(paint.rgb(fill) + (255,), special_flags=pygame.BLEND_RGBA_MULT)
    dx, dy = style.get("light_dir", (-1.0, -1.0))
    rim_w = float(style.get("rim_width", 2.0))
    rim = _colored(m, "#ffffff")
    rim.blit(_colored(m, "#ffffff"), (int(-dx * rim_w), int(-dy * rim_w)), special_flags=pygame.BLEND_RGB_SUB)
    fig = Figure(anchor, origin, body=body, add=paint.RampSprite(rim, style["rim"]), clip=clip,
                 bob=tuple(style.get("bob", (1.0, 0.25))), pulse=(1.0, 1.0, 0.1), levels=n)
    if style.get("halo"):
        pad = int(style.get("halo_pad", 16))
        fig.halo = paint.RampSprite(_colored(_blurred(m, int(style.get("halo_blur", 16)), pad), "#ffffff"),
                                    style["halo"])
        fig.halo_pad = pad
    return fig


def generic(character: str, kind: str, at: str, scene_figs: dict, seed: int = 0) -> Figure:
    """Anyone else, standing on the scene's floor line at left / center / right."""
    g = dict(figures_config()["generic"])
    g.update(scene_figs.get("generic", {}))
    xs = g["x"]
    x = xs.get(at, xs["center"])
    style = dict(g["spirit"] if kind == "spirit" else g["silhouette"])
    return build(standing(g.get("build", 1.0)), kind, g["height"], (x, g["floor_y"]), style)
