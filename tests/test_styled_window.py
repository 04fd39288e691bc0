"""Styled text in the window: a coloured word shows in its colour in the dialogue box, a [w]
stops the typing until a click, [nw] moves on by itself, and the history and the choice
buttons show the styles too."""
from __future__ import annotations

import pygame

from test_hostile_window import opened  # noqa: F401  (the fixture)
from uiplayer import SCENE_SPOT
from vn.ui.screens import game as g

STORY = """
start:
  - "Before."
  - "The [color=#ff2020]red[/color] door and the [b]bold[/b] [i]one[/i]."
  - xander: "Wait for it[w] now the rest."
  - "Gone by itself.[nw]"
  - "After."
  - menu:
      - text: "Take the [color=#20ff20]green[/color] road"
        jump: done
      - text: "Stay"
        jump: done
done:
  - ending: good
"""


def wait_typed(player, game):
    player.play_until(game, lambda: game.waiting == g.READING and
                      (game.dialogue.complete or game.dialogue.held_for_click), limit=600)


def colour_count(surface: pygame.Surface, rect: pygame.Rect, colour, tolerance: int = 40) -> int:
    """How many pixels of `rect` are close to `colour`."""
    count = 0
    for x in range(rect.left, rect.right, 2):
        for y in range(rect.top, rect.bottom, 2):
            c = surface.get_at((x, y))
            if all(abs(a - b) <= tolerance for a, b in zip(c[:3], colour)):
                count += 1
    return count


def test_a_coloured_word_shows_in_its_colour(opened):
    app, player = opened(STORY)
    game = player.start_game()
    wait_typed(player, game)
    assert game.dialogue.line.text == "Before."
    box = game.dialogue.rect
    assert colour_count(app.display.canvas, box, (255, 32, 32)) == 0
    player.click_at(SCENE_SPOT)
    wait_typed(player, game)
    line = game.dialogue.line
    assert line.text == "The red door and the bold one."
    assert line.markup.startswith("The [color=#ff2020]")
    player.frames(3)
    shot = app.display.canvas
    pygame.image.save(shot, "/tmp/styled_line.png")
    assert colour_count(shot, box, (255, 32, 32)) > 10


def test_a_wait_stops_typing_until_a_click(opened):
    app, player = opened(STORY)
    game = player.start_game()
    for _ in range(2):
        wait_typed(player, game)
        player.click_at(SCENE_SPOT)
    box = game.dialogue
    assert box.line.text == "Wait for it now the rest."
    player.frames(120)          # far longer than the typing takes
    assert box.held_for_click and not box.complete
    typed = box.revealed
    assert typed == len("\u201cWait for it") or typed == len("Wait for it")
    player.frames(60)
    assert box.revealed == typed            # nothing more without a click
    player.click_at(SCENE_SPOT)
    player.frames(120)
    assert box.complete and box.line.text == "Wait for it now the rest."
    # [nw]: the next line types out and moves on to the one after without a click
    player.click_at(SCENE_SPOT)
    player.frames(240)
    assert box.line.text == "After."


def test_a_click_while_typing_writes_on_to_the_wait(opened):
    app, player = opened(STORY)
    game = player.start_game()
    for _ in range(2):
        wait_typed(player, game)
        player.click_at(SCENE_SPOT)
    box = game.dialogue
    player.frames(2)
    assert not box.held_for_click
    player.click_at(SCENE_SPOT)
    assert box.held_for_click and not box.complete
    assert box.line.text.startswith("Wait")


def test_auto_mode_does_not_stall_on_a_wait(opened):
    app, player = opened(STORY)
    game = player.start_game()
    for _ in range(2):
        wait_typed(player, game)
        player.click_at(SCENE_SPOT)
    game.modes.toggle_auto()
    app.settings.auto_delay = 0.2
    player.frames(600)
    assert game.waiting == g.CHOOSING


def to_choice(player, game):
    for _ in range(40):
        if game.waiting == g.CHOOSING:
            return
        wait_typed(player, game)
        player.click_at(SCENE_SPOT)
        player.frames(30)
    assert game.waiting == g.CHOOSING


def test_a_styled_option_shows_its_colour_and_is_still_a_button(opened):
    app, player = opened(STORY)
    game = player.start_game()
    to_choice(player, game)
    player.frames(3)
    button = game.choices.column.buttons[0]
    assert button.text == "Take the green road"
    pygame.image.save(app.display.canvas, "/tmp/styled_choice.png")
    assert colour_count(app.display.canvas, button.rect, (32, 255, 32)) > 5
    assert colour_count(app.display.canvas, game.choices.column.buttons[1].rect, (32, 255, 32)) == 0
    player.click(button)                 # the styled words let the click through to the button
    player.frames(5)
    assert game.runtime.state.route[-1]["text"] == "Take the green road"


def test_history_and_rollback_show_the_styles_again(opened):
    app, player = opened(STORY)
    game = player.start_game()
    wait_typed(player, game)
    player.click_at(SCENE_SPOT)
    wait_typed(player, game)
    player.click_at(SCENE_SPOT)
    wait_typed(player, game)
    assert game.dialogue.line.text.startswith("Wait")
    player.key(pygame.K_l)
    html = app.top.text_box.html_text
    assert "<font color='#ff2020'>red</font>" in html and "<b>bold</b>" in html and "<i>one</i>" in html
    player.key(pygame.K_ESCAPE)
    player.frames(2)
    player.key(pygame.K_PAGEUP)          # roll back to the styled line
    player.frames(3)
    assert game.dialogue.line.markup.startswith("The [color=#ff2020]") and game.dialogue.complete
    assert colour_count(app.display.canvas, game.dialogue.rect, (255, 32, 32)) > 10


def test_skipping_passes_a_wait(opened):
    app, player = opened(STORY)
    app.settings.skip_unseen = True
    game = player.start_game()
    wait_typed(player, game)
    player.key(pygame.K_TAB)
    player.frames(60)
    assert game.waiting == g.CHOOSING


def test_a_save_card_quotes_the_line_in_its_styles(tmp_path):
    from vn.paths import assets_dir
    from vn.save.slots import SaveInfo
    from vn.ui.theme import Theme
    from vn.ui.widgets.slot_card import SlotCard
    pygame.init()
    pygame.display.set_mode((1280, 720))
    theme = Theme.load(assets_dir() / "theme.json")
    styled_card = SlotCard(theme, "1", SaveInfo("1", True, scene="Bar", summary="s", last_line="a red door",
                                                last_markup="a [color=#ff2020]red[/color] door"), "x").surface
    plain_card = SlotCard(theme, "1", SaveInfo("1", True, scene="Bar", summary="s", last_line="a red door"),
                          "x").surface
    # a markup that no longer says the line's words is not shown
    odd_card = SlotCard(theme, "1", SaveInfo("1", True, scene="Bar", summary="s", last_line="a red door",
                                             last_markup="[color=#ff2020]other words[/color]"), "x").surface
    whole = styled_card.get_rect()
    assert colour_count(styled_card, whole, (255, 32, 32), 60) > 3
    assert colour_count(plain_card, whole, (255, 32, 32), 60) == 0
    assert colour_count(odd_card, whole, (255, 32, 32), 60) == 0
