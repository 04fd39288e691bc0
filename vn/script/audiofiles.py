"""Sound files a story names: found in the story folder as pictures are, and recognised by their header.

Only the first bytes are read, in pure Python: `vn check` never starts the
mixer (nothing below vn/ui imports pygame), and a story of a hundred sounds
checks in milliseconds. The formats are those SDL_mixer decodes on every
platform pygame-ce ships for: Ogg (Vorbis, Opus, FLAC inside), WAV, FLAC, MP3.
A renamed file is judged by its content, as the mixer judges it.
"""
from __future__ import annotations

import struct

from . import model as m
from .diagnostics import WARNING, Diagnostic, Pos, did_you_mean
from .pictures import Folder, Kind, Problem, path_problem

SOUND_MISSING = "VN035"
SOUND_WRONG_CASE = "VN036"
NOT_A_SOUND = "VN037"
SOUND_OUTSIDE = "VN038"
UNKNOWN_SYNTH = "VN039"
UNKNOWN_SOUND = "VN040"
NO_CAPTION = "VN111"
STRAY_VOICE = "VN112"

_HEAD = 64
# WAV codings SDL_mixer decodes: PCM, IEEE float, MS ADPCM, A-law, mu-law, IMA ADPCM, extensible
_WAV_CODINGS = {0x0001, 0x0003, 0x0002, 0x0006, 0x0007, 0x0011, 0xFFFE}
_OGG_CODECS = ((b"\x01vorbis", "Vorbis"), (b"OpusHead", "Opus"), (b"\x7fFLAC", "FLAC"))
_MPEG_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def sound_format(f, size: int) -> str:
    """'ogg', 'wav', 'flac' or 'mp3' from the file's first bytes; otherwise why not, starting 'not'/'the'."""
    head = f.read(_HEAD)
    if not head:
        return "the file is empty"
    if head.startswith(b"OggS"):
        return _ogg(head, size)
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return _wav(f, head, size)
    if head.startswith(b"fLaC"):
        return _flac(head, size)
    if head.startswith(b"ID3"):
        return _id3(f, head, size)
    if _mpeg_frame(head):
        return "mp3"
    return "not an OGG, WAV, FLAC or MP3 file"


_KNOWN = ("ogg", "wav", "flac", "mp3")


def _ogg(head: bytes, size: int) -> str:
    if len(head) < 28:
        return "the Ogg file is cut short"
    segments = head[26]
    body = 27 + segments
    if len(head) < body + 8:
        return "the Ogg file is cut short"
    page = body + sum(head[27:body]) if body <= len(head) else size + 1
    for magic, _ in _OGG_CODECS:
        if head[body:body + len(magic)] == magic:
            return "ogg" if page < size else "the Ogg file is cut short (nothing after its first page)"
    return "an Ogg file, but not of Vorbis, Opus or FLAC sound (a video?)"


def _wav(f, head: bytes, size: int) -> str:
    if struct.unpack("<I", head[4:8])[0] + 8 > size:
        return "the WAV file is cut short"
    at, coding, has_data = 12, None, False
    for _ in range(64):     # chunks before the data; real files have a few
        f.seek(at)
        chunk = f.read(24)
        if len(chunk) < 8:
            break
        name, length = chunk[:4], struct.unpack("<I", chunk[4:8])[0]
        if name == b"fmt ":
            if len(chunk) < 24:
                return "the WAV file is cut short"
            coding, channels, rate = struct.unpack("<HHI", chunk[8:16])
            if not channels or not rate:
                return "its WAV header has no channels or no sample rate"
        elif name == b"data":
            has_data = at + 8 + length <= size
            break
        at += 8 + length + (length & 1)
    if coding is None:
        return "its WAV header has no format chunk"
    if coding not in _WAV_CODINGS:
        return f"a WAV file of a coding the mixer does not play (0x{coding:04x})"
    return "wav" if has_data else "the WAV file is cut short (no complete data chunk)"


def _flac(head: bytes, size: int) -> str:
    if len(head) < 42 or head[4] & 0x7F != 0 or int.from_bytes(head[5:8], "big") != 34:
        return "its FLAC header is cut short or damaged"
    return "flac" if size > 42 else "the FLAC file is cut short"


def _id3(f, head: bytes, size: int) -> str:
    if len(head) < 10 or any(b & 0x80 for b in head[6:10]):
        return "its ID3 tag is damaged"
    tag = 10 + sum(b << (7 * (3 - n)) for n, b in enumerate(head[6:10])) + (10 if head[5] & 0x10 else 0)
    if tag >= size:
        return "the MP3 file is cut short (nothing after its ID3 tag)"
    f.seek(tag)
    after = f.read(4096)     # padding may sit between the tag and the first frame
    start = after.find(b"\xff")
    while start != -1:
        if _mpeg_frame(after[start:start + 4]):
            return "mp3"
        start = after.find(b"\xff", start + 1)
    return "an ID3 tag without MPEG sound after it"


def _mpeg_frame(head: bytes) -> bool:
    """An MPEG audio frame header: the sync, a real version, layer, bit rate and sample rate."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version, layer = (head[1] >> 3) & 3, (head[1] >> 1) & 3
    bitrate, rate = head[2] >> 4, (head[2] >> 2) & 3
    return version != 1 and layer != 0 and bitrate not in (0, 15) and rate != 3 and version in _MPEG_RATES


def _sound(rel: str, f, size: int) -> Problem | str:
    found = sound_format(f, size)
    if found in _KNOWN:
        return found
    return Problem(NOT_A_SOUND, f"'{rel}' is not a sound the mixer can play: {found}",
                   "save it as OGG (Vorbis), WAV, FLAC or MP3 from a sound editor; renaming does not convert it")


SOUND = Kind("sound file", SOUND_MISSING, SOUND_WRONG_CASE, NOT_A_SOUND, SOUND_OUTSIDE, _sound)


def check_sound(folder: Folder | None, rel: str) -> Problem | None:
    """Why the sound file `rel` cannot be played, or None. Without a folder, the path as written."""
    found = folder.check(rel, SOUND) if folder is not None else path_problem(rel, SOUND)
    return found if isinstance(found, Problem) else None


def is_path(name: str) -> bool:
    """A name in `play:` that is a file, not a sound of the manifest: manifest names hold no '/' or '.'."""
    return "/" in name or "." in name or "\\" in name


def voice_index(folder: Folder | None) -> dict[str, str]:
    """line id -> "file:voice/<name>" for each recording in the story's voice/ folder.

    Listed once at load; the runtime then looks a line up in a dict. With two files for one
    line (grave_hello.ogg and grave_hello.wav), the first in AUDIO_FILE_TYPES order wins."""
    if folder is None or "voice" not in (folder.listing(folder.root) or ()):
        return {}
    found: dict[str, tuple[int, str]] = {}
    for name in folder.listing(folder.root / "voice") or ():
        stem, dot, ext = name.rpartition(".")
        ext = "." + ext.lower()
        if dot and stem and ext in m.AUDIO_FILE_TYPES:
            rank = m.AUDIO_FILE_TYPES.index(ext)
            if stem not in found or rank < found[stem][0]:
                found[stem] = (rank, "file:voice/" + name)
    return {stem: source for stem, (_, source) in sorted(found.items())}


def _line_places(body, out: dict) -> dict:
    for s in body:
        if isinstance(s, m.Say):
            out.setdefault(s.id, s.pos)
        elif isinstance(s, m.If):
            for b in s.branches:
                _line_places(b.body, out)
        elif isinstance(s, m.Menu):
            if s.prompt is not None:
                out.setdefault(s.prompt.id, s.prompt.pos)
            for o in s.options:
                _line_places(o.body, out)
    return out


def check_voices(voices: dict[str, str], labels: dict, folder: Folder | None, root_shown: str,
                 complete: bool = True, lines: dict | None = None) -> list[Diagnostic]:
    """A recording the mixer cannot play, reported at its line; and (a warning) one whose name is no
    line's id, which is what a derived id becomes when its line's text is edited."""
    if not voices:
        return []
    if lines is None:       # line id -> where the line is (given when the labels are not at hand)
        lines = {}
        for label in labels.values():
            _line_places(label.body, lines)
    out = []
    for line_id, source in voices.items():
        rel = source[len("file:"):]
        where = lines.get(line_id)
        if where is None:
            if complete:
                close = did_you_mean(line_id, lines)
                out.append(Diagnostic(Pos(f"{root_shown}/{rel}", 1, 1), STRAY_VOICE,
                                      f"the recording '{rel}' is named after no line",
                                      (close + " " if close else "") + "a recording is named after its line's id; "
                                      "give the line that id with 'id:', so edits to its text do not move it",
                                      WARNING))
            continue
        problem = check_sound(folder, rel)
        if problem is not None:
            out.append(Diagnostic(where, problem.code, f"this line's recording: {problem.message}", problem.hint))
    return out
