"""The bar burning: spilled spirits catching (a soft whoosh, blue, fast), crackles that
come thicker as the wood takes, and under them a roar that grows until it fills the
room; and that roar as a loop, for the street outside a burning building.

A fire's sound is two things: turbulent air (noise, low and heaving) and wood and glass
giving way (sparse, sharp pops). Both are made from noise; what differs is how often, how
bright and how loud, and in the growing fire all three change over time.
"""
from __future__ import annotations

import numpy as np

from . import dsp
from .dsp import RATE


def _crackle(n: int, rate: np.ndarray, seed: int, loop: bool) -> np.ndarray:
    """Pops at `rate` a second (one rate per sample), most small, a few loud: each is an
    impulse rung through a bright band, different in each ear."""
    out = []
    for side in range(2):
        hits = dsp.uniform(n, seed + side) < rate / RATE
        size = dsp.uniform(n, seed + 10 + side) ** 4        # a long tail of small ones
        clicks = hits * size * np.sign(dsp.noise(n, seed + 20 + side))
        ticks = dsp.spectral(clicks, lambda f: dsp.band_gain(f, 1800.0, 7000.0, 2), loop=loop)
        # the odd bigger snap: wood splitting, lower and longer
        snaps = (dsp.uniform(n, seed + 30 + side) < rate / (12 * RATE)) * dsp.noise(n, seed + 40 + side)
        snaps = dsp.spectral(snaps, lambda f: dsp.peak_gain(f, 900.0, 2.5) * dsp.lowpass_gain(f, 3000.0, 2),
                             loop=loop)
        out.append(ticks / max(np.abs(ticks).max(), 1e-12) + 0.8 * snaps / max(np.abs(snaps).max(), 1e-12))
    return np.stack(out, axis=1)


def _roar(n: int, seed: int, loop: bool) -> np.ndarray:
    """Turbulence: brown noise, low and heaving, its level churned by slow noise."""
    channels = []
    for side in range(2):
        body = dsp.spectral(dsp.gaussian(n, seed + side), lambda f: dsp.brown_gain(f, 60.0)
                            * dsp.highpass_gain(f, 30.0, 2) * dsp.lowpass_gain(f, 1400.0, 2), loop=loop)
        churn = dsp.spectral(dsp.gaussian(n, seed + 5 + side), lambda f: dsp.lowpass_gain(f, 4.0, 2), loop=loop)
        churn /= max(np.abs(churn).max(), 1e-12)
        channels.append(body / dsp.rms(body) * (1.0 + 0.45 * churn))
    return np.stack(channels, axis=1)


def fire(seed: int, length: float = 10.0) -> np.ndarray:
    n = dsp.seconds(length)
    t = dsp.times(n)
    # the spirits catching: a breathy rush that rises in pitch over a second and settles
    rush = dsp.widen(dsp.gaussian(n, seed), dsp.gaussian(n, seed + 1), 0.5)

    def catching(frame_t, freqs):
        centre = 250.0 + 1800.0 * np.clip(frame_t / 1.1, 0.0, 1.0)
        level = np.clip(frame_t / 0.25, 0.0, 1.0) * np.exp(-np.maximum(frame_t - 1.1, 0.0) / 2.2)
        return dsp.peak_gain(freqs, centre, 1.2) * level
    rush = dsp.varying(rush, catching)
    # growth: slow at first, then fast, then full (a smooth S over the first nine seconds)
    grown = 1.0 / (1.0 + np.exp(-(t - 5.0) / 1.1))
    crackle = _crackle(n, 3.0 + 55.0 * grown, seed + 100, loop=False)
    roar = _roar(n, seed + 200, loop=False)

    def widening(frame_t, freqs):                           # a bigger fire is brighter
        size = 1.0 / (1.0 + np.exp(-(frame_t - 5.0) / 1.1))
        return dsp.lowpass_gain(freqs, 250.0 + 900.0 * size, 2)
    roar = dsp.varying(roar, widening) * (0.02 + 0.98 * grown ** 1.3)[:, None]
    out = 0.5 * rush / dsp.rms(rush[: dsp.seconds(1.5)]) + 1.0 * crackle * (0.4 + 0.6 * grown[:, None]) + roar
    return dsp.reverb(out, decay=0.9, mix=0.2, seed=seed + 300, brightness=3000.0)


def fire_roar(seed: int, length: float = 10.0) -> np.ndarray:
    n = dsp.seconds(length)
    crackle = _crackle(n, np.full(n, 40.0), seed + 100, loop=True)
    roar = _roar(n, seed + 200, loop=True)
    roar = dsp.spectral(roar, lambda f: dsp.lowpass_gain(f, 1000.0, 2), loop=True)
    roar /= dsp.rms(roar)
    out = roar + 1.2 * crackle
    return dsp.reverb(out, decay=1.3, mix=0.3, seed=seed + 300, loop=True, brightness=2500.0)
