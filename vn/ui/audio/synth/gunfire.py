"""The sixty as Xander hears it: deafened. Dull thumps with nothing above them, then the
room gone quiet but for his heart and a whine; the ringing that fades as his hearing
comes back; and the one sound he hears clearly, the gun's empty click.

No crack, no report: muzzle blast this close is felt more than heard, so every shot
here is a low pressure thump, and the brightness a real gunshot has is cut away.
"""
from __future__ import annotations

import numpy as np

from . import dsp
from .dsp import RATE, TAU

RING_HZ = 5400.0        # the ringing tone (the test measures its band)


def _thump(dice: dsp.Dice, seed: int) -> np.ndarray:
    """One shot: a falling low sine (the pressure wave) and a short dull noise burst."""
    n = dsp.seconds(0.5)
    t = dsp.times(n)
    drop = dice(0.02, 0.04)
    low = dice(38.0, 52.0)
    phase = TAU * (low * t + dice(70.0, 110.0) * drop * (1.0 - np.exp(-t / drop)))
    body = np.sin(phase) * dsp.attack_decay(n, 0.002, dice(0.25, 0.4))
    burst = dsp.gaussian(n, seed) * dsp.attack_decay(n, 0.001, dice(0.06, 0.1))
    return body + 0.5 * burst


def _shot_times(dice: dsp.Dice, start: float, end: float) -> list[float]:
    """Bursts of the sixty: rounds about a tenth of a second apart, never evenly, with gaps
    where he turns to the next target."""
    shots, t = [], start
    first = True
    while t < end:
        count = int(dice(12, 18)) if first else int(dice(3, 11))
        first = False
        for _ in range(count):
            if t >= end:
                break
            shots.append(t)
            t += dice(0.082, 0.125)
        t += dice(0.18, 0.6)
    return shots


def gunfire(seed: int, length: float = 7.0) -> np.ndarray:
    dice = dsp.Dice(seed)
    return _heard_deafened(_shot_times(dice, 0.05, length - 1.1), length, dice, seed)


def pistol_shot(seed: int, length: float = 1.5) -> np.ndarray:
    """The forty-five, once: the same deafened thump, alone."""
    return _heard_deafened([0.02], length, dsp.Dice(seed), seed)


def _heard_deafened(shots: list[float], length: float, dice: dsp.Dice, seed: int) -> np.ndarray:
    n = dsp.seconds(length)
    left, right = np.zeros(n), np.zeros(n)
    for i, at in enumerate(shots):
        shot = _thump(dice, seed + 100 + i) * dice(0.55, 1.0)
        side = dice(-0.25, 0.25)          # the muzzle swings across the room
        dsp.place(left, shot * (1.0 - side), dsp.seconds(at))
        dsp.place(right, shot * (1.0 + side), dsp.seconds(at))
    # deafened: everything above a few hundred hertz is gone, and the thumps run together
    muffle = lambda f: dsp.lowpass_gain(f, 320.0, 3) * dsp.highpass_gain(f, 25.0, 2)  # noqa: E731
    dry = dsp.spectral(np.stack([left, right], axis=1), muffle)
    dry = np.tanh(1.5 * dry / np.abs(dry).max())
    # the pressure that builds while it goes on, and lets go once it stops
    density = dsp.smooth(np.abs(dry).mean(axis=1), 0.3)
    rumble = dsp.spectral(dsp.gaussian(n, seed + 1), lambda f: dsp.band_gain(f, 20.0, 90.0, 2))
    rumble *= 0.8 * density / max(np.abs(rumble).max(), 1e-12)
    room = dsp.reverb(dry + rumble[:, None], decay=1.1, mix=0.3, seed=seed + 2, brightness=400.0)
    return room


def deaf_room(seed: int, length: float = 8.0) -> np.ndarray:
    """After the shooting: the loop under everything he cannot hear."""
    n = dsp.seconds(length)
    t = dsp.times(n)
    pressure = dsp.spectral(dsp.gaussian(n, seed), lambda f: dsp.band_gain(f, 18.0, 110.0, 2), loop=True)
    pressure *= (1.0 + 0.3 * dsp.slow_wobble(n, (1, 2, 3), seed + 1)) / dsp.rms(pressure)
    heart = np.zeros(n)
    beats = 10                                  # 75 a minute: ten beats in eight seconds
    for i in range(beats):
        at = i * n // beats
        for delay, freq, fall, amp in ((0.0, 52.0, 0.16, 1.0), (0.27, 66.0, 0.12, 0.6)):
            m = dsp.seconds(0.3)
            beat = np.sin(TAU * freq * dsp.times(m)) * dsp.attack_decay(m, 0.012, fall) * amp
            dsp.place(heart, beat, at + dsp.seconds(delay), loop=True)
    heart = dsp.spectral(heart, lambda f: dsp.lowpass_gain(f, 120.0, 2), loop=True)
    heart /= dsp.rms(heart)
    ring = dsp.loop_freq(RING_HZ, length)
    whine = np.sin(TAU * ring * t) * (1.0 + 0.15 * dsp.slow_wobble(n, (1, 3), seed + 2))
    mono = 0.55 * pressure + 1.0 * heart + 0.35 * whine
    return dsp.widen(mono, mono + 0.08 * pressure * dsp.slow_wobble(n, (2, 5), seed + 3), 0.5)


def ear_ringing(seed: int, length: float = 12.0) -> np.ndarray:
    """The ringing fades as his hearing comes back: the tone falls 40 dB from its loudest,
    while the world beneath it, muffled at first, opens up and grows louder."""
    n = dsp.seconds(length)
    t = dsp.times(n)
    hold = 1.5
    envelope = np.clip(t / 0.4, 0.0, 1.0) * np.exp(-np.maximum(t - hold, 0.0) * (40.0 / 8.686) / (length - hold))
    shimmer = 1.0 + 0.12 * np.sin(TAU * 0.7 * t)
    vibrato = 1.5 * np.sin(TAU * 0.23 * t) / (0.23 * TAU)
    tone = (np.sin(TAU * (RING_HZ * t + vibrato)) + 0.35 * np.sin(TAU * (RING_HZ * 1.0007 * t + vibrato))
            + 0.08 * np.sin(TAU * 4130.0 * t))
    tone *= envelope * shimmer
    # the world: murmur and room tone, low-passed hard at first, opening as the tone fades
    world = dsp.widen(dsp.gaussian(n, seed), dsp.gaussian(n, seed + 1), 0.7)
    world = dsp.spectral(world, dsp.pink_gain)

    def opening(frame_t, freqs):
        hearing = np.clip(frame_t / length, 0.0, 1.0)
        cutoff = 220.0 * (9.0 ** hearing)                # 220 Hz -> about 2 kHz
        return dsp.lowpass_gain(freqs, cutoff, 3) * (0.12 + 0.88 * hearing ** 1.5)
    world = dsp.varying(world, opening)
    world *= 0.35 / max(dsp.rms(world[-dsp.seconds(2.0):]), 1e-12) * 0.3
    return dsp.stereo(tone * 0.5) + world


def gun_click(seed: int, length: float = 0.5) -> np.ndarray:
    """The dead man's click: the trigger's small tick, then the bolt closing on nothing, 11 ms
    later. Dry and close, with a little of it felt through the stock as a low knock."""
    n = dsp.seconds(length)
    dice = dsp.Dice(seed)
    out = np.zeros(n)
    for at, strength, modes in ((0.0, 0.35, ((3100, 0.012), (5200, 0.008), (7700, 0.006))),
                                (0.011, 1.0, ((1850, 0.035), (2960, 0.028), (4230, 0.02), (6120, 0.015),
                                              (7780, 0.011), (9400, 0.008)))):
        m = dsp.seconds(0.12)
        t = dsp.times(m)
        ring = sum(np.sin(TAU * f * dice(0.98, 1.02) * t + dice(0, TAU)) * dsp.decay(m, fall) * dice(0.5, 1.0)
                   for f, fall in modes)
        snap = dsp.gaussian(m, seed + int(at * 1000)) * dsp.decay(m, 0.0015)
        snap = dsp.spectral(snap, lambda f: dsp.highpass_gain(f, 1500.0, 2), tail=0.01)
        knock = np.sin(TAU * 310.0 * t) * dsp.attack_decay(m, 0.0005, 0.022)
        event = (0.55 * ring + 1.2 * snap + (0.5 if strength == 1.0 else 0.0) * knock) * strength
        dsp.place(out, event, dsp.seconds(at))
    return dsp.stereo(out)
