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
from ..widgets.sizing import button_size
from ..widgets.decor import paint_kicker, paint_panel, paint_veil
from ..widgets.focus import FocusCycle
from ..display import LOGICAL_SIZE
from ..screen import Screen
from ..styled_text import styled, styled_html
from ..text_layout import typographic, wrap
from ..fonts import drawable

SHOWN = 250                 # the most recent lines listed
PANEL = pygame.Rect(150, 30, LOGICAL_SIZE[0] - 300, LOGICAL_SIZE[1] - 60)
GAP_SIZE = 9               # pixels of the empty row between two entries
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
        hint_font = self.theme.font("screen.hint")
        # at a large text size the key hint is shorter, for the lines' room
        hint = "Wheel, arrows, PageUp/PageDown \u00b7 Esc, L" if self.theme.scale > 1.25 else \
            "Wheel, arrows or PageUp/PageDown to scroll \u00b7 Tab, Enter: Back \u00b7 Esc or L to close"
        self._hint = [hint_font.render(row, True, self.theme.colour("screen.hint"))
                      for row in wrap(hint_font, hint, PANEL.width - 80)]
        back_size = button_size(self.theme, "#panel_button", ("Back",), 130, 46)
        top = max(116, 42 + self._kicker.get_height() + self._heading.get_height() + 16, 36 + back_size[1] + 16)
        hint_height = sum(row.get_height() for row in self._hint)
        self.box_rect = pygame.Rect(PANEL.x + 32, PANEL.y + top, PANEL.width - 64,
                                    PANEL.height - top - max(64, hint_height + 34))
        colours = {speaker: _hex(self.theme.colour(f"dialogue.speaker.{speaker}", "dark_bg"))
                   for speaker in {getattr(line, "speaker", None) for line in self.lines} if speaker}
        narration = _hex(self.theme.colour("history.narration"))
        html = history_html(self.lines, colours, _hex(self.theme.colour("history.speech")), narration,
                            self.theme.misc("dialogue.text", "quote_speech", False)) if self.lines else \
            f"<font color='{narration}'><i>Nothing has been said yet.</i></font>"
        # the faces the box uses beyond its own, loaded now rather than found missing mid-layout
        self._preload_fonts()
        self.text_box = self.own(UITextBox(html, self.box_rect, manager=self.ui, object_id="#history_box"))
        self.back_button = self.own(UIButton(pygame.Rect((PANEL.right - 40 - back_size[0], PANEL.y + 36), back_size),
                                             "Back", manager=self.ui, object_id="#panel_button"))
        self.focus = FocusCycle([("back", self.back_button)])
        self.scroll_to(1.0)

    def _preload_fonts(self) -> None:
        """The faces the box uses beyond its own, loaded now rather than found missing mid-layout
        (in the box's font and size, which follow the player's text scale and font)."""
        font = self.theme.gui_data.get("#history_box", {}).get("font", {})
        name, size = str(font.get("name", "noto_sans")), int(float(font.get("size", 19)))
        fonts = self.ui.get_theme().get_font_dictionary()
        missing = [(size, style) for size, style in ((size, "bold"), (size, "italic"), (GAP_SIZE, "regular"))
                   if not fonts.check_font_preloaded(
                       fonts.create_font_id(size, name, style == "bold", style == "italic"))]
        if missing:
            self.ui.preload_fonts([{"name": name, "point_size": size, "style": style} for size, style in missing])

    def focus_rect(self):
        return self.focus.rect()

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
        if self.focus.handle_tab(event):
            return True
        if self.focus.activated(event) == "back":
            self.app.pop()
            return True
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
        y = PANEL.bottom - 18 - sum(row.get_height() for row in self._hint)
        for row in self._hint:
            surface.blit(row, (PANEL.centerx - row.get_width() // 2, y))
            y += row.get_height()


def _hex(colour: pygame.Color) -> str:
    return f"#{colour.r:02x}{colour.g:02x}{colour.b:02x}"
