"""The player's keys and mouse in play, mapped to what the game screen does with them
(docs/keys.md is the same table, for players).

While the interface is hidden, any key or click only brings it back. At a choice the
options take the number keys, the arrows, Tab and Enter; everywhere else a click, Space
or Enter moves the story on.
"""
from __future__ import annotations

import pygame

from . import saving

PROCEED_KEYS = (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER)
CTRL_KEYS = (pygame.K_LCTRL, pygame.K_RCTRL)


class PlayControls:
    def __init__(self, game: "GameScreen"):
        self.game = game

    def process_event(self, event: pygame.event.Event) -> bool:
        game = self.game
        if game.ui_hidden:
            if event.type == pygame.KEYDOWN or (event.type == pygame.MOUSEBUTTONDOWN and event.button <= 3):
                game.set_ui_hidden(False)      # any key or click brings the interface back, and only that
                return True
            return False
        if event.type == pygame.KEYUP:
            if event.key in CTRL_KEYS:
                game.modes.skip_held = False
            return False
        if event.type == pygame.KEYDOWN and self._key(event.key):
            return True
        if event.type == pygame.MOUSEWHEEL and event.y:
            game.roll_back() if event.y > 0 else game.roll_forward()
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == pygame.BUTTON_RIGHT:
            game.set_ui_hidden(True)
            return True
        if game.choices.showing:
            picked = game.choices.process_event(event)
            if picked is not None:
                game.choose(picked)
                return True
            return False
        proceed = (event.type == pygame.MOUSEBUTTONDOWN and event.button == pygame.BUTTON_LEFT) or \
                  (event.type == pygame.KEYDOWN and event.key in PROCEED_KEYS)
        if proceed:
            game.proceed()
        return proceed

    def _key(self, key: int) -> bool:
        game = self.game
        if key == pygame.K_ESCAPE:
            game.app.nav.push("game_menu", game)
        elif key in CTRL_KEYS:
            game.modes.skip_held = True
        elif key == pygame.K_TAB and not game.choices.showing:    # at a choice, Tab moves between options
            game.modes.toggle_skip()
        elif key == pygame.K_a:
            game.modes.toggle_auto()
        elif key == pygame.K_h:
            game.set_ui_hidden(True)
        elif key == pygame.K_l:
            game.open_history()
        elif key == pygame.K_F5:
            saving.quicksave(game)
        elif key == pygame.K_F9:
            saving.quickload(game.app)
        elif key == pygame.K_PAGEUP:
            game.roll_back()
        elif key == pygame.K_PAGEDOWN:
            game.roll_forward()
        else:
            return False
        return True
