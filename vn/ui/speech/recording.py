"""The tests' speaker: keeps what it was asked to say, and talks until told it has finished."""
from __future__ import annotations

from .speaker import Speaker


class RecordingSpeaker(Speaker):
    name = "recorder"

    def __init__(self):
        self.spoken: list[str] = []
        self.stops = 0
        self._talking = False

    def speak(self, text: str) -> None:
        self.spoken.append(text)
        self._talking = True

    def stop(self) -> None:
        if self._talking:
            self.stops += 1
        self._talking = False

    def speaking(self) -> bool:
        return self._talking

    def finish(self) -> None:
        """The utterance came to its end by itself."""
        self._talking = False
