"""What self-voicing says, and when.

Each frame the app hands over the screen on top. A screen reached anew has its title said
(`spoken_title`); then whatever has the focus (`spoken_focus()`: the line being read, the
highlighted option or button, the settings row and its value) whenever it changes. What
the story says in passing (a sound's caption) is added with `say`. Everything gathered in
one frame becomes one utterance, which cuts off the one before: the player always hears
what is in front of them now. `stop()` (the player moved the story on) silences it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .choose import SpeechChoice


class SelfVoicing:
    def __init__(self, settings, choice: SpeechChoice | None = None):
        self.settings = settings
        # the system is asked which speech it has when that is first wanted (self-voicing on, or
        # the settings saying why it is not there), not at every start: most players never do
        self._choice = choice
        self._pending: list[str] = []
        self._news: str | None = None      # said before anything else (self-voicing just came on)
        self._screen = None
        self._focus: str | None = None

    @property
    def choice(self) -> SpeechChoice:
        if self._choice is None:
            from .choose import choose_speaker
            self._choice = choose_speaker()
        return self._choice

    @choice.setter
    def choice(self, chosen: SpeechChoice) -> None:
        self._choice = chosen

    @property
    def available(self) -> bool:
        return self.choice.speaker is not None

    @property
    def reason(self) -> str:
        """Why there is no speech, for the settings screen and the toast."""
        return self.choice.reason

    @property
    def speaker(self):
        return self.choice.speaker

    @property
    def on(self) -> bool:
        return bool(getattr(self.settings, "self_voicing", False)) and self.available

    def toggle(self) -> str:
        """Shift+V: turn it on or off; what to tell the player."""
        if not self.available:
            return f"Self-voicing is unavailable: {self.reason}."
        self.settings.self_voicing = not self.settings.self_voicing
        if not self.settings.self_voicing:
            self.speaker.stop()
            return "Self-voicing off"
        self._screen = self._focus = None     # read out where the player is, from the top
        self._news = "Self-voicing on"
        return "Self-voicing on"

    def say(self, text: str | None) -> None:
        if self.on and text and text.strip():
            self._pending.append(text.strip())

    def stop(self) -> None:
        """The player moved on: silence, and what has the focus next is said afresh."""
        self._pending.clear()
        self._focus = None
        if self.available:
            self.speaker.stop()

    def speaking(self) -> bool:
        return self.on and self.speaker.speaking()

    def update(self, screen) -> bool:
        """Once a frame, after the screens have updated; whether speech goes on."""
        if not self.on:
            self._pending.clear()
            self._screen = self._focus = None
            return False
        if screen is not self._screen:
            self._screen, self._focus = screen, None
            title = getattr(screen, "spoken_title", None)
            if title:
                self._pending.insert(0, title)
        if self._news:
            self._pending.insert(0, self._news)
            self._news = None
        focus = screen.spoken_focus() if screen is not None and hasattr(screen, "spoken_focus") else None
        if focus != self._focus:
            self._focus = focus
            if focus:
                self._pending.append(focus)
        if self._pending:
            text = ". ".join(part.rstrip(".") if n < len(self._pending) - 1 else part
                             for n, part in enumerate(self._pending))
            self._pending.clear()
            self.speaker.speak(text)
        return self.speaker.speaking()

    def close(self) -> None:
        if self._choice is not None and self._choice.speaker is not None:     # never asked: nothing to close
            self._choice.speaker.close()
