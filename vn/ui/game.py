"""The in-game screen: the painted scene, the dialogue box, choices, transitions
and the ending card, driven only by the runtime's events and the player's answers.

The screen pulls events from the runtime until one needs the player or time
(a line to read, a choice, a transition, a pause, an ending) and then waits in
that state; a click, Space or Enter, a picked option or the passing of time
ends the wait and the pulling goes on.
"""
from __future__ import annotations

import pygame

from ..runtime import events as ev
from ..runtime.runtime import Runtime, StoryError
from .choice_menu import ChoiceMenu
from .dialogue_box import DialogueBox
from .display import LOGICAL_SIZE
from .ending_card import EndingCard
from .scene_loader import next_scene
from .screen import Screen
from .transitions import Transition

PROCEED_KEYS = (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER)

# what the screen is waiting for
READING, CHOOSING, TRANSITION, PAUSED, ENDING = "reading", "choosing", "transition", "paused", "ending"


class GameScreen(Screen):
    def __init__(self, app, runtime: Runtime | None = None):
        super().__init__(app)
        self.runtime = runtime or Runtime(app.program)
        self.scene = None
        self.scene_key: tuple[str, str | None] | None = None
        self.transition = Transition()
        self.dialogue = DialogueBox(self.theme, self.settings)
        self.choices = ChoiceMenu(self.ui, self.theme)
        self.ending_card = EndingCard(self.theme)
        self.waiting: str | None = None
        self.pause_left = 0.0
        self.ending: ev.EndingReached | None = None     # the ending reached, once it is
        self._still = pygame.Surface(LOGICAL_SIZE).convert()
        self._opening: pygame.Surface | None = None

    # -- life on the stack ----------------------------------------------------------
    def enter(self) -> None:
        # the first scene comes in from whatever was on screen before the story began
        self._opening = self.app.display.canvas.copy()
        self._advance()

    def leave(self) -> None:
        self.choices.hide()
        super().leave()

    def cover(self) -> None:
        self.choices.set_visible(False)
        super().cover()

    def uncover(self) -> None:
        self.choices.set_visible(True)
        super().uncover()

    # -- following the story ----------------------------------------------------------
    def _advance(self) -> None:
        """Pull events until one of them makes the screen wait."""
        try:
            while self.app.top is self:
                if self._present(self.runtime.advance()):
                    return
        except StoryError as error:
            self.app.show_story_error(error)

    def _choose(self, index: int) -> None:
        self.choices.hide()
        try:
            self.runtime.choose(index)
        except StoryError as error:
            self.app.show_story_error(error)
            return
        self._prepare_upcoming()
        self._advance()

    def _present(self, event: ev.Event) -> bool:
        """Show one runtime event; True when the screen must now wait."""
        if isinstance(event, ev.Line):
            self.dialogue.show_marker = True
            self.dialogue.show_line(event)
            self.waiting = READING
            return True
        if isinstance(event, ev.Choices):
            self.choices.show(event.options)
            self.dialogue.complete_now()
            self.dialogue.show_marker = False
            self.waiting = CHOOSING
            return True
        if isinstance(event, ev.SceneChange):
            return self._change_scene(event)
        if isinstance(event, ev.Show):
            if self.scene is not None:
                self.scene.show_figure(event.character, event.shown, at=event.at)
            return False
        if isinstance(event, ev.Hide):
            if self.scene is not None:
                self.scene.hide_figure(event.character)
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
            self.dialogue.hide()
            self.ending_card.show(event.title)
            self.waiting = ENDING
            return True
        if isinstance(event, ev.End):
            if self.ending_card.showing:
                self.app.show_title()
            else:
                # a route that stops without an ending still closes with a card
                self.dialogue.hide()
                self.ending_card.show("The story stops here", kicker="The end")
                self.waiting = ENDING
            return True
        raise TypeError(f"unknown runtime event {event!r}")

    def _change_scene(self, event: ev.SceneChange) -> bool:
        outgoing = self._picture_now()
        key = (event.background, event.variant)
        try:
            self.scene = self.app.scenes.take(key)
        except (KeyError, ValueError):
            # the game declares a background this engine has no painting for: point at the declaration
            declared = self.runtime.program.manifest.backgrounds.get(event.background)
            self.app.show_story_error(StoryError(
                declared.pos if declared else None,
                f"there is no painted scene for background '{event.background}'"
                + (f" with variant '{event.variant}'" if event.variant else "")))
            return True
        self.scene_key = key
        self._prepare_upcoming()
        self.dialogue.hide()
        self.transition.start(event.transition, event.duration, outgoing, self.settings.reduced_flashes)
        if self.transition.active:
            self.waiting = TRANSITION
            return True
        return False

    def _prepare_upcoming(self) -> None:
        """Have the scene the story shows next painted while the player reads."""
        coming = next_scene(self.runtime)
        self.app.scenes.keep_only({coming} if coming else set())
        if coming is not None:
            self.app.scenes.prepare(coming)

    def _trigger(self, event: ev.Effect) -> None:
        reduced = self.settings.reduced_flashes
        if event.duration is not None:
            self.scene.trigger(event.name, reduced=reduced, duration=event.duration)
        else:
            self.scene.trigger(event.name, reduced=reduced)

    def _picture_now(self) -> pygame.Surface | None:
        """A still of the scene as it is, for a transition to leave from."""
        if self.scene is None:
            return self._opening
        self._draw_scene(self._still)
        return self._still

    # -- input ------------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            from .game_menu import GameMenuScreen
            self.app.push(GameMenuScreen(self.app))
            return True
        if self.waiting == CHOOSING:
            picked = self.choices.process_event(event)
            if picked is not None:
                self._choose(picked)
                return True
            return False
        proceed = (event.type == pygame.MOUSEBUTTONDOWN and event.button == pygame.BUTTON_LEFT) or \
                  (event.type == pygame.KEYDOWN and event.key in PROCEED_KEYS)
        if proceed:
            self.proceed()
        return proceed

    def proceed(self) -> None:
        """What a click does: finish what is in progress, or move the story on."""
        if self.waiting == TRANSITION:
            self.transition.finish()
            self._advance()
        elif self.waiting == PAUSED:
            self.pause_left = 0.0
            self._advance()
        elif self.waiting == READING:
            if self.dialogue.complete:
                self._advance()
            else:
                self.dialogue.complete_now()
        elif self.waiting == ENDING:
            if self.ending_card.complete:
                self._advance()
            else:
                self.ending_card.finish()

    # -- frame ------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        if self.scene is not None:
            self.scene.update(dt)
        self.transition.update(dt)
        self.dialogue.update(dt)
        self.ending_card.update(dt)
        if self.waiting == TRANSITION and not self.transition.active:
            self._advance()
        elif self.waiting == PAUSED:
            self.pause_left -= dt
            if self.pause_left <= 0.0:
                self._advance()

    def draw(self, surface: pygame.Surface) -> None:
        self.transition.draw(surface, self._draw_scene)
        self.choices.draw(surface)
        self.dialogue.draw(surface)
        self.ending_card.draw(surface)

    def _draw_scene(self, surface: pygame.Surface) -> None:
        if self.scene is None:
            surface.fill((0, 0, 0))
        else:
            self.scene.draw(surface)
