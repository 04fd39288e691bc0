"""The window against hostile saves and stories that `vn check` passes: bad save cards,
failed writes, text SDL_ttf refuses, endless effects, huge titles and menus, long lines
and characters the game's font lacks. What once crashed the process (a segfault, memory
run out) runs in a child process with a time and memory limit, so a regression fails
the test instead of killing pytest."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pygame
import pytest

from gamefiles import write_game
from uiplayer import SCENE_SPOT, Player
from vn.save.slots import SaveError, SaveInfo
from vn.ui.screens import game as g

ROOT = Path(__file__).resolve().parent.parent


def run_limited(code: str, memory_mb: int = 1500, timeout: int = 60) -> subprocess.CompletedProcess:
    """`code` in a child Python with an address-space limit: a crash or an exhausted
    memory shows as a failed child, never as a dead test run."""
    prelude = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, ({memory_mb} << 20, {memory_mb} << 20))
        sys.path.insert(0, {str(ROOT / 'tests')!r})
        sys.path.insert(0, {str(ROOT)!r})
    """)
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    return subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=ROOT)


def open_game(tmp_path, story: str, manifest: str | None = None):
    from vn.ui.app import App
    folder = write_game(tmp_path / "game", story, **({"manifest": manifest} if manifest else {}))
    app = App(folder, paint_in_background=False)
    assert app.load()
    player = Player(app)
    player.frames(2)
    return app, player


@pytest.fixture
def opened(tmp_path):
    made = []

    def opener(story, manifest=None):
        made.append(open_game(tmp_path, story, manifest))
        return made[-1]
    yield opener
    for app, _ in made:
        app.close()


def read_through(player, game, lines: int) -> None:
    """Click on until `lines` lines have been on screen, or the story waits otherwise."""
    for _ in range(lines * 4):
        player.click_at(SCENE_SPOT)
        player.frames(2)
        if game.waiting not in (g.READING, g.TRANSITION, g.PAUSED):
            break


# -- §3: a bad save on the save/load screen ---------------------------------------------------
def card(info):
    from vn.ui.widgets.slot_card import SlotCard
    return SlotCard(app_theme(), info.slot, info, "Save here")


def app_theme():
    from vn.paths import assets_dir
    from vn.ui.theme import Theme
    return Theme.load(assets_dir() / "theme.json")


@pytest.mark.parametrize("play_time", [float("nan"), float("inf"), float("-inf"), 1e308])
def test_a_card_shows_any_play_time(app, play_time):
    from vn.ui.thumbnail import THUMB_SIZE, make_thumbnail
    thumb = make_thumbnail(pygame.Surface(THUMB_SIZE))
    assert card(SaveInfo("1", True, play_time=play_time, thumbnail=thumb)).surface is not None


@pytest.mark.parametrize("text", ["a\x00b", "lone \ud800 surrogate", "\u200b", "\u200b\u200b\u200b", "tab\there"])
def test_a_card_draws_strings_sdl_refuses(app, text):
    info = SaveInfo("2", True, scene=text, summary=text, last_line=text, reason=text)
    assert card(info).surface is not None
    assert card(SaveInfo("3", False, reason=text)).surface is not None


def test_a_card_survives_a_date_no_time_zone_can_show(app):
    class Odd(SaveInfo):
        @property
        def when(self):
            from datetime import datetime, timedelta, timezone
            return datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-14)))
    assert card(Odd("1", True)).surface is not None


def test_a_card_fits_long_text_in_bounded_time(app):
    long = "word " * 1600          # 8,000 characters took 1.8 s per card, trimmed a character at a time
    start = time.perf_counter()
    card(SaveInfo("1", True, scene=long, summary=long, last_line=long))
    card(SaveInfo("1", True, scene="x" * 100_000, summary="y" * 100_000, last_line="z" * 100_000))
    assert time.perf_counter() - start < 1.0


def test_a_huge_thumbnail_is_never_decoded():
    result = run_limited("""
        import struct, zlib, pygame
        pygame.display.init(); pygame.display.set_mode((8, 8)); pygame.font.init()
        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        side = 27000                       # a valid 27000x27000 grey PNG: once a segfault in the decoder
        z = zlib.compressobj(1)
        row = bytes(side + 1)
        body = b"".join(z.compress(row) for _ in range(side)) + z.flush()
        png = b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)) \\
            + chunk(b"IDAT", body) + chunk(b"IEND", b"")
        from vn.save.slots import SaveInfo
        from vn.paths import assets_dir
        from vn.ui.theme import Theme
        from vn.ui.widgets.slot_card import SlotCard
        made = SlotCard(Theme.load(assets_dir() / "theme.json"), "1", SaveInfo("1", True, thumbnail=png), "x")
        assert made.thumbnail is None
        print("ok")
    """, memory_mb=1200, timeout=120)
    assert result.returncode == 0 and "ok" in result.stdout, result.stderr[-2000:]


# -- §4: writes that fail cost a toast -------------------------------------------------------
def test_a_data_folder_that_cannot_be_used_shows_an_error_screen(scripts_dir, monkeypatch):
    from vn.ui.app import App
    from vn.ui.screens.error import ErrorScreen
    monkeypatch.setenv("VN_DATA_DIR", "~no_such_user_of_this_machine/saves")
    app = App(scripts_dir, paint_in_background=False)
    try:
        assert not app.load()
        assert isinstance(app.top, ErrorScreen)
        assert "VN_DATA_DIR" in app.top.problems[0].message
        app.run_frames(3)
    finally:
        app.close()


@pytest.mark.parametrize("failure", [SaveError("quick", "could not be saved (disk full)"),
                                     UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")])
def test_a_quicksave_that_fails_is_a_toast(player, app, monkeypatch, failure):
    game = player.start_game()
    player.play_until(game, lambda: game.waiting == g.READING and game.dialogue.complete)

    def refuse(*args, **kwargs):
        raise failure
    monkeypatch.setattr(app.saves, "write", refuse)
    player.key(pygame.K_F5)
    assert any("could not be saved" in t or "Quicksave" in t for t in app.toasts.texts)
    assert app.top is game and app.running


def test_a_delete_that_fails_is_a_toast(player, app, monkeypatch):
    from vn.ui.screens.save_load import SaveLoadScreen
    game = player.start_game()
    player.play_until(game, lambda: game.waiting == g.READING and game.dialogue.complete)
    player.key(pygame.K_F5)
    player.key(pygame.K_ESCAPE)
    player.click(app.top.menu.button("load"))
    screen = app.top
    assert isinstance(screen, SaveLoadScreen)

    def refuse(slot):
        raise SaveError(slot, "could not be deleted (read-only folder)")
    monkeypatch.setattr(screen.store, "delete", refuse)
    for _ in range(8):
        if "quick" in screen.delete_buttons:
            break
        player.key(pygame.K_PAGEUP)
    player.click(screen.delete_buttons["quick"])
    player.click(app.top.buttons.button("yes"))
    assert any("could not be deleted" in t for t in app.toasts.texts)
    assert app.running


def test_progress_that_cannot_be_written_is_a_toast(player, app, monkeypatch):
    def refuse():
        raise ValueError("a seen id that is not a string")
    monkeypatch.setattr(app.persistent, "save", refuse)
    app.settings_changed()
    assert any("Progress could not be written" in t for t in app.toasts.texts)


# -- §7: stories vn check passes --------------------------------------------------------------
def test_lines_sdl_refuses_are_drawn(opened):
    app, player = opened("""
        start:
          - "Hello\\0world"
          - "\\u200b"
          - "\\u200b\\u200b"
          - xander: "A\\ttab"
          - "The end."
        """)
    game = player.start_game()
    seen = []
    for _ in range(60):
        if game.dialogue.line is not None and (not seen or seen[-1] != game.dialogue.line.text):
            seen.append(game.dialogue.line.text)
        if game.waiting == g.ENDING:
            break
        player.click_at(SCENE_SPOT)
        player.frames(2)
    assert app.running and "The end." in seen and len(seen) == 5
    assert all("\t" not in row and "\x00" not in row for row in game.dialogue._rows)


def test_effects_of_endless_duration_are_bounded(app):
    from vn.ui.scenes.base import MAX_EFFECT_SECONDS
    from vn.ui.scenes.registry import make_scene
    scene = make_scene("bar", None)
    surface = pygame.Surface((1280, 720))
    for effect in ("shake", "flash"):
        for duration in (float("inf"), float("nan"), 1e308, -5.0):
            scene.trigger(effect, duration=duration)
            scene.update(1 / 60)
            scene.draw(surface)
    assert scene._shake_len <= MAX_EFFECT_SECONDS and scene._flash_len <= MAX_EFFECT_SECONDS


def test_endless_gunfire_is_bounded():
    result = run_limited("""
        import pygame
        pygame.display.init(); pygame.display.set_mode((8, 8))
        from vn.ui.scenes.registry import make_scene
        scene = make_scene("bar", None)
        scene.trigger("gunfire", duration=float("inf"))   # once: flashes precomputed until memory ran out
        surface = pygame.Surface((1280, 720))
        for _ in range(30):
            scene.update(1 / 60); scene.draw(surface)
        assert len(scene._gun_windows) < 10_000
        print("ok")
    """, memory_mb=1500, timeout=60)
    assert result.returncode == 0 and "ok" in result.stdout, result.stderr[-2000:]


def test_an_ending_title_of_any_length_is_drawn():
    result = run_limited("""
        import pygame
        pygame.display.init(); pygame.display.set_mode((1280, 720))
        pygame.font.init()
        from vn.paths import assets_dir
        from vn.ui.theme import Theme
        from vn.ui.widgets.ending_card import EndingCard
        from vn.ui.widgets.decor import paint_kicker
        theme = Theme.load(assets_dir() / "theme.json")
        card = EndingCard(theme)
        card.show("The long goodbye " * 130, kicker="Ending " * 400)   # 2,100 characters: once a SIGSEGV
        assert max(part.get_width() for part, *_ in card._parts) <= 1400
        assert paint_kicker(theme, "k" * 5000).get_width() <= 1280
        print("ok")
    """, memory_mb=1500, timeout=60)
    assert result.returncode == 0 and "ok" in result.stdout, result.stderr[-2000:]


def menu_story(count: int) -> str:
    options = "\n".join(f'      - text: "Option {n}"\n        jump: after_{n % 3}' for n in range(count))
    return f"""
start:
  - "Pick one."
  - menu:
{options}
after_0:
  - "Zero."
after_1:
  - "One."
after_2:
  - "Two."
"""


def test_a_menu_of_many_options_pages_and_picks_by_keys_and_clicks(opened):
    from vn.ui.widgets.choice_menu import PER_PAGE, PER_SCREEN
    app, player = opened(menu_story(200))
    game = player.start_game()
    player.play_until(game, lambda: game.waiting == g.CHOOSING)
    menu = game.choices
    assert len(menu.column.buttons) == PER_PAGE and menu.nav is not None
    assert all(b.rect.bottom <= 480 for b in menu.column.buttons + menu.nav.buttons)
    player.key(pygame.K_RIGHT)                                  # the next page
    assert [o.text for o in menu.visible][0] == f"Option {PER_PAGE}"
    player.click(menu.nav.buttons[1])                           # "More": the page after
    assert [o.text for o in menu.visible][0] == f"Option {2 * PER_PAGE}"
    player.click(menu.nav.buttons[0])                           # "Previous"
    player.key(pygame.K_LEFT)
    player.key(pygame.K_LEFT)                                   # wraps round to the last page
    assert menu.page == menu.pages - 1 and len(menu.column.buttons) <= PER_SCREEN
    player.key(pygame.K_RIGHT)                                  # and back to the first
    player.key(pygame.K_2)                                      # the second option of the first page
    assert game.waiting != g.CHOOSING
    player.play_until(game, lambda: game.waiting == g.READING and game.dialogue.complete)
    assert game.dialogue.line.text == "One."                    # "Option 1" jumps to after_1


def test_a_menu_of_ten_thousand_options_fits_in_memory(tmp_path):
    write_game(tmp_path / "menu", menu_story(10_000))
    result = run_limited(f"""
        import resource
        from vn.ui.app import App
        from uiplayer import Player
        from vn.ui.screens import game as g
        app = App({str(tmp_path / "menu")!r}, paint_in_background=False)
        assert app.load()
        player = Player(app); player.frames(2)
        game = player.start_game()
        player.play_until(game, lambda: game.waiting == g.CHOOSING)
        assert len(game.choices.column.buttons) <= 6
        player.key(pygame.K_LEFT)
        player.key(pygame.K_1)
        assert game.waiting != g.CHOOSING
        print("ok", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """.replace("import resource", "import resource, pygame"), memory_mb=2500, timeout=120)
    assert result.returncode == 0 and "ok" in result.stdout, result.stderr[-2000:]
