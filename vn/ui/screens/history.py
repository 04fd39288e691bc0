"""The history screen: the lines shown so far, each with its speaker (and, with sound
captions on, the captions heard between them, in brackets), in a pygame_gui text box that scrolls (mouse wheel, arrows, PageUp/PageDown, Home/End). It opens at the
newest line. Esc or L closes it.
"""
from __future__ import annotations

from html import escape

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextBox

from ...runtime.events import Line
from ..widgets.decor import paint_kicker, paint_panel, paint_veil
from ..display import LOGICAL_SIZE
from ..screen import Screen
from ..styled_text import styled, styled_html
from ..text_layout import typographic
from ..fonts import drawable

SHOWN = 250                 # the most recent lines listed
PANEL = pygame.Rect(150, 30, LOGICAL_SIZE[0] - 300, LOGICAL_SIZE[1] - 60)
BOX = pygame.Rect(PANEL.x + 32, PANEL.y + 116, PANEL.width - 64, PANEL.height - 116 - 64)
GAP_SIZE = 9               # pixels of the empty row between two entries
FONT_SIZE = 19             # the #history_box font's size in the theme
ARROW_STEP, WHEEL_STEP = 0.04, 0.06     # of the whole length, per press


def history_html(lines: list[Line | str], speaker_colours: dict[str, str], speech_colour: str, narration_colour: str,
                 quote_speech: bool = True) -> str:
    """The lines as pygame_gui's HTML subset: a spoken line is the speaker's name in its plate
    colour, then the words; narration stands alone in a softer colour."""
    parts = []
    for line in lines:
        if isinstance(line, str):     # a sound caption, "[ears ringing]"
            parts.append(f"<font color='{narration_colour}'><i>{escape(drawable(line, keep_newlines=False))}</i></font>")
            continue
        if line.markup:
            words = styled_html(styled(line.markup, keep_newlines=False, quotes=bool(line.name) and quote_speech))
        else:
            text = typographic(drawable(line.text, keep_newlines=False))
            if line.name and quote_speech and not text.startswith("\u201c"):
                text = f"\u201c{text}\u201d"
            words = escape(text)
        if line.name:
            colour = speaker_colours.get(line.speaker, "#d4a25e")
            parts.append(f"<font color='{colour}'><b>{escape(drawable(line.name, keep_newlines=False).upper())}</b></font>&nbsp;&nbsp;&nbsp;"
                         f"<font color='{speech_colour}'>{words}</font>")
        else:
            parts.append(f"<font color='{narration_colour}'>{words}</font>")
    # a short gap between entries: an empty row in a small size
    return f"<br><font pixel_size={GAP_SIZE}><br></font>".join(parts)


class HistoryScreen(Screen):
    overlay = True
    spoken_title = "History: what was said"

    def __init__(self, app, lines: list[Line | str]):
        super().__init__(app)
        self.lines = lines[-SHOWN:]
        self._veil = paint_veil(self.theme)
        self._panel = paint_panel(self.theme, PANEL.size, opaque=True)
        self._kicker = paint_kicker(self.theme, "History")
        self._heading = self.theme.font("screen.heading").render(
            "What was said", True, self.theme.colour("screen.heading"))
        self._hint = self.theme.font("screen.hint").render(
            "Wheel, arrows or PageUp/PageDown to scroll \u00b7 Esc or L to close", True,
            self.theme.colour("screen.hint"))
        colours = {speaker: _hex(self.theme.colour(f"dialogue.speaker.{speaker}", "dark_bg"))
                   for speaker in {getattr(line, "speaker", None) for line in self.lines} if speaker}
        narration = _hex(self.theme.colour("history.narration"))
        html = history_html(self.lines, colours, _hex(self.theme.colour("history.speech")), narration,
                            self.theme.misc("dialogue.text", "quote_speech", False)) if self.lines else \
            f"<font color='{narration}'><i>Nothing has been said yet.</i></font>"
        # the faces the box uses beyond its own, loaded now rather than found missing mid-layout
        fonts = self.ui.get_theme().get_font_dictionary()
        missing = [(size, style) for size, style in ((FONT_SIZE, "bold"), (FONT_SIZE, "italic"), (GAP_SIZE, "regular"))
                   if not fonts.check_font_preloaded(
                       fonts.create_font_id(size, "noto_sans", style == "bold", style == "italic"))]
        if missing:
            self.ui.preload_fonts([{"name": "noto_sans", "point_size": size, "style": style}
                                   for size, style in missing])
        self.text_box = self.own(UITextBox(html, BOX, manager=self.ui, object_id="#history_box"))
        self.back_button = self.own(UIButton(pygame.Rect(PANEL.right - 40 - 130, PANEL.y + 36, 130, 46), "Back",
                                             manager=self.ui, object_id="#panel_button"))
        self.scroll_to(1.0)

    # -- scrolling -----------------------------------------------------------------------
    @property
    def scroll_bar(self):
        return self.text_box.scroll_bar

    @property
    def scroll_position(self) -> float:
        """How far down the list is scrolled: 0 at the oldest line, 1 at the newest."""
        bar = self.scroll_bar
        if bar is None:
            return 1.0
        room = 1.0 - bar.visible_percentage
        return 1.0 if room <= 0 else min(1.0, bar.start_percentage / room)

    def scroll_to(self, position: float) -> None:
        bar = self.scroll_bar
        if bar is not None:
            bar.set_scroll_from_start_percentage(max(0.0, min(1.0, position)) * (1.0 - bar.visible_percentage))

    def scroll_by(self, amount: float) -> None:
        bar = self.scroll_bar
        if bar is not None:
            bar.set_scroll_from_start_percentage(bar.start_percentage + amount)

    # -- the contract ---------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            # pygame_gui scrolls the box itself when the pointer is over it; anywhere else, so do we
            self.scroll_by(-event.y * WHEEL_STEP)
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == pygame.BUTTON_RIGHT:
            self.app.pop()
            return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.back_button:
            self.app.pop()
            return True
        if event.type != pygame.KEYDOWN:
            return False
        page = self.scroll_bar.visible_percentage if self.scroll_bar is not None else 1.0
        steps = {pygame.K_UP: -ARROW_STEP, pygame.K_DOWN: ARROW_STEP, pygame.K_PAGEUP: -page * 0.9,
                 pygame.K_PAGEDOWN: page * 0.9}
        if event.key in (pygame.K_ESCAPE, pygame.K_l):
            self.app.pop()
        elif event.key in steps:
            self.scroll_by(steps[event.key])
        elif event.key == pygame.K_HOME:
            self.scroll_to(0.0)
        elif event.key == pygame.K_END:
            self.scroll_to(1.0)
        else:
            return False
        return True

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self._veil, (0, 0))
        surface.blit(self._panel, PANEL)
        surface.blit(self._kicker, (PANEL.x + 40, PANEL.y + 36))
        surface.blit(self._heading, (PANEL.x + 40, PANEL.y + 42 + self._kicker.get_height()))
        surface.blit(self._hint, (PANEL.centerx - self._hint.get_width() // 2, PANEL.bottom - 42))


def _hex(colour: pygame.Color) -> str:
    return f"#{colour.r:02x}{colour.g:02x}{colour.b:02x}"
