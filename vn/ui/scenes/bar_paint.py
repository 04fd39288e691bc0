"""The bar's static layers: the room painted as an albedo plus rim and emissive
layers, lit by the bulb (off / on) and by the fire (low / high); the haze and
smoke textures.

Each light is kept as two full images, the room with the light at its lowest
and the light's contribution on top of that, so any level of a flickering light
is ``base + k * diff`` (three cheap blits) instead of a stored image per level.
The fire's pair is shared by both variants (the plain bar can be set alight);
see ``cache``."""
from __future__ import annotations

import math
import random
import pygame

from . import light as lighting
from . import cache, paint, props
from .data import LOGICAL_SIZE, scene_config
from .particles import haze_texture

W, H = LOGICAL_SIZE
LETTERS = {
    "B": [[(0, 0), (0, 1.4)], [(0, 0), (0.55, 0), (0.75, 0.15), (0.75, 0.5), (0.55, 0.68), (0, 0.68)],
          [(0.55, 0.68), (0.82, 0.86), (0.82, 1.2), (0.58, 1.4), (0, 1.4)]],
    "A": [[(0, 1.4), (0.42, 0), (0.84, 1.4)], [(0.18, 0.85), (0.66, 0.85)]],
    "R": [[(0, 1.4), (0, 0), (0.55, 0), (0.78, 0.18), (0.78, 0.5), (0.55, 0.7), (0, 0.7)],
          [(0.4, 0.7), (0.84, 1.4)]],
}


def _rim_dir(x: float, y: float, light, width: float) -> tuple[float, float]:
    dx, dy = light[0] - x, light[1] - y
    n = math.hypot(dx, dy) or 1.0
    return (dx / n * width, dy / n * width)


class _Painter:
    """Paints the room into an albedo canvas and a rim/specular canvas."""

    def __init__(self, cfg: dict, rng: random.Random):
        self.c = cfg
        self.col = {k: paint.rgb(v) for k, v in cfg["colors"].items() if isinstance(v, str)}
        self.rng = rng
        self.alb = paint.Canvas(LOGICAL_SIZE, 2, alpha=False, fill=(0, 0, 0))
        self.rim = paint.Canvas(LOGICAL_SIZE, 2, alpha=False, fill=(0, 0, 0))
        self.emit = paint.Canvas(LOGICAL_SIZE, 2, alpha=False, fill=(0, 0, 0))
        self.bulb = cfg["bulb"]["anchor"][0], cfg["bulb"]["anchor"][1] + cfg["bulb"]["length"]

    def sil(self, polys, fill, rim_w: float = 2.0, rim=None) -> None:
        rim = self.col["rim"] if rim is None else rim
        xs = [p[0] for poly in polys for p in poly]
        ys = [p[1] for poly in polys for p in poly]
        d = _rim_dir(sum(xs) / len(xs), sum(ys) / len(ys), self.bulb, rim_w)
        for poly in polys:
            self.rim.poly(paint.offset(poly, d[0], d[1]), rim)
        for poly in polys:
            self.alb.poly(poly, fill)
            self.rim.poly(poly, (0, 0, 0))

    def room(self) -> None:
        c, col, a = self.c, self.col, self.alb
        bx0, by0, bx1, by1 = c["room"]["back"]
        a.poly([(0, 0), (W, 0), (bx1, by0), (bx0, by0)], col["ceiling"])
        for i in range(-6, 7):
            x = W / 2 + i * 150
            a.poly(paint.tapered((x, 0), (W / 2 + (x - W / 2) * 0.85, by0), 26, 20), col["beam"])
        a.poly([(0, 0), (bx0, by0), (bx0, by1), (0, H)], col["side_wall"])
        a.poly([(W, 0), (bx1, by0), (bx1, by1), (W, H)], col["side_wall"])
        a.rect((bx0, by0, bx1 - bx0, by1 - by0), col["plaster"])
        wy = c["room"]["wainscot_y"]
        a.rect((bx0, wy, bx1 - bx0, by1 - wy), col["wainscot"])
        a.rect((bx0, wy - 6, bx1 - bx0, 7), col["beam"])
        for x in range(int(bx0), int(bx1), 46):
            a.line((x, wy + 2), (x, by1), col["floor_seam"], 2)
        # floor planks converge on the vanishing point
        vx, vy = c["room"]["vp"]
        step = c["room"]["plank"]
        for i, xb in enumerate(range(-900, W + 900, step)):
            f = (by1 - vy) / (H - vy)
            quad = [(vx + (xb - vx) * f, by1), (vx + (xb + step - vx) * f, by1), (xb + step, H), (xb, H)]
            a.poly(quad, paint.shade(col["floor"], self.rng.uniform(0.8, 1.15)))
            a.line(quad[0], quad[3], col["floor_seam"], 1.5)
        for k in range(1, 9):
            y = by1 + (H - by1) * (k / 9) ** 1.6
            x0 = self.rng.uniform(-300, W)
            a.line((x0, y), (x0 + self.rng.uniform(80, 400), y), col["floor_seam"], 1)
        a.poly([(0, by1 + 40), (W, by1 + 40), (bx1, by1), (bx0, by1)], paint.shade(col["floor"], 0.6))
        a.rect((bx0, by1 - 10, bx1 - bx0, 10), paint.rgb(c["decor"]["baseboard"]))
        self.decor()

    def decor(self) -> None:
        d, rng = self.c["decor"], self.rng
        for x, y, w, h in d["peel"]:
            pts = paint.jagged([(x, y), (x + w, y + h * 0.2), (x + w * 0.8, y + h), (x + w * 0.1, y + h * 0.8)],
                               4, 6, rng)
            self.alb.poly(paint.offset(pts, 1.5, 1.5), paint.shade(self.col["plaster"], 0.6))
            self.alb.poly(pts, paint.rgb(d["peel_color"]))
        x, y, w, h, ang = d["frame"]
        outer = props.rot([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], ang, (x + w / 2, y))
        inner = props.rot([(x + 8, y + 8), (x + w - 8, y + 8), (x + w - 8, y + h - 8), (x + 8, y + h - 8)],
                          ang, (x + w / 2, y))
        self.alb.poly(paint.offset(outer, 4, 5), paint.shade(self.col["plaster"], 0.55))
        self.sil([outer], paint.rgb(d["frame_color"]), 1.5)
        self.alb.poly(inner, paint.rgb(d["picture"]))
        self.alb.lines(paint.jagged([inner[0], inner[2]], 3, 7, rng, closed=False), self.col["picture_crack"], 1)
        self.alb.line((x + w / 2, y), (x + w / 2, y - 18), self.col["wire"], 1)

    def window(self) -> None:
        c, col = self.c, self.col
        x0, y0, x1, y1 = c["window"]
        sky = paint.vgradient((x1 - x0, y1 - y0), c["colors"]["window_sky"])
        self.emit.image(pygame.transform.scale(sky, ((x1 - x0) * 2, (y1 - y0) * 2)), (x0, y0))
        rng = self.rng
        x = x0
        while x < x1:
            w = rng.uniform(18, 46)
            top = y0 + rng.uniform(30, 120)
            self.emit.rect((x, top, w, y1 - top), paint.rgb(c["colors"]["skyline"]))
            if rng.random() < 0.25:
                self.emit.rect((x + w * 0.3, top + rng.uniform(6, 40), 4, 5), paint.rgb(c["colors"]["far_window"]))
            x += w
        self.alb.rect((x0, y0, x1 - x0, y1 - y0), (0, 0, 0))
        n = c["slats"]
        for i in range(n):
            y = y0 + 8 + i * (y1 - y0 - 14) / n
            if i in c["broken_slats"]:
                pts = paint.jagged([(x0 + 4, y), (x0 + (x1 - x0) * 0.55, y + 3), (x0 + (x1 - x0) * 0.5, y + 7),
                                    (x0 + 4, y + 6)], 1.5, 8, rng)
                self.sil([props.rot(pts, 0.35, (x0, y))], col["blind"], 1.5, col["rim_moon"])
            else:
                self.sil([[(x0, y), (x1, y), (x1, y + 8), (x0, y + 8)]], col["blind"], 1.5, col["rim_moon"])
        fw = 9
        for r in ((x0 - fw, y0 - fw, x1 - x0 + 2 * fw, fw), (x0 - fw, y1, x1 - x0 + 2 * fw, fw + 4),
                  (x0 - fw, y0, fw, y1 - y0), (x1, y0, fw, y1 - y0), ((x0 + x1) / 2 - 3, y0, 6, y1 - y0)):
            self.alb.rect(r, col["cabinet"])

    def back_bar(self) -> None:
        c, col, rng = self.c, self.col, self.rng
        s = c["shelves"]
        x0, x1, top = s["x0"], s["x1"], s["top"]
        ct = c["counter"]["top_back"]
        self.alb.rect((x0, top, x1 - x0, ct - top), col["cabinet"])
        mx0, my0, mx1, my1 = s["mirror"]
        self.alb.rect((mx0 - 8, my0 - 8, mx1 - mx0 + 16, my1 - my0 + 16), col["beam"])
        self.alb.rect((mx0, my0, mx1 - mx0, my1 - my0), col["mirror"])
        self.rim.poly([(mx0 + 20, my0), (mx0 + 60, my0), (mx0 + 10, my1), (mx0, my1 - 30)], col["mirror_sheen"])
        for hx, hy in s["mirror_holes"]:
            self.crack(hx, hy, 70, 9, col["mirror_crack"], self.rim)
        glass = [paint.rgb(g) for g in c["colors"]["bottle_glass"]]
        for y in s["ys"]:
            self.alb.rect((x0, y, x1 - x0, 7), col["shelf"])
            self.rim.rect((x0, y, x1 - x0, 1.5), col["rim_shelf"])
            x = x0 + 10
            while x < x1 - 14:
                w = rng.uniform(13, 24)
                if mx0 - 14 < x < mx1 + 10 and y < my1:
                    x = mx1 + 16
                    continue
                if rng.random() < s["gap_chance"]:
                    x += w * rng.uniform(1, 2.5)
                    continue
                h = rng.uniform(36, 60)
                kind = rng.randrange(3)
                broken = rng.random() < s["broken_chance"]
                g = rng.choice(glass)
                pts = props.bottle(x, y, h, w, kind, broken, rng)
                self.alb.poly(pts, g)
                self.rim.poly(pts, (0, 0, 0))
                hx = x - w * 0.22
                shine = paint.shade(g, 1.8) if not broken else col["rim_broken"]
                self.rim.line((hx, y - 4), (hx, y - h * 0.5), shine, 2)
                self.emit.line((hx, y - 6), (hx, y - h * 0.35), paint.shade(g, 0.35), 1.5)
                x += w + rng.uniform(1, 6)
        for hx, hy in c["bullet_holes"]:
            self.crack(hx, hy, 16, 4, col["plaster_light"], self.alb)
            self.alb.circle((hx, hy), 3.2, col["hole"])

    def crack(self, x, y, length, n, color, cv) -> None:
        for i in range(n):
            ang = i / n * math.tau + self.rng.uniform(-0.3, 0.3)
            end = (x + math.cos(ang) * length * self.rng.uniform(0.4, 1.0),
                   y + math.sin(ang) * length * self.rng.uniform(0.4, 1.0))
            cv.lines(paint.jagged([(x, y), end], 2.0, 8, self.rng, closed=False), color, 1)
        cv.circle((x, y), 4, color, 1)

    def counter(self) -> None:
        c, col = self.c, self.col
        k = c["counter"]
        x0, tb, tf, bot = k["x0"], k["top_back"], k["top"], k["bottom"]
        self.alb.poly([(x0 + 6, tb), (W, tb), (W, tf), (x0, tf)], col["counter_top"])
        self.rim.poly([(x0 + 6, tb), (W, tb), (W, tb + 4), (x0 + 5, tb + 4)], col["rim_counter_back"])
        self.rim.rect((x0, tf - 2, W - x0, 2), col["rim_counter"])
        self.alb.rect((x0, tf, W - x0, bot - tf), col["counter_front"])
        for x in range(int(x0) + 20, W, k["panel"]):
            self.alb.rect((x, tf + 18, k["panel"] - 26, bot - tf - 44), col["counter_panel"])
            self.rim.rect((x, tf + 18, k["panel"] - 26, 1.5), col["rim_panel"])
        self.alb.rect((x0, bot - 16, W - x0, 6), col["rail"])
        self.rim.rect((x0, bot - 16, W - x0, 2), col["rim_rail"])
        for hx, hy in k["holes"]:
            self.crack(hx, hy, 12, 5, col["splinter"], self.alb)
            self.alb.circle((hx, hy), 3, col["hole"])

    def furniture(self) -> None:
        c, col, rng = self.c, self.col, self.rng
        sil = paint.rgb(c["colors"]["silhouette"])
        for x, y, s, ang in c["stools"]:
            polys = props.stool(x, y, s)
            self.sil(props.rot_all(polys, ang, (x, y)) if ang else polys, col["stool"], 2)
        f = c["furniture"]
        for x, y, s, ang, broken in f["chairs"]:
            polys = props.chair(x, y, s, bool(broken), rng)
            self.sil(props.rot_all(polys, ang, (x, y)), sil, 2.5)
        cx, cy, rx, ry, leg = f["round_table"]
        self.sil(props.round_table_on_side(cx, cy, rx, ry, leg, rng), sil, 3)
        x, y, w, h, legs, tilt = f["square_table"]
        self.sil(props.table_on_side(x, y, w, h, legs, tilt, rng), sil, 3)
        for x, y, w, h, ang in f["planks"]:
            self.sil([props.rot(paint.jagged([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], 1.5, 6, rng),
                                ang, (x, y))], sil, 2)
        for x0, y0, x1, y1, n in f["glass"]:
            for _ in range(n):
                gx, gy, r = rng.uniform(x0, x1), rng.uniform(y0, y1), rng.uniform(2, 6)
                pts = [(gx + math.cos(a) * r * rng.uniform(0.4, 1), gy + math.sin(a) * r * 0.5)
                       for a in (0, 2.1, 4.2)]
                self.alb.poly(pts, col["shard"])
                self.rim.poly(pts, col["rim_shard"])

    def neon_tubes(self) -> None:
        n = self.c["neon"]
        for i, pts in enumerate(neon_strokes(n)):
            self.alb.lines(pts, self.col["tube"], 3)


def neon_strokes(n: dict) -> list:
    out = []
    x, y, s = n["pos"][0], n["pos"][1], n["size"]
    for i, ch in enumerate(n["text"]):
        for stroke in LETTERS[ch]:
            out.append([(x + i * s * 1.15 + px * s, y + py * s) for px, py in stroke])
    return out


def _window_light(c: dict):
    x0, y0, x1, y1 = c["window"]
    by1 = c["room"]["back"][3]
    sh = c["lights"]["window"]
    cr, cg, cb = paint.unit(sh["color"])
    depth, skew, spread, slats = sh["depth"], sh["skew"], sh["spread"], c["slats"]
    wall = lighting.point_light(((x0 + x1) / 2, (y0 + y1) / 2), sh["color"], sh["radius"], sh["intensity"])

    def fn(x: float, y: float):
        r, g, b = wall(x, y)
        if y > by1:
            t = (y - by1) / depth
            if t < 1.0:
                lo = x0 + skew * t - spread * t
                hi = x1 + skew * t + spread * t
                if lo < x < hi:
                    stripe = max(0.0, math.cos(t * slats * math.pi)) ** 2
                    v = sh["floor"] * (1 - t) ** 1.5 * (0.35 + 0.65 * stripe)
                    r, g, b = r + cr * v, g + cg * v, b + cb * v
        return (r, g, b)
    return fn


PARTS = ("bulb", "burn", "air")


def build_layers(seed: int, parts: tuple[str, ...] = PARTS) -> dict[str, cache.Layers]:
    """The layers for ``parts`` of the bar: ``bulb`` (the room under the bulb as
    ``base`` / ``diff``, the mask of the haze round it), ``burn`` (the same for the
    fire, plus the smoke under the ceiling), ``air`` (the haze texture)."""
    found = cache.shared_parts([("bar", seed, p) for p in parts],
                               lambda missing: {("bar", seed, p): v
                                                for p, v in _build(seed, [k[2] for k in missing]).items()})
    return {k[2]: v for k, v in found.items()}


def _build(seed: int, parts: list[str]) -> dict[str, cache.Layers]:
    c = scene_config("bar")
    rng = random.Random(seed * 101 + 1)
    p = _Painter(c, rng)
    p.room()
    p.window()
    p.back_bar()
    p.neon_tubes()
    p.counter()
    p.furniture()
    out: dict[str, cache.Layers] = {}
    lit = [part for part in parts if part != "air"]
    alb = rim = emit = None
    if lit:
        alb, rim, emit = paint.render([p.alb, p.rim, p.emit])
    del p
    for cell, lo, hi, stretch in c["texture"]:
        tex = paint.contrast(paint.noise(LOGICAL_SIZE, cell, rng, 4, 0.55, tuple(stretch)), 60, 200, 1.0, lo, hi)
        if alb is not None:
            paint.multiply8(alb, tex)
        del tex
    L = c["lights"]
    bulb = (c["bulb"]["anchor"][0], c["bulb"]["anchor"][1] + c["bulb"]["length"])
    neon = lighting.point_light(L["neon"]["pos"], L["neon"]["color"], L["neon"]["radius"], L["neon"]["intensity"])
    win = _window_light(c)
    bulb_fn = lighting.point_light(bulb, L["bulb"]["color"], L["bulb"]["radius"], L["bulb"]["intensity"])
    fire_fn = lighting.point_light(L["fire"]["pos"], L["fire"]["color"], L["fire"]["radius"],
                                   L["fire"]["intensity"], L["fire"]["squash"])
    fire_lo = lighting.point_light(L["fire"]["pos"], L["fire"]["color"], L["fire"]["radius"],
                                   L["fire"]["intensity"] * L["fire"]["low"], L["fire"]["squash"])
    amb, amb_b = L["ambient"], L["ambient_burning"]

    finish_rng = random.Random(seed)

    def level(fn, rim_fn, rim_k):
        out = lighting.light(alb, fn)
        lighting.add_lit(out, rim, rim_fn, rim_k)
        out.blit(emit, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
        finish_rng.seed(seed)
        return lighting.finish(out, finish_rng, c["grain"], c["vignette"])

    def pair(low, high) -> cache.Layers:
        base = paint.prep(level(*low))
        diff = level(*high)
        diff.blit(base, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
        return cache.Layers(base=base, diff=paint.prep(diff))

    if "bulb" in parts:
        out["bulb"] = pair((lighting.sum_lights(neon, win, ambient=amb), lighting.sum_lights(win, neon), 0.5),
                           (lighting.sum_lights(neon, win, bulb_fn, ambient=amb), bulb_fn, 1.0))
        # the bulb's widest glows are painted in: far too soft for its sway to show
        b = c["bulb"]
        for r, col, pw, core in b["glows"]:
            if r >= b["bake_radius"]:
                g = paint.glow(r, r, col, pw, core)
                paint.bake_light(out["bulb"], g, (bulb[0] - g.get_width() // 2, bulb[1] - g.get_height() // 2),
                                 0.0, 1.0)
    if "burn" in parts:
        out["burn"] = pair((lighting.sum_lights(fire_lo, neon, ambient=amb_b), fire_lo, 0.6),
                           (lighting.sum_lights(fire_fn, neon, ambient=amb_b), fire_fn, 1.0))
        # the glow at the foot of the fire, behind the counter (it stays put)
        f = c["fire"]
        g = paint.glow(f["base"][0], f["base"][1], f["base_color"], 1.4)
        at = (f["base_pos"][0] - g.get_width() // 2, f["base_pos"][1] - g.get_height() // 2)
        # its brightness went 0.3 + 0.7 * (k + half a step of 8): about 0.34 + 0.7 k
        paint.bake_light(out["burn"], g, at, 0.3 + 0.7 * 0.5 / 8, 0.7, (0, 0, W, c["counter"]["top_back"] + 2))
    del alb, rim, emit
    hz = c["haze"]
    haze = haze_texture(W // hz["scale"], hz["height"] // hz["scale"], hz["cell"] // hz["scale"], rng)
    sm = c["smoke"]
    g = paint.contrast(paint.noise((W, sm["height"]), sm["cell"], rng, 4, 0.6, (2.5, 1.0)), 50, 210, 1.0)
    # the haze masks are made at the haze's working size (1 / scale)
    if "air" in parts:
        out["air"] = cache.Layers(haze=haze)
    if "bulb" in parts:
        out["bulb"]["haze_mask"] = paint.glow(hz["radius"] / hz["scale"], hz["radius"] * hz["squash"] / hz["scale"],
                                              hz["color"], 1.6)
    if "burn" in parts:
        out["burn"]["haze_mask"] = paint.glow(hz["fire_radius"] / hz["scale"],
                                              hz["fire_radius"] * hz["squash"] / hz["scale"], hz["fire_color"], 1.6)
        fade = paint.vcolumn(sm["height"], [[0, "#ffffff"], [0.4, "#c0c0c0"], [1, "#000000"]])
        g = paint.gray_product((W, sm["height"]), [g, fade])
        # 32-bit: it is multiplied straight into the frame
        out["burn"]["smoke"] = paint.prep(paint.expand(paint.mirror_tile(paint.darkening8(g, sm["tint"],
                                                                                          sm["density"]))))
    return out
