"""Music and a ship's horn for the example story (examples/lighthouse/make_sounds.py writes
them into that story's folder as files): what a writer's own audio files might be.

harbour_theme: a calm loop, four slow chords under a soft pad, a low bass and a few
bell notes. Every note is placed in a circle, so the last chord's release runs into the
first chord's attack and the loop has no seam. ferry_horn: a ship's horn far out on the
water, with the harbour answering it.
"""
from __future__ import annotations

import numpy as np

from . import dsp
from .dsp import TAU

BAR = 4.0                              # seconds per chord
# D major, slowly: Dmaj9, Bm7, Gmaj7, A sus4 (as MIDI notes)
CHORDS = ((50, 62, 66, 69, 73, 76), (47, 62, 66, 69, 71, 74), (43, 62, 66, 67, 71, 74), (45, 62, 64, 69, 71, 76))
BELLS = ((0.5, 81), (2.5, 78), (4.75, 76), (8.5, 74), (10.5, 78), (12.25, 81), (13.5, 76))


def midi(note: int) -> float:
    return 440.0 * 2 ** ((note - 69) / 12)


def _pad_note(freq: float, n: int, seed: int) -> np.ndarray:
    """Three slightly detuned voices of a soft, few-harmonic tone, rising and falling slowly."""
    t = dsp.times(n)
    dice = dsp.Dice(seed)
    voice = sum(sum((0.5 ** k) * np.sin(TAU * freq * (1 + k) * detune * t + dice(0, TAU)) for k in range(4))
                for detune in (0.997, 1.0, 1.003))
    u = t / t[-1]
    return voice * np.minimum(1.0, u / 0.3) * np.minimum(1.0, (1.0 - u) / 0.35)


def _bell(freq: float, n: int) -> np.ndarray:
    t = dsp.times(n)
    partials = ((1.0, 1.0, 2.5), (2.76, 0.35, 1.2), (5.4, 0.12, 0.6))
    return sum(a * np.sin(TAU * freq * r * t) * dsp.attack_decay(n, 0.004, fall) for r, a, fall in partials)


def harbour_theme(seed: int, length: float = BAR * len(CHORDS)) -> np.ndarray:
    n = dsp.seconds(length)
    pad, low, bells = np.zeros(n), np.zeros(n), np.zeros(n)
    held = dsp.seconds(BAR * 1.45)               # each chord overlaps the next
    for i, chord in enumerate(CHORDS):
        at = dsp.seconds(i * BAR - BAR * 0.2)
        for j, note in enumerate(chord[1:]):
            dsp.place(pad, _pad_note(midi(note), held, seed + 10 * i + j), at, loop=True)
        m = dsp.seconds(BAR * 1.1)
        bass = np.sin(TAU * midi(chord[0]) * dsp.times(m)) * dsp.attack_decay(m, 0.08, BAR * 1.6)
        dsp.place(low, bass, dsp.seconds(i * BAR), loop=True)
    for at, note in BELLS:
        dsp.place(bells, _bell(midi(note), dsp.seconds(3.0)), dsp.seconds(at), loop=True)
    pad = dsp.spectral(pad, lambda f: dsp.lowpass_gain(f, 1400.0, 2), loop=True)
    swell = 1.0 + 0.1 * dsp.slow_wobble(n, (1, 2), seed + 1)
    mix = pad / dsp.rms(pad) * swell + 0.55 * low / dsp.rms(low) + 0.35 * bells / dsp.rms(bells)
    return dsp.reverb(mix, decay=2.8, mix=0.35, seed=seed + 2, loop=True, brightness=3000.0)


def ferry_horn(seed: int, length: float = 6.0) -> np.ndarray:
    """Two notes a fifth apart sounded together, held three seconds, far off: the high
    harmonics lost over the water, and the breakwater and the hills sending it back."""
    n = dsp.seconds(length)
    t = dsp.times(n)
    blow = np.clip(t / 0.35, 0.0, 1.0) * np.clip((3.2 - t) / 0.5, 0.0, 1.0)
    sag = 1.0 - 0.015 * np.clip((t - 2.7) / 0.5, 0.0, 1.0)       # the pressure dropping at the end
    tone = np.zeros(n)
    for base in (110.0, 165.0):
        phase = TAU * np.cumsum(base * sag) / dsp.RATE
        tone += sum(np.sin(k * phase) / k ** 0.9 for k in range(1, 14))
    tone *= blow
    tone = dsp.spectral(tone, lambda f: dsp.lowpass_gain(f, 900.0, 2))
    far = dsp.reverb(tone, decay=3.5, mix=0.55, seed=seed, brightness=1500.0)
    echo = np.zeros_like(far)
    delay = dsp.seconds(0.9)
    echo[delay:] = far[:-delay] * 0.3
    return far + dsp.spectral(echo, lambda f: dsp.lowpass_gain(f, 600.0, 2))
