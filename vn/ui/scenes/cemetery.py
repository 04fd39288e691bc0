"""The cemetery at sunrise; variant ``empty`` (the stone without Buffy, colder light).

The geometry (hills, stones, trees, the angel, the fence) is drawn once as
alpha masks; each keyframe of the dawn colours them with its own palette.  A
frame shows a blend of the two keyframes around the current time (refreshed a
horizontal band per frame, so the blend costs almost nothing), then the sun,
its rays, the stone in front of it, drifting mist and Buffy.
"""
from __future__ import annotations

import math
import random
from functools import lru_cache

import pygame

from . import figures, paint, props
from . import light as lighting
from .base import PaintedScene
from .data import LOGICAL_SIZE, scene_config
from .particles import MistBand, Particles, glow_ramp, haze_texture

W, H = LOGICAL_SIZE


def _hill(y: float, amp: float, waves, rng: random.Random, bumps=None) -> list:
    pts = [(-10, H + 10)]
    ph = [rng.uniform(0, math.tau) for _ in waves]
    for x in range(-10, W + 21, 16):
        yy = y + sum(amp * a * math.sin(x / wl * math.tau + p) for (wl, a), p in zip(waves, ph))
        if bumps:
            for bx, bw, bh in bumps:
                yy -= bh * max(0.0, 1 - ((x - bx) / bw) ** 2)
        pts.append((x, yy))
    pts.append((W + 20, H + 10))
    return pts


def _angel(x: float, base: float, s: float) -> list:
    return [[(x - 26 * s, base), (x + 26 * s, base), (x + 22 * s, base - 40 * s), (x - 22 * s, base - 40 * s)],
            [(x - 16 * s, base - 40 * s), (x + 16 * s, base - 40 * s), (x + 7 * s, base - 110 * s),
             (x - 7 * s, base - 110 * s)],
            [(x + 9 * s * math.cos(a), base - 120 * s + 10 * s * math.sin(a)) for a in
             (i / 12 * math.tau for i in range(12))],
            [(x - 4 * s, base - 100 * s), (x - 40 * s, base - 140 * s), (x - 30 * s, base - 90 * s),
             (x - 12 * s, base - 72 * s)],
            [(x + 4 * s, base - 100 * s), (x + 40 * s, base - 140 * s), (x + 30 * s, base - 90 * s),
             (x + 12 * s, base - 72 * s)]]


class _Masks:
    """Geometry of each depth layer as a white mask, plus rim masks toward the sun."""

    def __init__(self, c: dict, rng: random.Random):
        self.c, self.rng = c, rng
        self.sun_end = c["sun"]["path"][1]
        self.layers: dict[str, pygame.Surface] = {}
        self.rims: dict[str, pygame.Surface] = {}

    def _layer(self, name: str, polys_rim: list, plain: list, rim_w: float) -> None:
        body = paint.Canvas(LOGICAL_SIZE, 2)
        rim = paint.Canvas(LOGICAL_SIZE, 2)
        white, black = (255, 255, 255, 255), (0, 0, 0, 0)
        for poly in plain:
            body.poly(poly, white)
            rim.poly(poly, black)
        for poly in polys_rim:
            xs = [p[0] for p in poly]
            ys = [p[1] for p in poly]
            cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
            dx, dy = self.sun_end[0] - cx, self.sun_end[1] - cy
            n = math.hypot(dx, dy) or 1
            rim.poly(paint.offset(poly, dx / n * rim_w, dy / n * rim_w - rim_w * 0.5), white)
            rim.poly(poly, black)
            body.poly(poly, white)
        self.layers[name] = body.result()
        r = rim.result()
        r.fill((255, 255, 255, 255), special_flags=pygame.BLEND_RGBA_MIN)
        self.rims[name] = r

    def build(self) -> None:
        c, rng = self.c, self.rng
        g = c["ground"]
        self._layer("far", [], [_hill(*g["far"], [(700, 0.6), (260, 0.4)], rng)] +
                    [p for x, y, h in c["far_trees"] for p in props.tree(x, y, h, h * 0.04, 0, 3, rng)], 0)
        mid = [_hill(*g["mid"], [(900, 0.7), (330, 0.3)], rng)]
        chapel = c["chapel"]
        x, y, w, h = chapel
        mid += [[(x, y), (x + w, y), (x + w, y - h), (x + w / 2, y - h * 1.45), (x, y - h)],
                [(x + w * 0.4, y - h * 1.35), (x + w * 0.6, y - h * 1.35), (x + w * 0.55, y - h * 2.1),
                 (x + w * 0.45, y - h * 2.1)],
                [(x + w * 0.3, y - h * 1.85), (x + w * 0.7, y - h * 1.85), (x + w * 0.7, y - h * 1.78),
                 (x + w * 0.3, y - h * 1.78)]]
        rims = []
        av0, av1 = c["avoid"]
        for y0, scale, n, x0, x1 in c["stone_rows"]:
            for _ in range(n):
                kind = rng.choice(("round", "round", "cross", "slab", "obelisk", "broken"))
                sx = rng.uniform(x0, x1)
                if y0 > c["avoid_below"] and av0 < sx < av1:
                    continue
                rims += props.stone(sx, y0 + rng.uniform(-4, 4) * scale, 26 * scale * rng.uniform(0.8, 1.3),
                                    44 * scale * rng.uniform(0.8, 1.4), kind, rng, rng.uniform(-0.12, 0.12))
        self._layer("mid", rims[: len(rims) // 2], mid, 1.2)
        near = [_hill(*g["near"], [(1100, 0.6), (400, 0.4)], rng, [g["rise"]])]
        rims_near = rims[len(rims) // 2:]
        ax, ab, asc = c["angel"]
        rims_near += _angel(ax, ab, asc)
        for x, y, h, w, lean in c["trees"]:
            rims_near += props.tree(x, y, h, w, lean, 5, rng, 0.6, 0.7, 0.3)
        self._layer("near", rims_near, near, 2.0)
        m = c["main_stone"]
        main = props.stone(m["x"], m["base"], m["w"], m["h"], "round", rng)
        main.append([(m["x"] - m["w"] * 0.62, m["base"] + 4), (m["x"] + m["w"] * 0.62, m["base"] + 4),
                     (m["x"] + m["w"] * 0.55, m["base"] - 12), (m["x"] - m["w"] * 0.55, m["base"] - 12)])
        self._layer("main", main, [], 2.5)
        fence = []
        f = c["fence"]
        for x in range(-10, W + 10, f["spacing"]):
            top = f["y"] - f["height"] - 6 * math.sin(x * 0.05)
            fence += [[(x - 2, f["y"] + 40), (x + 2, f["y"] + 40), (x + 2, top), (x, top - 10), (x - 2, top)]]
        fence += [[(-10, f["y"] - 14), (W + 10, f["y"] - 20), (W + 10, f["y"] - 16), (-10, f["y"] - 10)],
                  [(-10, f["y"] + 20), (W + 10, f["y"] + 14), (W + 10, f["y"] + 18), (-10, f["y"] + 24)]]
        self._layer("fence", fence, [], 1.5)


def _colored(mask: pygame.Surface, color, shade: pygame.Surface | None = None) -> pygame.Surface:
    out = mask.copy()
    out.fill(paint.rgb(color) + (255,), special_flags=pygame.BLEND_RGBA_MULT)
    if shade is not None:
        out.blit(shade, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
    return out


@lru_cache(maxsize=1)
def build_layers(variant: str | None, seed: int) -> dict:
    c = scene_config("cemetery")
    rng = random.Random(seed * 313 + 7)
    m = _Masks(c, rng)
    m.build()
    keys = c["keyframes_empty" if variant == "empty" else "keyframes"]
    shade = paint.vgradient(LOGICAL_SIZE, c["layer_shade"])
    tex = paint.contrast(paint.noise(LOGICAL_SIZE, c["texture"][0], rng, 4, 0.55), 60, 200, 1, *c["texture"][1:])
    grain_rng = random.Random(seed)
    frames, mains = [], []
    order = ("far", "mid", "near", "main", "fence")
    for k in keys:
        img = paint.vgradient(LOGICAL_SIZE, k["sky"])
        clouds = paint.contrast(paint.noise(LOGICAL_SIZE, 150, random.Random(seed + 1), 4, 0.6, (5, 0.7)),
                                *c["clouds"])
        cl = pygame.Surface(LOGICAL_SIZE)
        cl.fill(paint.rgb(k["clouds"]))
        cl.blit(clouds, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
        img.blit(cl, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
        for name in order:
            layer = _colored(m.layers[name], k[name], shade)
            rim = _colored(m.rims[name], k["rim"])
            rim.fill((255, 255, 255, int(255 * k["rim_k"])), special_flags=pygame.BLEND_RGBA_MULT)
            if name == "main":
                both = layer.copy()
                both.blit(rim, (0, 0))
                mains.append(both)
            img.blit(layer, (0, 0))
            img.blit(rim, (0, 0))
        img.blit(tex, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
        grain_rng.seed(seed)
        frames.append(paint.prep(lighting.finish(img, grain_rng, c["grain"], c["vignette"])))
    ms = c["main_stone"]
    box = pygame.Rect(0, 0, int(ms["w"] * 1.4), int(ms["h"] + 40))
    box.midbottom = (ms["x"], ms["base"] + 20)
    occ = [paint.prep(s.subsurface(box).copy(), True) for s in mains]
    mist = haze_texture(W, c["mist"]["height"], c["mist"]["cell"], rng, (4.0, 1.0), 60, 210, 1.1)
    return {"frames": frames, "times": [k["t"] for k in keys], "occluder": occ, "occ_pos": box.topleft,
            "keys": keys, "mist": mist}


def _rays(c: dict, rng: random.Random) -> pygame.Surface:
    r = c["rays"]
    w, h = r["size"]
    cv = paint.Canvas((w, h), 1, alpha=False, fill=(0, 0, 0))
    cx, cy = w / 2, h / 2
    for _ in range(r["count"]):
        a = rng.uniform(*r["spread"])
        width = rng.uniform(*r["width"])
        v = int(255 * rng.uniform(0.25, 1.0))
        far = max(w, h)
        cv.poly([(cx, cy), (cx + math.cos(a - width) * far, cy + math.sin(a - width) * far),
                 (cx + math.cos(a + width) * far, cy + math.sin(a + width) * far)], (v, v, v))
    out = pygame.transform.box_blur(cv.result(), 6)
    fall = paint.glow(w / 2, h / 2, (255, 255, 255), 1.2)
    out.blit(fall, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
    return paint.prep(out)


class _SunGlow:
    """Halo plus rays tinted by the dawn colours; the tint changes slowly, so the
    tinted image is refreshed one band of rows per frame and only added."""

    def __init__(self, halo: pygame.Surface, rays: pygame.Surface, bands: int):
        self.size = rays.get_size()
        self.halo = pygame.Surface(self.size)
        self.halo.fill((0, 0, 0))
        self.halo.blit(halo, ((self.size[0] - halo.get_width()) // 2, (self.size[1] - halo.get_height()) // 2))
        self.halo = paint.prep(self.halo)
        self.rays = rays
        self.out = paint.prep(pygame.Surface(self.size))
        self.tmp = paint.prep(pygame.Surface(self.size))
        self.bands = bands
        self.band = 0
        self.key = None

    def _band(self, i: int, ta, tb) -> None:
        bh = (self.size[1] + self.bands - 1) // self.bands
        r = pygame.Rect(0, i * bh, self.size[0], bh)
        self.out.blit(self.halo, r, r)
        self.out.fill(ta, r, special_flags=pygame.BLEND_RGB_MULT)
        self.tmp.blit(self.rays, r, r)
        self.tmp.fill(tb, r, special_flags=pygame.BLEND_RGB_MULT)
        self.out.blit(self.tmp, r, r, special_flags=pygame.BLEND_RGB_ADD)

    def draw(self, surf: pygame.Surface, center, ta, tb) -> None:
        key = ta + tb
        if self.key is None or max(abs(a - b) for a, b in zip(key, self.key)) > 6:
            for i in range(self.bands):
                self._band(i, ta, tb)
            self.key, self.band = key, 0
        else:
            self._band(self.band, ta, tb)
            self.band = (self.band + 1) % self.bands
            if self.band == 0:
                self.key = key
        surf.blit(self.out, (int(center[0] - self.size[0] / 2), int(center[1] - self.size[1] / 2)),
                  special_flags=pygame.BLEND_RGB_ADD)


class CemeteryScene(PaintedScene):
    name = "cemetery"
    variants = (None, "empty")

    def _build(self) -> None:
        c, rng = self.cfg, self.rng
        self.S = build_layers(self.variant, self.seed)
        self.comp = paint.prep(pygame.Surface(LOGICAL_SIZE))
        self._band = 0
        self._cycle_key = (-1, -1.0)
        self.progress = 0.0
        sun = c["sun"]
        self.glow = _SunGlow(paint.glow(sun["halo"], sun["halo"], (255, 255, 255), sun["halo_power"]),
                             _rays(c, random.Random(self.seed + 5)), c["glow_bands"])
        self.disc = paint.glow(sun["radius"], sun["radius"], (255, 255, 255), 0.35, 1.0)
        self.tmp = {}
        mi = c["mist"]
        self.mists = []
        for y, hgt, speed, strength in mi["bands"]:
            profile = paint.vgradient((4, hgt), [[0, "#000000"], [0.5, "#ffffff"], [1, "#000000"]])
            tex = self.S["mist"].subsurface((0, 0, self.S["mist"].get_width(), hgt))
            self.mists.append((MistBand(tex, profile), y, speed, strength))
        mo = c["motes"]
        st = c["main_stone"]
        top = st["base"] - st["h"]
        self.motes = Particles(rng, [glow_ramp(mo["ramp"], [r, r], 6, 2.0) for r in mo["sizes"]], mo,
                               [[st["x"] - 90, top - 140, st["x"] + 90, top + 40]])
        self.motes.prefill(3.0)

    def _figure_for(self, character: str, kind: str, at: str) -> figures.Figure:
        f = self.cfg["figures"].get(character)
        if f is None:
            return super()._figure_for(character, kind, at)
        st = self.cfg["main_stone"]
        anchor = (st["x"] + f["dx"], st["base"] - st["h"] + f["dy"])
        return figures.build(figures.POSES[f["pose"]](), kind, f["height"], anchor, f["style"])

    # ------------------------------------------------------------ time
    def _keys(self) -> tuple[int, float]:
        times = self.S["times"]
        t = min(self.t * self.cfg["speed"], times[-1])
        for i in range(len(times) - 1):
            if t <= times[i + 1]:
                return i, (t - times[i]) / (times[i + 1] - times[i])
        return len(times) - 2, 1.0

    def _color(self, field: str) -> tuple[int, int, int]:
        i, a = self._keys()
        keys = self.S["keys"]
        return paint.mix(keys[i][field], keys[i + 1][field], a)

    def _value(self, field: str) -> float:
        i, a = self._keys()
        keys = self.S["keys"]
        return keys[i][field] + (keys[i + 1][field] - keys[i][field]) * a

    def _update(self, dt: float) -> None:
        times = self.S["times"]
        self.progress = min(1.0, self.t * self.cfg["speed"] / times[-1])
        self.motes.update(dt, 0.0 if self.variant == "empty" and "buffy" not in self._figures else 1.0)

    def _refresh(self, rows: int) -> None:
        """Blend the two current keyframes into ``comp`` for the next band of rows."""
        i, a = self._keys()
        frames = self.S["frames"]
        n = self.cfg["bands"]
        bh = (H + n - 1) // n
        for _ in range(rows):
            r = pygame.Rect(0, self._band * bh, W, bh)
            self.comp.blit(frames[i], r, r)
            if a > 0.004:
                frames[i + 1].set_alpha(min(254, int(a * 255)))
                self.comp.blit(frames[i + 1], r, r)
                frames[i + 1].set_alpha(None)
            self._band = (self._band + 1) % n

    def _tinted(self, surf, sprite, center, color, k) -> None:
        size = sprite.get_size()
        tmp = self.tmp.get(size)
        if tmp is None:
            tmp = self.tmp[size] = paint.prep(pygame.Surface(size))
        tmp.blit(sprite, (0, 0))
        tmp.fill(paint.shade(color, k), special_flags=pygame.BLEND_RGB_MULT)
        surf.blit(tmp, (int(center[0] - size[0] / 2), int(center[1] - size[1] / 2)),
                  special_flags=pygame.BLEND_RGB_ADD)

    def _draw(self, surf: pygame.Surface) -> None:
        c = self.cfg
        i, a = self._keys()
        ci, ca = self._cycle_key
        if i != ci or abs(a - ca) > c["max_band_lag"]:
            self._band = 0
            self._refresh(c["bands"])          # long jump (first frame, no draws for a while)
            self._cycle_key = (i, a)
        else:
            if self._band == 0:
                self._cycle_key = (i, a)
            self._refresh(1)
        surf.blit(self.comp, (0, 0))
        sun = c["sun"]
        p = self.progress
        e = p * p * (3 - 2 * p)
        (x0, y0), (x1, y1) = sun["path"]
        pos = (x0 + (x1 - x0) * e, y0 + (y1 - y0) * e)
        sun_k = self._value("sun_k")
        halo = self._color("halo")
        self.glow.draw(surf, pos, paint.shade(halo, sun_k), paint.shade(halo, sun_k * self._value("rays_k")))
        old = surf.get_clip()
        surf.set_clip((0, 0, W, sun["clip_y"]))
        self._tinted(surf, self.disc, pos, self._color("sun"), min(1.0, sun_k * 1.5))
        surf.set_clip(old)
        i, a = self._keys()
        occ = self.S["occluder"]
        surf.blit(occ[i], self.S["occ_pos"])
        if a > 0.004:
            paint.blit_alpha(surf, occ[i + 1], a, self.S["occ_pos"])
        mist = self._color("mist")
        for hz, y, speed, strength in self.mists:
            hz.draw(surf, y, self.t * speed, paint.shade(mist, strength))
        self._draw_figures(surf, 1.0)
        if self.variant != "empty" or "buffy" in self._figures:
            self.motes.draw(surf)
