"""What self-voicing reads on the game screen: the line being read (speaker, then text),
the highlighted option of a choice (or, before one is highlighted, the question and every
option), the ending card. Nothing while skipping (lines pass a frame each) or while the
interface is hidden.
"""
from __future__ import annotations

from ...runtime.events import Line
from .waits import CHOOSING, ENDING, READING


def line_words(line: Line | None) -> str | None:
    """A line as said aloud: the speaker's name, then the text (already plain and interpolated)."""
    if line is None or not line.text.strip():
        return None
    return f"{line.name}: {line.text}" if line.name else line.text


def game_focus(game) -> str | None:
    if game.modes.skipping or game.ui_hidden:
        return None
    if game.waiting == CHOOSING and game.choices.showing:
        return choice_words(game)
    if game.waiting == READING:
        return line_words(game.dialogue.line)
    if game.waiting == ENDING and game.ending_card.showing:
        return game.ending_card.spoken
    return None


def choice_words(game) -> str:
    menu = game.choices
    options = menu.visible
    column = menu.column
    focus = column.focus
    if focus is None:      # the keyboard has not moved yet: the option under the mouse, if any
        focus = next((n for n, button in enumerate(column.buttons) if button.hovered and button.visible), None)
    if focus is not None and focus < len(options):
        return f"{options[focus].text}, option {focus + 1} of {len(options)}"
    if menu.nav is not None and menu.nav.focus is not None:
        return menu.nav.entries[menu.nav.focus].text.strip("\u2039\u203a ") + ", button"
    beat = getattr(game.rollback, "current", None)
    asked = line_words(getattr(getattr(beat, "event", None), "prompt", None))    # the menu's own question
    listed = "; ".join(f"{n}: {option.text}" for n, option in enumerate(options, 1))
    return ". ".join(part for part in (asked, f"Choose: {listed}") if part)
