"""The street at night, looking down to the bar at the end of it.

Variants: ``burning`` (the bar ablaze: pulsing glow on walls and wet asphalt,
flames, smoke columns, embers, people fleeing) and ``dark`` (the bar intact,
one failing street lamp, drizzle in its cone), which is also what no variant
shows.  In both, sirens build up: red and blue light sweeping along the walls.
Static layers and the perspective ``View`` come from ``street_paint``.
"""
from __future__ import annotations

import math

import pygame

from . import paint
from .base import PaintedScene
from .data import LOGICAL_SIZE
from .figures import mask, runner
from .particles import Flicker, Haze, HazeGroup, Particles, flame_ramp, glow_ramp
from .street_paint import column_mask, build_layers

W, H = LOGICAL_SIZE


class StreetScene(PaintedScene):
    name = "street"
    variants = (None, "burning", "dark")

    def _build(self) -> None:
        c, rng = self.cfg, self.rng
        self.look = self.variant or "dark"      # the plain street is the unburnt night one
        self.layers = build_layers(self.look, self.seed)
        self.view = self.layers["view"]
        self.burning = self.look == "burning"
        self.flicker = Flicker(rng, c["fire_flicker"] if self.burning else c["lamp"]["flicker"])
        self.k = 1.0
        b = c["bar"]
        v = self.view
        areas = []
        for x0, x1, y0, y1 in b["windows"]:
            a, bb = v.p(x0, y1, b["z"]), v.p(x1, y0, b["z"])
            areas.append([a[0], a[1], bb[0], bb[1]])
        roof_a, roof_b = v.p(b["x0"] + 1, b["height"], b["z"]), v.p(b["x1"] - 1, b["height"], b["z"])
        areas.append([roof_a[0], roof_a[1] - 4, roof_b[0], roof_a[1] + 6])
        f = c["flames"]
        self.flames = Particles(rng, [flame_ramp(f["ramp"], r, 10, f["stretch"]) for r in f["sizes"]], f, areas)
        e = c["embers"]
        self.embers = Particles(rng, [glow_ramp(e["ramp"], [r, r * 0.5], 8, 2.5) for r in e["sizes"]], e,
                                [[roof_a[0], roof_a[1] - 40, roof_b[0], roof_a[1]]])
        sm = c["smoke"]
        self.smoke: HazeGroup | None = None
        self.smoke_speeds: list[float] = []
        if self.burning:
            columns = []
            hs = sm.get("scale", 1)
            for dx, lean, scale, speed in sm["columns"]:
                col = dict(sm, lean=lean, base=sm["base"] * scale, top=sm["top"] * scale)
                hz = Haze(self.layers["smoke_tex"], column_mask(col, sm["color"], hs), hs, True, scratch=self.scratch,
                          mask_is_small=True)
                pos = (int((roof_a[0] + roof_b[0]) / 2 + dx - sm["width"] / 2), int(roof_a[1] - sm["height"] + 30))
                columns.append((hz, pos))
                self.smoke_speeds.append(speed)
            self.smoke = HazeGroup(columns)
            self.flames.prefill(1.5)
            self.embers.prefill(3.0)
        self._runners_init()
        self._sirens_init()
        self._lamp_init()
        self.scratch.reserve(W, paint.Scratch.MIN_ROWS)

    # ---------------------------------------------------------- runners
    def _runners_init(self) -> None:
        r = self.cfg["runners"]
        self.run_frames = []     # [scale index][phase] -> (left-facing, right-facing)
        self.run_heights = r["heights"]
        self.runners: list[list[float]] = []
        self._next_runner = 0.5
        if not self.burning:
            return              # only the fire sends people running
        base = []
        for i in range(r["phases"]):
            m, origin = mask(runner(i / r["phases"] * math.tau), r["max_px"])
            m.fill(paint.rgb(r["color"]) + (255,), special_flags=pygame.BLEND_RGBA_MULT)
            base.append((m, origin))
        for hgt in self.run_heights:
            k = hgt / r["max_px"]
            row = []
            for m, (ox, oy) in base:
                s = paint.prep(pygame.transform.smoothscale(m, (max(2, int(m.get_width() * k)),
                                                                max(2, int(m.get_height() * k)))), True)
                row.append((s, pygame.transform.flip(s, True, False), int(ox * k), int(oy * k)))
            self.run_frames.append(row)

    def _update_runners(self, dt: float) -> None:
        r = self.cfg["runners"]
        self._next_runner -= dt
        if self.burning and self._next_runner <= 0:
            self._next_runner = self.rng.uniform(*r["every"])
            d = self.rng.choice((-1, 1))
            self.runners.append([self.rng.uniform(-4, 4), r["z"], d * self.rng.uniform(*r["speed"]),
                                 -self.rng.uniform(*r["approach"]), self.rng.uniform(0, 1)])
        keep = []
        for q in self.runners:
            q[0] += q[2] * dt
            q[1] = max(6.0, q[1] + q[3] * dt)
            q[4] += dt * r["cadence"] * abs(q[2]) / 5
            if abs(q[0]) < r["exit_x"]:
                keep.append(q)
        self.runners = keep

    def _draw_runners(self, surf) -> None:
        v, r = self.view, self.cfg["runners"]
        for x, z, vx, _vz, ph in self.runners:
            hgt = r["body"] / z * v.f
            i = min(range(len(self.run_heights)), key=lambda j: abs(self.run_heights[j] - hgt))
            frames = self.run_frames[i]
            left, right, ox, oy = frames[int(ph * len(frames)) % len(frames)]
            sx, sy = v.p(x, 0, z)
            spr = left if vx < 0 else right
            surf.blit(spr, (int(sx) - (ox if vx < 0 else spr.get_width() - ox), int(sy) - oy))

    # ---------------------------------------------------------- sirens
    def _sirens_init(self) -> None:
        s = self.cfg["sirens"]
        self.siren_start = s["start"][self.look]
        self.siren = 0.0
        # one grey glow per size, tinted red or blue as it is drawn
        self.siren_sprites = [paint.gray_glow(rx, ry, 1.3) for rx, ry in s["sizes"]]
        self.siren_colors = {name: paint.rgb(s[name]) for name in ("red", "blue")}

    def _sirens(self) -> None:
        self.siren_start = min(self.siren_start, self.t)

    def _draw_sirens(self, surf) -> None:
        if self.siren <= 0.01:
            return
        s, v = self.cfg["sirens"], self.view
        th = self.t * s["rev_hz"] * math.tau
        for name, off in (("red", 0.0), ("blue", math.pi)):
            a = th + off
            for side in (-1, 1):
                face = max(0.0, math.sin(a) * side)
                k = self.siren * face ** 1.5
                if k < 0.03:
                    continue
                z = s["z"][0] + (s["z"][1] - s["z"][0]) * (0.5 + 0.5 * math.cos(a))
                sx, sy = v.p(side * (self.cfg["road"]["walk"] - 0.2), s["y"], z)
                sizes = s["sizes"]
                idx = min(len(sizes) - 1, max(0, int((s["z"][1] - z) / (s["z"][1] - s["z"][0]) * len(sizes))))
                spr = self.siren_sprites[idx]
                color = self.siren_colors[name]
                w, h = spr.get_size()
                paint.add_tinted(surf, spr, (int(sx) - w // 2, int(sy) - h // 2),
                                 paint.shade(color, paint.level_k(k, 8, 0.1)), self.scratch)
                ry = v.p(0, -s["y"] * 1.6, z)[1]
                paint.add_tinted(surf, spr, (int(sx) - w // 2, int(ry) - h // 2),
                                 paint.shade(color, paint.level_k(k * s["reflection"], 8, 0.1)), self.scratch)

    # ---------------------------------------------------------- lamp
    def _lamp_init(self) -> None:
        L, v = self.cfg["lamp"], self.view
        self.lamp_head = v.p(L["x"] + L["arm"], L["height"] - 0.3, L["z"])
        if self.burning:
            return              # the lamp is out when the bar burns
        # the lamp's cone and its wide glow are painted into the room's light (street_paint)
        self.cone_pos = (int(self.lamp_head[0] - L["cone_width"]), int(self.lamp_head[1]))
        self.lamp_glow = [paint.ramp_glow(r, r * sq, col, pw, core) for r, sq, col, pw, core in L["glows"]
                          if r < L["bake_radius"]]
        rn = L["rain"]
        x0, y0 = self.cone_pos
        streak = pygame.Surface((2, rn["length"]))
        streak.fill(paint.rgb(rn["color"]))
        self.rain = Particles(self.rng, [[paint.prep(streak)]], rn, [[x0 + 30, y0, x0 + 2 * L["cone_width"] - 30,
                                                                     y0 + 40]])
        m = L["moths"]
        self.moths = Particles(self.rng, [glow_ramp(m["ramp"], [2, 2], 4, 2.0)], m,
                               [[self.lamp_head[0] - 30, self.lamp_head[1] - 10, self.lamp_head[0] + 30,
                                 self.lamp_head[1] + 30]])
        if not self.burning:
            self.rain.prefill(2.0)

    def _update(self, dt: float) -> None:
        self.k = self.flicker.update(dt)
        s = self.cfg["sirens"]
        if self.t > self.siren_start:
            self.siren = min(1.0, (self.t - self.siren_start) / s["build"]) * s["max"]
        if self.burning:
            self.flames.update(dt)
            self.embers.update(dt)
        else:
            self.rain.update(dt)
            self.moths.update(dt, 1.0 if self.k > 0.3 else 0.0)
        self._update_runners(dt)

    def _draw(self, surf: pygame.Surface) -> None:
        L, c = self.layers, self.cfg
        paint.draw_lit(surf, L["room"], self.k)
        if self.burning:
            sm = c["smoke"]
            v = int(sm["strength"] * (0.75 + 0.25 * self.k) * 255)
            speeds = self.smoke_speeds
            self.smoke.draw(surf, [self.t * speed for speed in speeds], [(v, v, v)] * len(speeds))
            self.flames.draw(surf)
            self._draw_runners(surf)
            self.embers.draw(surf)
        else:
            k = self.k
            if k > 0.02:
                level = paint.level_k(k, 8, 0.05)
                for g in self.lamp_glow:
                    pos = (int(self.lamp_head[0]) - g.get_width() // 2, int(self.lamp_head[1]) - g.get_height() // 2)
                    g.draw(surf, pos, level, self.scratch)
            if k > 0.3:
                self.rain.draw(surf)
                self.moths.draw(surf)
        self._draw_figures(surf, 1.0)
        self._draw_sirens(surf)
