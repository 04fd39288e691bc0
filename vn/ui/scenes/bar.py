"""Willy's bar at night, after the firefight; variant ``burning``.

Static layers come from ``bar_paint``: the room under the bulb (and under the
fire) as a base image plus the light's contribution, so a frame shows the
light's flicker as ``base + k * diff``.
Moving parts: swaying bulb and its glows, neon letters, drifting haze lit by
the bulb, dust, glints on broken glass, sparks from a torn cable; when burning,
flames behind the counter, smoke under the ceiling, embers.
"""
from __future__ import annotations

import math
import random

import pygame

from . import figures, paint
from .bar_paint import build_layers, neon_strokes
from .base import PaintedScene
from .data import LOGICAL_SIZE
from .particles import Flicker, Haze, Particles, Twinkles, flame_ramp, glow_ramp, smoke_ramp, star

W, H = LOGICAL_SIZE


class BarScene(PaintedScene):
    name = "bar"
    variants = (None, "burning")

    def _build(self) -> None:
        c = self.cfg
        # the plain bar gets the fire's layers only if it is set alight (see _ignite)
        self.layers = build_layers(self.seed, ("burn", "air") if self.variant == "burning" else ("bulb", "air"))
        rng = self.rng
        self.flicker = Flicker(rng, c["flicker"])
        self.fire_flicker = Flicker(rng, c["fire"]["flicker"])
        self.light = 1.0
        self.fire_k = 1.0
        self.burn = 1.0 if self.variant == "burning" else 0.0
        self._mix: pygame.Surface | None = None     # the burning room while it fades in
        self.haze: list[Haze | None] = [self._haze("bulb"), self._haze("burn")]
        b = c["bulb"]
        self.bulb_sprites = [paint.ramp_glow(r, r, col, pw, core) for r, col, pw, core in b["glows"]
                             if r < b["bake_radius"]]       # the wider ones are painted into the room
        f = c["fire"]
        self.flames = Particles(rng, [flame_ramp(f["ramp"], rad, 10, f["stretch"])
                                      for rad in f["sizes"]], f["particles"], [f["area"]])
        self.embers = Particles(rng, [glow_ramp(f["ember_ramp"], [r, r * 0.6], 8, 2.5) for r in (3, 4, 6)],
                                f["embers"], [f["area"]])
        sm = c["smoke"]
        self.puffs = Particles(rng, [smoke_ramp(sm["puff_color"], sm["puff_density"], rad, 10)
                                     for rad in sm["puff_sizes"]], sm["puffs"], [f["area"]],
                               pygame.BLEND_RGB_MULT)
        d = c["dust"]
        self.dust = Particles(rng, [glow_ramp(d["ramp"], [r, r], 6, 2.0) for r in d["sizes"]], d, [d["area"]])
        s = c["sparks"]
        self.sparks = Particles(rng, [glow_ramp(s["ramp"], [r, r * 0.5], 8, 2.2) for r in s["sizes"]], s,
                                [[s["pos"][0] - 3, s["pos"][1], s["pos"][0] + 3, s["pos"][1] + 2]])
        self.spark_glow = paint.glow(s["glow"], s["glow"], s["glow_color"], 2.0)
        self._spark_next = rng.uniform(*s["every"])
        self._spark_flash = 0.0
        gl = c["glints"]
        pts = []
        grng = random.Random(self.seed * 31 + 5)
        for x0, y0, x1, y1, n in gl["areas"]:
            pts += [(grng.uniform(x0, x1), grng.uniform(y0, y1), grng.uniform(0.5, 1.0)) for _ in range(n)]
        self.glints = Twinkles(rng, pts, star(gl["radius"], gl["color"]), 8, gl["rate"], gl["sharpness"])
        self.neon = self._neon_sprites(c["neon"])
        self.neon_flicker = Flicker(rng, c["neon"]["flicker"])
        self.neon_bad = Flicker(rng, c["neon"]["bad_flicker"])
        self.dust.prefill(4.0)
        if self.burn:
            self.flames.prefill(2.0)
            self.puffs.prefill(4.0)
        self.scratch.reserve(W, paint.Scratch.MIN_ROWS)

    def _neon_sprites(self, n: dict) -> list:
        pad = 26
        sprites = []
        s = n["size"]
        for i in range(len(n["text"])):
            x0, y0 = n["pos"][0] + i * s * 1.15 - pad, n["pos"][1] - pad
            w, h = int(s + 2 * pad), int(s * 1.4 + 2 * pad)
            surf = pygame.Surface((w, h))
            surf.fill((0, 0, 0))
            strokes = [[(px - x0, py - y0) for px, py in st] for st in neon_strokes(n)
                       if min(q[0] for q in st) >= x0 + pad - 1 and max(q[0] for q in st) <= x0 + w - pad + 1]
            for st in strokes:
                pygame.draw.lines(surf, paint.rgb(n["color"]), False, st, 5)
            halo = pygame.transform.box_blur(surf, 9)
            halo.fill(paint.rgb(n["glow"]), special_flags=pygame.BLEND_RGB_MULT)
            for _ in range(2):
                surf.blit(halo, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
            for st in strokes:
                pygame.draw.lines(surf, paint.rgb(n["core"]), False, st, 2)
            sprites.append(((int(x0), int(y0)), paint.levels(surf, 8, 0.05)))
        return sprites

    def _haze(self, light: str) -> Haze | None:
        """The haze lit by ``light`` (``bulb`` / ``burn``), if that light's layers are here.
        It is added to the light's own layer before that is dimmed (``_haze_glow``), so its
        mask leaves out what that layer has no room for: a clipped channel would shift hue."""
        if light not in self.layers:
            return None
        scale, mask = self.cfg["haze"]["scale"], self.layers[light]["haze_mask"]
        (w, h), (cx, cy) = mask.get_size(), self._haze_center(light)
        area = (cx - w * scale // 2, cy - h * scale // 2, w * scale, h * scale)
        mask = mask.copy()
        mask.blit(paint.headroom(self.layers[light]["diff"], area, (w, h)), (0, 0),
                  special_flags=pygame.BLEND_RGB_MULT)
        return Haze(self.layers["air"]["haze"], mask, scale, scratch=self.scratch, mask_is_small=True)

    def _haze_center(self, light: str) -> tuple[int, int]:
        c = self.cfg
        if light == "burn":
            return tuple(c["lights"]["fire"]["pos"])
        return c["bulb"]["anchor"][0], c["bulb"]["anchor"][1] + c["bulb"]["length"]

    def _ignite(self, reduced: bool) -> None:
        if self.variant != "burning":
            if "burn" not in self.layers:
                # those of a live burning bar (the story prepares one) or painted now
                self.layers = dict(self.layers, burn=build_layers(self.seed, ("burn",))["burn"])
                self.haze[1] = self._haze("burn")
            self.variant = "burning"
            self._ignite_ramp = self.cfg["fire"]["ignite_ramp"] * (2.0 if reduced else 1.0)
            if not reduced:
                self.flames.burst(self.cfg["fire"]["ignite_burst"], 1.6)
                self.embers.burst(self.cfg["fire"]["ignite_burst"] // 2, 2.5)

    def _figure_for(self, character: str, kind: str, at: str) -> figures.Figure:
        w = self.cfg["figures"].get(character)
        if w is None:
            return super()._figure_for(character, kind, at)
        style = dict(w["style_burning"] if self.variant == "burning" else w["style"])
        fig = figures.build(figures.POSES[w["pose"]](), kind, w["height"],
                            (w["x"].get(at, w["x"]["center"]), w["feet_y"]), style,
                            clip=(0, 0, W, self.cfg["counter"]["top_back"] + 2))
        return fig

    def _update(self, dt: float) -> None:
        c = self.cfg
        self.light = self.flicker.update(dt)
        self.fire_k = self.fire_flicker.update(dt)
        if self.variant == "burning" and self.burn < 1.0:
            self.burn = min(1.0, self.burn + dt / max(0.1, getattr(self, "_ignite_ramp", 1.0)))
        self.flames.update(dt, self.burn)
        self.embers.update(dt, self.burn)
        self.puffs.update(dt, self.burn)
        self.dust.update(dt, 1.0 - self.burn)
        self._spark_next -= dt
        if self._spark_next <= 0:
            s = c["sparks"]
            self._spark_next = self.rng.uniform(*s["every"])
            self.sparks.burst(self.rng.randint(*s["burst"]))
            self._spark_flash = s["flash_len"]
        self._spark_flash = max(0.0, self._spark_flash - dt)
        self.sparks.update(dt)
        self.neon_flicker.update(dt)
        self.neon_bad.update(dt)

    def _draw(self, surf: pygame.Surface) -> None:
        L, c, t = self.layers, self.cfg, self.t
        burn = self.burn
        # each light's haze brightens and dims with the light, so it is drawn as part of it
        if burn < 1.0:
            paint.draw_lit(surf, L["bulb"], self.light * (1.0 - burn), self._haze_glow("bulb"))
        fire_haze = self._haze_glow("burn") if burn else ()
        if burn >= 1.0:
            paint.draw_lit(surf, L["burn"], self.fire_k * burn, fire_haze)
            self._mix = None
        elif burn > 0.0:
            # the fire's light fades in over the bulb's (only while the bar catches fire)
            if self._mix is None:
                self._mix = paint.prep(pygame.Surface(LOGICAL_SIZE))
            paint.draw_lit(self._mix, L["burn"], self.fire_k * burn, fire_haze)
            paint.blit_alpha(surf, self._mix, burn)
        self._draw_neon(surf)
        k = self.light * (1.0 - burn)
        ct = c["counter"]["top_back"]
        if burn > 0.0:
            self._draw_fire(surf, ct)
        self._draw_figures(surf, max(0.15, k) if burn < 1.0 else self.fire_k)
        if burn > 0.0:
            sm = c["smoke"]
            paint.blit_wrapped(surf, L["burn"]["smoke"], t * sm["speed"], (0, 0), pygame.BLEND_RGB_MULT)
            self.puffs.draw(surf)
            self.embers.draw(surf)
        self._draw_bulb(surf, k)
        if k > 0.2:
            self.dust.draw(surf)
        self.glints.draw(surf, t, max(k, burn * self.fire_k * 0.8))
        self.sparks.draw(surf)
        if self._spark_flash > 0:
            s = c["sparks"]
            g = self.spark_glow
            level = min(1.0, (int(self._spark_flash / s["flash_len"] * 6) + 1) / 6)
            paint.add_scaled(surf, g, (s["pos"][0] - g.get_width() // 2, s["pos"][1] - g.get_height() // 2),
                             level, self.scratch)

    def _haze_glow(self, light: str) -> tuple:
        """The haze lit by ``light`` (``bulb`` / ``burn``) centred on it, as a glow for
        ``paint.draw_lit``; none if this bar has no such light."""
        layer = 0 if light == "bulb" else 1
        hz = self.haze[layer]
        if hz is None:
            return ()
        hc = self.cfg["haze"]
        (w, h), (cx, cy) = hz.size, self._haze_center(light)
        img = hz.layer(self.t * hc["speed"][layer] + layer * 900, hc["strength" if layer == 0 else "fire_strength"])
        return ((img, (cx - w // 2, cy - h // 2)),)

    def _draw_bulb(self, surf, k: float) -> None:
        b = self.cfg["bulb"]
        ax, ay = b["anchor"]
        ang = math.radians(b["sway_deg"]) * math.sin(self.t * b["sway_hz"] * math.tau)
        x, y = ax + math.sin(ang) * b["length"], ay + math.cos(ang) * b["length"]
        pygame.draw.line(surf, paint.rgb(b["cord"]), (ax, ay), (x, y - 8), 2)
        pygame.draw.rect(surf, paint.rgb(b["cord"]), (int(x) - 5, int(y) - 14, 10, 9))
        if k > 0.01:
            level = _level(k, 8, 0.05)
            for s in self.bulb_sprites:
                s.draw(surf, (int(x) - s.get_width() // 2, int(y) - s.get_height() // 2), level, self.scratch)
        else:
            pygame.draw.ellipse(surf, paint.rgb(b["dead"]), (int(x) - 7, int(y) - 6, 14, 17))

    def _draw_neon(self, surf) -> None:
        n = self.cfg["neon"]
        for i, ((x, y), lv) in enumerate(self.neon):
            k = self.neon_bad.value if i == n["bad_letter"] else self.neon_flicker.value
            if k > 0.05:
                surf.blit(lv[min(len(lv) - 1, int(k * len(lv)))], (x, y), special_flags=pygame.BLEND_RGB_ADD)

    def _draw_fire(self, surf, ct: int) -> None:
        # the glow at the foot of the fire is painted into the burning room (bar_paint)
        old = surf.get_clip()
        surf.set_clip(pygame.Rect(0, 0, W, ct + 2).clip(old))
        self.flames.draw(surf)
        surf.set_clip(old)


def _level(k: float, n: int, floor: float) -> float:
    """The brightness the ``n`` stepped levels (from ``floor``) used to show for ``k``."""
    return floor + (1 - floor) * min(1.0, max(0.0, k) + 0.5 / n)
