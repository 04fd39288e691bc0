"""A player made of posted pygame events, for the UI tests."""
from __future__ import annotations

import pygame

from vn.ui.screens import game as g
from vn.ui.app import App
from vn.ui.screens.content_note import ContentNoteScreen
from vn.ui.screens.game import GameScreen
from vn.ui.screens.title import TitleScreen

DT = 1 / 60
SCENE_SPOT = (640, 300)      # a point on the painted scene, away from every button


# -- a player made of posted events ------------------------------------------------------
class Player:
    def __init__(self, app: App):
        self.app = app

    def frames(self, count: int = 1) -> None:
        self.app.run_frames(count, DT)

    def click_at(self, logical_pos) -> None:
        pos = self.app.display.to_window(logical_pos)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.frames(1)

    def click(self, button) -> None:
        """Click a pygame_gui button at its centre; its press event is handled on the next frame."""
        self.click_at(button.rect.center)
        self.frames(1)

    def key(self, key, mod=0) -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
        self.frames(1)

    def start_game(self) -> GameScreen:
        title = self.app.top
        assert isinstance(title, TitleScreen)
        self.click(title.menu.button("new"))
        note = self.app.top
        if self.app.program.manifest.content_note:
            assert isinstance(note, ContentNoteScreen)
            self.click(note.buttons.button("continue"))
        assert isinstance(self.app.top, GameScreen)
        return self.app.top

    def play_until(self, game: GameScreen, done, route: list[str] | None = None, frames_per_beat: int = 1,
                   each_frame=None, limit: int = 5000) -> None:
        """Click through the story, picking `route`'s options by clicking their buttons, until `done()`."""
        route = list(route or [])
        for _ in range(limit):
            if done():
                return
            if self.app.top is not game:
                return
            if game.waiting == g.CHOOSING:
                wanted = route.pop(0)
                index = next(n for n, c in enumerate(game.choices.options) if c.id == wanted)
                self.click(game.choices.column.buttons[index])
            else:
                self.click_at(SCENE_SPOT)
            for _ in range(frames_per_beat):
                if each_frame is not None:
                    each_frame()
                self.frames(1)
        raise AssertionError("the story did not get there")
