"""The player's keys and mouse in play, mapped to what the game screen does with them.
Which key means what is the key map's (input/keymap.py, which the help screen prints and
the controller speaks through); docs/keys.md is the same table, for players.

While the interface is hidden, any key or click only brings it back. At a choice the
options take the number keys, the arrows, Tab and Enter; everywhere else a click, Space
or Enter moves the story on.
"""
from __future__ import annotations

import pygame

from ..input import keymap
from . import saving

PROCEED_KEYS = tuple(key for key, _ in keymap.BY_ACTION["advance"].keys)
CTRL_KEYS = tuple(key for key, _ in keymap.BY_ACTION["skip_hold"].keys)


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
        if event.type == pygame.KEYDOWN and self._key(keymap.action_for(event.key, event.mod, keymap.PLAY)):
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

    def _key(self, action: str | None) -> bool:
        game = self.game
        if action == "menu":
            game.app.nav.push("game_menu", game)
        elif action == "skip_hold":
            game.modes.skip_held = True
        elif action == "skip" and not game.choices.showing:    # at a choice, Tab moves between options
            game.modes.toggle_skip()
        elif action == "auto":
            game.modes.toggle_auto()
        elif action == "hide":
            game.set_ui_hidden(True)
        elif action == "history":
            game.open_history()
        elif action == "quicksave":
            saving.quicksave(game)
        elif action == "quickload":
            saving.quickload(game.app)
        elif action == "roll_back":
            game.roll_back()
        elif action == "roll_forward":
            game.roll_forward()
        else:
            return False
        return True
