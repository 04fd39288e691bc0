"""Renders the synth sounds to WAV files: what the game's child process runs.

    python -m vn.ui.audio.synth.render DIR          the sounds DIR lacks
    python -m vn.ui.audio.synth.render DIR --all    every sound, again
    python -m vn.ui.audio.synth.render DIR NAME...  only those

Each file is written beside its final name and renamed into place, so the game never
sees half a file; two renderers at once (two copies of the game) only waste time.
"""
from __future__ import annotations

import os
import sys
import time
import wave
import zlib
from importlib import import_module
from pathlib import Path

import numpy as np

from .catalogue import SOUNDS, wav_name
from .dsp import RATE, fade_edges, normalise, stereo, to_pcm16

SEED = 1912    # every sound's seed is this plus a number from its name: adding a sound changes no other


def render(name: str, seed: int | None = None) -> np.ndarray:
    """One sound as float stereo samples, brought to its level."""
    entry = SOUNDS[name]
    if seed is None:
        seed = SEED + zlib.crc32(name.encode()) % 1_000_000 * 16
    raw = getattr(import_module(f"{__package__}.{entry.module}"), name)(seed)
    if entry.measure == "peak":
        out = stereo(raw) * (10 ** (entry.level / 20) / max(np.abs(raw).max(), 1e-12))
    else:
        out = normalise(raw, entry.level, entry.peak, loop=entry.loop)
    if not entry.loop:
        out = fade_edges(out, fade_in=0.0005, fade_out=0.02)
    return out


def write_wav(path: Path, samples: np.ndarray, seed: int = 0) -> None:
    pcm = to_pcm16(samples, seed)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with wave.open(str(temporary), "wb") as out:
            out.setnchannels(pcm.shape[1])
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(pcm.tobytes())
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()


def render_all(outdir: Path, only=None, skip_existing: bool = False, report=None) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in only or SOUNDS:
        path = outdir / wav_name(name)
        if skip_existing and path.is_file():
            continue
        started = time.perf_counter()
        samples = render(name)
        write_wav(path, samples, seed=len(name))
        written.append(path)
        if report:
            report(name, path, samples, time.perf_counter() - started)
    return written


def _be_nice() -> None:
    """The game draws its frames meanwhile: give way to it."""
    try:
        os.nice(10)
    except (AttributeError, OSError):
        pass


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0].startswith("-"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    outdir, rest = Path(args[0]), args[1:]
    everything = "--all" in rest
    only = [name for name in rest if not name.startswith("-")]
    unknown = [name for name in only if name not in SOUNDS]
    if unknown:
        print(f"unknown sounds: {', '.join(unknown)}; known: {', '.join(SOUNDS)}", file=sys.stderr)
        return 2
    _be_nice()
    started = time.perf_counter()
    written = render_all(outdir, only or None, skip_existing=not everything and not only)
    print(f"rendered {len(written)} sounds into {outdir} in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
