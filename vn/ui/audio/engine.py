"""The audio engine: four channels, each a set of layers with their own fades, under one
gain envelope per channel, all moved a frame at a time.

- music: one looping layer; a new track crossfades from the old one.
- ambience: any number of looping layers at once; a new set keeps what is in both,
  fades in what is new and fades out what is gone.
- sound: one-shots, several at once.
- voice: one at a time; a new one cuts the last short. While a voice plays (or
  self-voicing speaks), music and ambience duck.

A layer's loudness is its own ramp (fade in, fade out, crossfade, a new level) times its
channel's gain, and the gain is a ramp too, towards master x channel setting x ducking (0
when muted). Each frame the product is handed to the back end, and only when it changed.
"""
from __future__ import annotations

import math
from pathlib import Path

from ..pacing import ACTIVE, STILL
from .backend import choose_backend
from .envelope import Ramp
from .sources import FAILED, SoundBank

CHANNELS = ("music", "ambience", "sound", "voice")
LOOPING = ("music", "ambience")
POOLS = {"music": 2, "ambience": 8, "sound": 6, "voice": 2}    # mixer channels each may use at once
DUCK = 0.35                 # music and ambience under a voice
DUCK_DOWN, DUCK_UP = 0.25, 0.8      # seconds: duck quickly, come back gently
SETTING_SECONDS = 0.08      # a slider moved or mute pressed: quick, but never a click
CUT_SECONDS = 0.08          # a voice or one-shot cut short
ONE_SHOT_PATIENCE = 0.5     # a one-shot not ready by then is dropped: a late click is worse than none
SETTING_NAMES = {"music": "music_volume", "ambience": "ambience_volume", "sound": "sound_volume",
                 "voice": "voice_volume"}


class Layer:
    __slots__ = ("source", "volume", "loops", "fade_in", "ramp", "slot", "elapsed", "length", "ending",
                 "waited", "sent")

    def __init__(self, source: str, volume: float, loops: bool, fade_in: float):
        self.source, self.volume, self.loops, self.fade_in = source, volume, loops, fade_in
        self.ramp = Ramp(0.0)       # heads for `volume` once the sound starts
        self.slot: int | None = None
        self.elapsed = 0.0
        self.length = math.inf
        self.ending = False
        self.waited = 0.0
        self.sent = -1.0            # the volume last handed to the back end


class Channel:
    def __init__(self, name: str, slots: range):
        self.name = name
        self.slots = slots
        self.layers: list[Layer] = []
        self.gain = Ramp(1.0)
        self.ducked = False


class AudioEngine:
    def __init__(self, backend=None, settings=None, story_dir: str | Path = ".", notice=None,
                 background: bool = True):
        self.backend = backend if backend is not None else choose_backend(sum(POOLS.values()))
        self.settings = settings
        self.notice = notice or (lambda text: None)
        self.background = background
        self.bank = SoundBank(self.backend, Path(story_dir), self._warn, background=background)
        self.channels: dict[str, Channel] = {}
        first = 0
        for name in CHANNELS:
            self.channels[name] = Channel(name, range(first, first + POOLS[name]))
            first += POOLS[name]
        self.now = 0.0
        self.started = False
        self._told_unavailable = False
        self._warned: set[str] = set()
        self._gains_set = False
        self.speech_playing = False      # self-voicing is talking: music and ambience duck as under a voice

    # -- life ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Open the mixer (on a worker thread); sound asked for before it is open waits for it."""
        if not self.started:
            self.started = True
            self.backend.start(self.background)
            _start_synth()

    def toggle_mute(self) -> bool:
        """The M key: mute or unmute (a setting, kept with the others); whether now muted."""
        self.settings.muted = not getattr(self.settings, "muted", False)
        return self.settings.muted

    @property
    def available(self) -> bool:
        return self.backend.ready

    def close(self) -> None:
        for channel in self.channels.values():
            channel.layers.clear()
        self.backend.close()

    def _warn(self, text: str) -> None:
        if text not in self._warned:
            self._warned.add(text)
            self.notice(text)

    # -- what the story asks for --------------------------------------------------------------
    def set(self, channel: str, sources, fade: float = 0.0, volume: float = 1.0) -> None:
        """Make a looping channel play exactly `sources` (music: the first), crossfading over
        `fade` seconds: what stays keeps playing, what is new fades in, what is gone fades out."""
        ch = self.channels[channel]
        wanted = list(dict.fromkeys(sources))[:1 if channel == "music" else None]
        volume = _unit(volume)
        kept: set[str] = set()
        # a layer fading out that is wanted again comes back rather than starting over
        for layer in sorted(ch.layers, key=lambda la: la.ending):
            if layer.source in wanted and layer.source not in kept:
                kept.add(layer.source)
                layer.ending, layer.volume = False, volume
                if layer.slot is not None:
                    layer.ramp.to(volume, fade)
                else:
                    layer.fade_in = fade
            else:
                self._end(layer, fade)
        for source in wanted:
            if source not in kept:
                ch.layers.append(Layer(source, volume, True, fade))

    def play(self, channel: str, source: str, volume: float = 1.0, fade: float = 0.0) -> None:
        """A one-shot on `sound`, or a voice (which cuts the one before it short)."""
        ch = self.channels[channel]
        if channel == "voice":
            for layer in ch.layers:
                self._end(layer, CUT_SECONDS)
        ch.layers.append(Layer(source, _unit(volume), False, fade))

    def stop(self, channel: str, fade: float = 0.0) -> None:
        for layer in self.channels[channel].layers:
            self._end(layer, fade)

    def stop_all(self, fade: float = 0.0) -> None:
        for name in CHANNELS:
            self.stop(name, fade if name in LOOPING else min(fade, CUT_SECONDS))

    def restore(self, audio, fade: float = 0.0) -> None:
        """Music and ambience as a story state records them ({"music": {"play": [...],
        "volume": v} | None, "ambience": ...}); missing means silence."""
        audio = audio if isinstance(audio, dict) else {}
        for name in LOOPING:
            entry = audio.get(name)
            if isinstance(entry, dict) and isinstance(entry.get("play"), (list, tuple)):
                volume = entry.get("volume", 1.0)
                self.set(name, [s for s in entry["play"] if isinstance(s, str)], fade,
                         volume if isinstance(volume, (int, float)) else 1.0)
            else:
                self.set(name, (), fade)

    def playing(self) -> dict:
        """What music and ambience are meant to be playing now (fading out excluded)."""
        out = {}
        for name in LOOPING:
            live = [la for la in self.channels[name].layers if not la.ending]
            out[name] = {"play": [la.source for la in live], "volume": live[0].volume} if live else None
        return out

    @property
    def voice_playing(self) -> bool:
        return any(not la.ending for la in self.channels["voice"].layers)

    @staticmethod
    def _end(layer: Layer, fade: float) -> None:
        if not layer.ending:
            layer.ending = True
            layer.ramp.to(0.0, fade)

    # -- each frame ---------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.now += dt
        backend = self.backend
        if not backend.ready:
            if backend.error and not self._told_unavailable:
                self._told_unavailable = True
                self.notice(f"No sound: the audio device could not be opened ({backend.error}). "
                            "The game plays on silently.")
            for ch in self.channels.values():     # one-shots do not wait for a mixer that may never come
                ch.layers = [la for la in ch.layers if la.loops and not la.ending]
            return
        self._update_gains(dt)
        for ch in self.channels.values():
            for layer in list(ch.layers):
                self._update_layer(ch, layer, dt)
        backend.frame(self.now)

    def _update_gains(self, dt: float) -> None:
        s = self.settings
        master = 0.0 if getattr(s, "muted", False) else _unit(getattr(s, "volume", 1.0))
        ducked = self.speech_playing or any(la.slot is not None and not la.ending
                                            for la in self.channels["voice"].layers)
        for ch in self.channels.values():
            target = master * _unit(getattr(s, SETTING_NAMES[ch.name], 1.0))
            seconds = SETTING_SECONDS if self._gains_set else 0.0
            if ch.name in LOOPING:
                if ducked:
                    target *= DUCK
                if ducked != ch.ducked:
                    ch.ducked = ducked
                    seconds = DUCK_DOWN if ducked else DUCK_UP
                elif ch.gain.moving and abs(ch.gain.rate) > 0 and ch.gain.target != target:
                    seconds = max(seconds, abs(target - ch.gain.value) / ch.gain.rate)
            if target != ch.gain.target:
                ch.gain.to(target, seconds)
            ch.gain.update(dt)
        self._gains_set = True

    def _update_layer(self, ch: Channel, layer: Layer, dt: float) -> None:
        if layer.slot is None:
            if layer.ending or not self._begin(ch, layer, dt):
                if layer.ending or (not layer.loops and layer.waited > ONE_SHOT_PATIENCE):
                    ch.layers.remove(layer)
                return
        else:
            layer.ramp.update(dt)
            layer.elapsed += dt
        if (layer.ending and layer.ramp.value <= 0.0) or (not layer.loops and layer.elapsed >= layer.length):
            self.backend.stop(layer.slot)
            ch.layers.remove(layer)
            return
        volume = layer.ramp.value * ch.gain.value
        if volume != layer.sent:
            layer.sent = volume
            self.backend.set_volume(layer.slot, volume)

    def _begin(self, ch: Channel, layer: Layer, dt: float) -> bool:
        """Start a layer whose sound is ready; False while it is not (or never will be)."""
        in_use = frozenset(la.source for c in self.channels.values() for la in c.layers if la.slot is not None)
        sound = self.bank.get(layer.source, in_use)
        if sound is None:
            layer.waited += dt
            return False
        if sound is FAILED:
            layer.ending = True
            return False
        slot = self._free_slot(ch)
        layer.slot, layer.length = slot, self.backend.length(sound)
        layer.ramp.to(layer.volume, layer.fade_in)
        layer.sent = layer.ramp.value * ch.gain.value
        self.backend.play(slot, sound, layer.loops, layer.sent, ch.name, layer.source)
        return True

    def _free_slot(self, ch: Channel) -> int:
        used = {la.slot for la in ch.layers if la.slot is not None}
        for slot in ch.slots:
            if slot not in used:
                return slot
        # all taken: the quietest layer on its way out goes first, else the oldest
        playing = [la for la in ch.layers if la.slot is not None]
        victim = min(playing, key=lambda la: (not la.ending, la.ramp.value if la.ending else 0.0))
        self.backend.stop(victim.slot)
        ch.layers.remove(victim)
        return victim.slot

    def pace(self) -> int:
        """Full rate while any volume moves (so a fade is smooth) or a one-shot waits to load."""
        for ch in self.channels.values():
            if ch.gain.moving:
                return ACTIVE
            for layer in ch.layers:
                if (layer.slot is not None and layer.ramp.moving) or (layer.slot is None and not layer.loops):
                    return ACTIVE
        return STILL


def _start_synth() -> None:
    """The sounds made in code are rendered (or found in their cache) on a worker thread of
    the synth package's own, after the first frame."""
    try:
        from .synth import start_rendering
    except ImportError:
        return
    try:
        start_rendering()
    except Exception:  # a renderer that cannot start costs its sounds, never the game
        pass


def _unit(value) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        return 1.0
    return min(max(value, 0.0), 1.0) if value == value else 1.0
