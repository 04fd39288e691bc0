"""Writers' text is never silently lost in the window: a line longer than the dialogue box
goes on over pages, characters the game's font lacks come from a fallback font, tabs
become spaces, and `vn check` warns about what the window cannot show as written
(VN108 long lines, VN109 characters no font has, VN110 right-to-left text)."""
from __future__ import annotations

import shutil

import pygame
import pytest

from gamefiles import write_game
from test_hostile_window import opened  # noqa: F401  (the fixture)
from uiplayer import SCENE_SPOT
from vn.ui.screens import game as g

SENTENCE = "The rain keeps on and nobody at the bar looks up from the glass in front of them. "
LONG = (SENTENCE * 62).strip()         # 5,000 characters: once 5 of its 40 rows were shown


def long_story() -> str:
    return f"""
start:
  - "Before."
  - "{LONG}"
  - "After."
"""


def wait_reading(player, game):
    player.play_until(game, lambda: game.waiting == g.READING and game.dialogue.complete)


def test_a_long_line_goes_on_over_pages_and_loses_nothing(opened):
    app, player = opened(long_story())
    game = player.start_game()
    wait_reading(player, game)
    assert game.dialogue.line.text == "Before."
    player.click_at(SCENE_SPOT)
    wait_reading(player, game)
    box = game.dialogue
    assert box.line.text == LONG and len(box._pages) > 1
    line_id, pages = box.line.id, len(box._pages)
    assert not app.was_seen(line_id)                      # read only once its last page is shown
    shown = []
    words = " ".join(" ".join(rows) for rows in box._pages).split()
    for _ in range(pages * 3):
        if box.line.text != LONG:
            break
        if not shown or shown[-1] != box.page:
            shown.append(box.page)
            assert all(box.text_rect.y + (n + 1) * box._row_height <= box.rect.bottom
                       for n in range(len(box._rows)))     # every row of the page inside the box
        player.click_at(SCENE_SPOT)                        # the first click finishes the page typing
        player.frames(2)
        if box.complete and box.line.text == LONG:
            player.key(pygame.K_SPACE)                     # Space turns the page too
    assert shown == list(range(pages))
    assert words == LONG.replace("\u2019", "'").split()
    assert app.was_seen(line_id)
    wait_reading(player, game)
    assert box.line.text == "After."


def test_rollback_and_a_save_show_a_long_line_from_its_first_page(opened):
    app, player = opened(long_story())
    game = player.start_game()
    for _ in range(40):
        if game.dialogue.line is not None and game.dialogue.line.text == LONG:
            break
        player.click_at(SCENE_SPOT)
        player.frames(2)
    game.dialogue.complete_now()
    player.click_at(SCENE_SPOT)
    assert game.dialogue.page == 1
    player.key(pygame.K_F5)
    assert "Quicksaved" in app.toasts.texts
    player.key(pygame.K_PAGEUP)
    assert game.dialogue.line.text == "Before."
    player.key(pygame.K_PAGEDOWN)
    assert game.dialogue.line.text == LONG and game.dialogue.page == 0
    player.key(pygame.K_F9)
    loaded = app.top
    player.play_until(loaded, lambda: loaded.waiting == g.READING)
    assert loaded.dialogue.line.text == LONG and loaded.dialogue.page == 0


def test_tabs_show_as_spaces(opened):
    app, player = opened('start:\n  - "Name:\\tXander"\n')
    game = player.start_game()
    wait_reading(player, game)
    assert game.dialogue._rows == ["Name:    Xander"]


def test_characters_the_font_lacks_come_from_a_story_font(tmp_path):
    from vn.paths import assets_dir
    from vn.ui.theme import Theme
    found = pygame.font.match_font("dejavusans")
    if not found:
        pytest.skip("no DejaVu Sans on this machine to stand for a story's font")
    pygame.font.init()
    theme = Theme.load(assets_dir() / "theme.json")
    themed = theme.font("dialogue.text")
    assert themed.chain.index("\u05d0") != 0 or not themed.chain.missing("\u05d0")
    (tmp_path / "fonts").mkdir()
    shutil.copy(found, tmp_path / "fonts" / "story.ttf")
    theme.add_story_fonts(tmp_path / "fonts")
    font = theme.font("dialogue.text")
    assert font.chain.paths[1] == str(tmp_path / "fonts" / "story.ttf")
    assert font.chain.index("\u05d0") == 1 and font.chain.index("a") == 0
    assert [n for n, _ in font._runs("a\u05d0b")] == [0, 1, 0]     # the letter from the story's font
    story = pygame.font.Font(font.chain.paths[1], font.point_size)
    drawn = font.render("a\u05d0b", True, (255, 255, 255))
    assert drawn.get_width() == font.primary.size("a")[0] + story.size("\u05d0")[0] + font.primary.size("b")[0]
    assert font.render("\u200b", True, (255, 255, 255)).get_width() >= 1
    assert font.render("a\x00b\ud800", True, (255, 255, 255)).get_width() > 0


def check_codes(folder):
    from vn.cli import check_folder
    result = check_folder(str(folder), explore=False)
    return {d.code: d for d in result.diagnostics}


def test_check_warns_about_long_lines_missing_glyphs_and_right_to_left_text(tmp_path):
    folder = write_game(tmp_path / "game", f"""
        start:
          - "Fine."
          - "{LONG}"
          - "A private character: \\U0010FFFD."
          - "\\u05e9\\u05dc\\u05d5\\u05dd"
        """)
    codes = check_codes(folder)
    assert codes["VN108"].pos.line == 4 and "pages" in codes["VN108"].message
    assert codes["VN109"].pos.line == 5 and "U+10FFFD" in codes["VN109"].message
    assert codes["VN110"].pos.line == 6
    assert not any(d.is_error for d in codes.values())


def test_check_finds_nothing_to_say_about_the_shipped_game(scripts_dir):
    assert not {"VN108", "VN109", "VN110"} & set(check_codes(scripts_dir))


def test_check_measures_varying_text_by_its_longest_alternative(tmp_path):
    folder = write_game(tmp_path / "game", f"""
        start:
          - "{{seq: Short. | {LONG}}}"
          - "{{took_lighter ? Fine. | A private character: \\U0010FFFD.}}"
          - "{{cycle: Fine. | Also fine.}}"
        """)
    codes = check_codes(folder)
    assert codes["VN108"].pos.line == 3
    assert codes["VN109"].pos.line == 4      # one of each: the last line gives neither
