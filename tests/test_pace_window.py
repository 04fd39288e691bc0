"""Pace in the window: auto-forward waiting by the line's length (and for self-voicing), and
the skip settings: keep skipping after choices, skip transitions."""
from __future__ import annotations

import pygame
import pytest

from accessstory import LONG, app, player, reach, story  # noqa: F401  (fixtures)
from uiplayer import SCENE_SPOT
from vn.ui.play.skip_auto import auto_wait
from vn.ui.screens import game as g


def test_auto_forward_waits_longer_for_a_longer_line():
    assert auto_wait(1.5, 0) == pytest.approx(1.5)
    assert auto_wait(1.5, 100) == pytest.approx(7.5)          # Ren'Py's defaults
    assert auto_wait(3.0, 100) == pytest.approx(2 * auto_wait(1.5, 100))


def frames_until_the_line_changes(player, game, limit=2000) -> int:
    line = game.dialogue.line
    for n in range(limit):
        player.frames(1)
        if game.dialogue.line is not line:
            return n
    raise AssertionError("auto-forward never moved on")


def test_auto_mode_waits_by_length_and_for_self_voicing(player, app):
    app.settings.auto_delay = 0.5
    game = player.start_game()
    reach(player, game, "One.")
    player.key(pygame.K_a)
    short = frames_until_the_line_changes(player, game)
    long = frames_until_the_line_changes(player, game)
    typing = len(LONG) / app.settings.text_speed * 60
    assert short < 60 < long - typing
    assert long - typing == pytest.approx(auto_wait(0.5, len(LONG)) * 60, abs=30)
    app.settings.self_voicing = True
    player.frames(round(auto_wait(0.5, 10) * 60) + 30)         # "Three." is still being read aloud
    assert game.dialogue.line.text == "Three."
    app.speech.speaker.finish()
    player.frames(round(auto_wait(0.5, 10) * 60) + 10)
    assert game.dialogue.line.text != "Three."


def test_skipping_stops_at_a_choice_and_goes_on_after_it_with_the_setting(player, app):
    app.settings.skip_unseen = True
    game = player.start_game()
    reach(player, game, "One.")
    player.key(pygame.K_TAB)
    player.play_until(game, lambda: game.waiting == g.CHOOSING)
    assert not game.modes.skipping
    player.key(pygame.K_1)
    player.frames(3)
    assert not game.modes.skipping                            # the setting off: skipping has stopped


def test_keep_skipping_after_choices(player, app):
    app.settings.skip_unseen = app.settings.skip_after_choices = True
    game = player.start_game()
    reach(player, game, "One.")
    player.key(pygame.K_TAB)
    player.play_until(game, lambda: game.waiting == g.CHOOSING)
    assert not game.modes.skipping                            # the choice is the player's
    player.key(pygame.K_1)
    assert game.modes.skipping
    player.frames(10)
    assert game.waiting == g.ENDING


def test_skip_transitions_cuts_scene_transitions(player, app):
    game = player.start_game()
    reach(player, game, "After.")
    player.click_at(SCENE_SPOT)
    assert game.waiting == g.TRANSITION                       # the two-second dissolve
    player.key(pygame.K_PAGEUP)
    assert game.dialogue.line.text == "After."
    app.settings.skip_transitions = True
    player.click_at(SCENE_SPOT)
    assert game.waiting == g.READING and game.dialogue.line.text == "Last."
    assert game.scene_key == ("street", None)
