"""Cheap particle systems: pre-rendered sprite ramps indexed by age, drawn with fblits.

A particle is a small list ``[x, y, vx, vy, age, life, phase, ramp]``; the sprite
it shows is chosen from its ramp by ``age / life``, so fading, cooling and
growing are all baked into the ramp.  No sprite is scaled or tinted per frame.
"""
from __future__ import annotations

import math
import random
from typing import Sequence

import pygame

from . import paint


def glow_ramp(stops, radius: Sequence[float], steps: int, power: float = 2.0,
              stretch: float = 1.0, core: float = 0.0) -> list[pygame.Surface]:
    """Additive sprites whose colour follows ``stops`` and radius goes r0 -> r1."""
    out = []
    for i in range(steps):
        t = i / max(1, steps - 1)
        r = radius[0] + (radius[1] - radius[0]) * t
        out.append(paint.glow(max(1.0, r), max(1.0, r * stretch), paint.ramp(stops, t), power, core, 24))
    return out


def flame_ramp(stops, radius: Sequence[float], steps: int, stretch: float) -> list[pygame.Surface]:
    """Tear-drop flame tongues that cool and shrink with age."""
    out = []
    for i in range(steps):
        t = i / max(1, steps - 1)
        r = radius[0] + (radius[1] - radius[0]) * t
        out.append(paint.flame(max(2.0, r), max(2.0, r * stretch), paint.ramp(stops, t)))
    return out


def smoke_ramp(color, density: Sequence[float], radius: Sequence[float], steps: int,
               power: float = 1.2) -> list[pygame.Surface]:
    """Darkening blobs (draw with BLEND_RGB_MULT) that grow and thin out with age."""
    out = []
    for i in range(steps):
        t = i / max(1, steps - 1)
        a = density[0] + (density[1] - density[0]) * t
        a *= min(1.0, t * 4.0 + 0.15) * min(1.0, (1.0 - t) * 3.0 + 0.05)
        r = radius[0] + (radius[1] - radius[0]) * t
        out.append(paint.shadow(r, r * 0.8, color, max(0.0, min(1.0, a)), power))
    return out


class Particles:
    """A pool of particles. ``cfg`` keys (all from the scene data):

    rate (per s), life [min, max], vx [min, max], vy [min, max], ax, ay,
    wobble (px/s sideways), wobble_freq (Hz), drag (per s), max.
    Spawn areas are rects ``[x0, y0, x1, y1]``.
    """

    def __init__(self, rng: random.Random, ramps: list[list[pygame.Surface]], cfg: dict,
                 areas: Sequence[Sequence[float]], flags: int = pygame.BLEND_RGB_ADD):
        self.rng = rng
        self.ramps = ramps
        self.half = [[(s.get_width() // 2, s.get_height() // 2) for s in r] for r in ramps]
        self.cfg = cfg
        self.flags = flags
        self.areas = [tuple(a) for a in areas]
        weights = [max(1.0, (a[2] - a[0]) * max(1.0, a[3] - a[1])) for a in self.areas]
        total = sum(weights)
        self.cum = []
        acc = 0.0
        for w in weights:
            acc += w / total
            self.cum.append(acc)
        self.p: list[list[float]] = []
        self.carry = 0.0
        self.t = 0.0
        self.limit = int(cfg.get("max", 400))

    def _area(self) -> tuple:
        r = self.rng.random()
        for a, c in zip(self.areas, self.cum):
            if r <= c:
                return a
        return self.areas[-1]

    def spawn(self, x: float | None = None, y: float | None = None, speed: float = 1.0) -> None:
        if len(self.p) >= self.limit:
            return
        c, u = self.cfg, self.rng.uniform
        if x is None or y is None:
            a = self._area()
            x, y = u(a[0], a[2]), u(a[1], a[3])
        life = u(*c["life"])
        self.p.append([x, y, u(*c["vx"]) * speed, u(*c["vy"]) * speed, 0.0, life,
                       u(0, math.tau), self.rng.randrange(len(self.ramps))])

    def burst(self, n: int, speed: float = 1.0) -> None:
        for _ in range(n):
            self.spawn(speed=speed)

    def prefill(self, seconds: float, step: float = 1 / 30) -> None:
        """Run the system for a while so it does not start empty."""
        t = 0.0
        while t < seconds:
            self.update(step)
            t += step

    def update(self, dt: float, rate_scale: float = 1.0) -> None:
        c = self.cfg
        self.t += dt
        self.carry += c.get("rate", 0) * rate_scale * dt
        while self.carry >= 1.0:
            self.carry -= 1.0
            self.spawn()
        ax, ay = c.get("ax", 0.0), c.get("ay", 0.0)
        wob, wf = c.get("wobble", 0.0), c.get("wobble_freq", 1.0) * math.tau
        drag = max(0.0, 1.0 - c.get("drag", 0.0) * dt)
        t = self.t
        alive = []
        for q in self.p:
            q[4] += dt
            if q[4] >= q[5]:
                continue
            q[2] = (q[2] + ax * dt) * drag
            q[3] = (q[3] + ay * dt) * drag
            q[0] += (q[2] + wob * math.sin(t * wf + q[6])) * dt
            q[1] += q[3] * dt
            alive.append(q)
        self.p = alive

    def draw(self, surf: pygame.Surface, dx: float = 0.0, dy: float = 0.0) -> None:
        if not self.p:
            return
        ramps, half = self.ramps, self.half
        seq = []
        for x, y, _vx, _vy, age, life, _ph, ri in self.p:
            r = ramps[ri]
            i = int(age / life * len(r))
            if i >= len(r):
                i = len(r) - 1
            hw, hh = half[ri][i]
            seq.append((r[i], (int(x + dx) - hw, int(y + dy) - hh)))
        surf.fblits(seq, self.flags)


class Twinkles:
    """Fixed points (glass shards, wet highlights) that glint now and then."""

    def __init__(self, rng: random.Random, points: Sequence[Sequence[float]], sprite: pygame.Surface,
                 n_levels: int, rate: Sequence[float], sharpness: float):
        self.levels = paint.levels(sprite, n_levels)
        self.half = (sprite.get_width() // 2, sprite.get_height() // 2)
        self.points = [(float(p[0]), float(p[1]), rng.uniform(*rate), rng.uniform(0, math.tau),
                        p[2] if len(p) > 2 else 1.0) for p in points]
        self.sharp = sharpness

    def draw(self, surf: pygame.Surface, t: float, k: float = 1.0, dx: float = 0.0,
             dy: float = 0.0) -> None:
        n = len(self.levels)
        hw, hh = self.half
        seq = []
        for x, y, w, ph, scale in self.points:
            v = (0.5 + 0.5 * math.sin(t * w + ph)) ** self.sharp * k * scale
            i = int(v * n)
            if i > 0:
                seq.append((self.levels[min(n, i) - 1], (int(x + dx) - hw, int(y + dy) - hh)))
        if seq:
            surf.fblits(seq, pygame.BLEND_RGB_ADD)


def star(radius: float, color) -> pygame.Surface:
    """A small glint: a soft core with thin spikes (additive)."""
    r = int(radius)
    s = pygame.Surface((2 * r, 2 * r))
    s.fill((0, 0, 0))
    s.blit(paint.glow(r * 0.35, r * 0.35, color, 2.0, 0.6, 24), (int(r * 0.65), int(r * 0.65)),
           special_flags=pygame.BLEND_RGB_ADD)
    spike_h = paint.glow(r, max(1, r * 0.07), color, 3.0, 0.0, 32)
    s.blit(spike_h, (0, r - spike_h.get_height() // 2), special_flags=pygame.BLEND_RGB_ADD)
    spike_v = pygame.transform.rotate(spike_h, 90)
    s.blit(spike_v, (r - spike_v.get_width() // 2, 0), special_flags=pygame.BLEND_RGB_ADD)
    return paint.prep(s)


class Flicker:
    """A light's intensity over time: slow pulses, fast jitter and dropouts.

    cfg: base, pulse [amplitude, hz], pulse2 [amplitude, hz], jitter,
    drop_every [min, max] s (0 = never), drop_len [min, max] s, drop_floor,
    stutter_hz.
    """

    def __init__(self, rng: random.Random, cfg: dict):
        self.rng = rng
        self.cfg = cfg
        self.t = rng.uniform(0, 10)
        self.value = cfg.get("base", 1.0)
        self._jit = 0.0
        self._jit_t = 0.0
        every = cfg.get("drop_every", [0, 0])
        self._next_drop = rng.uniform(*every) if every[1] > 0 else float("inf")
        self._drop_end = -1.0
        self._phase2 = rng.uniform(0, math.tau)

    def update(self, dt: float) -> float:
        c = self.cfg
        self.t += dt
        t = self.t
        amp, hz = c.get("pulse", [0.0, 1.0])
        amp2, hz2 = c.get("pulse2", [0.0, 1.0])
        v = c.get("base", 1.0) + amp * math.sin(t * hz * math.tau) \
            + amp2 * math.sin(t * hz2 * math.tau + self._phase2)
        self._jit_t -= dt
        if self._jit_t <= 0:
            self._jit_t = 1.0 / max(1.0, c.get("jitter_hz", 20.0))
            self._jit = self.rng.uniform(-1, 1) * c.get("jitter", 0.0)
        v += self._jit
        if t >= self._next_drop:
            self._drop_end = t + self.rng.uniform(*c["drop_len"])
            self._next_drop = self._drop_end + self.rng.uniform(*c["drop_every"])
        if t < self._drop_end:
            on = math.sin(t * c.get("stutter_hz", 14.0) * math.tau) > 0.3
            v = v * 0.55 if on else c.get("drop_floor", 0.0)
        self.value = max(0.0, min(1.0, v))
        return self.value


class Haze:
    """A drifting fog texture (8-bit grey) seen only through ``mask`` (a glow around
    a light or a smoke column), worked at 1/``scale`` resolution and scaled up:
    as a full-size ``layer`` that a light brightens, or tinted per frame with
    others in a ``HazeGroup``."""

    LAYER_BANDS = 4

    def __init__(self, texture: pygame.Surface, mask: pygame.Surface, scale: int = 1,
                 vertical: bool = False, flags: int = pygame.BLEND_RGB_ADD,
                 scratch: paint.Scratch | None = None, mask_is_small: bool = False):
        self.scale = scale
        self.vertical = vertical
        self.flags = flags
        self.tex = texture
        w, h = mask.get_size()
        self.small_size = (w, h) if mask_is_small else (max(2, w // scale), max(2, h // scale))
        self.size = (self.small_size[0] * scale, self.small_size[1] * scale)
        self.mask = paint.prep(mask if mask.get_size() == self.small_size
                               else pygame.transform.smoothscale(mask, self.small_size))
        self.scratch = scratch or paint.Scratch()
        # worked at the reduced size in a surface of its own, scaled up into the scratch
        self.small = None if scale == 1 else paint.prep(pygame.Surface(self.small_size))
        self._layer: pygame.Surface | None = None
        self._band_keys: list[tuple[int, int] | None] = [None] * self.LAYER_BANDS   # what each band shows

    def layer(self, offset: float, gain: float = 1.0) -> pygame.Surface:
        """The haze at its full size, at ``gain`` and untinted, scrolled to ``offset``:
        for a light that brightens it along with the room (``paint.draw_lit``), so a
        frame adds it as it is.  Made whole once; after that, when the scroll has
        moved it a pixel of the reduced size (a few times a second for a slow
        drift), it is remade a band of rows per frame, so no one frame pays for all
        of it (for those few frames the bands are a pixel apart in a soft fog)."""
        period = (self.tex.get_height() if self.vertical else self.tex.get_width())
        key = (int(offset / self.scale) % period, int(gain * 255 + 0.5))
        if self._layer is None:
            self._layer = paint.prep(pygame.Surface(self.size))
        stale = [b for b, band_key in enumerate(self._band_keys) if band_key != key]
        for b in stale if None in self._band_keys else stale[:1]:
            self._remake_band(b, offset, key)
        return self._layer

    def _remake_band(self, b: int, offset: float, key: tuple[int, int]) -> None:
        q, (sw, sh) = self.scale, self.small_size
        r0, r1 = sh * b // self.LAYER_BANDS, sh * (b + 1) // self.LAYER_BANDS
        self._band_keys[b] = key
        if r1 <= r0:
            return
        small = self.small if self.small is not None else self.scratch.get(sw, sh)
        self._fill(small, offset, (key[1],) * 3, (r0, r1))
        part = small.subsurface((0, r0, sw, r1 - r0))
        if q == 1:
            self._layer.blit(part, (0, r0))
        else:
            pygame.transform.scale(part, (sw * q, (r1 - r0) * q),
                                   self._layer.subsurface((0, r0 * q, sw * q, (r1 - r0) * q)))

    def _fill(self, small: pygame.Surface, offset: float, tint, rows: tuple[int, int] | None = None) -> None:
        """``small`` = the texture scrolled to ``offset``, seen through the mask, times
        ``tint``; only ``rows`` (first, end) of it if given."""
        r0, r1 = rows if rows is not None else (0, small.get_height())
        work = small.subsurface((0, r0, small.get_width(), r1 - r0))
        if self.vertical:
            paint.blit_wrapped_v(work, self.tex, int(offset / self.scale) + r0, (0, 0))
        else:
            tw, th = self.tex.get_size()
            tex = self.tex if r0 == 0 else self.tex.subsurface((0, min(r0, th), tw, max(0, min(r1, th) - r0)))
            if tex.get_height() > 0:
                paint.blit_wrapped(work, tex, offset / self.scale, (0, 0))
        work.blit(self.mask, (0, 0), (0, r0, work.get_width(), r1 - r0), special_flags=pygame.BLEND_RGB_MULT)
        if min(tint) < 255:
            work.fill(tint, special_flags=pygame.BLEND_RGB_MULT)

    def _enlarge(self, small: pygame.Surface, surf: pygame.Surface, x: int, y: int) -> None:
        """Blend ``small`` (a reduced-size image) into ``surf`` at ``(x, y)``, enlarged
        by the scale: a band of rows at a time through the scratch (exact for whole factors)."""
        if self.scale == 1:
            surf.blit(small, (x, y), special_flags=self.flags)
            return
        q, (sw, sh) = self.scale, small.get_size()
        # only the rows that land inside the target's clip (smoke columns rise off the top)
        clip = surf.get_clip()
        first = max(0, (clip.top - y) // q)
        last = min(sh, -(-(clip.bottom - y) // q))
        rows = max(1, self.scratch.rows(sw * q, sh * q) // q)
        for r0 in range(first, last, rows):
            r1 = min(last, r0 + rows)
            band = self.scratch.get(sw * q, (r1 - r0) * q)
            pygame.transform.scale(small.subsurface((0, r0, sw, r1 - r0)), band.get_size(), band)
            surf.blit(band, (x, y + r0 * q), special_flags=self.flags)


class HazeGroup:
    """Hazes of one scale at fixed places, drawn together: each is worked at its
    reduced size into one shared image, which is enlarged and added once, so where
    they overlap (smoke columns from one fire) nothing is enlarged twice."""

    def __init__(self, placed: Sequence[tuple[Haze, tuple[int, int]]]):
        self.hazes = [hz for hz, _pos in placed]
        q = self.hazes[0].scale
        if any(hz.scale != q or hz.flags != self.hazes[0].flags for hz in self.hazes):
            raise ValueError("hazes drawn together need one scale and one blend")
        area = pygame.Rect(placed[0][1], self.hazes[0].size).unionall(
            [pygame.Rect(pos, hz.size) for hz, pos in placed[1:]])
        self.origin = area.topleft
        self.at = [((pos[0] - area.x) // q, (pos[1] - area.y) // q) for _hz, pos in placed]
        self.small = paint.prep(pygame.Surface((-(-area.w // q) + 1, -(-area.h // q) + 1)))

    def draw(self, surf: pygame.Surface, offsets: Sequence[float], tints: Sequence) -> None:
        """Additively draw every haze, each scrolled by its offset and tinted (as ``Haze.draw``);
        of hazes that scroll vertically, only the rows that land on screen are worked."""
        q, (ox, oy) = self.hazes[0].scale, self.origin
        clip = surf.get_clip()
        first = max(0, (clip.top - oy) // q)
        last = min(self.small.get_height(), -(-(clip.bottom - oy) // q))
        shown = False
        for hz, (ax, ay), offset, tint in zip(self.hazes, self.at, offsets, tints):
            h = hz.small_size[1]
            r0, r1 = (max(0, first - ay), min(h, last - ay)) if hz.vertical else (0, h)
            if max(tint) < 3 or r0 >= r1:
                continue
            if not shown:
                self.small.fill((0, 0, 0))
                shown = True
            work = hz.small if hz.small is not None else hz.scratch.get(*hz.small_size)
            hz._fill(work, offset, tint, (r0, r1))
            self.small.blit(work, (ax, ay + r0), (0, r0, work.get_width(), r1 - r0), special_flags=pygame.BLEND_RGB_ADD)
        if shown:
            self.hazes[0]._enlarge(self.small, surf, ox, oy)


class MistBand:
    """A full-width band of mist scrolling sideways: the band's vertical profile
    is baked into its (8-bit grey) texture, and its tint into the texture's
    palette (the colour of the dawn moves slowly), so a frame costs a copy and
    an add."""

    def __init__(self, texture: pygame.Surface, profile: pygame.Surface, scratch: paint.Scratch | None = None):
        size = texture.get_size()
        self.tex = paint.gray_product(size, [texture, pygame.transform.scale(profile, size)])
        self.scratch = scratch or paint.Scratch()
        self._tint: tuple[int, int, int] | None = None

    def draw(self, surf: pygame.Surface, y: int, offset: float, tint) -> None:
        if max(tint) < 3:
            return
        tint = (int(tint[0]), int(tint[1]), int(tint[2]))
        if tint != self._tint:
            paint.set_ramp(self.tex, tint)
            self._tint = tint
        tmp = self.scratch.get(surf.get_width(), self.tex.get_height())
        paint.blit_wrapped(tmp, self.tex, offset, (0, 0))
        surf.blit(tmp, (0, int(y)), special_flags=pygame.BLEND_RGB_ADD)


def haze_texture(width: int, height: int, cell: int, rng: random.Random, stretch=(2.2, 1.0),
                 lo: float = 70, hi: float = 200, gamma: float = 1.3) -> pygame.Surface:
    """Seamlessly scrolling grey fog texture (already at the reduced resolution),
    as an 8-bit grey image."""
    g = paint.contrast(paint.noise((width, height), cell, rng, 4, 0.6, stretch), lo, hi, gamma)
    return paint.mirror_tile(g)
