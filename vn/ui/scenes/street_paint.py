"""The street's static layers: a one-point perspective of world coordinates in
metres (x across, y up, z away) painted as albedo, emissive and wet-reflection
layers, lit by the fire (burning) or the street lamp (dark): the room with the
light at its lowest plus the light's contribution, so a flicker is ``base + k *
diff``."""
from __future__ import annotations

import math
import random
import pygame

from . import light as lighting
from . import cache, paint
from .data import LOGICAL_SIZE, scene_config

W, H = LOGICAL_SIZE
SKY_KEY = (255, 0, 255)     # albedo left at this colour is open sky


class View:
    def __init__(self, v: dict):
        self.vx, self.vy = v["vp"]
        self.f, self.eye = v["focal"], v["eye"]

    def p(self, x: float, y: float, z: float) -> tuple[float, float]:
        return (self.vx + x / z * self.f, self.vy + (self.eye - y) / z * self.f)

    def wall(self, x, z0, z1, y0, y1):
        return [self.p(x, y0, z0), self.p(x, y0, z1), self.p(x, y1, z1), self.p(x, y1, z0)]

    def front(self, x0, x1, y0, y1, z):
        return [self.p(x0, y0, z), self.p(x1, y0, z), self.p(x1, y1, z), self.p(x0, y1, z)]


class _Painter:
    def __init__(self, c: dict, variant: str, rng: random.Random):
        self.c, self.var, self.rng = c, variant, rng
        self.v = View(c["view"])
        self.alb = paint.Canvas(LOGICAL_SIZE, 2, alpha=False, fill=SKY_KEY)
        self.emit = paint.Canvas(LOGICAL_SIZE, 2, alpha=False, fill=(0, 0, 0))
        self.refl = paint.Canvas(LOGICAL_SIZE, 2, alpha=False, fill=(0, 0, 0))
        self.col = {k: paint.rgb(v) for k, v in c["colors"].items()}

    def sky(self) -> None:
        """Make the open sky's gradient and clouds; ``sky_hook`` puts them where the
        albedo was left at SKY_KEY, a strip at a time as the canvases are rendered."""
        self.sky_col = paint.vcolumn(H, self.c["sky_" + self.var])
        self.clouds = paint.contrast(paint.noise((W, H), 160, self.rng, 4, 0.6, (3, 1)), *self.c["clouds"])

    def sky_hook(self, strips: list, oy: int) -> None:
        alb, emit = strips[0], strips[1]
        ss = self.alb.ss
        m = pygame.mask.from_threshold(alb, SKY_KEY, (1, 1, 1, 255))
        if not m.count():
            return
        alb.blit(m.to_surface(setcolor=(0, 0, 0), unsetcolor=(255, 255, 255)), (0, 0),
                 special_flags=pygame.BLEND_RGB_MULT)
        y0, rows = oy // ss, alb.get_height() // ss
        g = pygame.transform.scale(self.sky_col.subsurface((0, y0, 1, rows)), (W, rows))
        clouds = pygame.Surface((W, rows))
        clouds.blit(self.clouds, (0, 0), (0, y0, W, rows))
        g.blit(clouds, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
        sky = m.to_surface(setcolor=(255, 255, 255), unsetcolor=(0, 0, 0))
        sky.blit(pygame.transform.scale(g, sky.get_size()), (0, 0), special_flags=pygame.BLEND_RGB_MULT)
        emit.blit(sky, (0, 0), special_flags=pygame.BLEND_RGB_ADD)

    def ground(self) -> None:
        v, c, col = self.v, self.c, self.col
        r = c["road"]
        zn, zf = r["z_near"], r["z_far"]
        self.alb.poly([v.p(-60, 0, zn), v.p(60, 0, zn), v.p(60, 0, zf), v.p(-60, 0, zf)], col["road"])
        for s in (-1, 1):
            end = r["street_end"]
            self.alb.poly([v.p(s * r["half"], 0, zn), v.p(s * r["walk"], 0, zn), v.p(s * r["walk"], 0, end),
                           v.p(s * r["half"], 0, r["street_end"])], col["sidewalk"])
            self.alb.poly([v.p(s * r["half"], 0, zn), v.p(s * r["half"], 0.15, zn),
                           v.p(s * r["half"], 0.15, r["street_end"]), v.p(s * r["half"], 0, r["street_end"])],
                          col["curb"])
            for z in range(int(zn), int(r["street_end"]), 2):
                self.alb.line(v.p(s * r["half"], 0.15, z), v.p(s * r["walk"], 0.15, z), col["seam"], 1)
        top = int(v.p(0, 0, zf)[1])
        grad = paint.vgradient((4, 64), self.c["road_sheen_" + self.var])
        self.refl.gradient_poly([v.p(-r["half"], 0, zn), v.p(r["half"], 0, zn), v.p(r["half"], 0, zf),
                                 v.p(-r["half"], 0, zf)],
                                pygame.transform.smoothscale(grad, (1, (H - top) * 2)), top)
        z = zn + 1.5
        while z < zf:
            self.alb.poly([v.p(-0.08, 0, z), v.p(0.08, 0, z), v.p(0.08, 0, z + 2.5), v.p(-0.08, 0, z + 2.5)],
                          col["marking"])
            z += 6
        for x, z, rx, rz in c["puddles"]:
            pts = [v.p(x + rx * math.cos(a), 0, z + rz * math.sin(a))
                   for a in (i / 20 * math.tau for i in range(20))]
            self.alb.poly(paint.jagged(pts, 1.5, 10, self.rng), col["puddle"])

    def building_row(self, side: int) -> None:
        v, c = self.v, self.c
        x = side * c["road"]["walk"]
        rows = c["buildings"]["left" if side < 0 else "right"]
        prev_h = 0.0
        for z0, z1, h, color, style in rows:
            base = paint.rgb(color)
            if h > prev_h and prev_h > 0:
                self.alb.poly([v.p(x, prev_h, z0), v.p(x + side * 8, prev_h, z0), v.p(x + side * 8, h, z0),
                               v.p(x, h, z0)], paint.shade(base, 0.6))
            self.alb.poly(v.wall(x, z0, z1, 0, h), base)
            self.alb.poly(v.wall(x - side * 0.25, z0, z1, h - 0.5, h), paint.shade(base, 1.35))
            self.facade(x, z0, z1, h, base, style, side)
            prev_h = h

    def facade(self, x, z0, z1, h, base, style, side) -> None:
        v, rng, col, c = self.v, self.rng, self.col, self.c
        lit_p = c["lit_windows"][self.var]
        floor = 3.6
        while floor + 2.6 < h:
            z = z0 + 1.0
            while z + 1.3 < z1 - 0.6:
                q = v.wall(x, z, z + 1.3, floor + 0.9, floor + 2.6)
                self.alb.poly(v.wall(x, z - 0.15, z + 1.45, floor + 0.75, floor + 2.75), paint.shade(base, 0.7))
                self.alb.poly(q, col["glass"])
                if z > c["lit_min_z"] and rng.random() < lit_p:
                    self.emit.poly(q, paint.shade(col["window_lit"], rng.uniform(0.35, 1.0)))
                elif rng.random() < c["glint_windows"]:
                    k = min(1.0, z / c["road"]["street_end"]) * rng.uniform(0.3, 1.0)
                    top = v.wall(x, z, z + 1.3, floor + 1.9, floor + 2.6)
                    self.emit.poly(top, paint.shade(col["window_glint_" + self.var], k))
                z += 2.6
            if style == 1:
                self.fire_escape(x, z0, z1, floor, side)
            floor += 3.2
        z = z0 + 0.6
        while z + 2.2 < z1:
            kind = rng.random()
            q = v.wall(x, z, z + 2.2, 0.15, 3.0)
            self.alb.poly(q, col["shutter"] if kind < 0.5 else col["glass"])
            if kind < 0.5:
                for k in range(1, 9):
                    self.alb.line(v.p(x, 0.15 + k * 0.32, z), v.p(x, 0.15 + k * 0.32, z + 2.2), col["seam"], 1)
            z += 2.8

    def fire_escape(self, x, z0, z1, floor, side) -> None:
        v, col = self.v, self.col["iron"]
        xo = x - side * 1.0
        za, zb = z0 + 1.0, min(z1 - 1.0, z0 + 6.0)
        self.alb.line(v.p(xo, floor, za), v.p(xo, floor, zb), col, 2)
        self.alb.line(v.p(xo, floor + 1.0, za), v.p(xo, floor + 1.0, zb), col, 1)
        self.alb.line(v.p(xo, floor, za), v.p(xo, floor + 3.2, zb), col, 1.5)
        for zz in range(int(za), int(zb) + 1):
            self.alb.line(v.p(xo, floor, zz), v.p(xo, floor + 1.0, zz), col, 1)

    def end_of_street(self) -> None:
        v, c, col = self.v, self.c, self.col
        for x0, x1, h, color, z in c["far_row"]:
            self.alb.poly(v.front(x0, x1, 0, h, z), paint.rgb(color))
            for k in range(int(x0) + 1, int(x1) - 1, 3):
                for fl in range(1, int(h / 3.2)):
                    if self.rng.random() < c["lit_windows"][self.var] * 0.6:
                        self.emit.poly(v.front(k, k + 1.1, fl * 3.2 + 0.8, fl * 3.2 + 2.3, z),
                                       paint.shade(col["window_lit"], 0.22))
        b = c["bar"]
        x0, x1, h, z = b["x0"], b["x1"], b["height"], b["z"]
        burning = self.var == "burning"
        roof = [v.p(x0, 0, z), v.p(x1, 0, z)]
        n = 14
        for i in range(n + 1):
            xx = x1 - (x1 - x0) * i / n
            hh = h - (self.rng.uniform(0.3, 1.6) if burning and 0 < i < n else 0)
            roof.append(v.p(xx, hh, z))
        self.alb.poly(roof, col["bar_wall"])
        for wx0, wx1, wy0, wy1 in b["windows"]:
            self.window(wx0, wx1, wy0, wy1, z, burning)
        sx0, sx1, sy0, sy1 = b["sign"]
        self.alb.poly(v.front(sx0, sx1, sy0, sy1, z - 0.3), col["sign"])
        if burning:
            self.reflect(x0 + 2, x1 - 2, h, h + 5, z, paint.shade(col["fire_window"], 0.7))

    def window(self, x0, x1, y0, y1, z, burning: bool) -> None:
        v, col, rng = self.v, self.col, self.rng
        self.alb.poly(v.front(x0 - 0.2, x1 + 0.2, y0 - 0.2, y1 + 0.2, z), paint.shade(col["bar_wall"], 0.6))
        q = v.front(x0, x1, y0, y1, z)
        self.alb.poly(q, col["glass"])
        (ax, ay), (bx, by) = q[3], q[1]          # top-left, bottom-right on screen
        if burning:
            g = paint.vgradient((max(2, int(bx - ax)) * 2, max(2, int(by - ay)) * 2),
                                [[0, self.c["colors"]["fire_top"]], [1, self.c["colors"]["fire_window"]]])
            self.emit.image(g, (int(ax * 2) / 2, int(ay * 2) / 2))
            tongues = [(ax, by)]
            k = max(3, int((bx - ax) / 7))
            for i in range(k + 1):
                tongues.append((ax + (bx - ax) * i / k, ay + (by - ay) * rng.uniform(0.05, 0.6)))
            tongues.append((bx, by))
            self.emit.poly(tongues, col["fire_core"])
            self.reflect(x0, x1, y0, y1, z, col["fire_window"])
        elif y0 < 3:
            self.emit.poly(q, col["bar_window"])
            self.reflect(x0, x1, y0, y1, z, paint.shade(col["bar_window"], 0.7))
        mid = (x0 + x1) / 2
        frame = col["iron"]
        self.emit.line(v.p(mid, y0, z), v.p(mid, y1, z), frame, 2)
        self.emit.line(v.p(x0, (y0 + y1) / 2, z), v.p(x1, (y0 + y1) / 2, z), frame, 2)
        self.alb.line(v.p(mid, y0, z), v.p(mid, y1, z), frame, 2)
        self.alb.line(v.p(x0, (y0 + y1) / 2, z), v.p(x1, (y0 + y1) / 2, z), frame, 2)

    def reflect(self, x0, x1, y0, y1, z, color) -> None:
        """A window's smeared reflection on the wet road below it."""
        v = self.v
        top = v.p(0, -y0, z)[1]
        bot = v.p(0, -y1 * self.c["wet"]["length"], z)[1]
        a, b = v.p(x0, 0, z)[0], v.p(x1, 0, z)[0]
        inset = (b - a) * 0.18
        self.refl.poly([(a + inset, top), (b - inset, top), (b - inset * 1.8, bot), (a + inset * 1.8, bot)],
                       paint.shade(color, self.c["wet"]["strength"]))

    def lamp(self) -> None:
        v, L = self.v, self.c["lamp"]
        x, z, hgt, arm = L["x"], L["z"], L["height"], L["arm"]
        col = self.col["iron"]
        foot, top = v.p(x, 0, z), v.p(x, hgt, z)
        self.alb.poly(paint.tapered(foot, top, L["width"] * 1.3, L["width"]), col)
        head = v.p(x + arm, hgt - 0.3, z)
        self.alb.lines([top, (top[0] + (head[0] - top[0]) * 0.5, top[1] - 12), head], col, L["width"] * 0.5)
        self.alb.poly([(head[0] - 22, head[1] - 4), (head[0] + 22, head[1] - 4), (head[0] + 12, head[1] + 8),
                       (head[0] - 12, head[1] + 8)], col)
        self.alb.poly(paint.tapered(foot, (foot[0], foot[1] - 30), L["width"] * 2.2, L["width"] * 1.4), col)

    def wires(self) -> None:
        v = self.v
        for z, sag, y in self.c["wires"]:
            a, b = v.p(-7, y, z), v.p(7, y, z)
            pts = [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t + sag * 4 * t * (1 - t) * 700 / z)
                   for t in (i / 24 for i in range(25))]
            self.alb.lines(pts, self.col["iron"], 1.5)


def _fire_light(c: dict, v: View, scale: float):
    f = c["fire_light"]
    fx, fy = v.p(0, f["y"], c["bar"]["z"])
    base = lighting.point_light((fx, fy), f["color"], f["radius"], f["intensity"] * scale, f["squash"])
    cr, cg, cb = paint.unit(f["color"])
    road_y = v.p(0, 0, c["bar"]["z"])[1]

    def fn(x, y):
        r, g, b = base(x, y)
        if y > road_y:   # specular streak on the wet road toward the viewer
            w = f["streak_width"] * (1 + (y - road_y) / 200)
            s = max(0.0, 1 - ((x - fx) / w) ** 2) * f["streak"] * scale
            r, g, b = r + cr * s, g + cg * s, b + cb * s
        return (r, g, b)
    return fn


def _lamp_light(c: dict, v: View):
    L = c["lamp"]
    hx, hy = v.p(L["x"] + L["arm"], L["height"], L["z"])
    gx, gy = v.p(L["x"] + L["arm"], 0, L["z"])
    pool = lighting.point_light((gx, gy), L["color"], L["pool"], L["intensity"], L["pool_squash"])
    head = lighting.point_light((hx, hy), L["color"], L["radius"], L["intensity"] * 0.6)
    return lighting.sum_lights(pool, head)


def build_layers(variant: str, seed: int) -> cache.Layers:
    """The street's static layers for a look (``burning`` or ``dark``); shared by
    live scenes of it."""
    return cache.shared(("street", variant, seed), lambda: _build(variant, seed))


def _build(variant: str, seed: int) -> cache.Layers:
    c = scene_config("street")
    rng = random.Random(seed * 211 + 3)
    p = _Painter(c, variant, rng)
    p.end_of_street()
    p.ground()
    p.building_row(-1)
    p.building_row(1)
    p.wires()
    p.lamp()
    p.sky()
    alb, emit, refl = paint.render([p.alb, p.emit, p.refl], p.sky_hook)
    view = p.v
    del p
    sm_w, sm_h = c["wet"]["smear"]
    refl = pygame.transform.smoothscale(pygame.transform.smoothscale(refl, (W // sm_w, H // sm_h)), (W, H))
    for cell, lo, hi, stretch in c["texture"]:
        paint.multiply8(alb, paint.contrast(paint.noise(LOGICAL_SIZE, cell, rng, 4, 0.55, tuple(stretch)),
                                            60, 200, 1, lo, hi))
    wet = paint.expand(paint.contrast(paint.noise(LOGICAL_SIZE, c["wet"]["cell"], rng, 3, 0.5,
                                                  tuple(c["wet"]["stretch"])), *c["wet"]["range"]))
    refl.blit(wet, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
    amb = c["ambient"][variant]
    if variant == "burning":
        lo, hi = _fire_light(c, view, c["fire_light"]["low"]), _fire_light(c, view, 1.0)
    else:
        lo, hi = (lambda x, y: (0.0, 0.0, 0.0)), _lamp_light(c, view)
    fin = random.Random(seed)

    lamp_refl = None        # (image, where): the lamp's streak on the wet road, at full light only
    if variant != "burning":
        L = c["lamp"]
        hx, hy = view.p(L["x"] + L["arm"], L["height"], L["z"])
        top, bot = view.p(0, -0.5, L["z"])[1], view.p(0, -L["height"] * c["wet"]["length"], L["z"])[1]
        streak = paint.scaled(paint.glow(L["reflection_width"], (bot - top) / 2, L["color"], 1.2), L["reflection"])
        box = pygame.Rect(int(hx - streak.get_width() / 2), int(top), *streak.get_size()).clip(wet.get_rect())
        part = wet.subsurface(box).copy()
        part.blit(streak, (0, 0), box.move(-int(hx - streak.get_width() / 2), -int(top)),
                  special_flags=pygame.BLEND_RGB_MULT)
        lamp_refl = (part, box.topleft)
    del wet

    def level(fn, k):
        out = lighting.light(alb, lighting.sum_lights(fn, ambient=amb))
        out.blit(emit, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
        if lamp_refl is not None and k >= 1.0:
            out.blit(lamp_refl[0], lamp_refl[1], special_flags=pygame.BLEND_RGB_ADD)
        lighting.add_lit(out, refl, lighting.sum_lights(fn, ambient="#ffffff"), k)
        fin.seed(seed)
        return lighting.finish(out, fin, c["grain"], c["vignette"], c["view"]["vp"])

    base = paint.prep(level(lo, 0.6))
    diff = level(hi, 1.0)
    diff.blit(base, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    room = cache.Layers(base=base, diff=paint.prep(diff))
    # still glows that follow the light's flicker are painted into it
    if variant == "burning":
        fg = c["fire_glow"]
        g = paint.glow(fg["radius"][0], fg["radius"][1], fg["color"], 1.5)
        x, y = view.p(0, fg["y"], c["bar"]["z"])
        paint.bake_light(room, g, (x - g.get_width() // 2, y - g.get_height() // 2), 0.3, 0.7)
    else:
        L = c["lamp"]
        hx, hy = view.p(L["x"] + L["arm"], L["height"] - 0.3, L["z"])
        paint.bake_light(room, lamp_cone(c, view), (int(hx - L["cone_width"]), int(hy)), 0.0, 1.0)
        for r, sq, col, pw, core in L["glows"]:
            if r < L["bake_radius"]:
                continue        # the bright core stays a sprite: painted in, it would clip off-colour
            g = paint.glow(r, r * sq, col, pw, core)
            paint.bake_light(room, g, (int(hx) - g.get_width() // 2, int(hy) - g.get_height() // 2), 0.0, 1.0)
    out = cache.Layers(room=room, view=view)
    del alb, emit, refl, lamp_refl, diff
    sm = c["smoke"]
    q = sm.get("scale", 1)
    smoke = paint.mirror_tile_v(paint.contrast(
        paint.noise((sm["width"] // q, sm["height"] // q), sm["cell"] // q, rng, 4, 0.6, (1.0, 2.0)), 70, 200, 1.2))
    if variant == "burning":
        out["smoke_tex"] = smoke
    return out


def lamp_cone(c: dict, view: View) -> pygame.Surface:
    """The street lamp's soft cone of light (its top-left goes at the lamp head
    minus half its width)."""
    L = c["lamp"]
    head = view.p(L["x"] + L["arm"], L["height"] - 0.3, L["z"])
    ground = view.p(L["x"] + L["arm"], 0, L["z"])
    h = int(ground[1] - head[1])
    cw = L["cone_width"]
    cone = pygame.Surface((cw * 2, h))
    cone.fill((0, 0, 0))
    for y in range(h):
        t = y / h
        half = 8 + cw * t
        k = (1 - t) ** 0.6 * L["cone"]
        pygame.draw.line(cone, paint.shade(L["color"], k), (cw - half, y), (cw + half, y))
    return pygame.transform.box_blur(cone, 10)


def column_mask(sm: dict, color, scale: int = 1) -> pygame.Surface:
    """A soft column of smoke (the colour it is lit in, fading upward), at 1/``scale``."""
    w, h = sm["width"] // scale, sm["height"] // scale
    cv = paint.Canvas((w, h), 1, alpha=False, fill=(0, 0, 0))
    for i in range(40):
        t = i / 39
        cx = w / 2 + sm["lean"] * t * t * w
        r = (sm["base"] + (sm["top"] - sm["base"]) * t) / scale
        cv.circle((cx, h * (1 - t) - r * 0.3), r, paint.shade(color, (1 - t) ** 1.4))
    return pygame.transform.box_blur(cv.result(), max(1, 14 // scale))
