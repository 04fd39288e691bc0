"""Self-voicing and the help screen in the window, driven by posted events through the real
loop: what is read aloud (lines, choices, menus, settings, captions), when it stops, the
music ducking under it, the setting without speech, and F1's help printed from the key map."""
from __future__ import annotations

import json

import pygame
import pytest

from accessstory import LONG, app, heard, mouse_away, player, reach, story  # noqa: F401  (fixtures)
from vn.ui.audio.engine import DUCK
from vn.ui.input import keymap
from vn.ui.screens import game as g
from vn.ui.screens.game_menu import GameMenuScreen
from vn.ui.screens.help import HelpScreen
from vn.ui.screens.settings import SELF_VOICING, SKIP_AFTER_CHOICES, SPEED, SettingsScreen
from vn.ui.speech import SpeechChoice
from uiplayer import SCENE_SPOT


def test_shift_v_turns_self_voicing_on_and_lines_are_read_name_first(player, app):
    game = player.start_game()
    reach(player, game, "One.")
    assert heard(app) == []                                   # off by default
    player.key(pygame.K_v, pygame.KMOD_LSHIFT)
    assert app.settings.self_voicing
    assert heard(app)[-1] == "Self-voicing on. Ann: One."
    player.click_at(SCENE_SPOT)
    player.frames(2)
    assert app.speech.speaker.stops >= 1                      # moving on stops what was being read
    assert heard(app)[-1] == f"the gun clicks empty. Ann: {LONG}"   # the caption, then the line
    player.click_at(SCENE_SPOT)                               # finishes the typing: not a move on
    player.click_at(SCENE_SPOT)
    player.frames(2)
    assert heard(app)[-1] == "Three."                         # narration: the text alone
    player.key(pygame.K_v, pygame.KMOD_LSHIFT)
    assert not app.settings.self_voicing and not app.speech.speaker.speaking()
    count = len(heard(app))
    player.click_at(SCENE_SPOT)
    player.frames(3)
    assert len(heard(app)) == count


def test_choices_are_read_with_the_question_then_the_highlighted_option(player, app):
    app.settings.self_voicing = True
    game = player.start_game()
    player.play_until(game, lambda: game.waiting == g.CHOOSING)
    player.frames(2)
    assert heard(app)[-1] == "Ann: Which way?. Choose: 1: Left.; 2: Right."
    player.key(pygame.K_DOWN)
    player.frames(1)
    assert heard(app)[-1] == "Left., option 1 of 2"
    player.key(pygame.K_DOWN)
    player.frames(1)
    assert heard(app)[-1] == "Right., option 2 of 2"


def test_the_option_under_the_mouse_is_read_too(player, app):
    app.settings.self_voicing = True
    game = player.start_game()
    player.play_until(game, lambda: game.waiting == g.CHOOSING)
    player.frames(2)
    button = game.choices.column.buttons[1]
    pos = app.display.to_window(button.rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    player.frames(2)
    assert heard(app)[-1] == "Right., option 2 of 2"


def test_menus_say_their_title_and_the_focused_button_and_settings_the_slider_value(player, app):
    app.settings.self_voicing = True
    game = player.start_game()
    reach(player, game, "One.")
    mouse_away(player)
    player.key(pygame.K_ESCAPE)
    assert isinstance(app.top, GameMenuScreen)
    assert heard(app)[-1] == "Paused: Access Test"
    player.key(pygame.K_DOWN)
    assert heard(app)[-1] == "Resume, button"
    for _ in range(4):
        player.key(pygame.K_DOWN)
    assert heard(app)[-1] == "Settings, button"
    player.key(pygame.K_RETURN)
    assert isinstance(app.top, SettingsScreen)
    assert heard(app)[-1] == "Settings"
    player.key(pygame.K_DOWN)
    assert app.top.focus == SPEED
    assert heard(app)[-1] == "Text speed, 45 / s, slider"
    player.key(pygame.K_RIGHT)
    assert heard(app)[-1] == "Text speed, 50 / s, slider"
    player.key(pygame.K_ESCAPE)
    player.key(pygame.K_ESCAPE)
    assert app.top is game
    assert heard(app)[-1] == "Ann: One."                      # back in the story: the line again


def test_music_ducks_while_self_voicing_speaks(player, app):
    app.settings.self_voicing = True
    game = player.start_game()
    reach(player, game, "One.")
    player.frames(30)
    theme = "file:audio/theme.wav"
    assert app.speech.speaker.speaking()
    assert app.audio.backend.playing("music")[theme] == pytest.approx(DUCK)
    app.speech.speaker.finish()                               # the utterance ends
    player.frames(60)
    assert app.audio.backend.playing("music")[theme] == pytest.approx(1.0)


def test_without_speech_the_setting_is_unavailable_with_the_reason(player, app):
    app.speech.choice = SpeechChoice(None, "no speech program (speech-dispatcher or espeak-ng)")
    player.key(pygame.K_v, pygame.KMOD_LSHIFT)
    assert not app.settings.self_voicing
    assert "Self-voicing is unavailable: no speech program (speech-dispatcher or espeak-ng)." in app.toasts.texts
    player.click(app.top.menu.button("settings"))
    screen = app.top
    assert not screen.voicing_toggle.is_enabled
    hint = " ".join(screen.description_rows(SELF_VOICING))     # drawn under the row, wrapped, whole
    assert hint == "Unavailable: no speech program (speech-dispatcher or espeak-ng)."
    for _ in range(SELF_VOICING + 1):
        player.key(pygame.K_DOWN)
    player.key(pygame.K_RETURN)
    assert not app.settings.self_voicing


def test_the_new_settings_are_reached_by_keys_and_kept(player, app):
    player.click(app.top.menu.button("settings"))
    screen = app.top
    for _ in range(SKIP_AFTER_CHOICES + 1):
        player.key(pygame.K_DOWN)
    player.key(pygame.K_RETURN)
    player.click(screen.skip_transitions_toggle)
    while not screen.voicing_toggle.visible:        # the sound rows may be on a later page
        player.key(pygame.K_PAGEDOWN)
    player.click(screen.voicing_toggle)
    assert app.settings.self_voicing and heard(app)[-1].startswith("Self-voicing on")
    player.click(screen.back_button)
    stored = json.loads(app.persistent.path.read_text())["settings"]
    assert stored["skip_after_choices"] is stored["skip_transitions"] is stored["self_voicing"] is True


def test_f1_opens_the_help_anywhere_and_it_lists_the_key_map(player, app):
    player.key(pygame.K_F1)
    help_screen = app.top
    assert isinstance(help_screen, HelpScreen)
    said = [item.words for item in help_screen.items]
    for binding in keymap.BINDINGS:                           # every binding, with its keys and buttons
        row = next(words for words in said if words.startswith(binding.does))
        assert keymap.keys_text(binding) in row and keymap.pad_text(binding) in row
    player.key(pygame.K_F1)
    assert not isinstance(app.top, HelpScreen)
    game = player.start_game()
    reach(player, game, "One.")
    player.key(pygame.K_F1)
    assert isinstance(app.top, HelpScreen)
    player.key(pygame.K_ESCAPE)
    assert app.top is game and game.dialogue.line.text == "One."


def test_help_is_in_the_menus_and_its_rows_are_read_by_keys(player, app):
    player.click(app.top.menu.button("help"))
    help_screen = app.top
    assert isinstance(help_screen, HelpScreen)
    app.settings.self_voicing = True
    player.frames(1)
    assert heard(app)[-1].startswith("Help: keys, mouse and controller")
    for _ in range(2):
        player.key(pygame.K_DOWN)
    assert heard(app)[-1] == "Finish the line, then the next page or line, Keyboard: Enter, Space, keypad Enter, " \
                             "Mouse: Left click, Controller: A, right trigger"
    for _ in range(len(help_screen.items)):
        player.key(pygame.K_DOWN)
    assert help_screen.offset == help_screen.most_offset > 0      # the last row scrolled into view
    player.click(help_screen.back_button)
    game = player.start_game()
    reach(player, game, "One.")
    player.key(pygame.K_ESCAPE)
    player.click(app.top.menu.button("help"))
    assert isinstance(app.top, HelpScreen)
