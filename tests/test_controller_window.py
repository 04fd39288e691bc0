"""A game controller in the window, by synthetic controller events posted at the queue: Ren'Py's
layout, repeat while held, the stick's dead zone, plugging in and out; and the play keys of
the key map doing what the help says."""
from __future__ import annotations

import pygame

from accessstory import LONG, app, pad_button, player, reach, stick, story  # noqa: F401  (fixtures)
from vn.ui.input import keymap
from vn.ui.screens import game as g
from vn.ui.screens.game_menu import GameMenuScreen
from vn.ui.screens.settings import SPEED


def test_a_controller_plays_the_story_in_renpys_layout(player, app):
    game = player.start_game()
    reach(player, game, "One.")
    pad_button(player, pygame.CONTROLLER_BUTTON_A)            # A: finish typing, then the next line
    pad_button(player, pygame.CONTROLLER_BUTTON_A)
    player.frames(2)
    assert game.dialogue.line.text == LONG
    pad_button(player, pygame.CONTROLLER_BUTTON_LEFTSHOULDER)     # rolls back
    assert game.dialogue.line.text == "One."
    pad_button(player, pygame.CONTROLLER_BUTTON_RIGHTSHOULDER)    # and forward
    assert game.dialogue.line.text == LONG
    pad_button(player, pygame.CONTROLLER_BUTTON_Y)            # hides the interface
    assert game.ui_hidden
    pad_button(player, pygame.CONTROLLER_BUTTON_A)            # any button brings it back
    assert not game.ui_hidden and game.dialogue.line.text == LONG
    pad_button(player, pygame.CONTROLLER_BUTTON_START)        # the menu
    menu = app.top
    assert isinstance(menu, GameMenuScreen)
    pad_button(player, pygame.CONTROLLER_BUTTON_DPAD_DOWN)
    pad_button(player, pygame.CONTROLLER_BUTTON_DPAD_DOWN)
    assert menu.menu.focus == 1
    stick(player, pygame.CONTROLLER_AXIS_LEFTY, 32000)        # the left stick moves the focus too
    stick(player, pygame.CONTROLLER_AXIS_LEFTY, 0)
    assert menu.menu.focus == 2
    pad_button(player, pygame.CONTROLLER_BUTTON_B)            # B goes back
    assert app.top is game


def test_a_held_direction_repeats_after_a_delay(player, app):
    player.click(app.top.menu.button("settings"))
    screen = app.top
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, instance_id=0,
                                         button=pygame.CONTROLLER_BUTTON_DPAD_DOWN))
    player.frames(12)                                         # 0.2 s: under the repeat delay
    assert screen.focus == SPEED
    player.frames(36)                                         # 0.6 s more: repeating every 0.1 s
    assert screen.focus >= SPEED + 4
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERBUTTONUP, instance_id=0,
                                         button=pygame.CONTROLLER_BUTTON_DPAD_DOWN))
    player.frames(1)
    held_at = screen.focus
    player.frames(30)
    assert screen.focus == held_at                            # let go: no more
    for _ in range(held_at - SPEED):
        pad_button(player, pygame.CONTROLLER_BUTTON_DPAD_UP)
    assert screen.focus == SPEED
    speed = app.settings.text_speed
    stick(player, pygame.CONTROLLER_AXIS_LEFTX, 30000)        # a stick pushed right moves the slider, repeating
    stick(player, pygame.CONTROLLER_AXIS_LEFTX, 31000, frames=40)
    stick(player, pygame.CONTROLLER_AXIS_LEFTX, 12000)        # easing off a little still holds it
    assert app.settings.text_speed >= speed + 3 * 5
    stick(player, pygame.CONTROLLER_AXIS_LEFTX, 4000)         # near the centre: let go
    after = app.settings.text_speed
    player.frames(30)
    assert app.settings.text_speed == after


def test_controllers_plugged_in_and_out_are_opened_and_closed(player, app, monkeypatch):
    class Pad:
        name = "Test Pad"
        closed = False

        def as_joystick(self):
            return type("Joystick", (), {"get_instance_id": lambda self: 7})()

        def quit(self):
            Pad.closed = True

    # after the first frame the joystick layer watches for devices; with none plugged in, SDL's
    # game controller layer stays closed until the first arrives
    assert pygame.joystick.get_init() and app.controllers._module is None
    pygame.event.post(pygame.event.Event(pygame.JOYDEVICEADDED, device_index=0))
    player.frames(1)
    assert app.controllers._module is not None
    module = type("Controllers", (), {"Controller": lambda self, index: Pad()})()
    monkeypatch.setattr(app.controllers, "_module", module)
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERDEVICEADDED, device_index=0))
    player.frames(1)
    assert 7 in app.controllers.pads
    assert "Controller connected: Test Pad" in app.toasts.texts
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=7))
    player.frames(1)
    assert app.controllers.pads == {} and Pad.closed
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=99))   # never opened
    player.frames(1)
    assert app.running


def test_the_play_keys_do_what_the_help_says(player, app):
    app.settings.skip_unseen = True
    game = player.start_game()
    reach(player, game, "One.")
    player.key(keymap.key_for("auto"))
    assert game.modes.auto
    player.key(keymap.key_for("auto"))
    assert not game.modes.auto
    player.key(keymap.key_for("skip"))
    player.frames(5)
    assert game.waiting == g.CHOOSING                         # skipped to the choice, and stopped there
    player.key(keymap.key_for("hide"))
    assert game.ui_hidden
    player.key(pygame.K_SPACE)
    player.key(keymap.key_for("roll_back"))
    assert game.waiting == g.READING and game.dialogue.line.text == "Three."
    player.key(keymap.key_for("history"))
    assert type(app.top).__name__ == "HistoryScreen"
