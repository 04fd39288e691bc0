"""The cemetery's static layers (see ``cemetery.py`` for how a frame uses them).

The geometry (hills, stones, trees, the angel, the fence) is drawn once as grey
masks and turned into a few 8-bit "bases": each depth layer's visible coverage
times its shading and the canvas texture, the open sky, the clouds, the rim
light; with the sun's halo and rays, the stone that stands in front of the sun,
and the mist texture.  Colours are not painted in: the scene tints the bases
with the dawn's colours of the moment.
"""
from __future__ import annotations

import math
import random

import pygame

from . import cache, paint, props
from . import light as lighting
from .data import LOGICAL_SIZE, scene_config
from .particles import haze_texture

W, H = LOGICAL_SIZE
MULT, ADD = pygame.BLEND_RGB_MULT, pygame.BLEND_RGB_ADD


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
    """Geometry of each depth layer as grey masks (white on black), plus rim masks
    toward the sun; recorded now, rasterised a layer at a time by ``rasterise``."""

    ORDER = ("far", "mid", "near", "main", "fence")

    def __init__(self, c: dict, rng: random.Random):
        self.c, self.rng = c, rng
        self.sun_end = c["sun"]["path"][1]
        self.canvases: dict[str, tuple[paint.Canvas, paint.Canvas]] = {}
        self.main_polys: tuple[list, list] = ([], [])

    def _draw(self, body, rim, polys_rim: list, plain: list, rim_w: float, white, black) -> None:
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

    def _layer(self, name: str, polys_rim: list, plain: list, rim_w: float) -> None:
        body = paint.Canvas(LOGICAL_SIZE, 2, alpha=False)
        rim = paint.Canvas(LOGICAL_SIZE, 2, alpha=False)
        self._draw(body, rim, polys_rim, plain, rim_w, (255, 255, 255), (0, 0, 0))
        self.canvases[name] = (body, rim)
        if name == "main":
            self.main_polys = (polys_rim, plain)

    def rasterise(self, name: str) -> tuple[pygame.Surface, pygame.Surface]:
        """(body, rim) of a layer as 8-bit grey coverage; the recording is dropped."""
        body, rim = self.canvases.pop(name)
        return body.result8(), rim.result8()

    def occluder(self, box: pygame.Rect) -> tuple[pygame.Surface, pygame.Surface]:
        """The main stone's body and rim inside ``box`` as white-with-alpha images."""
        body = paint.Canvas(box.size, 2)
        rim = paint.Canvas(box.size, 2)
        polys_rim, plain = self.main_polys
        move = (lambda ps: [paint.offset(p, -box.x, -box.y) for p in ps])
        self._draw(body, rim, move(polys_rim), move(plain), 2.5, (255, 255, 255, 255), (0, 0, 0, 0))
        return body.result(), rim.result()

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


def _placed(img: pygame.Surface | None) -> tuple[pygame.Surface, pygame.Rect] | None:
    return paint.crop8(img) if img is not None else None


def build_layers(variant: str | None, seed: int) -> cache.Layers:
    """The static layers of one variant (shared by live scenes of it)."""
    return cache.shared(("cemetery", variant, seed), lambda: _build_layers(variant, seed))


def _build_layers(variant: str | None, seed: int) -> cache.Layers:
    c = scene_config("cemetery")
    size = LOGICAL_SIZE
    rng = random.Random(seed * 313 + 7)
    m = _Masks(c, rng)
    m.build()
    keys = c["keyframes_empty" if variant == "empty" else "keyframes"]
    # the canvas treatment every keyframe had: texture x vignette x grain, one grey image
    tex = paint.contrast(paint.noise(size, c["texture"][0], rng, 4, 0.55), 60, 200, 1, *c["texture"][1:])
    mist = haze_texture(W, c["mist"]["height"], c["mist"]["cell"], rng, (4.0, 1.0), 60, 210, 1.1)
    vig = pygame.transform.smoothscale(lighting.vignette_small(size, c["vignette"]), size)
    grain = paint.grain(size, random.Random(seed), c["grain"])
    finish = paint.gray_product(size, [tex, vig, grain])
    del tex, vig, grain
    shade = paint.vcolumn(H, c["layer_shade"])
    # front to back: each layer is seen where no nearer layer covers it
    seen = None
    cover = lit = None
    bases = {}
    for name in reversed(_Masks.ORDER):
        body, rim = m.rasterise(name)
        behind = [seen] if seen is not None else []
        # a layer's colour comes in with its coverage twice (it is painted with its
        # coverage and then blended by it), the layers under it go by one coverage
        bases[name] = _placed(paint.gray_product(size, [body, body, shade, finish] + behind))
        rim_seen = paint.gray_product(size, [rim] + behind)
        rim_lit = paint.gray_product(size, [rim, rim_seen, finish])
        cover = rim_seen if cover is None else paint.gray_ops(size, 0, [(cover, ADD), (rim_seen, ADD)])
        lit = rim_lit if lit is None else paint.gray_ops(size, 0, [(lit, ADD), (rim_lit, ADD)])
        seen = paint.gray_product(size, [paint.invert8(body)] + behind)
        del body, rim, rim_seen, rim_lit
    sky = _placed(paint.gray_product(size, [seen, finish]))
    clouds = paint.contrast(paint.noise(size, 150, random.Random(seed + 1), 4, 0.6, (5, 0.7)), *c["clouds"])
    if sky is not None:
        part = clouds.subsurface(sky[1]).copy()
        part.set_palette(paint.GRAY)
        clouds = (part, sky[1])
    rim_add = _placed(lit)
    rim_cover = _placed(cover)
    del seen, cover, lit, finish
    ms = c["main_stone"]
    box = pygame.Rect(0, 0, int(ms["w"] * 1.4), int(ms["h"] + 40))
    box.midbottom = (ms["x"], ms["base"] + 20)
    occ_body, occ_rim = m.occluder(box)
    occ_body.blit(pygame.transform.scale(shade.subsurface((0, box.y, 1, box.h)), box.size), (0, 0),
                  special_flags=MULT)
    sun = c["sun"]
    out = cache.Layers(
        keys=keys, times=[k["t"] for k in keys],
        sky_cols=[paint.prep(paint.vcolumn(H, k["sky"])) for k in keys],
        sky=sky, clouds=clouds if sky is not None else None,
        bases=[(name, bases[name]) for name in _Masks.ORDER if bases[name] is not None],
        rim_add=rim_add, rim_cover=rim_cover,
        occ_body=occ_body, occ_rim=occ_rim, occ_pos=box.topleft,
        halo=paint.gray_glow(sun["halo"], sun["halo"], sun["halo_power"]),
        rays=_rays(c, random.Random(seed + 5)),
        mist=mist)
    return out


def _rays(c: dict, rng: random.Random) -> pygame.Surface:
    """The sun's rays (grey, to be tinted) as an 8-bit image: painted and blurred
    at half size (they are soft), then scaled up."""
    r = c["rays"]
    w, h = r["size"]
    hw, hh = w // 2, h // 2
    cv = paint.Canvas((hw, hh), 1, alpha=False, fill=(0, 0, 0))
    cx, cy = hw / 2, hh / 2
    for _ in range(r["count"]):
        a = rng.uniform(*r["spread"])
        width = rng.uniform(*r["width"])
        v = int(255 * rng.uniform(0.25, 1.0))
        far = max(hw, hh)
        cv.poly([(cx, cy), (cx + math.cos(a - width) * far, cy + math.sin(a - width) * far),
                 (cx + math.cos(a + width) * far, cy + math.sin(a + width) * far)], (v, v, v))
    out = pygame.transform.box_blur(cv.result(), 3)
    out.blit(paint.glow(hw / 2, hh / 2, (255, 255, 255), 1.2), (0, 0), special_flags=MULT)
    return paint.to_gray8(pygame.transform.smoothscale(out, (w, h)))
