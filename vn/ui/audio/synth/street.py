"""The street outside Willy's: a police car passing with its siren wailing, the rain and
the drips, and the one street lamp that cannot make up its mind.

The siren is placed in the street rather than panned by hand: a car drives past at
SPEED m/s, CLOSEST metres from the listener at PASS_AT seconds, and each sample is what
was emitted when the sound now arriving left the car. Pitch (the Doppler shift), delay,
loudness, pan and dullness with distance all follow from that one path.
"""
from __future__ import annotations

import numpy as np

from . import dsp
from .dsp import RATE, TAU

SOUND_SPEED = 343.0
SPEED = 24.0            # m/s: about 85 km/h, a patrol car in a hurry
CLOSEST = 12.0          # metres from the listener when it passes
PASS_AT = 6.0           # seconds into the sound
WAIL = (700.0, 1350.0, 3.0)     # lowest and highest pitch (Hz), seconds per rise and fall


def emitted_at(t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For arrival times t, the times the sound left the car and the car's position along
    the street then (negative: still coming)."""
    tau = t - np.hypot(CLOSEST, SPEED * (t - PASS_AT)) / SOUND_SPEED
    for _ in range(6):                      # converges fast: the car is far slower than sound
        tau = t - np.hypot(CLOSEST, SPEED * (tau - PASS_AT)) / SOUND_SPEED
    return tau, SPEED * (tau - PASS_AT)


def doppler_factor(t: np.ndarray) -> np.ndarray:
    """How much higher than emitted the pitch arrives at time t (above 1 while it comes)."""
    _, x = emitted_at(t)
    closing = SPEED * x / np.hypot(CLOSEST, x)          # d(distance)/dt, negative while it comes
    return 1.0 / (1.0 + closing / SOUND_SPEED)


def wail_pitch(tau: np.ndarray) -> np.ndarray:
    low, high, period = WAIL
    return low + (high - low) * (0.5 - 0.5 * np.cos(TAU * tau / period))


def _wail_phase(tau: np.ndarray) -> np.ndarray:
    """Cycles emitted by time tau: the integral of wail_pitch."""
    low, high, period = WAIL
    mid, swing = (low + high) / 2, (high - low) / 2
    return mid * tau - swing * period / TAU * np.sin(TAU * tau / period)


def sirens(seed: int, length: float = 12.0) -> np.ndarray:
    n = dsp.seconds(length)
    t = dsp.times(n)
    tau, x = emitted_at(t)
    distance = np.hypot(CLOSEST, x)
    phase = TAU * _wail_phase(tau)
    # a horn speaker: strong fundamental, odd harmonics, a little even
    tone = sum(a * np.sin(k * phase) for k, a in ((1, 1.0), (2, 0.18), (3, 0.42), (4, 0.08), (5, 0.2),
                                                   (7, 0.09)))
    nearness = CLOSEST / distance
    # tyres and engine, heard only close by
    road = dsp.spectral(dsp.gaussian(n, seed), lambda f: dsp.band_gain(f, 120.0, 2500.0, 1))
    road *= 0.5 * nearness ** 2 / dsp.rms(road)
    # 1/distance would leave it inaudible at the far end; ears forgive a gentler slope
    source = tone * nearness ** 0.75 + road

    def air(frame_t, freqs):                # far away, the high harmonics are gone
        _, fx = emitted_at(frame_t)
        cutoff = 9000.0 * (CLOSEST / np.hypot(CLOSEST, fx)) ** 0.8
        return dsp.lowpass_gain(freqs, np.maximum(cutoff, 1500.0), 2)
    source = dsp.varying(source, air)
    direct = dsp.pan(source, 0.85 * x / distance)
    # the street's walls answer: an echo that stays when the car has gone round the corner
    echo = dsp.reverb(source * np.sqrt(nearness), decay=1.6, mix=1.0, seed=seed + 1, brightness=3000.0)
    return dsp.fade_edges(direct + 0.35 * echo, fade_in=0.8, fade_out=1.5)


def street_rain(seed: int, length: float = 10.0) -> np.ndarray:
    n = dsp.seconds(length)
    dice = dsp.Dice(seed)
    # fine rain on wet tarmac: a soft hiss, different in each ear
    hiss = dsp.widen(dsp.gaussian(n, seed + 1), dsp.gaussian(n, seed + 2), 0.9)
    hiss = dsp.spectral(hiss, lambda f: dsp.band_gain(f, 400.0, 9000.0, 1) * dsp.pink_gain(f, 400.0), loop=True)
    hiss *= (1.0 + 0.12 * dsp.slow_wobble(n, (1, 2, 5), seed + 3))[:, None] / dsp.rms(hiss)
    # drops on puddles and car roofs: short rising plinks, all over
    drops = np.zeros((n, 2))
    m = dsp.seconds(0.03)
    u = dsp.times(m)
    for _ in range(int(45 * length)):
        pitch = dice(1300.0, 3600.0)
        sweep = pitch * (1.0 + 0.5 * u / u[-1])
        plink = np.sin(TAU * np.cumsum(sweep) / RATE) * dsp.attack_decay(m, 0.001, dice(0.01, 0.025))
        plink *= dice() ** 3
        dsp.place(drops, dsp.pan(plink, dice(-0.9, 0.9)), dsp.seconds(dice(0.0, length)), loop=True)
    # one gutter dripping into a puddle, to the left, never quite steady
    m = dsp.seconds(0.12)
    u = dsp.times(m)
    at = dice(0.0, 0.5)
    while at < length:
        pitch = dice(650.0, 950.0)
        plonk = np.sin(TAU * np.cumsum(pitch * (1.0 + 0.8 * u / u[-1])) / RATE) * dsp.attack_decay(m, 0.002, 0.07)
        plonk += 0.3 * dsp.gaussian(m, int(at * 1e4)) * dsp.decay(m, 0.01)
        dsp.place(drops, dsp.pan(plonk * dice(0.5, 0.9), -0.55), dsp.seconds(at), loop=True)
        at += dice(0.55, 1.1)
    drops = dsp.reverb(drops, decay=0.9, mix=0.3, seed=seed + 4, loop=True)
    return hiss + 2.5 * drops / max(dsp.rms(drops), 1e-12) * 0.25


def lamp_buzz(seed: int, length: float = 8.0) -> np.ndarray:
    """A sodium lamp's ballast: 120 Hz and a bright whine above it. Now and then the arc
    drops out, flutters and strikes again with a tick."""
    from .bar import MAINS, _cycle, _read
    n = dsp.seconds(length)
    t = dsp.times(n)
    dice = dsp.Dice(seed)
    cycle = _cycle({k: 1.0 / k ** 0.6 for k in range(2, 60, 2)}, dice)
    cycle += _cycle({k: 0.5 for k in (22, 24, 26)}, dice)            # the whine, near 1.5 kHz
    cycle = np.tanh(1.5 * cycle / np.abs(cycle).max())
    buzz = _read(cycle, MAINS * t + 0.15 * dsp.slow_wobble(n, (2, 5), seed + 1))
    sizzle = dsp.spectral(dsp.noise(n, seed + 2), lambda f: dsp.highpass_gain(f, 4000.0, 2), loop=True)
    buzz = buzz + 0.06 * sizzle * np.abs(np.sin(TAU * MAINS * t)) ** 8
    # the stutters: where, how long dark, and how many quick flickers before it holds
    gate = np.ones(n)
    ticks = np.zeros(n)
    at = dice(0.6, 1.4)
    while at < length - 0.6:
        for _ in range(int(dice(1, 4))):
            off = dice(0.04, 0.09)
            gate[dsp.seconds(at):dsp.seconds(at + off)] = dice(0.0, 0.08)
            at += off
            ticks[dsp.seconds(at)] = dice(0.5, 1.0)
            at += dice(0.03, 0.12)
        if dice() < 0.5:                                        # now and then a longer dark
            off = dice(0.2, 0.5)
            gate[dsp.seconds(at):dsp.seconds(at + off)] = 0.0
            at += off
            ticks[dsp.seconds(at)] = 1.0
        at += dice(1.2, 2.6)
    gate = dsp.smooth(gate, 0.004, loop=True)
    strike = dsp.spectral(ticks, lambda f: dsp.band_gain(f, 900.0, 8000.0, 2), loop=True)
    strike /= max(np.abs(strike).max(), 1e-12)
    mono = buzz * gate + 0.6 * strike
    out = dsp.widen(mono, np.roll(mono, 14), 0.4)            # overhead, a little to the right
    return dsp.reverb(out, decay=1.0, mix=0.25, seed=seed + 3, loop=True, brightness=3500.0)
