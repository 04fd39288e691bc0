"""Small sound files and a story with sounds, for tests: real WAVs from the stdlib, and the first
bytes of OGG, FLAC and MP3 files (all vn check reads of them)."""
from __future__ import annotations

import wave
from pathlib import Path

from gamefiles import write_game


def wav(path: Path, frames: int = 800) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x01\x00" * frames)
    return path


def ogg_bytes(codec: bytes = b"\x01vorbis") -> bytes:
    first = b"OggS\x00\x02" + b"\x00" * 20 + bytes([1, 30]) + codec.ljust(30, b"\x00")
    return first + b"OggS" + b"\x00" * 60        # a second page: the file goes on past its header


def flac_bytes() -> bytes:
    return b"fLaC" + bytes([0x80, 0, 0, 34]) + b"\x00" * 34 + b"\xff\xf8" + b"\x00" * 30


MP3_FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 60


def id3_bytes() -> bytes:
    return b"ID3\x04\x00\x00\x00\x00\x00\x0a" + b"\x00" * 10 + MP3_FRAME


def put(root: Path, rel: str, data: bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


SOUND_MANIFEST = """\
game:
  id: sound-test
  title: "Sound Test"
  start: start
characters:
  ann: {name: Ann}
backgrounds:
  bar: {painted: bar}
  street: {painted: street}
sounds:
  click: {synth: gun_click, caption: "the gun clicks empty"}
  theme: {file: "audio/theme.wav"}
  night: "audio/night.ogg"
  fire: {synth: fire, caption: "fire crackling"}
  rain: {file: "audio/rain.flac", caption: "rain"}
  soft: {synth: dawn_wind, volume: 0.4}
endings:
  done: {title: Done}
"""


def sound_story(root: Path, story: str, manifest: str = SOUND_MANIFEST) -> Path:
    """A story folder with the manifest's files in place (and a recording for the line 'hello')."""
    write_game(root, story, manifest)
    wav(root / "audio" / "theme.wav")
    put(root, "audio/night.ogg", ogg_bytes())
    put(root, "audio/rain.flac", flac_bytes())
    put(root, "audio/shot.mp3", id3_bytes())
    wav(root / "voice" / "hello.wav")
    return root
