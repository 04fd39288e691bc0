"""The help screen (F1 anywhere, or Help in the menus): every key, the mouse and the
controller, printed from the key map the game itself reads (input/keymap.py), so the help
cannot say one thing while the game does another.

Up and Down move a highlight over the table a row at a time (self-voicing reads that row),
the wheel and Page Up / Page Down scroll, Esc, F1 or Back close it.
"""
from __future__ import annotations

from dataclasses import dataclass

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from ..display import LOGICAL_SIZE
from ..input import keymap
from ..screen import Screen
from ..text_layout import line_height, wrap
from ..widgets.decor import paint_kicker, paint_panel, paint_veil

PANEL = pygame.Rect(40, 24, LOGICAL_SIZE[0] - 80, LOGICAL_SIZE[1] - 48)
TABLE = pygame.Rect(PANEL.x + 36, PANEL.y + 122, PANEL.width - 72, PANEL.height - 122 - 52)
# (heading, share of the table's width) of each column
COLUMNS = (("", 0.34), ("Keyboard", 0.27), ("Mouse", 0.16), ("Controller", 0.23))
CELL_GAP, ROW_GAP, SECTION_GAP = 16, 7, 16
WHEEL_ROWS = 3


@dataclass
class Item:
    """One row of the table (or a section's heading), placed on the tall page."""
    y: int
    height: int
    words: str          # what self-voicing says for it


class HelpScreen(Screen):
    overlay = True
    is_help = True       # F1 closes the help instead of opening a second one
    spoken_title = "Help: keys, mouse and controller. Up and Down read the rows; Escape closes"

    def __init__(self, app):
        super().__init__(app)
        self._veil = paint_veil(self.theme)
        self._panel = paint_panel(self.theme, PANEL.size, opaque=True)
        self._kicker = paint_kicker(self.theme, "Help")
        self._heading = self.theme.font("screen.heading").render("Keys, mouse and controller", True,
                                                                  self.theme.colour("screen.heading"))
        pads = len(app.controllers.pads)
        hint = ("\u2191 \u2193 a row \u00b7 wheel or Page Up / Page Down to scroll \u00b7 Esc or F1 to close \u00b7 "
                + (f"{pads} controller{'s' if pads != 1 else ''} connected" if pads else "no controller connected"))
        self._hint = self.theme.font("screen.hint").render(hint, True, self.theme.colour("screen.hint"))
        self.items: list[Item] = []
        self.page = self._paint_page()
        self.offset = 0
        self.focus: int | None = None
        self.back_button = self.own(UIButton(pygame.Rect(PANEL.right - 36 - 130, PANEL.y + 34, 130, 46), "Back",
                                             manager=self.ui, object_id="#panel_button"))

    # -- the page ----------------------------------------------------------------------------
    def _paint_page(self) -> pygame.Surface:
        body, hint = self.theme.font("screen.body", 18), self.theme.font("screen.hint", 16)
        kicker_font = self.theme.font("title.kicker")
        ink, soft = self.theme.colour("screen.body"), self.theme.colour("screen.hint")
        accent = self.theme.colour("title.kicker")
        widths = [round(TABLE.width * share) - CELL_GAP for _, share in COLUMNS]
        lefts = [sum(round(TABLE.width * share) for _, share in COLUMNS[:n]) for n in range(len(COLUMNS))]
        placed: list[tuple[pygame.Surface, tuple[int, int]]] = []
        y = 0
        step = line_height(body)
        for where in (keymap.PLAY, keymap.MENUS, keymap.ANYWHERE):
            if y:
                y += SECTION_GAP
            heading = [kicker_font.render(where.upper(), True, accent)]
            heading += [hint.render(name, True, soft) for name, _ in COLUMNS[1:]]
            for n, surface in enumerate(heading):
                placed.append((surface, (lefts[n], y + 4)))
            self.items.append(Item(y, 30, where))
            y += 30 + ROW_GAP
            for binding in keymap.bindings(where):
                cells = [binding.does, keymap.keys_text(binding), binding.mouse, keymap.pad_text(binding)]
                rows = [wrap(body, text, widths[n]) if text else [] for n, text in enumerate(cells)]
                for n, cell in enumerate(rows):
                    for r, text in enumerate(cell):
                        placed.append((body.render(text, True, ink if n < 2 else soft), (lefts[n], y + r * step)))
                height = max(1, *(len(cell) for cell in rows)) * step
                said = [binding.does] + [f"{name}: {text}" for (name, _), text in zip(COLUMNS[1:], cells[1:]) if text]
                self.items.append(Item(y, height, ", ".join(said)))
                y += height + ROW_GAP
        page = pygame.Surface((TABLE.width, max(y - ROW_GAP, 1)), pygame.SRCALPHA)
        for surface, pos in placed:
            page.blit(surface, pos)
        return page

    @property
    def most_offset(self) -> int:
        return max(0, self.page.get_height() - TABLE.height)

    def scroll_to(self, offset: int) -> None:
        self.offset = max(0, min(self.most_offset, offset))

    def move_focus(self, step: int) -> None:
        if self.focus is None:
            self.focus = 0 if step > 0 else len(self.items) - 1
        else:
            self.focus = max(0, min(len(self.items) - 1, self.focus + step))
        item = self.items[self.focus]
        if item.y < self.offset:
            self.scroll_to(item.y)
        elif item.y + item.height > self.offset + TABLE.height:
            self.scroll_to(item.y + item.height - TABLE.height)

    def spoken_focus(self) -> str | None:
        return self.items[self.focus].words if self.focus is not None else super().spoken_focus()

    # -- the contract ------------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            self.scroll_to(self.offset - event.y * WHEEL_ROWS * line_height(self.theme.font("screen.body", 18)))
            return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.back_button:
            self.app.pop()
            return True
        if event.type != pygame.KEYDOWN:
            return False
        if event.key == keymap.key_for("back"):
            self.app.pop()
        elif event.key in (keymap.key_for("up"), keymap.key_for("down")):
            self.move_focus(1 if event.key == keymap.key_for("down") else -1)
        elif event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            page = TABLE.height * 9 // 10
            self.scroll_to(self.offset + (page if event.key == pygame.K_PAGEDOWN else -page))
        elif event.key in (pygame.K_HOME, pygame.K_END):
            self.scroll_to(0 if event.key == pygame.K_HOME else self.most_offset)
        else:
            return False
        return True

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self._veil, (0, 0))
        surface.blit(self._panel, PANEL)
        surface.blit(self._kicker, (PANEL.x + 36, PANEL.y + 34))
        surface.blit(self._heading, (PANEL.x + 36, PANEL.y + 40 + self._kicker.get_height()))
        if self.focus is not None:
            item = self.items[self.focus]
            band = pygame.Rect(TABLE.x - 8, TABLE.y + item.y - self.offset - 3, TABLE.width + 16, item.height + 6)
            clipped = band.clip(TABLE.inflate(16, 8))
            ring = pygame.Surface(clipped.size, pygame.SRCALPHA)    # the theme's colours are see-through
            pygame.draw.rect(ring, self.theme.colour("screen.panel", "focus"), ring.get_rect(), border_radius=8)
            pygame.draw.rect(ring, self.theme.colour("title.kicker"), ring.get_rect(), 2, border_radius=8)
            surface.blit(ring, clipped)
        surface.blit(self.page, TABLE.topleft, pygame.Rect(0, self.offset, TABLE.width, TABLE.height))
        surface.blit(self._hint, (PANEL.centerx - self._hint.get_width() // 2, PANEL.bottom - 38))
