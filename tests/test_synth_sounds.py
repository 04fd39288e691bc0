"""The sounds made in code, measured: `vn sounds --export` renders them once per session and
each WAV is checked for level, clipping and the property that makes it that sound (the
siren's Doppler shift, the ringing's decay, seamless loops, a short sharp click)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")

from vn.script.model import SYNTH_SOUNDS  # noqa: E402
from vn.ui.audio import synth  # noqa: E402
from vn.ui.audio.synth.catalogue import SOUNDS  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
RATE = 44100
LEVEL_TOLERANCE_DB = 1.0
FULL = 32768.0


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        assert (w.getframerate(), w.getsampwidth(), w.getnchannels()) == (RATE, 2, 2), path.name
        return np.frombuffer(w.readframes(w.getnframes()), "<i2").reshape(-1, 2).astype(np.float64)


def db(value: float) -> float:
    return 20 * np.log10(max(value, 1e-12))


def window_rms(x: np.ndarray, start: float, end: float) -> float:
    part = x[int(start * RATE):int(end * RATE)]
    return float(np.sqrt(np.mean(np.square(part)))) / FULL


def band(x: np.ndarray, low: float, high: float) -> np.ndarray:
    mono = x.mean(axis=1)
    spectrum = np.fft.rfft(mono)
    freqs = np.fft.rfftfreq(len(mono), 1 / RATE)
    spectrum[(freqs < low) | (freqs > high)] = 0
    return np.fft.irfft(spectrum, n=len(mono))


@pytest.fixture(scope="session")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sounds")
    done = subprocess.run([sys.executable, "-m", "vn", "sounds", "--export", str(out)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="session")
def sounds(exported) -> dict[str, np.ndarray]:
    return {name: read_wav(exported / f"{name}.wav") for name in SOUNDS}


def test_the_catalogue_is_the_list_the_scripts_check_against():
    assert set(SOUNDS) == set(SYNTH_SOUNDS)


def test_export_writes_every_sound(exported):
    assert sorted(p.stem for p in exported.glob("*.wav")) == sorted(SYNTH_SOUNDS)


@pytest.mark.parametrize("name", SYNTH_SOUNDS)
def test_level(sounds, name):
    """Not silent, never clipped, no peak above its ceiling, loudness on its target."""
    x, entry = sounds[name], SOUNDS[name]
    peak = np.abs(x).max()
    assert peak < 32767, "clipped"
    assert db(peak / FULL) <= entry.peak + 0.05
    if entry.measure == "rms":
        level = db(window_rms(x, 0, len(x) / RATE))
    elif entry.measure == "short":
        size = int(0.4 * RATE)
        blocks = np.square(x[: len(x) // size * size]).mean(axis=1).reshape(-1, size).mean(axis=1)
        level = db(np.sqrt(blocks.max()) / FULL)
    else:
        level = db(peak / FULL)
    assert abs(level - entry.level) <= LEVEL_TOLERANCE_DB, f"{name}: {level:.1f} dBFS, target {entry.level}"
    assert db(window_rms(x, 0, len(x) / RATE)) > -45, "next to silent"


@pytest.mark.parametrize("name", [n for n, e in SOUNDS.items() if e.loop])
def test_loops_are_short_and_seamless(sounds, name):
    """The jump from the last sample back to the first is no bigger than the jumps between
    neighbouring samples inside the loop, and the bend there no sharper than the bends inside."""
    x = sounds[name]
    assert 5.0 <= len(x) / RATE <= 12.0
    steps = np.abs(np.diff(x, axis=0))
    seam = np.abs(x[0] - x[-1])
    assert (seam <= np.percentile(steps, 99.5, axis=0)).all(), f"{name}: seam {seam}"
    bends = np.abs(np.diff(x, n=2, axis=0))
    bend = np.abs(x[1] - 2 * x[0] + x[-1])
    assert (bend <= np.percentile(bends, 99.5, axis=0)).all(), f"{name}: bend {bend}"


def test_the_siren_drops_in_pitch_as_it_passes(sounds):
    """The wail's highest note, coming, against its highest note going away: they differ by
    the Doppler ratio at those moments."""
    from vn.ui.audio.synth.street import doppler_factor
    mono = sounds["sirens"].mean(axis=1)
    size, hop = 8192, 1024
    window = np.hanning(size)
    starts = np.arange(0, len(mono) - size, hop)
    frames = np.stack([mono[s:s + size] * window for s in starts])
    spectra = np.abs(np.fft.rfft(frames, axis=1))
    freqs = np.fft.rfftfreq(size, 1 / RATE)
    usable = (freqs > 500) & (freqs < 2000)     # the fundamental's range
    spectra[:, ~usable] = 0
    peaks = spectra.argmax(axis=1)
    # parabolic interpolation between bins: a fraction of a percent
    a, b, c = (np.log(spectra[np.arange(len(peaks)), peaks + d] + 1e-12) for d in (-1, 0, 1))
    pitch = (peaks + 0.5 * (a - c) / (a - 2 * b + c)) * RATE / size
    times = (starts + size / 2) / RATE
    early = (times > 0.8) & (times < 4.0)
    late = (times > 8.0) & (times < 11.2)
    i_early = np.flatnonzero(early)[pitch[early].argmax()]
    i_late = np.flatnonzero(late)[pitch[late].argmax()]
    measured = pitch[i_early] / pitch[i_late]
    expected = float(doppler_factor(np.array([times[i_early]]))[0] / doppler_factor(np.array([times[i_late]]))[0])
    assert measured > 1.08, f"pitch barely shifts: {measured:.3f}"
    assert abs(measured / expected - 1) < 0.02, f"measured {measured:.3f}, Doppler {expected:.3f}"
    # loudest as it passes; it moves from left to right
    assert 5.0 < np.argmax(np.abs(mono)) / RATE < 7.5
    x = sounds["sirens"]
    coming, going = x[int(3 * RATE):int(5 * RATE)], x[int(7 * RATE):int(9 * RATE)]
    assert np.abs(coming[:, 0]).mean() > np.abs(coming[:, 1]).mean()
    assert np.abs(going[:, 1]).mean() > np.abs(going[:, 0]).mean()


def test_the_ringing_fades_as_hearing_comes_back(sounds):
    """The high band (the tone) falls steadily, by over 25 dB; the world under it (below
    1 kHz) grows; and the tone never gets above a comfortable -20 dBFS."""
    from vn.ui.audio.synth.gunfire import RING_HZ
    x = sounds["ear_ringing"]
    high = band(x, RING_HZ - 400, RING_HZ + 400)
    levels = [db(np.sqrt(np.mean(np.square(high[int(s * RATE):int((s + 1.5) * RATE)]))) / FULL)
              for s in np.arange(1.5, 10.5, 1.5)]
    assert all(b < a + 0.5 for a, b in zip(levels, levels[1:])), levels
    assert levels[0] - levels[-1] > 25, levels
    assert levels[0] < -20
    low = band(x, 20, 1000)
    assert np.sqrt(np.mean(np.square(low[-2 * RATE:]))) > 3 * np.sqrt(np.mean(np.square(low[:2 * RATE])))


def test_gunfire_is_muffled_thumps_in_bursts(sounds):
    x = sounds["gunfire"]
    spectrum = np.abs(np.fft.rfft(x.mean(axis=1))) ** 2
    freqs = np.fft.rfftfreq(len(x), 1 / RATE)
    assert spectrum[freqs < 500].sum() / spectrum.sum() > 0.97      # deafened: nothing bright
    size = int(0.4 * RATE)
    blocks = np.sqrt(np.square(x[: len(x) // size * size]).mean(axis=1).reshape(-1, size).mean(axis=1))
    assert db(blocks.min() / FULL) < db(blocks.max() / FULL) - 6    # gaps between bursts


def test_the_click_is_short_sharp_and_bright(sounds):
    x = sounds["gun_click"].mean(axis=1)
    energy = np.cumsum(np.square(x))
    assert np.searchsorted(energy, 0.99 * energy[-1]) / RATE < 0.1
    peak = int(np.argmax(np.abs(x)))
    assert peak / RATE < 0.03
    onset = int(np.argmax(np.abs(x) > 0.1 * np.abs(x[peak])))
    assert (peak - onset) / RATE < 0.015
    spectrum = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(len(x), 1 / RATE)
    assert (spectrum * freqs).sum() / spectrum.sum() > 2000     # crisp, not a thud


def test_the_fire_grows(sounds):
    x = sounds["fire"]
    assert window_rms(x, 7.5, 9.5) > 2 * window_rms(x, 2.5, 4.5)


def test_birds_sing_high_and_the_wind_blows_low(sounds):
    def centroid(x):
        spectrum = np.abs(np.fft.rfft(x.mean(axis=1))) ** 2
        freqs = np.fft.rfftfreq(len(x), 1 / RATE)
        return (spectrum * freqs).sum() / spectrum.sum()
    assert centroid(sounds["dawn_birds"]) > 2500
    assert centroid(sounds["dawn_wind"]) < 1200
    assert centroid(sounds["neon_hum"]) < 1000


def test_synthesis_is_deterministic():
    from vn.ui.audio.synth.dsp import to_pcm16
    from vn.ui.audio.synth.render import render
    for name in ("gun_click", "door_knock", "lamp_buzz"):
        assert to_pcm16(render(name), 1).tobytes() == to_pcm16(render(name), 1).tobytes()
    assert to_pcm16(render("gun_click", seed=5), 1).tobytes() != to_pcm16(render("gun_click", seed=6), 1).tobytes()


def test_the_synth_package_keeps_numpy_out_of_the_game():
    code = "import sys, vn.ui.audio.synth as s; s.cache_dir(); s.synth_path('gun_click'); print('numpy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr


def test_start_rendering_fills_the_cache_in_a_child(exported, tmp_path, monkeypatch):
    """Two sounds missing: the child renders just those, in the background; asking again
    once the cache is full starts nothing."""
    monkeypatch.setenv(synth.CACHE_ENV, str(tmp_path / "cache"))
    folder = synth.cache_dir()
    assert folder == tmp_path / "cache" / "sounds" / synth.SYNTH_VERSION
    folder.mkdir(parents=True)
    for name in SOUNDS:
        if name not in ("gun_click", "door_knock"):
            shutil.copy(exported / f"{name}.wav", folder)
    assert synth.synth_path("gun_click") is None and synth.synth_path("neon_hum") is not None
    synth.start_rendering()
    synth.start_rendering()         # while the first runs: nothing more
    assert synth.wait_rendering(60)
    assert synth.synth_path("gun_click") and synth.synth_path("door_knock")
    assert (folder / "gun_click.wav").read_bytes() == (exported / "gun_click.wav").read_bytes()
    assert not synth.missing()
    synth.start_rendering()
    assert not synth.rendering()
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_no_renderer_where_nothing_is_heard(tmp_path, monkeypatch):
    monkeypatch.delenv(synth.CACHE_ENV, raising=False)
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    monkeypatch.setenv("VN_DATA_DIR", str(tmp_path / "data"))
    synth.start_rendering()
    assert not synth.rendering()
    assert not (tmp_path / "data" / "cache").exists()


def test_the_renderer_refuses_unknown_names(tmp_path):
    from vn.ui.audio.synth.render import main
    assert main([str(tmp_path), "no_such_sound"]) == 2
    assert main([]) == 2


@pytest.mark.skipif(os.name != "posix", reason="the executable is built and tested on Linux here")
def test_launcher_renders_sounds(tmp_path):
    done = subprocess.run([sys.executable, "-m", "vn.launcher", "--render-sounds", str(tmp_path), "gun_click"],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "gun_click.wav").is_file()


def test_the_example_storys_audio_is_what_make_sounds_writes(tmp_path):
    """examples/lighthouse/audio/ holds exactly what make_sounds.py makes, small enough to keep
    in the repository, and the story plays both files."""
    story = REPO / "examples" / "lighthouse"
    done = subprocess.run([sys.executable, str(story / "make_sounds.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    made = sorted(p.name for p in tmp_path.glob("*.wav"))
    assert made == sorted(p.name for p in (story / "audio").glob("*.wav")) == ["ferry_horn.wav", "harbour_theme.wav"]
    for name in made:
        assert (tmp_path / name).read_bytes() == (story / "audio" / name).read_bytes(), name
    assert sum(p.stat().st_size for p in (story / "audio").iterdir()) < 1.5e6
    text = (story / "story.yaml").read_text(encoding="utf-8")
    assert 'music: {play: "audio/harbour_theme.wav"' in text and 'play: "audio/ferry_horn.wav"' in text
    with wave.open(str(story / "audio" / "harbour_theme.wav")) as w:
        theme = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float64)
    assert abs(db(np.sqrt(np.mean(np.square(theme))) / FULL) + 20) < 1.0
    assert abs(theme[0] - theme[-1]) <= np.percentile(np.abs(np.diff(theme)), 99.5)    # loops cleanly
