"""What actually makes sound: pygame's mixer, or a recorder for tests.

The engine (engine.py) decides what plays where and how loud; a back end only obeys, on
numbered slots (one mixer channel each, reserved for the engine). Both back ends have the
same small interface: start, load, length, nbytes, play, set_volume, stop, frame, close.

`VN_AUDIO=record` chooses the recorder (tests, and a way to play with no mixer at all);
`VN_AUDIO=off` a recorder that keeps no log.
"""
from __future__ import annotations

import os
import threading
import wave
from dataclasses import dataclass, field
from pathlib import Path

FREQUENCY = 44100
# 2048 frames: 46 ms. A visual novel needs no lower latency, and a longer buffer leaves the
# mixer's thread more slack when the machine is busy painting a scene.
BUFFER = 2048
AUDIO_ENV = "VN_AUDIO"


class PygameBackend:
    name = "pygame"

    def __init__(self, slots: int):
        self.slots = slots
        self.ready = False
        self.error: str | None = None
        self._channels: list = []
        self._thread: threading.Thread | None = None
        self.open_seconds: float | None = None    # how long opening the device took (bench_audio reports it)

    def start(self, background: bool = True) -> None:
        """Open the mixer; on a worker thread unless told otherwise, so no frame waits for
        the audio device (a sound server can take a tenth of a second to answer)."""
        if background:
            self._thread = threading.Thread(target=self._open, name="vn-audio-open", daemon=True)
            self._thread.start()
        else:
            self._open()

    def wait(self, timeout: float = 5.0) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
        return self.ready

    def _open(self) -> None:
        import time

        import pygame
        started = time.perf_counter()
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(FREQUENCY, -16, 2, BUFFER)
            pygame.mixer.set_num_channels(max(self.slots, pygame.mixer.get_num_channels()))
            pygame.mixer.set_reserved(self.slots)
            self._channels = [pygame.mixer.Channel(i) for i in range(self.slots)]
            self.open_seconds = time.perf_counter() - started
            self.ready = True
        except Exception as exc:  # pygame.error, or a platform's own failure: the game plays on in silence
            self.error = str(exc) or type(exc).__name__

    def load(self, path: Path):
        import pygame
        return pygame.mixer.Sound(str(path))

    def length(self, sound) -> float:
        return sound.get_length()

    def nbytes(self, sound) -> int:
        return int(sound.get_length() * FREQUENCY * 4)

    def play(self, slot: int, sound, loops: bool, volume: float, channel: str, source: str) -> None:
        ch = self._channels[slot]
        ch.set_volume(volume)       # before play: the first buffer already at the envelope's level
        ch.play(sound, loops=-1 if loops else 0)

    def set_volume(self, slot: int, volume: float) -> None:
        self._channels[slot].set_volume(volume)

    def stop(self, slot: int) -> None:
        self._channels[slot].stop()

    def frame(self, now: float) -> None:
        pass

    def close(self) -> None:
        if self._thread is not None:
            self._thread.join(2.0)
        # the mixer itself stays open: another window in this process (tests) may use it
        for ch in self._channels:
            try:
                ch.stop()
            except Exception:  # the mixer was closed under us (pygame.quit): nothing is playing
                pass
        self.ready = False


@dataclass
class Recorded:
    """A 'sound' as the recorder loads it: where it came from and how long it lasts."""
    path: Path
    seconds: float


@dataclass
class Entry:
    time: float
    action: str         # play | stop
    channel: str
    slot: int
    source: str
    volume: float


@dataclass
class RecordingBackend:
    """Logs what plays on which channel, when, and how loud (every frame), for tests.

    `fail` makes start() fail with that message, as a machine with no audio device does.
    `durations` gives a sound's length by file name; a WAV's own header is read otherwise,
    and anything else lasts `default_seconds`."""
    slots: int = 32
    fail: str | None = None
    durations: dict = field(default_factory=dict)
    default_seconds: float = 2.0
    keep_log: bool = True
    name: str = "record"

    def __post_init__(self):
        self.ready = False
        self.error: str | None = None
        self.now = 0.0
        self.log: list[Entry] = []
        self.frames: list[tuple[float, dict[int, tuple[str, str, float]]]] = []
        self.on: dict[int, list] = {}        # slot -> [channel, source, volume]

    def start(self, background: bool = True) -> None:
        if self.fail:
            self.error = self.fail
        else:
            self.ready = True

    def wait(self, timeout: float = 5.0) -> bool:
        return self.ready

    def load(self, path: Path) -> Recorded:
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"no such file: {path}")
        if path.name in self.durations:
            return Recorded(path, float(self.durations[path.name]))
        if path.suffix.lower() == ".wav":
            with wave.open(str(path), "rb") as fh:
                return Recorded(path, fh.getnframes() / max(1, fh.getframerate()))
        return Recorded(path, self.default_seconds)

    def length(self, sound: Recorded) -> float:
        return sound.seconds

    def nbytes(self, sound: Recorded) -> int:
        return int(sound.seconds * FREQUENCY * 4)

    def play(self, slot: int, sound, loops: bool, volume: float, channel: str, source: str) -> None:
        self.on[slot] = [channel, source, volume]
        self._note("play", slot, volume)

    def set_volume(self, slot: int, volume: float) -> None:
        if slot in self.on:
            self.on[slot][2] = volume

    def stop(self, slot: int) -> None:
        if slot in self.on:
            self._note("stop", slot, self.on[slot][2])
            del self.on[slot]

    def frame(self, now: float) -> None:
        self.now = now
        if self.keep_log:
            self.frames.append((now, {slot: tuple(v) for slot, v in self.on.items()}))

    def close(self) -> None:
        for slot in list(self.on):
            self.stop(slot)

    def _note(self, action: str, slot: int, volume: float) -> None:
        if self.keep_log:
            channel, source, _ = self.on[slot]
            self.log.append(Entry(self.now, action, channel, slot, source, volume))

    # -- for tests --------------------------------------------------------------------------
    def playing(self, channel: str | None = None) -> dict[str, float]:
        """What sounds now: source -> volume (summed over slots playing the same source)."""
        out: dict[str, float] = {}
        for ch, source, volume in self.on.values():
            if channel is None or ch == channel:
                out[source] = out.get(source, 0.0) + volume
        return out

    def plays(self, channel: str | None = None) -> list[str]:
        """Every source started, in order."""
        return [e.source for e in self.log if e.action == "play" and (channel is None or e.channel == channel)]

    def volumes(self, source: str) -> list[tuple[float, float]]:
        """(time, volume) of `source` at every frame, 0 in frames it did not sound."""
        return [(t, sum(v for _, s, v in on.values() if s == source)) for t, on in self.frames]


def choose_backend(slots: int):
    """The back end the environment asks for (VN_AUDIO), else pygame's mixer."""
    wanted = os.environ.get(AUDIO_ENV, "").strip().lower()
    if wanted == "record":
        return RecordingBackend(slots)
    if wanted == "off":
        return RecordingBackend(slots, keep_log=False)
    return PygameBackend(slots)
