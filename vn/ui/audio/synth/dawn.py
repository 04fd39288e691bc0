"""Sunrise at the cemetery: the night's wind, and the birds that start when the sun comes
up (the script crossfades one into the other, so the wind drops as the birds begin);
and, for Dawn's Birthday, a knock on a front door.
"""
from __future__ import annotations

import numpy as np

from . import dsp
from .dsp import RATE, TAU


def _wind(n: int, seed: int, gust_cycles: tuple[int, ...]) -> np.ndarray:
    """Noise through a soft resonance whose pitch and strength follow the gusts, plus a
    faint whistle riding on top: wind over stones and through bare trees."""
    air = dsp.widen(dsp.gaussian(n, seed), dsp.gaussian(n, seed + 1), 0.8)
    air = dsp.spectral(air, dsp.pink_gain, loop=True)
    gusts = 0.5 + 0.5 * dsp.slow_wobble(n, gust_cycles, seed + 2)
    frames = gusts[::1050]

    def blowing(frame_t, freqs):
        g = np.interp(frame_t * RATE / 1050, np.arange(len(frames)), frames)
        body = dsp.peak_gain(freqs, 180.0 + 420.0 * g, 1.3) * (0.25 + 0.75 * g)
        whistle = dsp.peak_gain(freqs, 650.0 + 500.0 * g, 14.0) * 0.35 * g ** 2
        return (body + whistle) * dsp.highpass_gain(freqs, 60.0, 2)
    return dsp.varying(air, blowing, loop=True)


def dawn_wind(seed: int, length: float = 12.0) -> np.ndarray:
    return _wind(dsp.seconds(length), seed, (1, 2, 3, 5))


def _chirp(contour, duration: float, harmonics: float = 0.12) -> np.ndarray:
    """A bird's note: a sine sliding along contour(u) (Hz, u from 0 to 1), swelling and
    fading smoothly, with a touch of its octave."""
    m = max(8, dsp.seconds(duration))
    u = np.arange(m) / (m - 1)
    phase = TAU * np.cumsum(contour(u)) / RATE
    return (np.sin(phase) + harmonics * np.sin(2 * phase)) * np.sin(np.pi * u) ** 2


def _song(dice: dsp.Dice) -> np.ndarray:
    """A phrase of a few varied notes, a robin's or a blackbird's."""
    notes = []
    for _ in range(int(dice(4, 8))):
        a, b = dice(2000.0, 3800.0), dice(1800.0, 4200.0)
        bend = dice(-600.0, 600.0)
        notes.append(_chirp(lambda u, a=a, b=b, bend=bend: a + (b - a) * u + bend * np.sin(np.pi * u),
                            dice(0.06, 0.16)))
        notes.append(np.zeros(dsp.seconds(dice(0.03, 0.08))))
    return np.concatenate(notes)


def _trill(dice: dsp.Dice) -> np.ndarray:
    """A wren's or a finch's trill: the same quick falling note, about eighteen a second."""
    top, bottom = dice(5000.0, 6200.0), dice(3800.0, 4500.0)
    note = _chirp(lambda u: top + (bottom - top) * u, 0.028, 0.05)
    gap = np.zeros(dsp.seconds(0.028))
    count = int(dice(10, 18))
    swell = np.sin(np.pi * (np.arange(count) + 0.5) / count) ** 0.5
    return np.concatenate([np.concatenate([note * s, gap]) for s in swell])


def _call(dice: dsp.Dice) -> np.ndarray:
    """Two clear whistled notes, the second lower: fee-bee."""
    high = dice(3700.0, 4100.0)
    first = _chirp(lambda u: high * (1.0 + 0.02 * u), 0.32, 0.03)
    second = _chirp(lambda u: high * 0.84 * (1.0 - 0.03 * u), 0.38, 0.03)
    return np.concatenate([first, np.zeros(dsp.seconds(0.07)), second])


def dawn_birds(seed: int, length: float = 12.0) -> np.ndarray:
    n = dsp.seconds(length)
    dice = dsp.Dice(seed)
    near, far = np.zeros((n, 2)), np.zeros((n, 2))
    # (how to sing, where, how loud, near or far, how many times in the loop)
    birds = ((_song, -0.5, 1.0, near, 4), (_song, 0.7, 0.5, far, 3), (_trill, 0.55, 0.7, near, 3),
             (_call, 0.1, 0.45, far, 3), (_trill, -0.8, 0.35, far, 2))
    for sing, where, loud, group, times in birds:
        start = dice(0.0, length)
        for k in range(times):
            at = start + k * length / times + dice(-0.4, 0.4)
            phrase = sing(dice) * loud * dice(0.75, 1.0)
            dsp.place(group, dsp.pan(phrase, where + dice(-0.1, 0.1)), dsp.seconds(at), loop=True)
    far = dsp.spectral(far, lambda f: dsp.lowpass_gain(f, 5000.0, 1), loop=True)
    birds_out = dsp.reverb(near, decay=1.2, mix=0.2, seed=seed + 1, loop=True) + \
        dsp.reverb(far, decay=1.8, mix=0.55, seed=seed + 2, loop=True)
    breeze = _wind(n, seed + 3, (1, 3))
    return birds_out / dsp.rms(birds_out) + 0.18 * breeze / dsp.rms(breeze)


def _knock(dice: dsp.Dice, seed: int) -> np.ndarray:
    """A knuckle on a panelled wooden door: a soft blunt hit ringing the door's low modes."""
    m = dsp.seconds(0.35)
    t = dsp.times(m)
    modes = ((92.0, 0.10, 1.0), (158.0, 0.08, 0.8), (231.0, 0.06, 0.7), (405.0, 0.045, 0.5),
             (618.0, 0.03, 0.35), (980.0, 0.02, 0.22), (1490.0, 0.012, 0.15), (2350.0, 0.007, 0.08))
    body = sum(a * np.sin(TAU * f * dice(0.98, 1.02) * t + dice(0.0, TAU)) * dsp.attack_decay(m, 0.0008, fall)
               for f, fall, a in modes)
    contact = dsp.spectral(dsp.gaussian(m, seed) * dsp.decay(m, 0.004),
                           lambda f: dsp.band_gain(f, 600.0, 5000.0, 1), tail=0.01)
    return body + 0.6 * contact / max(np.abs(contact).max(), 1e-12)


def door_knock(seed: int, length: float = 2.5) -> np.ndarray:
    n = dsp.seconds(length)
    dice = dsp.Dice(seed)
    out = np.zeros(n)
    for i, (at, strength) in enumerate(((0.15, 1.0), (0.41, 0.85), (0.66, 0.95))):
        dsp.place(out, _knock(dice, seed + i) * strength, dsp.seconds(at + dice(-0.01, 0.01)))
    porch = dsp.reverb(out, decay=0.5, mix=0.15, seed=seed + 10, brightness=3000.0)
    return dsp.spectral(porch, lambda f: dsp.highpass_gain(f, 50.0, 2))
