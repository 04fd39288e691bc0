"""Make The Last Lamp's music and its one sound effect, into audio/ beside this file.

    .venv/bin/python examples/lighthouse/make_sounds.py              # both
    .venv/bin/python examples/lighthouse/make_sounds.py --out DIR    # somewhere else (tests compare)

They stand for a writer's own recordings: the story plays them as files (`music:` and
`sound:` name them by path), as it would any OGG, WAV, FLAC or MP3. Nothing is downloaded
or recorded: the engine's synthesis code makes them, from fixed seeds, so running this
again gives the same bytes. Neither pygame nor numpy writes OGG, so they are WAV files:
mono at 22,050 Hz, which keeps the pair under a megabyte and is plenty for a pad and a
far-off horn.
"""
from __future__ import annotations

import sys
import wave
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

import numpy as np  # noqa: E402

from vn.ui.audio.synth import dsp, music  # noqa: E402

AUDIO = HERE / "audio"
RATE = 22050
# name -> (how it is made, its level in dBFS, a loop?)
SOUNDS = {"harbour_theme.wav": (music.harbour_theme, -20.0, True),
          "ferry_horn.wav": (music.ferry_horn, -18.0, False)}


def halve_rate(x: np.ndarray, loop: bool) -> np.ndarray:
    """44.1 kHz to 22.05 kHz: nothing left above 10 kHz to fold back, then every other sample
    (a loop is filtered round its circle, so it still joins up)."""
    return dsp.spectral(x, lambda f: dsp.lowpass_gain(f, 9500.0, 8), loop=loop)[::2]


def write(samples: np.ndarray, path: Path, seed: int) -> None:
    pcm = dsp.to_pcm16(samples, seed)[:, 0]
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())


def main(out: Path = AUDIO) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for i, (name, (make, level, loop)) in enumerate(SOUNDS.items()):
        mono = make(4100 + i).mean(axis=1)
        mono = dsp.normalise(mono, level, -1.0, loop=loop)[:, 0]
        if not loop:
            mono = dsp.fade_edges(mono, 0.001, 0.3)
        write(halve_rate(mono, loop), out / name, seed=i)
        print(f"{out / name}  {len(mono) / dsp.RATE:.1f} s  {(out / name).stat().st_size // 1024} KB")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(Path(args[args.index("--out") + 1]) if "--out" in args else AUDIO)
