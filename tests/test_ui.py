"""The game window, driven headless through real pygame events and the real frame loop.

Every interaction here is a posted MOUSEBUTTONDOWN/UP at a button's window
position or a KEYDOWN/UP, followed by `app.step()`: the same path a player's
input takes, letterbox mapping and pygame_gui included.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from vn.runtime.routes import explore_routes
from vn.script.program import load_program
from vn.ui.screens import game as g
from vn.ui.app import App
from vn.ui.screens.content_note import ContentNoteScreen
from vn.ui.display import LOGICAL_SIZE
from vn.ui.screens.error import ErrorScreen
from vn.ui.screens.game_menu import GameMenuScreen
from vn.ui.screens.settings import SettingsScreen
from vn.ui.shots import route_to_scene
from vn.ui.screens.title import TitleScreen

from uiplayer import DT, SCENE_SPOT, Player

@pytest.fixture(scope="module")
def program(scripts_dir):
    return load_program(scripts_dir)


@pytest.fixture(scope="module")
def examples(program):
    return explore_routes(program).examples


BROKEN_MANIFEST = """\
game:
  id: broken
  title: "A Short Night"
  start: opening
characters:
  ann: {name: Ann}
backgrounds:
  bar: {title: "The Bar"}
variables:
  zero: 0
  ratio: 1.0
endings:
  done: {title: "Done"}
"""


def write_game(folder: Path, story: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "game.yaml").write_text(BROKEN_MANIFEST, encoding="utf-8")
    (folder / "story.yaml").write_text(story, encoding="utf-8")
    return folder


# -- the title ---------------------------------------------------------------------------
def test_title_offers_new_game_and_disabled_saves(player, app):
    title = app.top
    assert isinstance(title, TitleScreen)
    assert not title.menu.button("continue").is_enabled
    assert not title.menu.button("load").is_enabled
    player.click(title.menu.button("continue"))      # disabled: nothing happens
    assert app.top is title
    player.click(title.menu.button("new"))
    assert isinstance(app.top, ContentNoteScreen)
    player.click(app.top.buttons.button("back"))
    assert app.top is title


def test_quit_button_stops_the_loop(player, app):
    player.click(app.top.menu.button("quit"))
    assert not app.running


# -- playing -----------------------------------------------------------------------------
@pytest.mark.parametrize("ending", ["every_morning", "dawns_birthday", "empty_stone"])
def test_playthrough_by_clicks_reaches_each_ending(player, app, examples, ending):
    game = player.start_game()
    player.play_until(game, lambda: game.waiting == g.ENDING, route=examples[ending])
    assert game.ending is not None and game.ending.id == ending
    assert game.ending_card.showing
    title = app.program.manifest.endings[ending].title
    assert game.ending.title == title
    player.click_at(SCENE_SPOT)          # first click: the card finishes appearing
    player.click_at(SCENE_SPOT)          # then the story ends and the title returns
    player.frames(1)
    assert isinstance(app.top, TitleScreen)
    assert game.runtime.state.endings == [ending]


def test_click_completes_a_line_then_advances(player, app):
    game = player.start_game()
    player.play_until(game, lambda: game.waiting == g.READING)
    first = game.dialogue.line
    player.frames(12)                                 # the box fades in, typing begins
    assert 0 < game.dialogue.revealed < len(first.text)
    player.click_at(SCENE_SPOT)
    assert game.dialogue.complete and game.dialogue.line is first
    player.key(pygame.K_SPACE)
    assert game.dialogue.line is not first


def test_number_keys_choose(player, app):
    game = player.start_game()
    player.play_until(game, lambda: game.waiting == g.CHOOSING)
    options = game.choices.options
    player.key(pygame.K_2)
    assert game.runtime.state.route[-1]["option"] == options[1].id
    assert game.waiting != g.CHOOSING and not game.choices.showing


def test_arrow_keys_move_a_visible_focus_and_enter_chooses(player, app):
    game = player.start_game()
    player.play_until(game, lambda: game.waiting == g.CHOOSING)
    options, buttons = game.choices.options, game.choices.column.buttons
    player.key(pygame.K_RETURN)                       # no focus yet: Enter must not pick anything
    assert game.waiting == g.CHOOSING
    player.key(pygame.K_DOWN)
    player.key(pygame.K_DOWN)
    assert game.choices.column.focus == 1 and buttons[1].is_selected and not buttons[0].is_selected
    player.key(pygame.K_UP)
    player.key(pygame.K_UP)
    assert game.choices.column.focus == len(options) - 1      # wraps around
    player.key(pygame.K_RETURN)
    assert game.runtime.state.route[-1]["option"] == options[-1].id


def test_escape_menu_resumes_and_returns_to_title(player, app):
    game = player.start_game()
    player.play_until(game, lambda: game.waiting == g.READING)
    player.key(pygame.K_ESCAPE)
    menu = app.top
    assert isinstance(menu, GameMenuScreen)
    revealed = game.dialogue.revealed
    player.frames(10)
    assert game.dialogue.revealed == revealed        # the story is paused under the menu
    player.key(pygame.K_ESCAPE)
    assert app.top is game
    player.key(pygame.K_ESCAPE)
    player.click(app.top.menu.button("settings"))
    assert isinstance(app.top, SettingsScreen)
    player.click(app.top.back_button)
    assert isinstance(app.top, GameMenuScreen)
    player.click(app.top.menu.button("title"))
    player.frames(1)
    assert isinstance(app.top, TitleScreen)


# -- window --------------------------------------------------------------------------------
@pytest.mark.parametrize("size, kind", [((1600, 900), "videoresize"), ((1000, 800), "videoresize"),
                                        ((1000, 800), "windowsizechanged"), ((1280, 720), "videoresize")])
def test_resize_keeps_buttons_clickable(player, app, size, kind):
    if kind == "videoresize":
        event = pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])
    else:
        event = pygame.event.Event(pygame.WINDOWSIZECHANGED, x=size[0], y=size[1])
    pygame.event.post(event)
    player.frames(1)
    assert app.display.window_size == size
    viewport = app.display.viewport
    assert viewport.width / viewport.height == pytest.approx(16 / 9, rel=0.01)
    assert viewport.centerx == pytest.approx(size[0] / 2, abs=1)
    assert viewport.centery == pytest.approx(size[1] / 2, abs=1)
    title = app.top
    player.click(title.menu.button("settings"))
    assert isinstance(app.top, SettingsScreen)
    settings = app.top
    player.click(settings.reduced_toggle)
    assert app.settings.reduced_flashes
    player.click(settings.back_button)
    assert app.top is title


def test_clicks_in_the_letterbox_bars_miss_the_buttons(player, app):
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1000, 800), w=1000, h=800))
    player.frames(1)
    title = app.top
    button = title.menu.button("settings")
    # a click at the button's logical coordinates taken as window coordinates lands elsewhere
    raw = button.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(raw[0], 50), button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(raw[0], 50), button=1))
    player.frames(2)
    assert app.top is title


def test_f11_and_alt_enter_toggle_fullscreen(player, app):
    player.key(pygame.K_F11)
    assert app.display.fullscreen and app.settings.fullscreen
    # the dummy driver's desktop is 1024x768: the 16:9 canvas is letterboxed top and bottom
    assert app.display.window_size == pygame.display.get_desktop_sizes()[0]
    assert app.display.viewport.width == app.display.window_size[0]
    player.key(pygame.K_RETURN, mod=pygame.KMOD_LALT)
    assert not app.display.fullscreen and not app.settings.fullscreen
    assert app.display.window_size == LOGICAL_SIZE
    assert isinstance(app.top, TitleScreen)            # Alt+Enter did not also press a menu button


def test_settings_keyboard_changes_text_speed(player, app):
    player.click(app.top.menu.button("settings"))
    before = app.settings.text_speed
    player.key(pygame.K_DOWN)            # the text speed row
    player.key(pygame.K_RIGHT)
    player.key(pygame.K_RIGHT)
    assert app.settings.text_speed == before + 10
    assert app.top.speed_slider.get_current_value() == before + 10


# -- reduced flashes -----------------------------------------------------------------------
@pytest.mark.parametrize("reduced", [True, False])
def test_reduced_flashes_draw_no_flash_through_the_bar(player, app, program, reduced):
    title = app.top
    player.click(title.menu.button("settings"))
    if reduced:
        player.click(app.top.reduced_toggle)
    player.click(app.top.back_button)
    assert app.settings.reduced_flashes is reduced

    route = route_to_scene(program, ("bar", "burning"))
    game = player.start_game()
    seen = {"flash": False, "shake": False}

    def watch():
        if game.scene is not None:
            seen["flash"] |= game.scene.flash_active
            seen["shake"] |= game.scene.shake_offset != (0, 0)

    # let every beat play for a while so the gunfire's strobes and shakes run their course
    player.play_until(game, lambda: game.scene_key == ("bar", "burning") and game.waiting == g.READING,
                      route=route, frames_per_beat=12, each_frame=watch)
    player.frames(30)
    if reduced:
        assert not seen["flash"] and not seen["shake"]
        assert game.transition.flash_frames == 0
    else:
        assert seen["flash"] and seen["shake"]
        assert game.transition.flash_frames > 0


# -- errors ---------------------------------------------------------------------------------
def test_broken_script_shows_the_error_screen(tmp_path):
    folder = write_game(tmp_path / "game", 'opening:\n  - scene: bar\n  - "Hello."\n  - jump: closing_time\n')
    app = App(folder, paint_in_background=False)
    try:
        assert not app.load()
        app.run_frames(2, DT)
        screen = app.top
        assert isinstance(screen, ErrorScreen)
        problem = screen.problems[0]
        assert Path(problem.path).name == "story.yaml" and problem.line == 4
        assert "closing_time" in problem.message
        assert problem.location.startswith("story.yaml, line 4")
        # fixed on disk, "Try again" loads the game
        (folder / "story.yaml").write_text('opening:\n  - scene: bar\n  - "Hello."\n  - ending: done\n')
        Player(app).click(screen.actions.button("retry"))
        assert isinstance(app.top, TitleScreen)
    finally:
        app.close()


def test_run_time_error_shows_file_and_line(tmp_path):
    folder = write_game(tmp_path / "game",
                        'opening:\n  - scene: bar\n  - ann: "One more."\n  - set: {ratio: "1 / zero"}\n'
                        '  - ending: done\n')
    app = App(folder, paint_in_background=False)
    try:
        assert app.load()
        player = Player(app)
        player.frames(2)
        game = player.start_game()
        player.play_until(game, lambda: isinstance(app.top, ErrorScreen))
        problem = app.top.problems[0]
        assert Path(problem.path).name == "story.yaml" and problem.line == 4
        assert "division by zero" in problem.message
        player.click(app.top.actions.button("title"))
        assert isinstance(app.top, TitleScreen)
    finally:
        app.close()


def test_play_command_shows_the_error_screen_for_a_broken_game(tmp_path):
    folder = write_game(tmp_path / "game", 'opening:\n  - bob: "Who let me in?"\n')
    env = dict(os.environ, VN_FIRST_FRAME_EXIT="1")
    done = subprocess.run([sys.executable, "-m", "vn", "play", str(folder)], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "screen=ErrorScreen" in done.stdout
    assert "Traceback" not in done.stderr


# -- painting off the main thread -------------------------------------------------------------
def test_title_scene_is_painted_in_the_background(scripts_dir):
    app = App(scripts_dir)
    try:
        assert app.load()
        app.run_frames(1, DT)           # a frame is presented before the painting is done
        title = app.top
        for _ in range(600):
            if title.scene_ready:
                break
            app.run_frames(1, DT)
            pygame.time.wait(10)
        assert title.scene_ready
    finally:
        app.close()


def test_the_next_scene_is_painted_ahead_while_the_player_reads(player, app, program):
    from vn.ui.scene_loader import opening_scene
    assert opening_scene(program) == ("bar", None)
    player.click(app.top.menu.button("new"))            # the content note: the bar is prepared now
    assert app.scenes.ready(("bar", None))
    player.click(app.top.buttons.button("continue"))
    game = app.top
    assert game.scene_key == ("bar", None) and not app.scenes.ready(("bar", None))   # taken, not rebuilt
    route = route_to_scene(program, ("bar", "burning"))
    # once the option that sets the bar alight is picked, the burning bar is painted before it is shown
    player.play_until(game, lambda: game.waiting == g.READING and not game.choices.showing
                      and game.runtime.state.route and game.runtime.state.route[-1]["option"] == route[-1],
                      route=route)
    assert game.scene_key == ("bar", None)
    assert app.scenes.ready(("bar", "burning"))
