"""Saving and loading in the window, driven by real posted events through the real loop:
quicksave and quickload, the save/load screen (save, overwrite, delete, load, refused
saves), Continue on the title, autosaves, and the endings that outlive a playthrough."""
from __future__ import annotations

import pygame
import pytest

from uiplayer import SCENE_SPOT
from vn.runtime.routes import explore_routes
from vn.save.resume import route_summary
from vn.script.program import load_program
from vn.ui.screens import game as g
from vn.ui.app import App
from vn.ui.screens.confirm import ConfirmScreen
from vn.ui.screens.endings import EndingsScreen
from vn.ui.screens.game import GameScreen
from vn.ui.screens.game_menu import GameMenuScreen
from vn.ui.screens.save_load import LOAD, SAVE, SaveLoadScreen
from vn.ui.screens.title import TitleScreen


@pytest.fixture(scope="module")
def examples(scripts_dir):
    return explore_routes(load_program(scripts_dir)).examples


def reading(game):
    return lambda: game.waiting == g.READING and game.dialogue.complete


def after_first_choice(game):
    """Reading a line once the first choice ("shot Willy") is behind."""
    return lambda: bool(game.runtime.state.route) and game.waiting == g.READING


def play_lines(player, game, count: int) -> None:
    for _ in range(count):
        player.play_until(game, reading(game))
        player.click_at(SCENE_SPOT)
    player.play_until(game, reading(game))


def open_save_screen(player, app, game, button: str = "save") -> SaveLoadScreen:
    player.key(pygame.K_ESCAPE)
    assert isinstance(app.top, GameMenuScreen)
    player.click(app.top.menu.button(button))
    screen = app.top
    assert isinstance(screen, SaveLoadScreen)
    return screen


# -- quicksave and quickload ------------------------------------------------------------------
def test_f5_then_f9_round_trip_with_toasts(player, app):
    game = player.start_game()
    player.play_until(game, after_first_choice(game), route=["willy_shoot"])
    player.play_until(game, reading(game))
    shown = game.dialogue.line
    state_on_screen = game.runtime.state.to_dict()
    before_line = game.rollback.current.before.to_dict()

    player.key(pygame.K_F5)
    assert "Quicksaved" in app.toasts.texts
    doc = app.saves.read("quick")
    assert doc["state"] == before_line                  # the state from before the line's advance
    assert doc["last_line"] == shown.text
    assert doc["summary"] == "shot Willy"

    play_lines(player, game, 4)
    assert game.dialogue.line != shown
    player.frames(200)                                  # the first toast fades away
    assert "Quicksaved" not in app.toasts.texts

    player.key(pygame.K_F9)
    loaded = app.top
    assert isinstance(loaded, GameScreen) and loaded is not game
    assert "Quickloaded" in app.toasts.texts
    player.play_until(loaded, lambda: loaded.waiting == g.READING)
    assert loaded.dialogue.line == shown                # the same line again
    assert loaded.runtime.state.to_dict() == state_on_screen
    assert loaded.scene_key == game.scene_key


def test_f9_without_a_quicksave_or_with_a_damaged_one_changes_nothing(player, app):
    game = player.start_game()
    play_lines(player, game, 2)
    line = game.dialogue.line
    player.key(pygame.K_F9)
    assert app.top is game and any("no quicksave" in t for t in app.toasts.texts)
    app.saves.path("quick").write_text("{ not json", encoding="utf-8")
    player.key(pygame.K_F9)
    assert app.top is game and game.dialogue.line == line
    assert any("Quicksave is damaged" in t for t in app.toasts.texts)


# -- the save/load screen -----------------------------------------------------------------------
def test_save_by_click_shows_the_card_then_overwrite_and_delete_ask_first(player, app):
    game = player.start_game()
    player.play_until(game, after_first_choice(game), route=["willy_leave"])
    screen = open_save_screen(player, app, game)
    assert screen.mode == SAVE and screen.page == 1
    assert screen.cards[0].empty
    player.click(screen.card_buttons[0])
    card = screen.cards[0]
    assert not card.empty and card.info.ok
    assert card.info.summary == route_summary(game.runtime.state) == "left Willy bleeding"
    assert card.info.scene == "Willy's Bar"
    assert card.thumbnail is not None and card.thumbnail.get_size() == (320, 180)
    assert "Saved to Slot 1" in app.toasts.texts
    first = app.saves.path("1").read_bytes()
    first_file = app.saves.path("1").stat().st_ino      # a write is a new file renamed over the old

    # overwriting asks; "Cancel" keeps the save as it was
    player.click(screen.card_buttons[0])
    assert isinstance(app.top, ConfirmScreen)
    player.click(app.top.buttons.button("no"))
    assert app.top is screen and app.saves.path("1").read_bytes() == first
    assert app.saves.path("1").stat().st_ino == first_file
    player.click(screen.card_buttons[0])
    player.click(app.top.buttons.button("yes"))
    assert app.top is screen and app.saves.path("1").stat().st_ino != first_file

    # deleting asks too
    player.click(screen.delete_buttons["1"])
    assert isinstance(app.top, ConfirmScreen)
    player.key(pygame.K_ESCAPE)
    assert app.saves.path("1").exists()
    player.click(screen.delete_buttons["1"])
    player.click(app.top.buttons.button("yes"))
    assert not app.saves.path("1").exists() and screen.cards[0].empty


def test_load_from_the_title_and_continue_loads_the_newest(player, app):
    game = player.start_game()
    play_lines(player, game, 3)
    first_line = game.dialogue.line
    screen = open_save_screen(player, app, game)
    player.click(screen.card_buttons[2])                 # slot 3
    player.key(pygame.K_ESCAPE)                          # back to the menu
    player.key(pygame.K_ESCAPE)                          # back to the game
    play_lines(player, game, 3)
    newest_line = game.dialogue.line
    screen = open_save_screen(player, app, game)
    player.click(screen.card_buttons[4])                 # slot 5, saved later
    app.saves.path("5").touch()
    player.key(pygame.K_ESCAPE)
    player.click(app.top.menu.button("title"))
    player.frames(2)

    title = app.top
    assert isinstance(title, TitleScreen)
    assert title.menu.button("continue").is_enabled and title.menu.button("load").is_enabled
    player.click(title.menu.button("continue"))
    loaded = app.top
    assert isinstance(loaded, GameScreen)
    player.play_until(loaded, lambda: loaded.waiting == g.READING)
    assert loaded.dialogue.line == newest_line

    app.show_title()
    player.frames(2)
    player.click(app.top.menu.button("load"))
    screen = app.top
    assert isinstance(screen, SaveLoadScreen) and screen.mode == LOAD and screen.page == 1
    assert not screen.card_buttons[1].is_enabled         # an empty slot cannot be loaded
    player.click(screen.card_buttons[2])
    loaded = app.top
    assert isinstance(loaded, GameScreen)
    player.play_until(loaded, lambda: loaded.waiting == g.READING)
    assert loaded.dialogue.line == first_line


def test_a_damaged_save_shows_as_refused_and_the_others_still_load(player, app):
    game = player.start_game()
    play_lines(player, game, 2)
    line = game.dialogue.line
    screen = open_save_screen(player, app, game)
    player.click(screen.card_buttons[0])
    player.click(screen.card_buttons[1])
    app.saves.path("2").write_bytes(b"\x00\x01 this is no save")
    app.show_title()
    player.frames(2)
    player.click(app.top.menu.button("load"))
    screen = app.top
    good, bad = screen.cards[0], screen.cards[1]
    assert good.info.ok and bad.refused
    assert "damaged" in bad.info.reason
    player.click(screen.card_buttons[1])
    assert app.top is screen
    assert any("Slot 2 is damaged" in t for t in app.toasts.texts)
    player.click(screen.card_buttons[0])
    loaded = app.top
    assert isinstance(loaded, GameScreen)
    player.play_until(loaded, lambda: loaded.waiting == g.READING)
    assert loaded.dialogue.line == line


def test_autosaves_at_scene_changes_and_before_choices(player, app):
    game = player.start_game()
    assert app.saves.path("auto-1").exists()             # the opening scene change
    player.play_until(game, lambda: game.waiting == g.CHOOSING)
    at_choice = app.saves.read("auto-2")
    assert at_choice["state"]["status"] == "choosing"
    assert at_choice["last_line"] == game.dialogue.line.text
    offered = [c.id for c in game.choices.options]
    screen = open_save_screen(player, app, game, "load")
    player.click(screen.page_tabs[0])
    assert [c.slot for c in screen.cards] == ["quick", "auto-1", "auto-2", "auto-3"]
    assert screen.cards[1].info.ok and screen.cards[2].info.ok and screen.cards[3].empty
    player.click(screen.card_buttons[2])
    loaded = app.top
    assert isinstance(loaded, GameScreen)
    player.play_until(loaded, lambda: loaded.waiting == g.CHOOSING)
    assert [c.id for c in loaded.choices.options] == offered


# -- endings that outlive the playthrough -------------------------------------------------------
def test_the_endings_screen_shows_a_reached_ending_and_the_title_counts_it(player, app, examples):
    title = app.top
    assert title.endings_caption == "Endings 0/3"
    player.click(title.menu.button("endings"))
    assert isinstance(app.top, EndingsScreen) and app.top.titles == ["???"] * 3
    player.key(pygame.K_ESCAPE)

    game = player.start_game()
    player.key(pygame.K_TAB)                             # nothing seen yet: skip stops at once
    player.play_until(game, lambda: game.waiting == g.ENDING, route=examples["dawns_birthday"])
    assert app.persistent.endings == ["dawns_birthday"]
    player.click_at(SCENE_SPOT)
    player.click_at(SCENE_SPOT)
    player.frames(2)
    title = app.top
    assert isinstance(title, TitleScreen)
    assert title.endings_caption == "Endings 1/3"
    player.click(title.menu.button("endings"))
    screen = app.top
    assert isinstance(screen, EndingsScreen)
    assert screen.titles == ["???", "Dawn's Birthday", "???"]

    reopened = App(app.scripts_dir, paint_in_background=False)     # and it is still there next time
    try:
        assert reopened.load()
        assert reopened.persistent.endings == ["dawns_birthday"]
    finally:
        reopened.close()
