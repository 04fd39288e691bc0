"""The cemetery at sunrise; variant ``empty`` (the stone without Buffy, colder light).

Static layers come from ``cemetery_paint``: the geometry as a few 8-bit grey
"bases" (each depth layer's visible coverage, the open sky, the clouds, the rim
light).  The dawn's colours for the current time (interpolated between the
keyframes of ``scenes.json``) tint the bases and add up into one composite,
refreshed a horizontal band per frame (the colours change slowly), together
with the sun's halo and rays.  Over that: the sun, the stone in front of it,
drifting mist and Buffy.  No keyframe is ever stored whole.
"""
from __future__ import annotations

import pygame

from . import figures, paint
from .base import PaintedScene
from .cemetery_paint import MULT, W, H, build_layers
from .data import LOGICAL_SIZE
from .particles import MistBand, Particles, glow_ramp


class CemeteryScene(PaintedScene):
    name = "cemetery"
    variants = (None, "empty")

    def _build(self) -> None:
        c, rng = self.cfg, self.rng
        self.S = build_layers(self.variant, self.seed)
        self.comp = paint.prep(pygame.Surface(LOGICAL_SIZE))
        n = c["bands"]
        bh = (H + n - 1) // n
        self._bands = [pygame.Rect(0, y, W, min(bh, H - y)) for y in range(0, H, bh)]
        self._band_views = [self.comp.subsurface(r) for r in self._bands]
        self._band = 0
        self._cycle_t: float | None = None      # scene clock when the band cycle began
        self._sky_col = paint.prep(pygame.Surface((1, H)))
        self._rim_palette: tuple[int, list] | None = None
        self.progress = 0.0
        sun = c["sun"]
        self.disc = paint.glow(sun["radius"], sun["radius"], (255, 255, 255), 0.35, 1.0)
        self.occ: pygame.Surface | None = None
        mi = c["mist"]
        self.mists = []
        tex = self.S["mist"]
        for y, hgt, speed, strength in mi["bands"]:
            profile = paint.vgradient((4, hgt), [[0, "#000000"], [0.5, "#ffffff"], [1, "#000000"]])
            band_tex = tex.subsurface((0, 0, tex.get_width(), hgt))
            band_tex.set_palette(paint.GRAY)
            self.mists.append((MistBand(band_tex, profile, self.scratch), y, speed, strength))
        self.scratch.reserve(W, max([bh] + [b[1] for b in mi["bands"]]))
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

    def _sun_pos(self) -> tuple[float, float]:
        sun = self.cfg["sun"]
        p = self.progress
        e = p * p * (3 - 2 * p)
        (x0, y0), (x1, y1) = sun["path"]
        return (x0 + (x1 - x0) * e, y0 + (y1 - y0) * e)

    def _update(self, dt: float) -> None:
        times = self.S["times"]
        self.progress = min(1.0, self.t * self.cfg["speed"] / times[-1])
        self.motes.update(dt, 0.0 if self.variant == "empty" and "buffy" not in self._figures else 1.0)

    # ------------------------------------------------------------ the composite
    def _paint_band(self, b: int) -> None:
        """Paint band ``b`` of the composite in the colours of the moment."""
        S, scratch = self.S, self.scratch
        band, view = self._bands[b], self._band_views[b]
        top = band.y
        i, a = self._keys()
        view.fill((0, 0, 0))
        if S["sky"] is not None:
            sky, box = S["sky"]
            part = box.clip(band)
            if part.h > 0:
                col = self._sky_col
                col.blit(S["sky_cols"][i], (0, part.y), (0, part.y, 1, part.h))
                if a > 0.004:
                    nxt = S["sky_cols"][i + 1]
                    nxt.set_alpha(min(254, int(a * 255)))
                    col.blit(nxt, (0, part.y), (0, part.y, 1, part.h))
                    nxt.set_alpha(None)
                pygame.transform.scale(col.subsurface((0, part.y, 1, part.h)), part.size,
                                       view.subsurface(part.move(0, -top)))
                clouds, cbox = S["clouds"]
                paint.add_tinted(view, clouds, (cbox.x, cbox.y - top), self._color("clouds"), scratch)
                paint.blit_via(view, sky, (box.x, box.y - top), scratch, MULT)
        for name, (img, box) in S["bases"]:
            if box.colliderect(band):
                paint.add_tinted(view, img, (box.x, box.y - top), self._color(name), scratch)
        r = self._value("rim_k")
        if S["rim_cover"] is not None and r > 0.004:
            cover, box = S["rim_cover"]
            if box.colliderect(band):
                rv = int(r * 255 + 0.5)
                if self._rim_palette is None or self._rim_palette[0] != rv:
                    self._rim_palette = (rv, [(255 - (i * rv + 127) // 255,) * 3 for i in range(256)])
                cover.set_palette(self._rim_palette[1])
                paint.blit_via(view, cover, (box.x, box.y - top), scratch, MULT)
                img, box = S["rim_add"]
                paint.add_tinted(view, img, (box.x, box.y - top), paint.shade(self._color("rim"), r), scratch)
        # the sun's halo and rays (they move far slower than a band cycle)
        sun_k = self._value("sun_k")
        halo = self._color("halo")
        x, y = self._sun_pos()
        for img, k in ((S["halo"], sun_k), (S["rays"], sun_k * self._value("rays_k"))):
            pos = (int(x - img.get_width() / 2), int(y - img.get_height() / 2) - top)
            paint.add_tinted(view, img, pos, paint.shade(halo, k), scratch)

    def _paint_occluder(self) -> None:
        """The main stone as it stands in front of the sun, in the current colours."""
        S = self.S
        occ = S["occ_body"].copy()
        occ.fill(self._color("main") + (255,), special_flags=pygame.BLEND_RGBA_MULT)
        rim = S["occ_rim"].copy()
        rim.fill(self._color("rim") + (int(255 * self._value("rim_k")),), special_flags=pygame.BLEND_RGBA_MULT)
        occ.blit(rim, (0, 0))
        self.occ = paint.prep(occ, True)

    def _refresh(self) -> None:
        now = self.t * self.cfg["speed"]
        if self._cycle_t is None or abs(now - self._cycle_t) > self.cfg["max_band_lag"]:
            # first frame, or a jump in time (a long step, no draws for a while): all of it
            for b in range(len(self._bands)):
                self._paint_band(b)
            self._band, self._cycle_t = 0, now
            self._paint_occluder()
            return
        self._paint_band(self._band)
        self._band = (self._band + 1) % len(self._bands)
        if self._band == 0:
            self._cycle_t = now
            self._paint_occluder()

    def _draw(self, surf: pygame.Surface) -> None:
        c = self.cfg
        self._refresh()
        surf.blit(self.comp, (0, 0))
        sun = c["sun"]
        pos = self._sun_pos()
        old = surf.get_clip()
        surf.set_clip(pygame.Rect(0, 0, W, sun["clip_y"]).clip(old))
        sw, sh = self.disc.get_size()
        paint.add_tinted(surf, self.disc, (int(pos[0] - sw / 2), int(pos[1] - sh / 2)),
                         paint.shade(self._color("sun"), min(1.0, self._value("sun_k") * 1.5)), self.scratch)
        surf.set_clip(old)
        surf.blit(self.occ, self.S["occ_pos"])
        mist = self._color("mist")
        for hz, y, speed, strength in self.mists:
            hz.draw(surf, y, self.t * speed, paint.shade(mist, strength))
        self._draw_figures(surf, 1.0)
        if self.variant != "empty" or "buffy" in self._figures:
            self.motes.draw(surf)
