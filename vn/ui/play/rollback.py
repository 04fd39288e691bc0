"""What rollback keeps: one beat per line or choice shown, with the story's state from just
before the `advance()` that produced it.

Restoring a beat's state and advancing once gives the very same line or choice again (the
runtime is deterministic), so stepping back and forth re-presents the story exactly, and a
different answer at a rolled-back choice simply plays on from there: the runtime's state
carries the route, so the new branch is what the route (and any save) records.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...runtime import events as ev
from ...runtime.runtime import StoryError
from ...runtime.state import CHOOSING as STORY_CHOOSING, StoryState

LIMIT = 500     # beats kept; older ones are dropped (a state copy is small, but not free)


@dataclass
class Beat:
    before: StoryState              # the state just before the advance() that produced `event`
    event: ev.Line | ev.Choices
    answer: int | None = None       # the option picked at a choice, once it was
    captions: tuple[str, ...] = ()  # sound captions heard since the beat before, "[bracketed]"


class Rollback:
    def __init__(self, limit: int = LIMIT):
        self.limit = limit
        self.beats: list[Beat] = []
        self.cursor = -1            # the beat on screen (or the last one shown)

    def record(self, before: StoryState, event: ev.Line | ev.Choices, captions: tuple[str, ...] = ()) -> Beat:
        """A beat just shown live: anything after the cursor was a future now abandoned."""
        del self.beats[self.cursor + 1:]
        beat = Beat(before, event, captions=captions)
        self.beats.append(beat)
        if len(self.beats) > self.limit:
            del self.beats[:len(self.beats) - self.limit]
        self.cursor = len(self.beats) - 1
        return beat

    @property
    def current(self) -> Beat | None:
        return self.beats[self.cursor] if 0 <= self.cursor < len(self.beats) else None

    @property
    def rolled_back(self) -> bool:
        """Whether beats lie ahead of the one on screen (the player stepped back)."""
        return self.cursor < len(self.beats) - 1

    def answered(self, index: int) -> None:
        beat = self.current
        if beat is not None and isinstance(beat.event, ev.Choices):
            beat.answer = index

    def fork(self) -> None:
        """Forget the beats ahead of the cursor: the player chose differently."""
        del self.beats[self.cursor + 1:]

    def lines(self, captions: bool = False, after: tuple[str, ...] = ()) -> list[ev.Line | str]:
        """The lines of the story as it stands, oldest first, up to the one on screen; with
        `captions`, the sound captions heard between them too (strings), and `after` last."""
        out: list[ev.Line | str] = []
        for beat in self.beats[:self.cursor + 1]:
            if captions:
                out.extend(beat.captions)
            if isinstance(beat.event, ev.Line):
                out.append(beat.event)
            elif isinstance(beat.event, ev.Choices) and beat.event.prompt is not None:
                out.append(beat.event.prompt)
        return out + list(after)


def show_beat(game: "GameScreen", index: int) -> None:
    """Show beat `index` again: its state restored, its stage rebuilt at once, its line or
    choice re-presented written out."""
    beat = game.rollback.beats[index]
    game.rollback.cursor = index
    game.choices.hide()
    game.ending_card.hide()
    game.ending = None
    game.transition.finish()
    game.pause_left = 0.0
    game.runtime.restore(beat.before)
    game.sound.restore(beat.before)
    if not game._set_stage(beat.before.stage):
        return
    try:
        if game.runtime.status == STORY_CHOOSING:
            event = game.runtime.choices_event()
        else:
            event = game.runtime.advance()
    except StoryError as error:
        game.app.show_story_error(error)
        return
    game._present(event, replayed=True)
    game.dialogue.show_at_once()
