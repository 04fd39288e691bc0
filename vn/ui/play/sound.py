"""The game screen's sound: the runtime's Audio events and a line's own voice handed to the
app's audio engine (vn/ui/audio/), and the sound captions drawn over the scene.

- Music and ambience follow the story's state: a loaded save or a rollback restores what
  its state records, crossfading briefly from what played.
- One-shots and voices are moments, not state: they never play while skipping, and a
  rollback does not replay them. A voice stops when the player moves on.
- A sound's caption (with the "Sound captions" setting on) shows at the top left, away from
  the dialogue box, and fades; every caption is kept for the history, in brackets.
"""
from __future__ import annotations

from dataclasses import dataclass

import pygame

from ...runtime import events as ev
from ..fonts import drawable
from ..pacing import ACTIVE, STILL
from ..text_layout import typographic, wrap_rows

RESTORE_FADE = 0.6      # seconds: music and ambience after a load or a rollback
LEAVE_FADE = 0.8        # the story's sound, as the title (or another screen) takes over
CUT = 0.08              # a voice or a one-shot cut short: quick, without a click
SKIP_FADE = 0.1         # skipping passes fades at sixty lines a second: only enough to avoid a click
CAPTION_IN, CAPTION_HOLD, CAPTION_OUT = 0.2, 3.5, 0.6
CAPTION_WIDTH = 360     # left of the toasts' column, clear of the skip and auto badges on the right
MARGIN, GAP = 26, 8
MAX_CAPTIONS = 3


def bracketed(caption: str) -> str:
    text = drawable(caption, keep_newlines=False).strip()
    return text if text.startswith("[") else f"[{text}]"


@dataclass
class Caption:
    text: str
    surface: pygame.Surface
    age: float = 0.0

    @property
    def alpha(self) -> float:
        if self.age < CAPTION_IN:
            return self.age / CAPTION_IN
        return max(0.0, min(1.0, 1 - (self.age - CAPTION_IN - CAPTION_HOLD) / CAPTION_OUT))

    @property
    def over(self) -> bool:
        return self.age >= CAPTION_IN + CAPTION_HOLD + CAPTION_OUT


class GameSound:
    def __init__(self, game):
        self.game = game
        self.audio = game.app.audio
        self.theme = game.theme
        self.captions: list[Caption] = []
        self.unfiled: list[str] = []    # captions heard since the last line or choice; the history files them

    # -- the story's events ---------------------------------------------------------------------
    def present(self, event: ev.Audio, replayed: bool = False) -> None:
        skipping = self.game.modes.skipping
        fade = min(event.fade, SKIP_FADE) if skipping else event.fade
        if event.channel in ("music", "ambience"):
            self.audio.set(event.channel, event.play, fade, event.volume)
        elif not event.play:
            self.audio.stop(event.channel, fade)
        elif not (skipping or replayed):
            for source in event.play:
                self.audio.play(event.channel, source, event.volume, event.fade)
        if event.caption:
            self.unfiled.append(bracketed(event.caption))
            if not skipping and not replayed:
                self.game.app.speech.say(bracketed(event.caption).strip("[]"))    # under self-voicing
            if self.game.settings.sound_captions and not skipping and not replayed:
                self.show_caption(event.caption)

    def line(self, line: ev.Line, replayed: bool = False) -> None:
        if line.voice and not replayed and not self.game.modes.skipping:
            self.audio.play("voice", line.voice)

    def moving_on(self) -> None:
        """The player moved past a line: its voice stops."""
        self.audio.stop("voice", CUT)

    def take_captions(self) -> tuple[str, ...]:
        taken, self.unfiled = tuple(self.unfiled), []
        return taken

    def restore(self, state, fade: float = RESTORE_FADE) -> None:
        """The story jumped (a load, a rollback): music and ambience as `state` records them."""
        self.audio.restore(getattr(state, "audio", None), fade)
        self.audio.stop("voice", CUT)
        self.audio.stop("sound", CUT)
        self.unfiled.clear()
        self.captions.clear()

    def leave(self) -> None:
        self.audio.stop_all(LEAVE_FADE)
        self.captions.clear()

    # -- captions on screen ---------------------------------------------------------------------
    def show_caption(self, caption: str) -> None:
        text = bracketed(caption)
        self.captions = [c for c in self.captions if c.text != text][-(MAX_CAPTIONS - 1):]
        self.captions.append(Caption(text, self._paint(text)))

    def _paint(self, text: str) -> pygame.Surface:
        font = self.theme.font("toast.text")
        rows = wrap_rows(font, typographic(text), CAPTION_WIDTH - 32, 3)
        row_height = font.get_linesize()
        width, height = max(font.size(r)[0] for r in rows) + 32, row_height * len(rows) + 16
        card = pygame.Surface((width, height), pygame.SRCALPHA)
        pygame.draw.rect(card, self.theme.colour("toast.text", "dark_bg"), card.get_rect(), border_radius=10)
        colour = self.theme.colour("toast.text")
        for n, row in enumerate(rows):
            card.blit(font.render(row, True, colour), (16, 8 + n * row_height))
        return card

    def pace(self) -> int:
        moving = any(c.age < CAPTION_IN or c.age > CAPTION_IN + CAPTION_HOLD for c in self.captions)
        return ACTIVE if moving else STILL

    def update(self, dt: float) -> None:
        for caption in self.captions:
            caption.age += dt
        if self.captions and self.captions[0].over:
            self.captions = [c for c in self.captions if not c.over]

    def draw(self, surface: pygame.Surface) -> None:
        y = MARGIN
        for caption in self.captions:
            caption.surface.set_alpha(round(255 * caption.alpha))
            surface.blit(caption.surface, (MARGIN, y))
            y += caption.surface.get_height() + GAP
