"""Styled lines laid out: wrapped as plain text would be, bold measured as bold, waits placed on
the rows they fall in, and timed waits and speeds in the dialogue box's typing."""
from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vn.paths import assets_dir
from vn.runtime.events import Line
from vn.save.settings import Settings
from vn.ui.styled_text import StyleFonts, page_stops, render_block, styled, wrap_ranges
from vn.ui.text_layout import wrap
from vn.ui.theme import Theme
from vn.ui.widgets.dialogue_box import DialogueBox


@pytest.fixture(scope="module")
def theme():
    pygame.init()
    pygame.display.set_mode((1280, 720))
    return Theme.load(assets_dir() / "theme.json")


WORDS = st.lists(st.sampled_from(["rain", "on", "the", "glass", "nobody", "looks", "up", "\n", "a" * 40, ""]),
                 max_size=40).map(" ".join)


@settings(max_examples=120, deadline=None)
@given(WORDS, st.integers(min_value=40, max_value=700))
def test_plain_text_wraps_as_the_box_always_did(theme, text, width):
    fonts = StyleFonts(theme, "dialogue.text")
    st_text = styled(text.replace("[", "[["))
    rows = [st_text.text[a:b] for a, b in wrap_ranges(fonts, st_text, width)]
    assert rows == wrap(fonts.regular, st_text.text, width)


def test_bold_is_measured_in_its_own_face(theme):
    fonts = StyleFonts(theme, "dialogue.text")
    plain_text, bold_text = styled("W" * 30), styled("[b]" + "W" * 30 + "[/b]")
    width = fonts.regular.size("W" * 30)[0]
    assert len(wrap_ranges(fonts, plain_text, width)) == 1
    assert len(wrap_ranges(fonts, bold_text, width)) == 2       # bold is wider: it cannot fit the same row


def test_waits_fall_on_the_row_they_are_in(theme):
    fonts = StyleFonts(theme, "dialogue.text")
    text = styled("First part of it.[w] " + "More words here " * 12 + "[w=2]end")
    rows = wrap_ranges(fonts, text, 500)
    stops, _ = page_stops(text, rows)
    typed = "".join(text.text[a:b] for a, b in rows)
    assert stops[0] == (len("First part of it."), None)
    assert stops[1][1] == 2.0 and typed[stops[1][0]:] == "end"


def test_a_block_of_styled_words_is_drawn_in_its_colour(theme):
    image = render_block(theme, "slot.quote", "a [color=#00ff00]green[/color] word", pygame.Color("white"), 400)
    greens = [image.get_at((x, y)) for x in range(image.get_width()) for y in range(image.get_height())]
    assert any(c.g > 200 and c.r < 80 and c.a > 200 for c in greens)


def box_with(theme, markup, speed=40.0):
    settings = Settings()
    settings.text_speed = speed
    box = DialogueBox(theme, settings)
    from vn.script.markup import plain
    box.show_line(Line("x", None, None, plain(markup), None, markup))
    box.opacity = 1.0
    return box


def test_a_timed_wait_holds_the_typing_for_its_seconds(theme):
    box = box_with(theme, "Hi.[w=1] There.")
    for _ in range(30):
        box.update(1 / 60)
    assert box.revealed == 3 and box.held is not None and not box.held_for_click
    for _ in range(20):             # a third of a second more: still held
        box.update(1 / 60)
    assert box.revealed == 3
    for _ in range(60):
        box.update(1 / 60)
    assert box.complete and box.held is None


def test_a_speed_tag_changes_the_pace_of_its_text(theme):
    slow, normal = box_with(theme, "[speed=0.25]" + "x" * 40 + "[/speed]"), box_with(theme, "x" * 40)
    for box in (slow, normal):
        for _ in range(30):
            box.update(1 / 60)
    assert normal.revealed == pytest.approx(4 * slow.revealed, rel=0.05)
