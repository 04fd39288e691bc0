"""Player comforts in the window, driven by real posted events through the real loop:
history, rollback (and forking the route by choosing differently), skip, auto mode,
hiding the interface, and settings that are kept between sessions."""
from __future__ import annotations

import json

import pygame
import pytest

from uiplayer import SCENE_SPOT
from vn.save.resume import route_summary
from vn.ui.screens import game as g
from vn.ui.app import App
from vn.ui.screens.game_menu import GameMenuScreen
from vn.ui.screens.history import HistoryScreen
from vn.ui.screens.settings import AUTO, SIZE, SettingsScreen


def wheel(player, y: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False, precise_x=0.0,
                                         precise_y=float(y)))
    player.frames(1)


def reading(game):
    return lambda: game.waiting == g.READING and game.dialogue.complete


def next_line(player, game):
    player.click_at(SCENE_SPOT)
    player.play_until(game, reading(game))
    return game.dialogue.line


def hold(player, key) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    player.frames(1)


def release(player, key) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))
    player.frames(1)


# -- history ----------------------------------------------------------------------------------
def test_history_lists_the_lines_with_speakers_and_scrolls(player, app):
    game = player.start_game()
    player.play_until(game, lambda: reading(game)() and game.dialogue.line.speaker == "xander")
    shown = [game.dialogue.line]
    for _ in range(12):
        shown.append(next_line(player, game))
    player.key(pygame.K_l)
    history = app.top
    assert isinstance(history, HistoryScreen)
    assert history.lines[-len(shown):] == shown
    html = history.text_box.html_text
    assert "<b>XANDER</b>" in html
    assert shown[-1].text.split()[0] in html
    player.frames(2)
    assert history.scroll_bar is not None and history.scroll_position == pytest.approx(1.0, abs=1e-3)
    player.key(pygame.K_PAGEUP)
    after_page = history.scroll_position
    assert after_page < 1.0
    wheel(player, 2)
    assert history.scroll_position < after_page
    player.key(pygame.K_HOME)
    assert history.scroll_position == pytest.approx(0.0, abs=1e-3)
    player.key(pygame.K_DOWN)
    assert history.scroll_position > 0.0
    player.key(pygame.K_l)
    assert app.top is game

    player.key(pygame.K_ESCAPE)
    assert isinstance(app.top, GameMenuScreen)
    player.click(app.top.menu.button("history"))
    assert isinstance(app.top, HistoryScreen)
    player.key(pygame.K_ESCAPE)
    assert app.top is game


# -- rollback -----------------------------------------------------------------------------------
def test_rollback_steps_back_and_forward_through_lines(player, app):
    game = player.start_game()
    player.play_until(game, reading(game))
    lines = [game.dialogue.line] + [next_line(player, game) for _ in range(4)]
    wheel(player, 1)
    assert game.dialogue.line == lines[-2] and game.dialogue.complete
    player.key(pygame.K_PAGEUP)
    player.key(pygame.K_PAGEUP)
    assert game.dialogue.line == lines[-4]
    assert game.runtime.state.last_line["text"] == lines[-4].text
    wheel(player, -1)
    assert game.dialogue.line == lines[-3]
    player.key(pygame.K_PAGEDOWN)
    player.click_at(SCENE_SPOT)                           # a click steps forward too while rolled back
    assert game.dialogue.line == lines[-1] and not game.rollback.rolled_back
    wheel(player, -1)                                     # at the live end, forward does nothing
    assert game.dialogue.line == lines[-1]
    assert next_line(player, game) not in lines           # and a click plays on


def test_rollback_then_a_different_choice_forks_the_route(player, app):
    game = player.start_game()
    player.play_until(game, lambda: game.runtime.state.route and game.waiting == g.READING, route=["willy_shoot"])
    next_line(player, game)
    next_line(player, game)
    assert [r["option"] for r in game.runtime.state.route] == ["willy_shoot"]
    for _ in range(10):
        if game.waiting == g.CHOOSING:
            break
        wheel(player, 1)
    assert game.waiting == g.CHOOSING and game.runtime.state.route == []
    stage = game.runtime.state.stage
    assert game.scene_key == (stage["background"], stage["variant"])
    assert set(game.scene._figures) == set(stage["figures"])

    # forward at an answered choice takes the same answer again
    wheel(player, -1)
    assert [r["option"] for r in game.runtime.state.route] == ["willy_shoot"]
    wheel(player, 1)
    assert game.waiting == g.CHOOSING

    index = next(n for n, c in enumerate(game.choices.options) if c.id == "willy_haul")
    player.click(game.choices.column.buttons[index])
    assert [r["option"] for r in game.runtime.state.route] == ["willy_haul"]
    assert not game.rollback.rolled_back
    player.play_until(game, reading(game))
    player.key(pygame.K_F5)
    saved = app.saves.read("quick")["state"]
    assert [r["option"] for r in saved["route"]] == ["willy_haul"]
    assert app.saves.info("quick").summary == route_summary(game.runtime.state) == "hauled Willy out"


# -- skip ----------------------------------------------------------------------------------------
def test_skip_passes_seen_lines_and_stops_at_the_choice(player, app):
    game = player.start_game()
    player.play_until(game, reading(game))
    first = game.dialogue.line
    player.key(pygame.K_TAB)                              # nothing seen yet: skipping stops at once
    player.frames(10)
    assert game.dialogue.line == first and not game.modes.skipping

    player.play_until(game, lambda: game.waiting == g.CHOOSING)   # now every line up to the choice is seen
    app.show_title()
    player.frames(2)
    game = player.start_game()
    hold(player, pygame.K_LCTRL)
    assert game.modes.skipping
    for _ in range(200):
        if game.waiting == g.CHOOSING:
            break
        player.frames(1)
    assert game.waiting == g.CHOOSING                     # passed every line without a click
    player.frames(10)
    assert game.waiting == g.CHOOSING and game.runtime.state.route == []
    release(player, pygame.K_LCTRL)
    assert not game.modes.skipping


def test_skip_passes_unseen_lines_only_with_the_setting(player, app):
    app.settings.skip_unseen = True
    game = player.start_game()
    player.key(pygame.K_TAB)
    assert game.modes.skip_toggled
    for _ in range(200):
        if game.waiting == g.CHOOSING:
            break
        player.frames(1)
    assert game.waiting == g.CHOOSING
    assert not game.modes.skipping                        # a choice turns skipping off
    assert game.transition.flash_frames == 0


# -- auto mode and hiding the interface ---------------------------------------------------------
def test_auto_mode_moves_on_by_itself(player, app):
    app.settings.auto_delay = 0.5
    game = player.start_game()
    player.play_until(game, reading(game))
    first = game.dialogue.line
    player.key(pygame.K_a)
    assert game.modes.auto
    player.frames(20)
    assert game.dialogue.line == first                    # not before the delay
    player.frames(400)
    assert game.dialogue.line != first
    player.key(pygame.K_a)
    settled = game.dialogue.line
    player.frames(400)
    assert game.dialogue.line == settled


def test_h_and_right_click_hide_the_interface_until_any_input(player, app):
    game = player.start_game()
    player.play_until(game, reading(game))
    line = game.dialogue.line
    box = game.dialogue.rect.center
    with_box = tuple(app.display.canvas.get_at(box))
    player.key(pygame.K_h)
    player.frames(1)
    assert game.ui_hidden and tuple(app.display.canvas.get_at(box)) != with_box
    player.key(pygame.K_SPACE)                            # brings the box back; does not advance
    player.frames(1)
    assert not game.ui_hidden and game.dialogue.line == line
    pos = app.display.to_window(SCENE_SPOT)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=3))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=3))
    player.frames(1)
    assert game.ui_hidden
    player.click_at(SCENE_SPOT)
    assert not game.ui_hidden and game.dialogue.line == line


def test_the_dialogue_box_darkens_the_scene_evenly_into_its_corners(player, app):
    """Over a plain scene, a pixel inside a rounded corner of the box is the colour of the
    box beside it on the same row: the shade under the box is replaced, not added to."""
    game = player.start_game()
    player.play_until(game, reading(game))
    box = game.dialogue.rect
    plain = pygame.Surface(app.display.canvas.get_size())
    plain.fill((200, 180, 150))
    game.dialogue.draw(plain)
    row = box.bottom - 3
    corner, beside = plain.get_at((box.x + 9, row)), plain.get_at((box.centerx, row))
    assert max(abs(a - b) for a, b in zip(corner[:3], beside[:3])) <= 2


# -- settings that are kept --------------------------------------------------------------------
def test_new_settings_are_saved_on_close_and_loaded_at_start(player, app):
    player.click(app.top.menu.button("settings"))
    screen = app.top
    assert isinstance(screen, SettingsScreen)
    for _ in range(AUTO + 1):
        player.key(pygame.K_DOWN)
    player.key(pygame.K_RIGHT)                            # auto delay +0.1 s
    player.key(pygame.K_DOWN)
    assert screen.focus == SIZE
    player.key(pygame.K_RIGHT)                            # text size +5 %
    player.click(screen.skip_unseen_toggle)
    player.click(screen.back_button)
    stored = json.loads(app.persistent.path.read_text())["settings"]
    assert stored["auto_delay"] == pytest.approx(1.6)
    assert stored["text_size"] == pytest.approx(1.05)
    assert stored["skip_unseen"] is True

    again = App(app.scripts_dir, paint_in_background=False)
    try:
        assert again.load()
        assert again.settings.auto_delay == pytest.approx(1.6) and again.settings.skip_unseen
        assert again.persistent.settings is again.settings
    finally:
        again.close()
