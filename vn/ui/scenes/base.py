"""The common part of every painted background: time, effects, figures, shake.

Subclasses build their static layers once in ``_build`` and implement
``_update`` and ``_draw`` (which paints the scene at the logical 1280x720 size).
This class adds the script-triggered effects on top:

* ``flash``   white flash fading out;
* ``shake``   screen shake (the scene is drawn offset);
* ``gunfire`` strobing muzzle light from one side plus a short shake;
* ``ignite``  a warm burst; scenes with a ``burning`` variant switch to it;
* ``sirens``  scenes that have sirens start them now (others ignore it).

With ``reduced=True`` no flash frame and no shake is ever drawn: state still
changes (``ignite`` still sets the fire, ``gunfire`` shows a low steady glow).

``draw`` paints the scene already shaken (the finished frame is moved in place,
so a shake needs no second full-screen surface); ``shake_offset`` is exposed so
the UI can move its other layers (dialogue box) along if it wants, not to
offset the scene again.  Scenes paint at the logical 1280x720 size; a scene
drawn into a surface of another size is painted into a buffer and scaled.
"""
from __future__ import annotations

import math
import random
from functools import lru_cache

import pygame

from . import figures, paint
from .data import LOGICAL_SIZE, effects_config, scene_config


MAX_STEP = 0.1
MAX_EFFECT_SECONDS = 60.0   # the script's bound is wider; no flash or shake is worth a minute


def effect_seconds(value, default: float) -> float:
    """A duration an effect can run for: the default for none or NaN, at most a minute.
    Loading bounds durations already; a scene is also driven by tools and tests, so it
    keeps its own bound (an infinite gunfire once precomputed flashes until memory ran out)."""
    if value is None or isinstance(value, bool):
        return default
    try:
        value = float(value)
    except (TypeError, ValueError, OverflowError):
        return default
    if math.isnan(value) or value <= 0.0:
        return default
    return min(value, MAX_EFFECT_SECONDS)


@lru_cache(maxsize=1)
def _muzzle(source, radius, power: float, core: float):
    """The on-screen part of the muzzle light's glow (it is centred off-screen) as
    an 8-bit grey image, tinted through its palette when drawn, and where it goes;
    shared by all scenes.  The glow is worked at a quarter of its size: it is all
    soft."""
    w, h = max(2, 2 * int(radius[0])), max(2, 2 * int(radius[1]))
    x0, y0 = int(source[0] - w / 2), int(source[1] - h / 2)
    area = pygame.Rect(x0, y0, w, h).clip(pygame.Rect((0, 0), LOGICAL_SIZE))
    q = 4
    small = paint.glow(w / 2 / q, h / 2 / q, (255, 255, 255), power, core)
    part = small.subsurface(pygame.Rect((area.x - x0) // q, (area.y - y0) // q,
                                        max(1, area.w // q), max(1, area.h // q)).clip(small.get_rect()))
    glow = pygame.transform.smoothscale(part, area.size)
    return paint.to_gray8(glow), area.topleft


STROBE_LEVELS = (0.7, 1.0)      # brightness of the ready-made strobe images (the strobe picks one)


@lru_cache(maxsize=1)
def _strobe(glow: pygame.Surface, color, levels: tuple[float, ...]) -> list[pygame.Surface]:
    """The muzzle glow at a few brightness levels as ready 32-bit images, for the
    strobe frames (one additive blit each); made at the first shot, shared."""
    out = []
    for k in levels:
        paint.set_ramp(glow, color, k)
        out.append(paint.prep(paint.expand(glow)))
    return out


def clear_caches() -> None:
    _muzzle.cache_clear()
    _strobe.cache_clear()


class PaintedScene:
    name: str = ""
    variants: tuple[str | None, ...] = (None,)

    def __init__(self, variant: str | None = None, size: tuple[int, int] = LOGICAL_SIZE,
                 seed: int = 0):
        if variant not in self.variants:
            raise ValueError(f"background {self.name!r} has no variant {variant!r}")
        self.variant = variant
        self.size = (int(size[0]), int(size[1]))
        self.seed = seed
        self.cfg = self._config()
        self.overlay = None        # drawn over the scene, under its effects (a story's sprites)
        self.fx = effects_config()
        self.rng = random.Random(seed * 7919 + 17)
        self.t = 0.0
        self._figures: dict[str, figures.Figure] = {}
        self._buffer: pygame.Surface | None = None
        # effect state
        self._flash = 0.0          # remaining seconds of the white flash
        self._flash_len = 1.0
        self._flash_color = (255, 255, 255)
        self._shake = 0.0          # remaining seconds
        self._shake_len = 1.0
        self._shake_amp = 0.0
        self._offset = (0, 0)
        self._gun_t = -1.0         # seconds since gunfire started (<0: none)
        self._gun_reduced = False
        self._gun_windows: list[tuple[float, float, float]] = []
        self._gun_next = 0         # the first window not over yet
        self._muzzle = 0.0         # muzzle light drawn this frame (0..1)
        self._muzzle_strobe = False
        # the gunfire's glow (0.65 MB), worked out at the first shot: most scenes never see one
        self._muzzle_glow: pygame.Surface | None = None
        self._muzzle_pos = (0, 0)
        # one surface for the temporary work of every effect of this scene
        self.scratch = paint.Scratch()
        self._build()

    # ------------------------------------------------------------ subclass hooks
    def _config(self) -> dict:
        """This scene's tunables (figures, where its gunfire comes from)."""
        return scene_config(self.name)

    def _muzzle_light(self):
        """The gunfire's glow and where it goes (shared by scenes, kept while caches are)."""
        g = self.fx["gunfire"]
        return _muzzle(tuple(self.cfg.get("muzzle", g["source"])), tuple(g["radius"]), g["power"], g["core"])

    def _build(self) -> None:
        raise NotImplementedError

    def _update(self, dt: float) -> None:
        raise NotImplementedError

    def _draw(self, surf: pygame.Surface) -> None:
        raise NotImplementedError

    def _ignite(self, reduced: bool) -> None:
        """Scenes with a burning variant switch to it here."""

    def _sirens(self) -> None:
        """Scenes with sirens start them here."""

    def _figure_for(self, character: str, kind: str, at: str) -> figures.Figure:
        return figures.generic(character, kind, at, self.cfg.get("figures", {}), self.seed)

    # ------------------------------------------------------------ public API
    def update(self, dt: float) -> None:
        """Advance by ``dt`` seconds.  The scene clock (sunrise, sirens) and the
        effect timers take the whole step, so a long step skips ahead; moving
        particles advance by at most ``MAX_STEP`` per call."""
        dt = max(0.0, float(dt))
        self.t += dt
        self._update_effects(dt)
        for fig in self._figures.values():
            fig.update(dt)
        self._update(min(dt, MAX_STEP))

    def draw(self, surface: pygame.Surface) -> None:
        if surface.get_size() != LOGICAL_SIZE:
            target = self._get_buffer()
            self._draw(target)
            if self.overlay is not None:
                self.overlay.draw(target)
            self._draw_effects(target)
            pygame.transform.smoothscale(target, surface.get_size(), surface)
            return
        self._draw(surface)
        if self.overlay is not None:
            self.overlay.draw(surface)
        self._draw_effects(surface)
        ox, oy = self._offset
        if (ox, oy) == (0, 0):
            return
        # shaken: move the finished frame in place and fill what it uncovered
        surface.scroll(ox, oy)
        w, h = LOGICAL_SIZE
        edge = paint.rgb(self.fx["shake"]["edge"])
        if ox > 0:
            surface.fill(edge, (0, 0, ox, h))
        elif ox < 0:
            surface.fill(edge, (w + ox, 0, -ox, h))
        if oy > 0:
            surface.fill(edge, (0, 0, w, oy))
        elif oy < 0:
            surface.fill(edge, (0, h + oy, w, -oy))

    def trigger(self, effect: str, reduced: bool = False, duration: float | None = None) -> None:
        fx = self.fx
        if effect == "flash":
            if not reduced:
                self._start_flash(effect_seconds(duration, fx["flash"]["duration"]), fx["flash"]["color"])
        elif effect == "shake":
            if not reduced:
                s = fx["shake"]
                self._start_shake(effect_seconds(duration, s["duration"]), s["amplitude"])
        elif effect == "gunfire":
            self._start_gunfire(reduced, duration)
        elif effect == "ignite":
            ig = fx["ignite"]
            if not reduced:
                self._start_flash(ig["flash_duration"], ig["color"])
                self._start_shake(ig["shake_duration"], ig["shake_amplitude"])
            self._ignite(reduced)
        elif effect == "sirens":
            self._sirens()

    def show_figure(self, character: str, kind: str, at: str = "center") -> None:
        self._figures[character] = self._figure_for(character, kind, at)

    def hide_figure(self, character: str) -> None:
        self._figures.pop(character, None)

    def clear_figures(self) -> None:
        self._figures.clear()

    def settle(self) -> None:
        """End every passing effect at once (flash, shake, gunfire): the story was rewound
        or skipped to a moment they do not belong to. Lasting changes (a fire) stay."""
        self._flash = 0.0
        self._shake = 0.0
        self._offset = (0, 0)
        self._gun_t = -1.0
        self._muzzle = 0.0
        self._muzzle_strobe = False

    @property
    def effects_running(self) -> bool:
        """A flash, shake or gunfire is playing: the scene moves fast and wants every frame."""
        return self._flash > 0.0 or self._shake > 0.0 or self._gun_t >= 0.0

    @property
    def flash_active(self) -> bool:
        return self._flash > 0.0 or self._muzzle_strobe

    @property
    def shake_offset(self) -> tuple[int, int]:
        return self._offset

    # ------------------------------------------------------------ effects
    def _get_buffer(self) -> pygame.Surface:
        if self._buffer is None:
            self._buffer = paint.prep(pygame.Surface(LOGICAL_SIZE))
        return self._buffer

    def _start_flash(self, duration: float, color) -> None:
        self._flash = self._flash_len = max(0.01, effect_seconds(duration, 0.01))
        self._flash_color = paint.rgb(color)

    def _start_shake(self, duration: float, amplitude: float) -> None:
        if self._shake > 0 and self._shake_amp > amplitude:
            return
        self._shake = self._shake_len = max(0.01, effect_seconds(duration, 0.01))
        self._shake_amp = amplitude

    def _start_gunfire(self, reduced: bool, duration: float | None) -> None:
        if self._muzzle_glow is None:
            self._muzzle_glow, self._muzzle_pos = self._muzzle_light()
        g = self.fx["gunfire"]
        length = effect_seconds(duration, g["duration"])
        self._gun_t = 0.0
        self._gun_reduced = reduced
        self._gun_len = length
        self._gun_windows = []
        self._gun_next = 0
        t = self.rng.uniform(0.0, 0.05)
        while t < length:
            on = self.rng.uniform(*g["on"])
            self._gun_windows.append((t, t + on, self.rng.uniform(*g["intensity"])))
            t += on + self.rng.uniform(*g["off"])
        if not reduced:
            self._start_shake(g["shake_duration"], g["shake_amplitude"])

    def _update_effects(self, dt: float) -> None:
        self._flash = max(0.0, self._flash - dt)
        self._shake = max(0.0, self._shake - dt)
        if self._shake > 0.0:
            k = (self._shake / self._shake_len) ** 1.5 * self._shake_amp
            a = self.rng.uniform(0, math.tau)
            self._offset = (int(round(math.cos(a) * k)), int(round(math.sin(a) * k * 0.7)))
        else:
            self._offset = (0, 0)
        self._muzzle = 0.0
        self._muzzle_strobe = False
        if self._gun_t >= 0.0:
            self._gun_t += dt
            t = self._gun_t
            if t > self._gun_len:
                self._gun_t = -1.0
            elif self._gun_reduced:
                self._muzzle = self.fx["gunfire"]["reduced_glow"] * math.sin(math.pi * t / self._gun_len)
            else:
                # time only moves on: windows already over are never looked at again
                windows, n = self._gun_windows, self._gun_next
                while n < len(windows) and windows[n][1] <= t:
                    n += 1
                self._gun_next = n
                if n < len(windows) and windows[n][0] <= t:
                    self._muzzle = windows[n][2]
                    self._muzzle_strobe = True

    def _draw_effects(self, surf: pygame.Surface) -> None:
        if self._muzzle > 0.0:
            self._draw_muzzle(surf, self._muzzle)
        if self._flash > 0.0:
            k = (self._flash / self._flash_len) ** 2
            c = self._flash_color
            surf.fill((int(c[0] * k), int(c[1] * k), int(c[2] * k)), special_flags=pygame.BLEND_RGB_ADD)

    def _draw_muzzle(self, surf: pygame.Surface, k: float) -> None:
        g = self.fx["gunfire"]
        if self._muzzle_strobe:
            levels = _strobe(self._muzzle_glow, paint.rgb(g["color"]), STROBE_LEVELS)
            level = paint.level_k(k, g["levels"], 0.05)
            img = levels[min(range(len(levels)), key=lambda i: abs(STROBE_LEVELS[i] - level))]
            surf.blit(img, self._muzzle_pos, special_flags=pygame.BLEND_RGB_ADD)
            v = int(g["wash"] * k)
            surf.fill((v, int(v * 0.8), int(v * 0.6)), special_flags=pygame.BLEND_RGB_ADD)
            return
        # reduced: a low glow that swells and fades smoothly (no steps, no strobe)
        self._add_muzzle(surf, k)

    def _add_muzzle(self, surf: pygame.Surface, k: float) -> None:
        """The muzzle glow at brightness ``k``: its palette does the scaling."""
        if k * 255 < 0.5:
            return
        paint.set_ramp(self._muzzle_glow, self.fx["gunfire"]["color"], min(1.0, k))
        paint.blit_via(surf, self._muzzle_glow, self._muzzle_pos, self.scratch, pygame.BLEND_RGB_ADD)

    # ------------------------------------------------------------ helpers
    def _draw_figures(self, surf: pygame.Surface, light: float = 1.0, only=None, skip=()) -> None:
        for name, fig in self._figures.items():
            if (only is None or name in only) and name not in skip:
                fig.draw(surf, light, self.scratch)
