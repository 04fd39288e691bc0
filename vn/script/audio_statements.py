"""music, ambience, sound and voice: what plays on each of the four channels.

    - music: {play: theme, fade: 2.0}        # or music: theme
    - music: {stop: true, fade: 3.0}          # or music: stop
    - ambience: {play: [fire, rain], fade: 1.5}
    - sound: {play: click, caption: "the gun clicks empty"}
    - voice: "voice/grave_hello.ogg"

A name in `play` is a sound of the manifest, or, holding a '/' or a '.', a file
in the story folder. Both become sources ("file:..." / "synth:...") here, at
load, so the runtime and the window never look a name up. A mixin of
LabelBuilder (statements.py), which provides error(), string(), number(),
unknown_key(), derived_id(), `sounds` (the manifest's, or None when the
manifest could not be read) and `folder`.
"""
from __future__ import annotations

from . import model as m
from .audiofiles import NO_CAPTION, UNKNOWN_SOUND, check_sound, is_path
from .diagnostics import WARNING, did_you_mean
from .limits import OUT_OF_RANGE, range_problem
from .yamlsource import MAPPING, SCALAR, SEQUENCE, kind, mapping_items, raw, scalar_value

AUDIO_KEYS = ("play", "stop", "fade", "caption", "volume")
STOP = "stop"     # `music: stop`; so no sound of the manifest may be called that


class AudioStatements:
    sounds: dict | None = None
    folder = None

    def st_music(self, here, key, knode, vnode, extra):
        self._no_extra(extra)
        if kind(vnode) == SCALAR and raw(vnode) == STOP:
            return m.Audio(self.derived_id(key, STOP), here, key)
        if kind(vnode) in (SCALAR, SEQUENCE):    # the short forms: a name, a path, or a list of them
            f = {"play": vnode}
        elif kind(vnode) == MAPPING:
            f = {}
            for k, kn, vn in mapping_items(self.src, vnode, self.diags):
                if k not in AUDIO_KEYS:
                    self.unknown_key(kn, k, AUDIO_KEYS)
                else:
                    f[k] = vn
        else:
            self.error(vnode, "VN004", f"'{key}' takes a sound, a list of sounds, or a mapping with 'play'")
            return None
        return self._audio(here, key, vnode, f)

    st_ambience = st_sound = st_voice = st_music

    def _audio(self, here, channel: str, vnode, f: dict):
        stop = self._stop(f["stop"]) if "stop" in f else False
        if stop is None:
            return None
        if stop == ("play" in f):
            self.error(f.get("play", vnode), "VN018" if not stop else "VN023",
                       f"'{channel}' needs either 'play' or 'stop: true'",
                       f"{channel}: {{play: NAME}} plays a sound, {channel}: {{stop: true}} stops the channel")
            return None
        fade = self.number(f["fade"], "fade") if "fade" in f else 0.0
        volume = self._volume(f["volume"]) if "volume" in f else None
        caption = self.string(f["caption"], "a caption") if "caption" in f else None
        if fade is None or ("volume" in f and volume is None) or ("caption" in f and caption is None):
            return None
        written = tuple(self._names(f["play"])) if "play" in f else ()
        if written is None or None in written:
            return None
        resolved = [self._source(name, node) for name, node in written]
        if any(r is None for r in resolved):
            return None
        if caption is None:
            caption = ", ".join(dict.fromkeys(d.caption for _, d in resolved if d is not None and d.caption))
        if volume is None:
            volume = self._shared_volume(channel, vnode, resolved)
            if volume is None:
                return None
        if channel == "sound" and written and not caption and "caption" not in f:
            self.diags.append(self.src.diag(
                here, NO_CAPTION, "this sound has no caption, so players who cannot hear miss it",
                "give it caption: \"...\" here or in game.yaml's sounds; caption: \"\" if it tells nothing",
                WARNING))
        extras = tuple((k, v) for k, v, default in (("stop", stop, False), ("fade", fade, 0.0),
                                                    ("caption", caption if "caption" in f else None, None),
                                                    ("volume", volume if "volume" in f else None, None))
                       if v != default)
        return m.Audio(self.derived_id(channel, tuple(n for n, _ in written), *extras), here, channel,
                       tuple(s for s, _ in resolved), fade, caption.strip(), volume)

    def _stop(self, node) -> bool | None:
        value = scalar_value(node) if kind(node) == SCALAR else None
        if value is not True:
            self.error(node, "VN023" if isinstance(value, bool) else "VN004", "'stop' takes true",
                       "leave 'stop' out to play, or write stop: true")
            return None
        return True

    def _volume(self, node) -> float | None:
        value = scalar_value(node) if kind(node) == SCALAR else None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(node, "VN004", "a volume must be a number from 0 to 1")
            return None
        problem = range_problem(value, 0.0, 1.0)
        if problem:
            self.error(node, OUT_OF_RANGE, f"a volume must be {problem}", "1 is the sound's full level, 0 silence")
            return None
        return float(value)

    def _names(self, node):
        """(name, node) for each sound in `play`: one, or a list (ambience layers)."""
        items = raw(node) if kind(node) == SEQUENCE else [node]
        if kind(node) == SEQUENCE and not items:
            self.error(node, "VN022", "'play' names no sound", "name one, or write stop: true")
            yield None
        for item in items:
            name = self.string(item, "a sound's name or path")
            yield None if name is None else (name, item)

    def _source(self, name: str, node):
        """(source, SoundDef or None) for a name in `play`, or None after reporting why not."""
        if is_path(name):
            problem = check_sound(self.folder, name)
            if problem is not None:
                self.error(node, problem.code, problem.message, problem.hint)
                return None
            return "file:" + name, None
        if self.sounds is None:     # the manifest could not be read; it has been reported already
            return None
        found = self.sounds.get(name)
        if found is None:
            hint = did_you_mean(name, self.sounds)
            if not hint and name in m.SYNTH_SOUNDS:
                hint = f"declare it in game.yaml: sounds: {{{name}: {{synth: {name}}}}}"
            self.error(node, UNKNOWN_SOUND, f"no sound named '{name}'",
                       hint or "declare it under 'sounds' in game.yaml, or give a file's path, e.g. audio/rain.ogg")
            return None
        return found.source, found

    def _shared_volume(self, channel, vnode, resolved) -> float | None:
        """The volume of the sounds named, when the statement gives none: one statement plays at one level."""
        levels = {d.volume if d is not None else 1.0 for _, d in resolved}
        if len(levels) > 1:
            self.error(vnode, "VN023", f"the sounds of this '{channel}' have different volumes in game.yaml "
                                       f"({', '.join(f'{v:g}' for v in sorted(levels))})",
                       "give the statement its own volume: (its layers play at one level), or make them agree")
            return None
        return levels.pop() if levels else 1.0
