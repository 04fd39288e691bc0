"""The audio engine against the recording back end: fades, crossfades, layers, ducking under a
voice, master, mute and channel volumes, sources it cannot play, and a machine with no audio
device; and the real pygame back end on the dummy driver."""
from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

import pytest

from vn.save.settings import Settings
from vn.ui.audio import AudioEngine, PygameBackend, RecordingBackend
from vn.ui.audio.engine import DUCK, POOLS
from vn.ui.audio.envelope import Ramp
from vn.ui.pacing import ACTIVE, STILL

DT = 1 / 60
REPO = Path(__file__).resolve().parent.parent


def wav(path: Path, seconds: float, rate: int = 8000) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x00\x10" * int(seconds * rate))
    return path


@pytest.fixture
def story(tmp_path):
    for name in ("a", "b", "x", "y", "z"):
        wav(tmp_path / f"{name}.wav", 0.5)
    wav(tmp_path / "click.wav", 0.2)
    wav(tmp_path / "voice.wav", 1.0)
    return tmp_path


def engine_for(story, settings=None, **backend):
    notices = []
    rec = RecordingBackend(sum(POOLS.values()), **backend)
    engine = AudioEngine(rec, settings or Settings(volume=1.0, music_volume=1.0, ambience_volume=1.0),
                         story, notices.append, background=False)
    engine.start()
    return engine, rec, notices


def run(engine, seconds: float) -> None:
    for _ in range(round(seconds / DT)):
        engine.update(DT)


def at(volumes, time: float) -> float:
    return min(volumes, key=lambda tv: abs(tv[0] - time))[1]


def test_ramp_moves_at_a_steady_rate_and_lands_on_its_target():
    ramp = Ramp(0.0)
    ramp.to(1.0, 0.5)
    ramp.update(0.25)
    assert ramp.value == pytest.approx(0.5) and ramp.moving
    ramp.update(1.0)
    assert ramp.value == 1.0 and not ramp.moving
    ramp.to(0.2, 0.0)
    assert ramp.value == 0.2


def test_a_fade_in_ramps_the_volume_over_the_fade(story):
    engine, rec, _ = engine_for(story)
    engine.set("music", ["file:a.wav"], fade=1.0)
    run(engine, 1.5)
    vols = rec.volumes("file:a.wav")
    assert at(vols, 0.25) == pytest.approx(0.25, abs=0.03)
    assert at(vols, 0.5) == pytest.approx(0.5, abs=0.03)
    assert at(vols, 1.2) == pytest.approx(1.0)
    assert all(b >= a for (_, a), (_, b) in zip(vols, vols[1:]))     # rises, never steps back
    assert max(b - a for (_, a), (_, b) in zip(vols, vols[1:])) < 0.03    # and never jumps
    assert rec.plays("music") == ["file:a.wav"]
    assert engine.pace() == STILL


def test_a_fade_out_stops_the_channel_once_silent(story):
    engine, rec, _ = engine_for(story)
    engine.set("music", ["file:a.wav"])
    run(engine, 0.1)
    engine.set("music", (), fade=0.5)
    assert engine.pace() == ACTIVE
    run(engine, 0.25)
    assert rec.playing("music")["file:a.wav"] == pytest.approx(0.5, abs=0.05)
    run(engine, 0.4)
    assert rec.playing("music") == {}
    assert engine.playing()["music"] is None


def test_music_crossfades_from_one_track_to_the_next(story):
    engine, rec, _ = engine_for(story)
    engine.set("music", ["file:a.wav"])
    run(engine, 0.1)
    engine.set("music", ["file:b.wav"], fade=1.0)
    run(engine, 0.5)
    now = rec.playing("music")
    assert now["file:a.wav"] == pytest.approx(0.5, abs=0.05) and now["file:b.wav"] == pytest.approx(0.5, abs=0.05)
    run(engine, 0.7)
    assert rec.playing("music") == {"file:b.wav": 1.0}
    assert engine.playing()["music"] == {"play": ["file:b.wav"], "volume": 1.0}


def test_ambience_layers_keep_what_stays_and_fade_the_rest(story):
    engine, rec, _ = engine_for(story)
    engine.set("ambience", ["file:x.wav", "file:y.wav"])
    run(engine, 0.1)
    engine.set("ambience", ["file:y.wav", "file:z.wav"], fade=1.0)
    run(engine, 0.5)
    now = rec.playing("ambience")
    assert now["file:y.wav"] == 1.0                     # untouched: not restarted, not dipped
    assert now["file:x.wav"] == pytest.approx(0.5, abs=0.05) and now["file:z.wav"] == pytest.approx(0.5, abs=0.05)
    run(engine, 0.7)
    assert rec.playing("ambience") == {"file:y.wav": 1.0, "file:z.wav": 1.0}
    assert rec.plays("ambience").count("file:y.wav") == 1
    # and a layer on its way out that is wanted again comes back rather than starting over
    engine.set("ambience", ["file:y.wav"], fade=1.0)
    run(engine, 0.5)
    engine.set("ambience", ["file:y.wav", "file:z.wav"], fade=0.5)
    run(engine, 0.6)
    assert rec.playing("ambience") == {"file:y.wav": 1.0, "file:z.wav": 1.0}
    assert rec.plays("ambience").count("file:z.wav") == 1


def test_music_and_ambience_duck_smoothly_while_a_voice_plays(story):
    engine, rec, _ = engine_for(story)
    engine.set("music", ["file:a.wav"])
    engine.set("ambience", ["file:x.wav"])
    run(engine, 0.2)
    engine.play("voice", "file:voice.wav")        # one second long
    run(engine, 0.5)
    assert rec.playing("music")["file:a.wav"] == pytest.approx(DUCK)
    assert rec.playing("ambience")["file:x.wav"] == pytest.approx(DUCK)
    assert rec.playing("voice") == {"file:voice.wav": 1.0}      # the voice itself is not ducked
    run(engine, 2.0)
    assert rec.playing("voice") == {}
    assert rec.playing("music")["file:a.wav"] == pytest.approx(1.0)
    vols = rec.volumes("file:a.wav")
    assert max(abs(b - a) for (_, a), (_, b) in zip(vols, vols[1:])) < 0.05     # no step: a ramp down and up


def test_a_new_voice_cuts_the_last_one_short(story):
    engine, rec, _ = engine_for(story)
    engine.play("voice", "file:voice.wav")
    run(engine, 0.2)
    engine.play("voice", "file:click.wav")
    run(engine, 0.15)
    assert rec.playing("voice") == {"file:click.wav": 1.0}


def test_one_shots_overlap_and_end_by_themselves(story):
    engine, rec, _ = engine_for(story)
    engine.play("sound", "file:click.wav")
    run(engine, 0.1)
    engine.play("sound", "file:click.wav")
    run(engine, 0.05)
    assert rec.playing("sound") == {"file:click.wav": 2.0}
    run(engine, 0.5)
    assert rec.playing("sound") == {}


def test_master_channel_volume_and_mute_multiply_and_move_without_a_click(story):
    settings = Settings(volume=0.5, music_volume=0.5, ambience_volume=1.0, sound_volume=1.0)
    engine, rec, _ = engine_for(story, settings)
    engine.set("music", ["file:a.wav"], volume=0.8)
    engine.set("ambience", ["file:x.wav"])
    run(engine, 0.2)
    assert rec.playing("music")["file:a.wav"] == pytest.approx(0.5 * 0.5 * 0.8)
    assert rec.playing("ambience")["file:x.wav"] == pytest.approx(0.5)
    assert engine.toggle_mute() is True and settings.muted
    engine.update(DT)
    assert 0 < rec.playing("ambience")["file:x.wav"] < 0.5       # on its way down, not cut
    run(engine, 0.2)
    assert rec.playing("ambience")["file:x.wav"] == 0.0 and rec.playing("music")["file:a.wav"] == 0.0
    engine.toggle_mute()
    settings.ambience_volume = 0.2
    run(engine, 0.2)
    assert rec.playing("ambience")["file:x.wav"] == pytest.approx(0.1)
    assert rec.plays() == ["file:a.wav", "file:x.wav"]       # muting silenced; nothing restarted


def test_restore_plays_what_a_state_records_and_silences_the_rest(story):
    engine, rec, _ = engine_for(story)
    engine.set("music", ["file:a.wav"])
    engine.set("ambience", ["file:x.wav"])
    run(engine, 0.1)
    engine.restore({"music": None, "ambience": {"play": ["file:x.wav", "file:y.wav"], "volume": 0.5}}, fade=0.3)
    run(engine, 0.5)
    assert rec.playing("music") == {}
    assert rec.playing("ambience") == {"file:x.wav": 0.5, "file:y.wav": 0.5}
    engine.restore(None, fade=0.0)      # a state from before sound: silence
    run(engine, 0.1)
    assert rec.playing() == {}


def test_sources_it_cannot_play_are_silence_and_said_once(story, tmp_path):
    outside = wav(tmp_path.parent / "outside.wav", 0.5)
    engine, rec, notices = engine_for(story)
    engine.set("ambience", ["file:missing.wav", "file:x.wav", f"file:../{outside.name}", "nosuch:thing"])
    run(engine, 0.2)
    engine.set("ambience", ["file:missing.wav"])
    run(engine, 0.2)
    assert rec.plays() == ["file:x.wav"]
    assert len(notices) == 3 and len(set(notices)) == 3
    assert any("missing.wav" in n for n in notices) and any("outside.wav" in n for n in notices)


def test_a_synth_sound_not_rendered_yet_is_silence_without_cost(story, monkeypatch):
    import vn.ui.audio.sources as sources
    monkeypatch.setattr(sources, "_synth_path", lambda name: None)
    engine, rec, notices = engine_for(story)
    engine.set("ambience", ["synth:fire"])
    run(engine, 0.5)
    assert rec.playing() == {} and notices == []
    assert engine.pace() == STILL                   # waiting for it costs no frames
    monkeypatch.setattr(sources, "_synth_path", lambda name: story / "x.wav")
    run(engine, 0.1)
    assert rec.plays("ambience") == ["synth:fire"]


def test_no_audio_device_runs_silently_and_says_so_once(story):
    engine, rec, notices = engine_for(story, fail="no audio device")
    engine.set("music", ["file:a.wav"], fade=1.0)
    engine.play("sound", "file:click.wav")
    run(engine, 1.0)
    engine.play("voice", "file:voice.wav")
    run(engine, 1.0)
    assert not engine.available and rec.plays() == []
    assert len(notices) == 1 and "no audio device" in notices[0] and "silently" in notices[0]
    assert engine.playing()["music"] == {"play": ["file:a.wav"], "volume": 1.0}   # still known, for saves


def test_the_pygame_back_end_follows_the_envelope_on_the_dummy_driver(story):
    import pygame
    backend = PygameBackend(sum(POOLS.values()))
    engine = AudioEngine(backend, Settings(volume=1.0, music_volume=1.0), story, background=True)
    engine.start()
    assert backend.wait(5.0), backend.error
    try:
        engine.set("music", ["file:a.wav"], fade=0.5)
        run(engine, 0.25)
        channel = pygame.mixer.Channel(engine.channels["music"].slots[0])
        assert channel.get_busy()
        assert channel.get_volume() == pytest.approx(0.5, abs=0.05)     # SDL fades would read 0.0 here
        run(engine, 0.5)
        assert channel.get_volume() == pytest.approx(1.0, abs=0.01)
    finally:
        engine.close()


def test_a_window_with_no_audio_device_plays_on_with_one_toast(tmp_path):
    code = """
import os, sys
from vn.ui.app import App
app = App(sys.argv[1], paint_in_background=False)
assert app.load()
app.run_frames(30)
print("TOASTS", [t for t in app.toasts.texts if t.startswith("No sound")])
app.close()
"""
    env = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "no-such-driver", "PYGAME_HIDE_SUPPORT_PROMPT": "1",
           "VN_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code, str(REPO / "scripts")], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("TOASTS"))
    assert line.count("No sound") == 1
