"""Powersave: frames are drawn as often as what is on screen needs, promptly on input,
never while the window is hidden; and frames reach the window without SDL's GL path
unless the player asks for it."""
from __future__ import annotations

import time

import pygame
import pytest

from vn.ui import pacing
from vn.ui.display import PRESENT_HINT, choose_presenter
from vn.ui.pacing import ACTIVE, AMBIENT, STILL, FramePacer

from uiplayer import SCENE_SPOT


def _run_for(app, seconds: float) -> int:
    """Run the app's real, paced loop for `seconds` (a timer posts QUIT); frames drawn."""
    before = app.frames
    pygame.time.set_timer(pygame.QUIT, int(seconds * 1000), loops=1)
    app.run()
    app.running = True
    return app.frames - before


def _settle_title(app) -> None:
    app.run_frames(2)
    title = app.top
    title.intro.finish()
    app.run_frames(2)
    assert title.scene is not None and not title.intro.active


def test_a_settled_title_runs_at_the_ambient_rate(app):
    _settle_title(app)
    assert app.pace() == AMBIENT
    drawn = _run_for(app, 1.0)
    # ambient is 24 a second: never the full 60, however fast the machine
    assert 3 <= drawn <= pacing.RATES[AMBIENT] * 1.0 + 5


def test_nothing_is_drawn_while_the_window_is_minimised(app):
    _settle_title(app)
    pygame.event.post(pygame.event.Event(pygame.WINDOWMINIMIZED))
    assert _run_for(app, 0.8) == 0
    assert app.pacer.hidden
    pygame.event.post(pygame.event.Event(pygame.WINDOWRESTORED))
    assert _run_for(app, 0.6) >= 2
    assert not app.pacer.hidden


def test_typing_is_active_a_written_line_ambient_and_a_menu_over_the_game_still(app, player):
    game = player.start_game()
    player.play_until(game, lambda: game.dialogue.line is not None)
    game.transition.finish()
    player.frames(1)
    if game.dialogue.complete:        # the first line may be short: show a longer one typing
        player.click_at(SCENE_SPOT)
        player.frames(30)
    assert not game.dialogue.complete and app.pace() == ACTIVE
    game.dialogue.complete_now()
    player.frames(40)                 # the box's fade is over
    assert app.pace() == AMBIENT
    player.key(pygame.K_ESCAPE)       # the game menu: the story below stands still
    assert app.top is not game and app.pace() == STILL


def test_input_ends_the_wait_for_a_frame_at_once(monkeypatch):
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    monkeypatch.setitem(pacing.RATES, STILL, 0.25)        # a frame every 4 s when nothing moves
    pacer = FramePacer()
    pygame.event.clear()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ", scancode=0))
    started = time.perf_counter()
    events = pacer.wait(STILL)
    assert time.perf_counter() - started < 2.0
    assert [e.type for e in events] == [pygame.KEYDOWN]
    assert pacer.pace(STILL) == ACTIVE                      # and the moments after input run at full rate


def test_a_flood_of_motion_never_draws_faster_than_the_full_rate(monkeypatch):
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    pacer = FramePacer()
    pygame.event.clear()
    pacer.wait(ACTIVE)
    for n in range(200):
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(n % 64, 1), rel=(1, 0), buttons=(0, 0, 0)))
    started = time.perf_counter()
    events = pacer.wait(ACTIVE)
    assert len(events) == 200                               # all of them, in one frame's wait
    assert time.perf_counter() - started >= 0.8 / pacing.RATES[ACTIVE]


@pytest.mark.parametrize("given, expected", [(None, "0"), ("1", "1"), ("opengl", "opengl")])
def test_frames_skip_the_gl_texture_unless_the_player_asks(monkeypatch, given, expected):
    if given is None:
        monkeypatch.delenv(PRESENT_HINT, raising=False)
    else:
        monkeypatch.setenv(PRESENT_HINT, given)
    assert choose_presenter() == expected
    import os
    assert os.environ[PRESENT_HINT] == expected
