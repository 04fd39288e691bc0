"""Willy's bar: the neon sign's hum and an electrical buzz, both seamless loops.

Mains electricity in the story's town is 60 Hz. Both sounds are built from one period of
mains (735 samples, exactly 1/60 s at 44.1 kHz) read out at a slowly wavering speed, so
every component completes whole cycles in the loop and its end meets its start.
"""
from __future__ import annotations

import numpy as np

from . import dsp
from .dsp import RATE, TAU

MAINS = 60.0
PERIOD = 735                    # samples in one mains cycle


def _cycle(harmonics: dict[int, float], phases: dsp.Dice) -> np.ndarray:
    """One mains period holding the given harmonics (multiple of 60 Hz -> amplitude)."""
    u = np.arange(PERIOD) / PERIOD
    return sum(a * np.sin(TAU * (k * u + phases())) for k, a in harmonics.items())


def _read(cycle: np.ndarray, position: np.ndarray) -> np.ndarray:
    """cycle read at `position` (in mains periods, any real number), wrapping, interpolated."""
    x = (position % 1.0) * PERIOD
    i = x.astype(np.int64)
    frac = x - i
    return cycle[i] * (1.0 - frac) + cycle[(i + 1) % PERIOD] * frac


def neon_hum(seed: int, length: float = 8.0) -> np.ndarray:
    n = dsp.seconds(length)
    t = dsp.times(n)
    dice = dsp.Dice(seed)
    # a neon transformer sings mostly at twice the mains frequency: the gas strikes on both
    # halves of each cycle
    cycle = _cycle({1: 0.30, 2: 1.0, 3: 0.28, 4: 0.55, 5: 0.12, 6: 0.30, 8: 0.18, 10: 0.11, 12: 0.07,
                    14: 0.045, 16: 0.03, 20: 0.02}, dice)
    # flutter: a few hundredths of a cycle of drift in phase, and a slow unsteady level
    drift = 0.35 * dsp.slow_wobble(n, (2, 3, 5), seed + 1)
    level = 1.0 + 0.07 * dsp.slow_wobble(n, (1, 4, 7, 11), seed + 2)
    hum = _read(cycle, MAINS * t + drift) * level
    # the gas's sizzle: high noise pulsing at 120 Hz as the discharge restrikes
    strike = np.abs(np.sin(TAU * MAINS * t + drift * TAU)) ** 12
    sizzle = dsp.spectral(dsp.noise(n, seed + 3), lambda f: dsp.highpass_gain(f, 3500.0, 2), loop=True)
    out = hum + 0.05 * sizzle * strike + 0.01 * sizzle
    return dsp.reverb(out, decay=0.7, mix=0.22, seed=seed + 4, loop=True, brightness=2500.0)


def electric_buzz(seed: int, length: float = 6.0) -> np.ndarray:
    n = dsp.seconds(length)
    t = dsp.times(n)
    dice = dsp.Dice(seed)
    # a loose transformer core: 120 Hz with a long, ragged row of harmonics
    cycle = _cycle({k: (1.0 / k ** 0.75) * (1.0 if k % 4 == 2 else 0.55) for k in range(2, 90, 2)}, dice)
    cycle += _cycle({k: 0.12 / k ** 0.5 for k in range(1, 40, 2)}, dice)
    cycle = np.tanh(1.8 * cycle / np.abs(cycle).max())
    buzz = _read(cycle, MAINS * t + 0.2 * dsp.slow_wobble(n, (3, 7), seed + 1))
    buzz = dsp.spectral(buzz, lambda f: dsp.lowpass_gain(f, 7000.0, 2), loop=True)
    # arcing: a few stretches where it spits and the buzz grows gritty
    arcing = np.clip(dsp.slow_wobble(n, (2, 3, 5, 8), seed + 2) * 3.0 - 1.2, 0.0, 1.0)
    sparks = (dsp.uniform(n, seed + 3) < 180.0 / RATE) * dsp.gaussian(n, seed + 4)
    sparks = dsp.spectral(sparks, lambda f: dsp.band_gain(f, 1800.0, 9000.0, 2), loop=True)
    sparks /= max(np.abs(sparks).max(), 1e-12)
    level = 1.0 + 0.35 * arcing + 0.05 * dsp.slow_wobble(n, (5, 9, 13), seed + 5)
    out = buzz * level + 0.55 * sparks * arcing ** 1.5
    left = out + 0.01 * dsp.noise(n, seed + 6)
    right = np.roll(out, 9) + 0.01 * dsp.noise(n, seed + 7)   # the sign a little to the left
    return dsp.reverb(np.stack([left, right], axis=1), decay=0.6, mix=0.18, seed=seed + 8, loop=True,
                      brightness=3000.0)
