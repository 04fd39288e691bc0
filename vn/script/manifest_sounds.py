"""The manifest's `sounds:` section: names for sound files of the story and for the engine's own sounds.

    sounds:
      click: {synth: gun_click, caption: "the gun clicks empty"}
      theme: {file: "audio/theme.ogg", volume: 0.8}
      rain: "audio/rain.ogg"                  # short form: a file

A mixin of ManifestReader (manifest.py), like manifest_media.py: it uses
error(), text(), fields(), named_entries(), built_entries(), number() and `folder`.
"""
from __future__ import annotations

from . import model as m
from .audiofiles import UNKNOWN_SYNTH, check_sound
from .diagnostics import did_you_mean
from .yamlsource import MAPPING, SCALAR, kind, pos

SOUND_KEYS = ("file", "synth", "caption", "volume")


def synth_problem(name: str) -> tuple[str, str] | None:
    """(message, hint) when the engine makes no sound of that name."""
    if name in m.SYNTH_SOUNDS:
        return None
    return (f"the engine makes no sound '{name}'",
            did_you_mean(name, m.SYNTH_SOUNDS) or "the engine's sounds: " + ", ".join(m.SYNTH_SOUNDS))


class SoundsReader:
    folder = None

    def sounds(self, node) -> dict[str, m.SoundDef]:
        return self.built_entries(node, "'sounds'", self.sound)

    def sound(self, sid: str, kn, vn) -> m.SoundDef | None:
        what = f"sound '{sid}'"
        if sid == "stop":
            self.error(kn, "VN020", "a sound may not be called 'stop'",
                       "'music: stop' stops the music; give the sound another name")
            return None
        if kind(vn) == SCALAR:
            f = {"file": vn}
        else:
            f = self.fields(vn, what, SOUND_KEYS, ())
            if kind(vn) != MAPPING:
                return None
        if ("file" in f) == ("synth" in f):
            self.error(f.get("synth", kn), "VN018" if "file" not in f else "VN023",
                       f"{what} needs exactly one of 'file' and 'synth'",
                       "file: a path in the story folder, or synth: one of the engine's sounds")
            return None
        source = self.sound_file(f["file"]) if "file" in f else self.synth(f["synth"])
        caption = self.text(f["caption"], "a sound's caption") if "caption" in f else ""
        volume = self.number(f["volume"], f"{what}'s volume", 0.0, 1.0) if "volume" in f else 1.0
        if source is None:
            return None
        return m.SoundDef(sid, pos(self.src.path, kn), source, (caption or "").strip(),
                          1.0 if volume is None else volume)

    def sound_file(self, node) -> str | None:
        rel = self.text(node, "a sound file's path")
        if rel is None:
            return None
        problem = check_sound(self.folder, rel)
        if problem is not None:
            hint = problem.hint
            if "/" not in rel and "." not in rel and rel in m.SYNTH_SOUNDS:
                hint = f"for the engine's own sound, write {{synth: {rel}}}"
            self.error(node, problem.code, problem.message, hint)
        return "file:" + rel

    def synth(self, node) -> str | None:
        name = self.text(node, "a synthesised sound's name")
        if name is None:
            return None
        problem = synth_problem(name)
        if problem:
            self.error(node, UNKNOWN_SYNTH, *problem)
            return None
        return "synth:" + name
