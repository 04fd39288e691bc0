"""The quick bound `vn check` uses to skip laying out a line (VN108): whenever it says a line
surely fits one page of the dialogue box, the box's own layout agrees, at the line's natural
size. A bound that claimed too much would hide a warning; one that claims too little only costs
time, so the shipped game's and the benchmark's lines must pass it."""
from __future__ import annotations

import pygame
import pytest
from hypothesis import given, settings, strategies as st

from vn.paths import assets_dir
from vn.ui.text_layout import wrap
from vn.ui.textcheck import _OnePage
from vn.ui.theme import Theme
from vn.ui.widgets.dialogue_box import box_text_rect, display_text, paginate

# narrow and wide letters, quotes that become curly ones, punctuation
WORD = st.text(alphabet="ilIjtfrWMmw@%#aeo'\".,!?-0123456789", min_size=1, max_size=14)


@pytest.fixture(scope="module")
def theme():
    pygame.font.init()
    return Theme.load(assets_dir() / "theme.json")


def natural_rows(theme, text: str, narration: bool) -> int:
    element = "dialogue.narration" if narration else "dialogue.text"
    return len(wrap(theme.font(element), display_text(theme, text, narration), box_text_rect(theme).width))


@settings(max_examples=400, deadline=None)
@given(words=st.lists(WORD, min_size=1, max_size=60), narration=st.booleans())
def test_a_line_the_bound_passes_fits_one_page_at_its_natural_size(theme, words, narration):
    fits = _OnePage(theme)
    text = " ".join(words)
    if fits.surely(text, narration):
        _, rows, _ = fits.fonts[narration]
        assert natural_rows(theme, text, narration) <= rows
        _, pages, _ = paginate(theme, display_text(theme, text, narration), narration)
        assert len(pages) == 1


def test_the_bound_passes_a_plain_line_that_wraps_onto_a_second_row(theme):
    fits = _OnePage(theme)
    text = "The rain comes down on part 12, steady and grey, the way it always does."
    longer = text + " Nobody looks up from the glass."
    for narration in (True, False):
        assert natural_rows(theme, text, narration) == 1 and fits.surely(text, narration)
        assert natural_rows(theme, longer, narration) == 2 and fits.surely(longer, narration)


def test_printable_ascii_skips_the_glyph_questions_and_says_the_same(tmp_path, monkeypatch):
    """When the themed font draws all of printable ASCII, such lines are not asked about glyphs;
    a font that does not (as the check then assumes) must give the same warnings."""
    from gamefiles import write_game
    from vn.script.loader import load_game
    from vn.ui import fonts
    from vn.ui.textcheck import text_warnings
    long = "The rain keeps on and nobody at the bar looks up from the glass. " * 40
    folder = write_game(tmp_path / "game", f"""
        start:
          - "Plain words, with 'quotes' and ~tildes~."
          - xander: "{long.strip()}"
          - "{long.strip()}"
          - "A private character: \\U0010FFFD."
          - "\\u05e9\\u05dc\\u05d5\\u05dd"
          - buffy: "Caf\\u00e9 and a tab:\\there."
        """)
    game = load_game(folder).game
    fast = [(d.code, d.pos.line, d.message) for d in text_warnings(game, folder)]
    monkeypatch.setattr(fonts.FallbackChain, "first_draws", lambda self, text: False)
    slow = [(d.code, d.pos.line, d.message) for d in text_warnings(game, folder)]
    assert fast == slow
    assert [code for code, _, _ in fast] == ["VN108", "VN108", "VN109", "VN110"]


def test_the_engine_font_draws_all_of_printable_ascii(theme):
    from vn.ui.textcheck import VISIBLE_ASCII
    assert theme.text_chain().first_draws(VISIBLE_ASCII)
    assert not theme.text_chain().first_draws(VISIBLE_ASCII + "\U0010FFFD")
