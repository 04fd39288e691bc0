"""vn check on sounds: each VN035-VN040, VN111 and VN112 fires on a broken copy of a good story, at
the place written, with its "did you mean"; the header checks on real and damaged files."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from vn.cli import check_folder
from vn.script.audiofiles import sound_format

from soundfiles import (MP3_FRAME, SOUND_MANIFEST, flac_bytes, id3_bytes, ogg_bytes, put, sound_story, wav)

GOOD = """start:
  - music: {play: theme, fade: 2}
  - ambience: [fire, rain]
  - sound: click
  - ann: "Hello."
    id: hello
  - voice: voice/hello.wav
  - music: night
  - ending: done
"""


def found(folder: Path) -> list[tuple]:
    return [(d.code, d.severity, Path(d.pos.path).name, d.pos.line, d.pos.column, d.message, d.hint)
            for d in check_folder(str(folder), explore=False).diagnostics]


def codes(folder: Path) -> list[str]:
    return [f[0] for f in found(folder)]


def test_the_good_story_checks_clean(tmp_path):
    assert found(sound_story(tmp_path, GOOD)) == []


def test_a_missing_file_says_which_is_there(tmp_path):
    folder = sound_story(tmp_path, GOOD.replace("voice/hello.wav", "voice/helo.wav"),
                         SOUND_MANIFEST.replace('"audio/night.ogg"', '"audio/nite.ogg"'))
    (code, _, name, line, column, message, hint), (code2, _, name2, line2, column2, message2, hint2) = found(folder)
    assert (code, name, line, column) == ("VN035", "game.yaml", 13, 10)
    assert message == "sound file 'audio/nite.ogg' not found" and hint == "did you mean 'audio/night.ogg'?"
    assert (code2, name2, line2, column2) == ("VN035", "story.yaml", 7, 12)
    assert hint2 == "did you mean 'voice/hello.wav'?"


def test_a_missing_folder_and_a_synth_name_written_as_a_file(tmp_path):
    folder = sound_story(tmp_path, GOOD, SOUND_MANIFEST.replace('"audio/night.ogg"', '"sounds/night.ogg"')
                         .replace("  soft:", "  wind: fire\n  soft:"))
    got = found(folder)
    assert [g[0] for g in got] == ["VN035", "VN035"]
    assert "did you mean" not in got[0][6] and "put the file in the story folder" in got[0][6]
    assert got[1][6] == "for the engine's own sound, write {synth: fire}"


def test_a_name_differing_in_capitals(tmp_path):
    folder = sound_story(tmp_path, GOOD.replace("voice/hello.wav", "Voice/hello.wav"),
                         SOUND_MANIFEST.replace('"audio/theme.wav"', '"audio/Theme.wav"'))
    got = found(folder)
    assert [(g[0], g[2]) for g in got] == [("VN036", "game.yaml"), ("VN036", "story.yaml")]
    assert "the file is 'theme.wav', not 'Theme.wav'" in got[0][5] and "write 'audio/theme.wav'" in got[0][6]
    assert "the folder is 'voice', not 'Voice'" in got[1][5]


@pytest.mark.parametrize("data,why", [
    (b"", "the file is empty"),
    (b"just some text, renamed to .ogg" * 3, "not an OGG, WAV, FLAC or MP3 file"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 60, "not an OGG, WAV, FLAC or MP3 file"),
    (ogg_bytes()[:30], "the Ogg file is cut short"),
    (ogg_bytes()[:58], "cut short (nothing after its first page)"),
    (ogg_bytes(b"\x80theora"), "not of Vorbis, Opus or FLAC"),
    (flac_bytes()[:30], "FLAC header is cut short"),
    (b"ID3\x04\x00\x00\x00\x00\x7f\x7f", "cut short (nothing after its ID3 tag)"),
    (b"ID3\x04\x00\x00\x00\x00\x00\x0a" + b"\x00" * 40, "without MPEG sound"),
    (b"\xff\xff\xff\xff" + b"\x00" * 60, "not an OGG"),
])
def test_a_file_the_mixer_cannot_open(tmp_path, data, why):
    folder = sound_story(tmp_path, GOOD)
    put(folder, "audio/night.ogg", data)
    ((code, _, name, line, _, message, hint),) = found(folder)
    assert (code, name, line) == ("VN037", "game.yaml", 13) and why in message, message
    assert "renaming does not convert it" in hint


def test_wav_files_cut_short_or_of_an_unknown_coding(tmp_path):
    folder = sound_story(tmp_path, GOOD)
    whole = (folder / "audio" / "theme.wav").read_bytes()
    (folder / "audio" / "theme.wav").write_bytes(whole[:-100])
    assert codes(folder) == ["VN037"]
    odd = bytearray(whole)
    odd[20:22] = (0x55).to_bytes(2, "little")          # the fmt chunk's coding: 0x55 is MP3-in-WAV
    (folder / "audio" / "theme.wav").write_bytes(bytes(odd))
    assert "coding the mixer does not play (0x0055)" in found(folder)[0][5]
    (folder / "audio" / "theme.wav").write_bytes(b"RIFF" + (16).to_bytes(4, "little") + b"WAVE" + b"data"
                                                 + (4).to_bytes(4, "little") + b"\x00" * 4)
    assert "no format chunk" in found(folder)[0][5]


def test_a_line_s_recording_is_checked_at_the_line(tmp_path):
    folder = sound_story(tmp_path, GOOD)
    (folder / "voice" / "hello.wav").write_bytes(b"not a sound at all" * 4)
    got = found(folder)
    assert [(g[0], g[2], g[3]) for g in got] == [("VN037", "story.yaml", 5), ("VN037", "story.yaml", 7)]
    assert got[0][5].startswith("this line's recording: ")


@pytest.mark.parametrize("path", ["../outside.wav", "/etc/hosts", "audio\\\\theme.wav", "audio/"])
def test_a_path_outside_the_folder_or_not_a_file(tmp_path, path):
    folder = sound_story(tmp_path / "story", GOOD.replace("voice/hello.wav", path))
    wav(tmp_path / "outside.wav")
    ((code, _, name, line, column, message, _),) = found(folder)
    assert (code, name, line, column) == ("VN038", "story.yaml", 7, 12), message


def test_a_link_out_of_the_folder(tmp_path):
    folder = sound_story(tmp_path / "story", GOOD)
    wav(tmp_path / "elsewhere.wav")
    (folder / "audio" / "theme.wav").unlink()
    try:
        os.symlink(tmp_path / "elsewhere.wav", folder / "audio" / "theme.wav")
    except (OSError, NotImplementedError):
        pytest.skip("no symbolic links here")
    ((code, *_, message, _),) = found(folder)
    assert code == "VN038" and "outside the story folder" in message


def test_an_unknown_synth_name(tmp_path):
    folder = sound_story(tmp_path, GOOD, SOUND_MANIFEST.replace("synth: gun_click", "synth: gun_clik"))
    got = found(folder)
    assert got[0][:5] == ("VN039", "error", "game.yaml", 11, 18) and got[0][6] == "did you mean 'gun_click'?"
    assert [g[0] for g in got[1:]] == ["VN040"]     # the statement naming it finds no sound either


def test_an_unknown_sound_name_in_a_statement(tmp_path):
    got = found(sound_story(tmp_path, GOOD.replace("ambience: [fire, rain]", "ambience: [fire, rian]")))
    assert got == [("VN040", "error", "story.yaml", 3, 22, "no sound named 'rian'", "did you mean 'rain'?")]
    got = found(sound_story(tmp_path / "b", GOOD.replace("sound: click", "sound: dawn_birds")))
    assert got[0][0] == "VN040" and got[0][6] == "declare it in game.yaml: sounds: {dawn_birds: {synth: dawn_birds}}"


def test_a_sound_without_a_caption_is_a_warning(tmp_path):
    story = GOOD.replace("  - sound: click\n", "  - sound: click\n  - sound: theme\n  - sound: {play: theme, caption: ''}\n"
                         "  - sound: {play: click, caption: 'a click'}\n  - sound: stop\n  - music: theme\n")
    folder = sound_story(tmp_path, story)
    got = found(folder)
    assert [(g[0], g[1], g[3], g[4]) for g in got] == [("VN111", "warning", 5, 5)]
    assert "caption" in got[0][6]


@pytest.mark.parametrize("line,code", [
    ("music: {play: theme, fade: 601}", "VN025"),
    ("music: {play: theme, fade: 1.0e999}", "VN025"),
    ("music: {play: theme, fade: -1}", "VN004"),
    ("music: {play: theme, volume: 1.5}", "VN025"),
    ("music: {play: theme, volume: -0.1}", "VN025"),
    ("music: {play: theme, volume: loud}", "VN004"),
    ("music: {play: theme, stop: true}", "VN023"),
    ("music: {stop: false}", "VN023"),
    ("music: {fade: 2}", "VN018"),
    ("music: {play: theme, loop: true}", "VN003"),
    ("ambience: {play: []}", "VN022"),
    ("ambience: [fire, soft]", "VN023"),          # 1.0 and 0.4: one statement plays at one level
    ("music: {play: {a: b}}", "VN004"),
])
def test_bounded_numbers_and_shapes(tmp_path, line, code):
    folder = sound_story(tmp_path, f"start:\n  - {line}\n  - ending: done\n")
    got = [c for c in codes(folder) if c != "VN112"]      # the story's recording is of no line here
    assert got == [code], found(folder)


def test_manifest_shapes(tmp_path):
    bad = SOUND_MANIFEST.replace('  soft: {synth: dawn_wind, volume: 0.4}\n',
                                 '  soft: {synth: dawn_wind, volume: 4}\n  both: {synth: fire, file: a.ogg}\n'
                                 '  none: {caption: "x"}\n  stop: {synth: fire}\n  odd: {synth: fire, loop: 1}\n')
    assert [c for c in codes(sound_story(tmp_path, "start:\n  - ending: done\n", bad)) if c != "VN112"] == \
        ["VN025", "VN023", "VN018", "VN020", "VN003"]


def test_a_recording_named_after_no_line_is_a_warning(tmp_path):
    folder = sound_story(tmp_path, GOOD)
    wav(folder / "voice" / "helo.wav")
    wav(folder / "voice" / "notes.txt")                    # not a sound's name: ignored
    got = found(folder)
    assert [(g[0], g[1], g[2]) for g in got] == [("VN112", "warning", "helo.wav")]
    assert "did you mean 'hello'?" in got[0][6] and "id:" in got[0][6]


@pytest.mark.parametrize("data,kind", [
    (ogg_bytes(), "ogg"), (ogg_bytes(b"OpusHead"), "ogg"), (ogg_bytes(b"\x7fFLAC"), "ogg"),
    (flac_bytes(), "flac"), (id3_bytes(), "mp3"), (MP3_FRAME, "mp3"),
])
def test_headers_that_play(data, kind):
    assert sound_format(io.BytesIO(data), len(data)) == kind


def test_a_real_wav_plays(tmp_path):
    path = wav(tmp_path / "a.wav")
    with open(path, "rb") as f:
        assert sound_format(f, path.stat().st_size) == "wav"


def test_vn_check_prints_the_code_place_and_hint(tmp_path):
    import subprocess
    import sys
    folder = sound_story(tmp_path, GOOD.replace("sound: click", "sound: clik"))
    out = subprocess.run([sys.executable, "-m", "vn", "check", "--no-routes", str(folder)], capture_output=True,
                         text=True, timeout=60, cwd=Path(__file__).resolve().parent.parent)
    assert out.returncode == 1
    assert "story.yaml:4:12: error VN040: no sound named 'clik'" in out.stdout + out.stderr
    assert "did you mean 'click'?" in out.stdout + out.stderr
