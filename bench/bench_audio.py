"""Sound: the mixer's cost at start-up and in memory, and whether it is ever starved.

* `first_frame_s`: spawn to first frame of `vn play scripts` with the mixer (dummy driver;
  it opens after the first frame, on a worker thread). Target <= 0.15 s.
* `mixer_open_ms`: how long opening the mixer took, on its worker thread (not a target).
* `title_rss_mb`: resident memory at the title with the mixer open (dummy video and audio
  drivers). Target <= 80 MB; bench_window measures the same title in a real window.
* `game_rss_mb`: in game with sound loaded: a minute of music, two ambience layers and a
  one-shot, decoded (44.1 kHz stereo), over a painted scene. Target <= 160 MB.
* `underrun_zero_runs`: SDL's disk driver records what the mixer hands the device while a
  constant tone loops on the ambience channel and the story changes scene; any run of more
  than 64 silent frames inside the tone is a gap (target 0).
* `device_write_gap_ms`: the longest wait between two of the mixer's buffers reaching the
  device file, polled from this (separate) process, against the buffer's own length:
  a starved mixer callback shows as a long wait. Target <= 2.5 buffers.
* `main_thread_stall_ms`: the longest frame of the main thread across that scene change
  (not a target: the mixer's thread does not wait for it).
"""
from __future__ import annotations

import array
import json
import os
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SCRIPTS = REPO / "scripts"
RATE = 44100
BUFFER_FRAMES = 2048

MANIFEST = """\
game:
  id: bench-audio
  title: "Bench Audio"
  start: start
characters:
  ann: {name: Ann}
backgrounds:
  bar: {painted: bar}
  street: {painted: street}
sounds:
  theme: {file: "audio/theme.wav"}
  tone: {file: "audio/tone.wav"}
  hum: {file: "audio/hum.wav"}
  click: {file: "audio/click.wav"}
endings:
  done: {title: Done}
"""
STORY = """\
start:
  - scene: bar
  - ambience: [tone, hum]
  - music: theme
  - ann: "One."
  - sound: click
  - scene: {background: street, transition: dissolve}
  - ann: "Two."
  - ending: done
"""


def _tone(path: Path, seconds: float, level: int) -> None:
    """A constant, never-zero signal: any silence in the recording is the mixer's, not the sound's."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = array.array("h", [level, level]) * int(seconds * RATE)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames.tobytes())


def make_story() -> Path:
    root = Path(tempfile.mkdtemp(prefix="vn-bench-audio-"))
    (root / "game.yaml").write_text(MANIFEST)
    (root / "story.yaml").write_text(STORY)
    _tone(root / "audio" / "theme.wav", 60.0, 800)
    _tone(root / "audio" / "tone.wav", 10.0, 3000)
    _tone(root / "audio" / "hum.wav", 10.0, 400)
    _tone(root / "audio" / "click.wav", 0.3, 2000)
    return root


_PROBE = """
import json, os, sys, time
from vn.ui.app import App
from vn.ui.screens import game as g
story, mode = sys.argv[1], sys.argv[2]
def rss():
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) / 1024
app = App(story)
app.load()
out = {}
started = time.perf_counter()
def frames(seconds, stalls=None):
    end = time.perf_counter() + seconds
    last = time.perf_counter()
    while time.perf_counter() < end:
        app.step(1 / 60)
        now = time.perf_counter()
        if stalls is not None:
            stalls.append(now - last)
        last = now
        time.sleep(max(0.0, 1 / 60 - (time.perf_counter() - now)))
app.step(1 / 60)
t = time.perf_counter()
app.audio.backend.wait(10)
out["mixer_ready"] = app.audio.available
out["mixer_open_ms"] = (getattr(app.audio.backend, "open_seconds", 0) or 0) * 1000
frames(3.0)
if mode == "title":
    out["rss_mb"] = rss()
else:
    app.new_game()
    game = app.top
    deadline = time.monotonic() + 30
    while not (game.waiting == g.READING and game.dialogue.line.text == "One.") and time.monotonic() < deadline:
        frames(0.05)
        if game.waiting in (g.TRANSITION, g.PAUSED):
            game.proceed()
    frames(2.0)
    out["rss_mb"] = rss()
    out["cached_mb"] = app.audio.bank.cached_bytes / 2**20
    out["change_at"] = time.time()
    stalls = []
    game.dialogue.complete_now()
    game.proceed()
    frames(3.0, stalls)
    out["scene"] = game.scene_key
    out["stall_ms"] = max(stalls) * 1000
app.close(wait_for_painter=False)
print("PROBE " + json.dumps(out))
"""


def _probe(story: Path, mode: str, audio_env: dict, watch: Path | None = None) -> tuple[dict, list]:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               VN_DATA_DIR=tempfile.mkdtemp(prefix="vn-bench-data-"), **audio_env)
    child = subprocess.Popen([sys.executable, "-c", _PROBE, str(story), mode], cwd=REPO, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    writes: list[tuple[float, int]] = []
    last = -1
    while child.poll() is None:
        if watch is not None:
            try:
                size = watch.stat().st_size
            except OSError:
                size = -1
            if size != last:
                writes.append((time.time(), size))
                last = size
            time.sleep(0.001)
        else:
            time.sleep(0.02)
    out, err = child.communicate()
    line = next((x for x in out.splitlines() if x.startswith("PROBE ")), None)
    if child.returncode != 0 or line is None:
        raise RuntimeError(err[-2000:])
    return json.loads(line[6:]), writes


def zero_runs(raw: bytes, longest: int = 64) -> tuple[int, int]:
    """Runs of silent frames longer than `longest` between the first and last sound, and the
    number of frames in that stretch."""
    samples = array.array("h")
    samples.frombytes(raw[:len(raw) // 4 * 4])
    frames = len(samples) // 2
    loud = [i for i in range(0, frames, 1) if samples[2 * i] or samples[2 * i + 1]] if frames < 4_000_000 else []
    if not loud:
        return 0, 0
    first, last = loud[0], loud[-1]
    runs, run = 0, 0
    for i in range(first, last + 1):
        if samples[2 * i] == 0 and samples[2 * i + 1] == 0:
            run += 1
        else:
            if run > longest:
                runs += 1
            run = 0
    return runs, last - first + 1


def first_frame() -> float:
    from bench.bench_ui import time_to_first_frame
    import statistics
    env = dict(os.environ, VN_FIRST_FRAME_EXIT="1", SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               PYTHONPYCACHEPREFIX=tempfile.mkdtemp(prefix="vn-bench-pycache-"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    walls, _ = time_to_first_frame([sys.executable, "-m", "vn", "play", str(SCRIPTS)], env, 5)
    return statistics.median(walls)


def measure() -> dict:
    story = make_story()
    figures: dict = {"first_frame_s": first_frame()}
    title, _ = _probe(SCRIPTS, "title", {"SDL_AUDIODRIVER": "dummy"})
    figures["title_rss_mb"] = title["rss_mb"]
    figures["mixer_open_ms"] = title["mixer_open_ms"]
    recording = Path(tempfile.mkdtemp(prefix="vn-bench-disk-")) / "out.raw"
    game, writes = _probe(story, "game", {"SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILE": str(recording)},
                          watch=recording)
    if not game["mixer_ready"]:
        raise RuntimeError("the disk audio driver did not open")
    figures["game_rss_mb"] = game["rss_mb"]
    figures["game_sound_cached_mb"] = game["cached_mb"]
    figures["main_thread_stall_ms"] = game["stall_ms"]
    figures["scene_after_change"] = game["scene"]
    runs, span = zero_runs(recording.read_bytes())
    figures["underrun_zero_runs"] = runs
    figures["recorded_seconds"] = span / RATE
    grew = [t for t, size in writes if size > 0]
    figures["device_write_gap_ms"] = max((b - a) * 1000 for a, b in zip(grew, grew[1:])) if len(grew) > 1 else None
    figures["buffer_ms"] = BUFFER_FRAMES / RATE * 1000
    recording.unlink(missing_ok=True)
    return figures


def main() -> int:
    figures = measure()
    for key, value in figures.items():
        print(f"{key:<24} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
