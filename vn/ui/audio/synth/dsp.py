"""The building blocks every sound is made of: noise, tones, filters, envelopes, levels.

Everything works on whole numpy arrays (float64, samples in -1..1, stereo as shape (n, 2)):
a sound is a few dozen array operations, never a Python loop over samples.

Loops are built periodic from the start rather than cut and crossfaded: tones get a whole
number of cycles per loop, noise is filtered by multiplying its spectrum (a circular
convolution, so the filtered noise wraps), events that run past the end come back in at
the start, and time-varying filters work on frames taken circularly. A loop's last
sample then leads into its first as smoothly as any two neighbours inside it.
"""
from __future__ import annotations

import numpy as np

RATE = 44100
TAU = 2.0 * np.pi


def seconds(n: float) -> int:
    return int(round(n * RATE))


def times(n: int) -> np.ndarray:
    return np.arange(n) / RATE


# -- noise ---------------------------------------------------------------------------------
# A counter-based generator (splitmix64 over the sample index): the same seed gives the same
# numbers on every machine and numpy version, which numpy.random does not promise; and it
# keeps numpy.random (4 MB) out of the executable.

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def _hash(n: int, seed: int) -> np.ndarray:
    with np.errstate(over="ignore"):
        x = (np.arange(n, dtype=np.uint64) + np.uint64(seed & 0xFFFFFFFF) * np.uint64(0x100000000)) * _GOLDEN
        x ^= x >> np.uint64(30)
        x *= _MIX1
        x ^= x >> np.uint64(27)
        x *= _MIX2
        x ^= x >> np.uint64(31)
    return x


def uniform(n: int, seed: int) -> np.ndarray:
    """n numbers in [0, 1)."""
    return (_hash(n, seed) >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))


def noise(n: int, seed: int) -> np.ndarray:
    """White noise in [-1, 1)."""
    return uniform(n, seed) * 2.0 - 1.0


def gaussian(n: int, seed: int) -> np.ndarray:
    u1 = uniform(n, seed)
    u2 = uniform(n, seed + 7919)
    return np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(TAU * u2)


class Dice:
    """Small random choices (event times, pitches) drawn from one seed, in order."""

    def __init__(self, seed: int, count: int = 4096):
        self._values = uniform(count, seed)
        self._next = 0

    def __call__(self, low: float = 0.0, high: float = 1.0) -> float:
        if self._next >= len(self._values):
            self._values = uniform(len(self._values), int(self._values[-1] * 1e9) + self._next)
            self._next = 0
        value = self._values[self._next]
        self._next += 1
        return low + (high - low) * float(value)


# -- filters in the frequency domain ------------------------------------------------------

def lowpass_gain(freqs: np.ndarray, cutoff: float, order: int = 2) -> np.ndarray:
    """A Butterworth magnitude response: flat, then falling 6*order dB per octave."""
    return 1.0 / np.sqrt(1.0 + (freqs / cutoff) ** (2 * order))


def highpass_gain(freqs: np.ndarray, cutoff: float, order: int = 2) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return 1.0 / np.sqrt(1.0 + (cutoff / np.maximum(freqs, 1e-9)) ** (2 * order))


def band_gain(freqs: np.ndarray, low: float, high: float, order: int = 2) -> np.ndarray:
    return lowpass_gain(freqs, high, order) * highpass_gain(freqs, low, order)


def peak_gain(freqs: np.ndarray, centre: float, q: float) -> np.ndarray:
    """A resonance: 1 at `centre`, narrower as q grows."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(freqs > 0, freqs / centre - centre / np.maximum(freqs, 1e-9), -1e9)
    return 1.0 / np.sqrt(1.0 + (q * ratio) ** 2)


def pink_gain(freqs: np.ndarray, floor: float = 20.0) -> np.ndarray:
    """-3 dB per octave: noise that sounds even rather than hissing."""
    return 1.0 / np.sqrt(np.maximum(freqs, floor) / floor)


def brown_gain(freqs: np.ndarray, floor: float = 20.0) -> np.ndarray:
    return floor / np.maximum(freqs, floor)


def spectral(x: np.ndarray, gain, loop: bool = False, tail: float = 0.5) -> np.ndarray:
    """x filtered by gain(freqs) (zero phase). A loop is filtered circularly, so it still
    wraps; anything else is padded by `tail` seconds so nothing rings round to the start."""
    n = x.shape[0]
    size = n if loop else n + seconds(tail)
    spectrum = np.fft.rfft(x, n=size, axis=0)
    g = gain(np.fft.rfftfreq(size, 1.0 / RATE))
    if spectrum.ndim == 2:
        g = g[:, None]
    return np.fft.irfft(spectrum * g, n=size, axis=0)[:n]


def varying(x: np.ndarray, gain_at, loop: bool = False, hop: int = 1050) -> np.ndarray:
    """A filter that changes over time: gain_at(t, freqs) -> gains, with t the frame centres
    (seconds, shape (frames, 1)) and freqs shape (1, bins). Frames of 2*hop samples, half
    overlapping, under sqrt-Hann windows in and out, which add back up to exactly one. A
    loop's length must be a whole number of hops (1050 divides any whole second)."""
    mono = x.ndim == 1
    channels = x[:, None] if mono else x
    n = channels.shape[0]
    if loop:
        if n % hop:
            raise ValueError(f"a loop of {n} samples is not a whole number of {hop}-sample hops")
        out = _circular_frames(channels, gain_at, hop, 0.0)
        return out[:, 0] if mono else out
    total = -(-(n + 2 * hop) // hop) * hop
    padded = np.zeros((total, channels.shape[1]))
    padded[hop:hop + n] = channels
    out = _circular_frames(padded, gain_at, hop, -hop / RATE)[hop:hop + n]
    return out[:, 0] if mono else out


def _circular_frames(x: np.ndarray, gain_at, hop: int, offset: float) -> np.ndarray:
    n = x.shape[0]
    frames = n // hop
    window = np.sqrt(0.5 - 0.5 * np.cos(TAU * np.arange(2 * hop) / (2 * hop)))
    index = (np.arange(frames)[:, None] * hop + np.arange(2 * hop)[None, :]) % n
    freqs = np.fft.rfftfreq(2 * hop, 1.0 / RATE)[None, :]
    centres = ((np.arange(frames) * hop + hop) / RATE + offset)[:, None]
    gains = gain_at(centres, freqs)
    out = np.empty_like(x)
    for c in range(x.shape[1]):
        blocks = np.fft.irfft(np.fft.rfft(x[index, c] * window, axis=1) * gains, n=2 * hop, axis=1) * window
        # frame k covers hops k and k+1: hop j is the first half of frame j plus the second of j-1
        out[:, c] = (blocks[:, :hop] + np.roll(blocks[:, hop:], 1, axis=0)).reshape(-1)
    return out


def reverb(x: np.ndarray, decay: float, mix: float, seed: int, loop: bool = False,
           brightness: float = 4000.0) -> np.ndarray:
    """A room or a street: x convolved with decaying noise, different in each ear."""
    n_ir = seconds(decay * 1.5)
    t = times(n_ir)
    left = gaussian(n_ir, seed) * np.exp(-6.9 * t / decay)
    right = gaussian(n_ir, seed + 1) * np.exp(-6.9 * t / decay)
    ir = np.stack([left, right], axis=1)
    ir = spectral(ir, lambda f: lowpass_gain(f, brightness, 1), loop=True)
    ir /= np.sqrt(np.sum(ir ** 2, axis=0))
    src = stereo(x)
    n = src.shape[0]
    size = n if loop else n + n_ir
    wet = np.fft.irfft(np.fft.rfft(src, n=size, axis=0) * np.fft.rfft(ir, n=size, axis=0), n=size, axis=0)[:n]
    return src * (1.0 - mix) + wet * mix


# -- tones and events -----------------------------------------------------------------------

def loop_freq(freq: float, length: float) -> float:
    """The nearest frequency with a whole number of cycles in a loop of `length` seconds."""
    return max(1, round(freq * length)) / length


def slow_wobble(n: int, cycles: tuple[int, ...], seed: int) -> np.ndarray:
    """A smooth random movement in about -1..1 that repeats every n samples: a few sines with
    whole numbers of cycles per n and random phases."""
    t = np.arange(n) / n
    dice = Dice(seed)
    out = sum(np.sin(TAU * (k * t + dice())) / (i + 1) for i, k in enumerate(cycles))
    return out / sum(1.0 / (i + 1) for i in range(len(cycles)))


def place(out: np.ndarray, event: np.ndarray, at: int, loop: bool = False) -> None:
    """Adds event into out starting at sample `at`; in a loop, what runs past the end wraps."""
    n = out.shape[0]
    if loop:
        at %= n
        while event.shape[0]:
            room = min(n - at, event.shape[0])
            out[at:at + room] += event[:room]
            event, at = event[room:], 0
        return
    end = min(n, at + event.shape[0])
    if at < end:
        out[at:end] += event[:end - at]


def decay(n: int, seconds_to_silence: float) -> np.ndarray:
    """exp fall reaching -60 dB after the given time."""
    return np.exp(-6.9 * times(n) / seconds_to_silence)


def attack_decay(n: int, attack: float, fall: float) -> np.ndarray:
    t = times(n)
    rise = np.clip(t / max(attack, 1e-6), 0.0, 1.0)
    return rise * np.exp(-6.9 * np.maximum(t - attack, 0.0) / fall)


def smooth(x: np.ndarray, width: float, loop: bool = False) -> np.ndarray:
    """A moving average over `width` seconds, centred (a running sum, not a convolution)."""
    size = max(1, seconds(width))
    half = size // 2
    padded = np.concatenate([x[-half:], x, x[:size - half]]) if loop else \
        np.concatenate([np.full(half, x[0]), x, np.full(size - half, x[-1])])
    total = np.concatenate([[0.0], np.cumsum(padded)])
    return (total[size:size + len(x)] - total[:len(x)]) / size


def fade_edges(x: np.ndarray, fade_in: float = 0.005, fade_out: float = 0.05) -> np.ndarray:
    n = x.shape[0]
    env = np.ones(n)
    a, b = min(n, seconds(fade_in)), min(n, seconds(fade_out))
    if a:
        env[:a] = np.linspace(0.0, 1.0, a)
    if b:
        env[n - b:] *= np.linspace(1.0, 0.0, b)
    return x * (env[:, None] if x.ndim == 2 else env)


# -- stereo and levels ----------------------------------------------------------------------

def stereo(x: np.ndarray) -> np.ndarray:
    return x if x.ndim == 2 else np.stack([x, x], axis=1)


def pan(x: np.ndarray, position) -> np.ndarray:
    """Equal-power pan of a mono signal: position -1 (left) .. 1 (right), or one per sample."""
    angle = (np.clip(position, -1.0, 1.0) + 1.0) * (np.pi / 4)
    return np.stack([x * np.cos(angle), x * np.sin(angle)], axis=1)


def widen(mono_a: np.ndarray, mono_b: np.ndarray, width: float = 0.6) -> np.ndarray:
    """Two unrelated signals as left and right, mixed towards the centre by 1 - width."""
    mid = (mono_a + mono_b) * 0.5
    return np.stack([mid + (mono_a - mid) * width, mid + (mono_b - mid) * width], axis=1)


def db(value: float) -> float:
    return 20.0 * np.log10(max(value, 1e-12))


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x))))


def short_term_rms(x: np.ndarray, window: float = 0.4) -> np.ndarray:
    """RMS over consecutive windows (both channels together)."""
    size = seconds(window)
    power = np.mean(np.square(stereo(x)), axis=1)
    usable = power[: len(power) // size * size].reshape(-1, size)
    return np.sqrt(usable.mean(axis=1)) if len(usable) else np.array([np.sqrt(power.mean())])


def soft_limit(x: np.ndarray, ceiling: float) -> np.ndarray:
    """Leaves everything below 70 % of the ceiling alone and rounds off what is above it."""
    knee = 0.7 * ceiling
    over = np.abs(x) > knee
    out = x.copy()
    excess = (np.abs(x[over]) - knee) / (ceiling - knee)
    out[over] = np.sign(x[over]) * (knee + (ceiling - knee) * np.tanh(excess))
    return out


def normalise(x: np.ndarray, target_db: float, peak_db: float = -1.0, loop: bool = False) -> np.ndarray:
    """Loudness to target_db: the RMS of the whole sound for a loop, of its loudest 400 ms
    for a one-shot; then peaks rounded off below peak_db."""
    level = rms(x) if loop else float(short_term_rms(x).max())
    out = stereo(x) * (10 ** (target_db / 20) / max(level, 1e-12))
    ceiling = 10 ** (peak_db / 20)
    if np.abs(out).max() > 0.7 * ceiling:
        out = soft_limit(out, ceiling)
    return out


def to_pcm16(x: np.ndarray, seed: int) -> np.ndarray:
    """16-bit samples, with a little triangular dither so quiet fades do not turn to grit."""
    x = stereo(x)
    n = x.size
    dither = (uniform(n, seed) - uniform(n, seed + 1)).reshape(x.shape)
    return np.clip(np.round(x * 32767.0 + dither), -32767, 32767).astype("<i2")
