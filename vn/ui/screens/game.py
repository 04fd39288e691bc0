"""The in-game screen: the painted scene, the dialogue box, choices, transitions
and the ending card, driven only by the runtime's events and the player's answers.

The screen pulls events from the runtime until one needs the player or time
(a line to read, a choice, a transition, a pause, an ending) and then waits in
that state; a click, Space or Enter, a picked option or the passing of time
ends the wait and the pulling goes on.

Before every `advance()` the screen takes a snapshot of the story's state; the
snapshots of the advances that produced a line or a choice are kept as beats
(`rollback.py`). Rolling back restores a beat's snapshot, rebuilds the stage it
records at once and advances again, which re-presents the same line; a save made
while a line is on screen stores that line's snapshot, so loading shows it again.
Skip and auto mode (`skip_auto.py`) only ever call what a click would.
"""
from __future__ import annotations

import pygame

from ...runtime import events as ev
from ...runtime.runtime import Runtime, StoryError
from ...runtime.state import CHOOSING as STORY_CHOOSING
from ..display import LOGICAL_SIZE
from ..pacing import ACTIVE, AMBIENT
from ..play import saving
from ..play import stage as stage_up
from ..play.cast import Cast
from ..play.controls import PlayControls
from ..play.rollback import Rollback, show_beat
from ..play.scene_change import change_scene
from ..play.scene_shelf import SceneShelf
from ..play.skip_auto import PlayModes, auto_wait, skip_step
from ..play.spoken import game_focus
from ..play.sound import GameSound
from ..play.waits import ARRIVING, CHOOSING, ENDING, PAUSED, READING, TRANSITION
from ..scene_loader import next_scene
from ..scenes.picture import plain_backdrop
from ..screen import Screen
from ..transitions import Transition
from ..widgets.choice_menu import ChoiceMenu
from ..widgets.dialogue_box import DialogueBox
from ..widgets.ending_card import EndingCard

ARRIVE_SECONDS = 0.35       # a loaded story cross-fades in from the menu it was loaded from


class GameScreen(Screen):
    spoken_focus = game_focus       # what self-voicing reads: the line, or the choice (play/spoken.py)
    def __init__(self, app, runtime: Runtime | None = None, *, resumed: bool = False, play_time: float = 0.0):
        super().__init__(app)
        self.runtime = runtime or Runtime(app.program)
        self.resumed = resumed
        self.play_time = play_time
        self.scene = None
        self.scene_key: tuple[str, str | None] | None = None
        self.transition = Transition()
        self.dialogue = DialogueBox(self.theme, self.settings)
        self.dialogue.plate_colours = {name: c.color for name, c in self.runtime.program.manifest.characters.items()
                                       if c.color}
        self.choices = ChoiceMenu(self.ui, self.theme)
        self.ending_card = EndingCard(self.theme)
        self.rollback = Rollback()
        self.modes = PlayModes(self.theme)
        self.waiting: str | None = None
        self.pause_left = 0.0
        self.ending: ev.EndingReached | None = None     # the ending reached, once it is
        self.line_seen = False          # whether the line on screen had been seen before it was shown
        self.ui_hidden = False
        self._figures_shown: dict[str, str] | None = {}
        self._left_scenes = SceneShelf()
        self.controls = PlayControls(self)
        self.cast = Cast(self)           # who stands on stage: sprites, or the scene's painted figures
        self.sound = GameSound(self)     # music, ambience, one-shots, voices and their captions
        self._autosave_next_choice = not resumed    # a loaded choice is not saved again at once
        self.still = pygame.Surface(LOGICAL_SIZE).convert()
        self._opening: pygame.Surface | None = None
        self._plain_colours = tuple(tuple(self.theme.colour("title.screen", k))[:3] for k in ("top_bg", "bottom_bg"))

    # -- life on the stack ----------------------------------------------------------
    def enter(self) -> None:
        # the first scene comes in from whatever was on screen before the story began
        self._opening = self.app.display.canvas.copy()
        if self.resumed:
            self.sound.restore(self.runtime.state)
            self._arrive()
        else:
            self._advance()

    def leave(self) -> None:
        self.choices.hide()
        self._left_scenes.clear()
        self.sound.leave()
        super().leave()

    def cover(self) -> None:
        self.choices.set_visible(False)
        self.modes.release()
        super().cover()

    def uncover(self) -> None:
        self.choices.set_visible(not self.ui_hidden)
        super().uncover()

    # -- following the story ----------------------------------------------------------
    def _advance(self) -> None:
        """Pull events until one of them makes the screen wait."""
        self.app.speech.stop()          # the player moved on: what was being read aloud stops
        if self.waiting == READING:
            self.sound.moving_on()
        try:
            while self.app.top is self:
                before = self.runtime.snapshot()
                if self.runtime.status == STORY_CHOOSING:
                    event = self.runtime.choices_event()    # a story loaded at a choice
                else:
                    event = self.runtime.advance()
                if isinstance(event, (ev.Line, ev.Choices)):
                    self.rollback.record(before, event, self.sound.take_captions())
                if self._present(event):
                    return
        except StoryError as error:
            self.app.show_story_error(error)

    def choose(self, index: int) -> None:
        rollback = self.rollback
        if rollback.rolled_back:
            if rollback.current.answer == index:
                self._show_beat(rollback.cursor + 1)     # the same answer: the story ahead is still the one kept
                return
            rollback.fork()
        self.choices.hide()
        try:
            self.runtime.choose(index)
        except StoryError as error:
            self.app.show_story_error(error)
            return
        rollback.answered(index)
        self.modes.after_choice(self.settings.skip_after_choices)
        self._prepare_upcoming()
        self._advance()

    def _present(self, event: ev.Event, replayed: bool = False) -> bool:
        """Show one runtime event; True when the screen must now wait."""
        if isinstance(event, ev.Line):
            self.line_seen = self.app.was_seen(event.id)
            self.dialogue.show_marker = True
            self.dialogue.show_line(event)
            self.sound.line(event, replayed)
            self._read_if_last_page()
            self.cast.preload()     # sprites and backgrounds a few statements on, decoded while this is read
            self.waiting = READING
            self.modes.auto_waited = 0.0
            self._autosave_next_choice = True
            return True
        if isinstance(event, ev.Choices):
            if event.prompt is not None:
                self.dialogue.show_line(event.prompt)
                self.sound.line(event.prompt, replayed)
            self.choices.show(event.options)
            self.choices.set_visible(not self.ui_hidden)
            self.dialogue.complete_now()
            self.dialogue.show_marker = False
            self.waiting = CHOOSING
            self.modes.stop_at_choice()
            if not replayed and self._autosave_next_choice:
                saving.autosave(self)
            self._autosave_next_choice = True
            return True
        if isinstance(event, ev.SceneChange):
            return change_scene(self, event)
        if isinstance(event, ev.Show):
            self._figures_shown[event.character] = {"at": event.at, "expression": event.expression}
            self.cast.show(event.character, event.shown, event.at, event.expression, event.transition,
                           event.duration)
            return False
        if isinstance(event, ev.Hide):
            self._figures_shown.pop(event.character, None)
            self.cast.hide(event.character, event.transition, event.duration)
            return False
        if isinstance(event, ev.Audio):
            self.sound.present(event, replayed)
            return False
        if isinstance(event, ev.Effect):
            if self.scene is not None:
                self._trigger(event)
            return False
        if isinstance(event, ev.Pause):
            self.dialogue.hide()
            self.pause_left = event.seconds
            self.waiting = PAUSED
            return True
        if isinstance(event, ev.EndingReached):
            self.ending = event
            self.app.reach_ending(event.id)
            self.dialogue.hide()
            self.ending_card.show(event.title)
            self.waiting = ENDING
            return True
        if isinstance(event, ev.End):
            if self.ending_card.showing:
                self.app.show_title()
                return True
            self.dialogue.hide()
            endings = self.runtime.program.manifest.endings
            if event.ending in endings:      # a save made at an ending card shows that card again
                self.ending_card.show(endings[event.ending].title)
            else:                            # a route that stops without an ending still closes with a card
                self.ending_card.show("The story stops here", kicker="The end")
            self.waiting = ENDING
            return True
        raise TypeError(f"unknown runtime event {event!r}")

    def _set_stage(self, stage: dict) -> bool:
        return stage_up.set_stage(self, stage)

    def _prepare_upcoming(self) -> None:
        """Have the scene the story shows next painted while the player reads."""
        coming = next_scene(self.runtime)
        self.app.scenes.keep_only({coming} if coming else set())
        if coming is not None:
            self.app.scenes.prepare(coming)
        self.cast.preload()     # pictures are cheap: those along every branch, not just the certain one

    def _trigger(self, event: ev.Effect) -> None:
        # skipping passes effects at sixty lines a second: their lasting changes, never their flashes
        reduced = self.settings.reduced_flashes or self.modes.skipping
        if event.duration is not None:
            self.scene.trigger(event.name, reduced=reduced, duration=event.duration)
        else:
            self.scene.trigger(event.name, reduced=reduced)

    def _picture_now(self) -> pygame.Surface | None:
        """A still of the scene as it is, for a transition to leave from."""
        if self.scene is None:
            return self._opening
        self.draw_scene(self.still)
        return self.still

    # -- loading -----------------------------------------------------------------------
    def _arrive(self) -> None:
        """A loaded story: have its scene painted, then rebuild the stage and go on."""
        stage = self.runtime.state.stage
        self.waiting = ARRIVING
        if stage["background"] is not None:
            self.app.scenes.prepare((stage["background"], stage["variant"]))

    def _arrived(self) -> None:
        if not self._set_stage(self.runtime.state.stage):
            return
        self.transition.start("dissolve", ARRIVE_SECONDS, self._opening, reduced_flashes=True)
        self.waiting = TRANSITION

    # -- rollback ----------------------------------------------------------------------
    def roll_back(self) -> None:
        if self.waiting == ARRIVING:
            return
        # from a line or choice, the one before it; from a pause, transition or ending, the last one shown
        target = self.rollback.cursor - (1 if self.waiting in (READING, CHOOSING) else 0)
        if target >= 0:
            self._show_beat(target)

    def roll_forward(self) -> None:
        """Step forward again through beats already seen; at a choice already answered, the
        same answer is taken again. At the live end this does nothing: a click plays on."""
        if self.rollback.rolled_back and self.waiting in (READING, CHOOSING):
            current = self.rollback.current
            if isinstance(current.event, ev.Choices) and current.answer is None:
                return
            self._show_beat(self.rollback.cursor + 1)

    def _show_beat(self, index: int) -> None:
        show_beat(self, index)

    def restyle(self) -> "GameScreen":
        from ..play.restyle import lay_out_again
        lay_out_again(self)
        return self

    def focus_rect(self):
        return self.choices.focus_rect()

    # -- input ------------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> bool:
        return self.controls.process_event(event)

    def open_history(self) -> None:
        captions = self.settings.sound_captions
        self.app.nav.push("history", self.rollback.lines(captions, () if self.rollback.rolled_back else
                                                         tuple(self.sound.unfiled) if captions else ()))

    def set_ui_hidden(self, hidden: bool) -> None:
        self.ui_hidden = hidden
        self.choices.set_visible(not hidden)

    def proceed(self) -> None:
        """What a click does: finish what is in progress, or move the story on."""
        if self.waiting == TRANSITION:
            self.transition.finish()
            self._advance()
        elif self.waiting == PAUSED:
            self.pause_left = 0.0
            self._advance()
        elif self.waiting == READING:
            if not self.dialogue.complete:
                self.dialogue.click()       # on from a wait, or written out up to the next
            elif self.dialogue.next_page():
                self._read_if_last_page()
            elif self.rollback.rolled_back:
                self.roll_forward()
            else:
                self._advance()
        elif self.waiting == ENDING:
            if self.ending_card.complete:
                self._advance()
            else:
                self.ending_card.finish()

    def _read_if_last_page(self) -> None:
        """A line counts as read once its last page is on screen."""
        if self.dialogue.on_last_page:
            self.app.mark_seen(self.dialogue.line.id)

    def pace(self) -> int:
        """Full rate while anything moves fast; else the scene's ambient motion, or none."""
        if self.transition.active or self.cast.active or (self.scene is not None and self.scene.effects_running):
            return ACTIVE
        need = max(self.dialogue.pace(), self.ending_card.pace(), self.modes.pace(), self.sound.pace())
        # a still picture needs no ambient frames; painted scenes always move a little
        moving = self.scene is not None and getattr(self.scene, "animated", True)
        if moving or self.waiting in (ARRIVING, PAUSED):
            need = max(need, AMBIENT)
        return need

    # -- frame ------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.play_time += dt
        if self.scene is not None:
            self.scene.update(dt)
        self.cast.update(dt)
        self.transition.update(dt)
        self.dialogue.update(dt)
        self.ending_card.update(dt)
        self.modes.update(dt)
        self.sound.update(dt)
        if self.waiting == ARRIVING:
            stage = self.runtime.state.stage
            if stage["background"] is None or self.app.scenes.ready((stage["background"], stage["variant"])):
                self._arrived()
            return
        if self.modes.skipping and not self.ui_hidden:
            skip_step(self)
        if self.waiting == TRANSITION and not self.transition.active:
            self._advance()
        elif self.waiting == PAUSED:
            self.pause_left -= dt
            if self.pause_left <= 0.0:
                self._advance()
        elif self.waiting == READING and not self.ui_hidden:
            box = self.dialogue
            if box.no_wait and box.complete and box.on_last_page and not self.rollback.rolled_back:
                self.proceed()      # [nw]: the line moves on once typed
            elif self.modes.auto_due(dt, (box.complete or box.held_for_click) and box.fully_visible
                                     and not self.app.speech.speaking(),
                                     auto_wait(self.settings.auto_delay, box.page_characters)):
                self.proceed()

    def draw(self, surface: pygame.Surface) -> None:
        if self.waiting == ARRIVING and self._opening is not None:
            surface.blit(self._opening, (0, 0))     # the menu stays until the loaded scene is painted
            return
        self.transition.draw(surface, self.draw_scene)
        self.sound.draw(surface)
        if not self.ui_hidden:
            self.choices.draw(surface)
            self.dialogue.draw(surface)
        self.ending_card.draw(surface)
        if not self.ui_hidden:
            self.modes.draw(surface)

    def draw_scene(self, surface: pygame.Surface) -> None:
        if self.scene is None:
            # a story without backgrounds plays on the engine's plain backdrop
            surface.blit(plain_backdrop(*self._plain_colours), (0, 0))
            self.cast.sprites.draw(surface)
        else:
            self.scene.draw(surface)
