"""Sound in scripts: the statements and their short forms, sources, events, what the state keeps,
saves of the format before sound, voices found by line id, and the text player's cues."""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from vn.runtime import events as ev
from vn.runtime.runtime import Runtime
from vn.runtime.state import FORMAT_VERSION, StateError, StoryState
from vn.save.migrate import SAVE_VERSION, STEPS, migrate
from vn.save.slots import SaveStore
from vn.script import model as m
from vn.script.loader import load_game
from vn.script.program import compile_game
from vn.script.statements import short_hash
from vn.textplayer import play_text

from gamefiles import write_game
from soundfiles import sound_story

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def statements(folder: Path) -> list:
    result = load_game(folder)
    assert result.game is not None, [d.format() for d in result.errors]
    return list(result.game.labels["start"].body)


def program_of(folder: Path):
    result = load_game(folder)
    assert result.game is not None, [d.format() for d in result.errors]
    return compile_game(result.game)


def audio_events(rt: Runtime) -> list:
    out = []
    while not isinstance(event := rt.advance(), ev.End):
        if isinstance(event, ev.Audio):
            out.append(event)
    return out


@pytest.mark.parametrize("line,channel,play,fade,caption,volume", [
    ('music: {play: "audio/theme.wav", fade: 2.0}', "music", ("file:audio/theme.wav",), 2.0, "", 1.0),
    ("music: {stop: true, fade: 3.0}", "music", (), 3.0, "", 1.0),
    ("ambience: {play: [fire, rain], fade: 1.5}", "ambience", ("synth:fire", "file:audio/rain.flac"), 1.5,
     "fire crackling, rain", 1.0),
    ('sound: {play: click, caption: "the gun clicks empty"}', "sound", ("synth:gun_click",), 0.0,
     "the gun clicks empty", 1.0),
    ('voice: "voice/hello.wav"', "voice", ("file:voice/hello.wav",), 0.0, "", 1.0),
    # short forms
    ("music: theme", "music", ("file:audio/theme.wav",), 0.0, "", 1.0),
    ("music: night", "music", ("file:audio/night.ogg",), 0.0, "", 1.0),
    ("music: stop", "music", (), 0.0, "", 1.0),
    ("sound: click", "sound", ("synth:gun_click",), 0.0, "the gun clicks empty", 1.0),
    ("ambience: [fire, rain]", "ambience", ("synth:fire", "file:audio/rain.flac"), 0.0, "fire crackling, rain", 1.0),
    ("ambience: stop", "ambience", (), 0.0, "", 1.0),
    ("sound: audio/shot.mp3", "sound", ("file:audio/shot.mp3",), 0.0, "", 1.0),
    # what the statement gives wins over the manifest
    ('sound: {play: click, caption: "click", volume: 0.5}', "sound", ("synth:gun_click",), 0.0, "click", 0.5),
    ("ambience: soft", "ambience", ("synth:dawn_wind",), 0.0, "", 0.4),
    ("ambience: {play: soft, volume: 1}", "ambience", ("synth:dawn_wind",), 0.0, "", 1.0),
    ("voice: {play: voice/hello.wav, caption: Ann}", "voice", ("file:voice/hello.wav",), 0.0, "Ann", 1.0),
])
def test_each_form_is_read_and_resolved(tmp_path, line, channel, play, fade, caption, volume):
    body = statements(sound_story(tmp_path, f"start:\n  - {line}\n  - ending: done\n"))
    audio = body[0]
    assert isinstance(audio, m.Audio)
    assert (audio.channel, audio.play, audio.fade, audio.caption, audio.volume) == \
        (channel, play, fade, caption, volume)
    assert audio.id.startswith("start.")


def test_ids_are_derived_and_others_are_unchanged(tmp_path):
    story = "start:\n  - show: ann\n  - music: theme\n  - music: theme\n  - music: {play: theme, fade: 1}\n" \
            "  - ending: done\n"
    body = statements(sound_story(tmp_path, story))
    assert body[0].id == f"start.{short_hash('show', 'ann', 'center')}"
    assert body[1].id == f"start.{short_hash('music', ('theme',))}" and body[2].id == body[1].id + "#2"
    assert body[3].id not in (body[1].id, body[2].id)
    assert body[4].id == f"start.{short_hash('ending', 'done')}"


def test_events_come_in_order_and_the_state_keeps_only_what_loops(tmp_path):
    story = """start:
  - music: {play: theme, fade: 2}
  - ambience: [fire, rain]
  - sound: click
  - scene: street
  - voice: voice/hello.wav
  - ann: "Still here."
  - ambience: {stop: true, fade: 1}
  - ending: done
"""
    rt = Runtime(program_of(sound_story(tmp_path, story)))
    seen = []
    while not isinstance(event := rt.advance(), ev.End):
        seen.append((type(event).__name__, getattr(event, "channel", None), dict(rt.state.audio)))
    assert [(kind, channel) for kind, channel, _ in seen] == [
        ("Audio", "music"), ("Audio", "ambience"), ("Audio", "sound"), ("SceneChange", None), ("Audio", "voice"),
        ("Line", None), ("Audio", "ambience"), ("EndingReached", None)]
    theme = {"play": ["file:audio/theme.wav"], "volume": 1.0}
    layers = {"play": ["synth:fire", "file:audio/rain.flac"], "volume": 1.0}
    assert seen[0][2] == {"music": theme, "ambience": None}
    assert seen[2][2] == seen[1][2] == {"music": theme, "ambience": layers}     # a one-shot is not kept
    assert seen[3][2] == {"music": theme, "ambience": layers}                   # nor does a scene stop them
    assert seen[5][2] == {"music": theme, "ambience": layers}
    assert seen[6][2] == {"music": theme, "ambience": None}


def test_rollback_and_a_round_trip_through_json_restore_the_sound(tmp_path):
    story = 'start:\n  - ann: "a"\n  - music: theme\n  - ann: "b"\n  - music: stop\n  - ann: "c"\n  - ending: done\n'
    program = program_of(sound_story(tmp_path, story))
    rt = Runtime(program)
    rt.advance()
    before = rt.snapshot()
    rt.advance(), rt.advance()
    playing = rt.snapshot()
    saved = json.loads(json.dumps(rt.to_dict()))
    assert saved["version"] == FORMAT_VERSION >= 3
    assert saved["audio"] == {"music": {"play": ["file:audio/theme.wav"], "volume": 1.0}, "ambience": None}
    assert StoryState.from_dict(saved).audio == playing.audio
    rt.advance(), rt.advance()
    assert rt.state.audio["music"] is None and playing.audio["music"] is not None   # the snapshot kept its own
    rt.restore(before)
    assert rt.state.audio == {"music": None, "ambience": None}
    resumed = Runtime(program, saved)
    assert resumed.state.audio["music"] == {"play": ["file:audio/theme.wav"], "volume": 1.0}
    assert isinstance(resumed.advance(), ev.Audio) and resumed.state.audio["music"] is None


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_state_loads_silent(tmp_path, version):
    program = program_of(sound_story(tmp_path, 'start:\n  - ann: "a"\n  - ann: "b"\n  - ending: done\n'))
    rt = Runtime(program)
    rt.advance()
    old = rt.to_dict()
    old["version"] = version
    del old["audio"]
    assert Runtime(program, old).state.audio == {"music": None, "ambience": None}


@pytest.mark.parametrize("audio", [
    {"music": {"play": ["file:../../etc/passwd"], "volume": 1}},
    {"music": {"play": ["file:/etc/passwd"], "volume": 1}},
    {"music": {"play": ["file:a\\b.ogg"], "volume": 1}},
    {"music": {"play": ["http://x"], "volume": 1}},
    {"music": {"play": [], "volume": 1}},
    {"music": {"play": ["synth:fire"] * 65, "volume": 1}},
    {"music": {"play": ["synth:fire"], "volume": 2}},
    {"music": {"play": ["synth:fire"], "volume": float("nan")}},
    {"music": {"play": "synth:fire"}},
    {"ambience": ["synth:fire"]},
    ["music"],
])
def test_a_damaged_audio_entry_is_refused(tmp_path, audio):
    program = program_of(sound_story(tmp_path, 'start:\n  - ann: "a"\n  - ending: done\n'))
    state = Runtime(program).to_dict()
    state["audio"] = audio
    with pytest.raises(StateError):
        Runtime(program, state)


def test_a_sound_the_engine_no_longer_makes_falls_silent(tmp_path):
    program = program_of(sound_story(tmp_path, 'start:\n  - ann: "a"\n  - ending: done\n'))
    state = Runtime(program).to_dict()
    state["audio"] = {"music": {"play": ["synth:kazoo"], "volume": 1}, "ambience": {"play": ["synth:fire"]},
                      "later": {"play": ["synth:fire"]}}
    assert Runtime(program, state).state.audio == {"music": None,
                                                   "ambience": {"play": ["synth:fire"], "volume": 1.0}}


# -- saves of the format before sound -------------------------------------------------------
FIXTURE_STORY = '''start:
  - scene: bar
  - show: xander
  - xander: "One."
  - buffy: "Two."
  - menu:
      - text: "Stay."
        note: stayed
      - text: "Go."
        note: went
  - "Three."
  - ending: good
'''


def test_the_migration_step_adds_silence_to_a_save_of_the_current_format(tmp_path):
    """save_format1.json was written by SaveStore.write before sound existed (save format 1, state 2)."""
    doc = json.loads((FIXTURES / "save_format1.json").read_text())
    assert doc["version"] == 1 and "audio" not in doc["state"] and SAVE_VERSION == 2
    upgraded = STEPS[1](doc)
    assert upgraded["version"] == 2 and upgraded["state"]["audio"] == {"music": None, "ambience": None}
    assert upgraded["state"]["version"] == doc["state"]["version"] == 2
    assert "audio" not in doc["state"]                       # the step copies; the old document is untouched
    assert migrate(doc) == upgraded
    assert STEPS[1]({"version": 1, "state": "junk"})["state"] == "junk"   # refused as damaged later, not here
    assert "state" not in STEPS[1]({"version": 1})


def test_a_save_of_the_current_format_resumes_and_plays_on(tmp_path):
    # the story has gained music since the save was made (so its fingerprint differs too)
    folder = write_game(tmp_path / "story", FIXTURE_STORY.replace("  - scene: bar\n",
                                                                 '  - scene: bar\n  - music: "theme.wav"\n'))
    from soundfiles import wav
    wav(folder / "theme.wav")
    program = program_of(folder)
    saves = tmp_path / "saves"
    saves.mkdir()
    shutil.copy(FIXTURES / "save_format1.json", saves / "1.json")
    store = SaveStore(saves, program.manifest.game_id, program.game.fingerprint)
    info = store.info("1")
    assert info.ok and info.summary == "went" and info.last_line == "Three." and not info.same_script, info.reason
    doc = store.read("1")
    assert doc["version"] == SAVE_VERSION and doc["state"]["audio"] == {"music": None, "ambience": None}
    rt = Runtime(program, doc["state"])
    assert rt.state.route[0]["note"] == "went" and rt.state.stage["figures"] == {
        "xander": {"at": "center", "expression": None}}
    assert rt.state.audio == {"music": None, "ambience": None} and not rt.notices
    assert rt.advance() == ev.EndingReached("good", "Good")
    fresh = Runtime(program)                                  # a new game saves in the new format
    while not isinstance(fresh.advance(), ev.Audio):
        pass
    store.write("2", fresh.state)
    again = store.read("2")
    assert again["version"] == SAVE_VERSION and again["state"]["audio"]["music"]["play"] == ["file:theme.wav"]
    assert Runtime(program, again["state"]).state.audio == fresh.state.audio
    (saves / "3.json").write_text(json.dumps({**json.loads((saves / "2.json").read_text()),
                                              "version": SAVE_VERSION + 1}))
    assert "newer version of the game" in store.info("3").reason


# -- voices -------------------------------------------------------------------------------------
def test_a_line_with_a_recording_carries_it(tmp_path):
    story = 'start:\n  - ann: "Hello."\n    id: hello\n  - ann: "Bye."\n  - "Wind."\n  - ending: done\n'
    folder = sound_story(tmp_path, story)
    bye_id = f"start.{short_hash('say', 'ann', 'Bye.')}"
    (folder / "voice" / f"{bye_id}.ogg").write_bytes((folder / "audio" / "night.ogg").read_bytes())
    (folder / "voice" / f"{bye_id}.wav").write_bytes((folder / "voice" / "hello.wav").read_bytes())
    program = program_of(folder)
    assert program.game.voices == {"hello": "file:voice/hello.wav", bye_id: f"file:voice/{bye_id}.ogg"}
    rt = Runtime(program)
    lines = [rt.advance() for _ in range(3)]
    assert [line.voice for line in lines] == ["file:voice/hello.wav", f"file:voice/{bye_id}.ogg", None]


def test_a_story_without_a_voice_folder_has_no_voices(tmp_path):
    folder = write_game(tmp_path, 'start:\n  - xander: "Hi."\n  - ending: good\n')
    program = program_of(folder)
    assert program.game.voices == {} and Runtime(program).advance().voice is None


# -- the text player ------------------------------------------------------------------------------
def test_the_text_player_prints_cues_and_captions(tmp_path):
    story = """start:
  - music: {play: theme, fade: 2}
  - ambience: [fire, rain]
  - sound: click
  - sound: {play: audio/shot.mp3, caption: "a shot, far off"}
  - ann: "Hello."
    id: hello
  - music: {stop: true, fade: 3}
  - ambience: stop
  - ending: done
"""
    out = io.StringIO()
    assert play_text(program_of(sound_story(tmp_path, story)), interactive=False, out=out) == 0
    text = out.getvalue()
    assert "[music: theme, fading in over 2 s]\n[ambience: fire crackling, rain]\n" \
           "[sound: the gun clicks empty]\n[sound: a shot, far off]\nAnn: Hello.\n" \
           "[music stops, fading out over 3 s]\n[ambience stops]\n" in text


def test_the_script_language_lists_every_sound_of_the_engine():
    doc = (Path(__file__).resolve().parent.parent / "docs" / "script-language.md").read_text()
    section = doc[doc.index("## Sound"):doc.index("## Expressions")]
    assert all(f"| `{name}` |" in section for name in m.SYNTH_SOUNDS)
