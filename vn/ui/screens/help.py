"""The help screen (F1 anywhere, or Help in the menus): every key, the mouse and the
controller, printed from the key map the game itself reads (input/keymap.py), so the help
cannot say one thing while the game does another.

The table is laid out from the theme's fonts, so it follows the text size, the font and the
line spacing: four columns while each cell fits in a couple of rows, else (at large sizes)
what a binding does on the left and its keys, mouse and controller stacked on the right.
Up and Down move the focus over the table a row at a time (self-voicing reads that row),
Tab and Shift+Tab reach Back, the wheel and Page Up / Page Down scroll, Esc, F1 or Back close.
"""
from __future__ import annotations

from dataclasses import dataclass

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from ..display import LOGICAL_SIZE
from ..input import keymap
from ..readability import scaled_size
from ..screen import Screen
from ..text_layout import line_height, wrap
from ..widgets.decor import paint_kicker, paint_panel, paint_veil
from ..widgets.focus import FocusCycle
from ..widgets.sizing import button_size

PANEL = pygame.Rect(40, 24, LOGICAL_SIZE[0] - 80, LOGICAL_SIZE[1] - 48)
INSET = 36
BODY_SIZE = 18          # the table's text at 100 %
# (heading, share of the table's width) of each column
COLUMNS = (("", 0.34), ("Keyboard", 0.27), ("Mouse", 0.16), ("Controller", 0.23))
STACKED = (0.38, 0.62)  # what it does | keys, mouse and controller, one under another
TABLE_ROWS = 5          # the fewest rows of text the table shows before the heading makes way
MOST_CELL_ROWS = 2      # a cell needing more rows than this in four columns: the table stacks
CELL_GAP, ROW_GAP, SECTION_GAP = 16, 12, 16    # a row's gap leaves room for the ring round its neighbour
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
        theme = self.theme
        self._veil = paint_veil(theme)
        self._panel = paint_panel(theme, PANEL.size, opaque=True)
        self._kicker = paint_kicker(theme, "Help")
        back_size = button_size(theme, "#panel_button", ("Back",), 130, 46)
        self.back_button = self.own(UIButton(pygame.Rect((PANEL.right - INSET - back_size[0], PANEL.y + 34),
                                                         back_size), "Back", manager=self.ui,
                                             object_id="#panel_button"))
        self._heading = self._paint_heading(self.back_button.rect.left - 16 - (PANEL.x + INSET))
        pads = len(app.controllers.pads)
        connected = f"{pads} controller{'s' if pads != 1 else ''} connected" if pads else "no controller connected"
        # at a large text size the key hint is shorter, for the table's room
        hint = (f"\u2191 \u2193 \u00b7 Esc closes \u00b7 {connected}" if theme.scale > 1.25 else
                "\u2191 \u2193 a row \u00b7 Tab: Back \u00b7 wheel or Page Up / Page Down to scroll \u00b7 "
                f"Esc or F1 to close \u00b7 {connected}")
        hint_font = theme.font("screen.hint")
        self._hint = [hint_font.render(row, True, theme.colour("screen.hint"))
                      for row in wrap(hint_font, hint, PANEL.width - 2 * INSET)]
        self.hint_top = PANEL.bottom - 14 - sum(row.get_height() for row in self._hint)
        self.body = theme.font("screen.body", scaled_size(BODY_SIZE, theme.scale))
        self.body_step = line_height(self.body, theme.readability.line_spacing)
        self._place_table()
        if self.table_rect.height < TABLE_ROWS * self.body_step:
            # the largest text: the heading joins the kicker, for the table's room
            self._kicker = paint_kicker(theme, "Help: keys, mouse and controller")
            self._heading = []
            self._place_table()
        self.items: list[Item] = []
        self.cells: list[pygame.Rect] = []      # every piece of text on the page, in page coordinates
        self.page = self._paint_page()
        self.offset = 0
        self.focus: int | None = None           # the table row with the focus
        self.cycle = FocusCycle([("back", self.back_button)])

    def _place_table(self) -> None:
        self.heading_bottom = PANEL.y + 40 + self._kicker.get_height() + sum(h.get_height() for h in self._heading)
        top = max(self.heading_bottom + 20, self.back_button.rect.bottom + 16)
        self.table_rect = pygame.Rect(PANEL.x + INSET, top, PANEL.width - 2 * INSET, self.hint_top - 12 - top)

    def _paint_heading(self, room: int) -> list[pygame.Surface]:
        """The heading in one row beside Back: smaller, down to the body's size, when the text
        size makes it wider than the room; wrapped only past that."""
        text, colour = "Keys, mouse and controller", self.theme.colour("screen.heading")
        size = self.theme.font_size("screen.heading")
        smallest = min(size, self.theme.font_size("screen.body"))
        while size > smallest and self.theme.font("screen.heading", size).size(text)[0] > room:
            size -= 2
        font = self.theme.font("screen.heading", size)
        return [font.render(row, True, colour) for row in wrap(font, text, room)]

    # -- the page ----------------------------------------------------------------------------
    def _paint_page(self) -> pygame.Surface:
        theme = self.theme
        body, hint = self.body, theme.font("screen.hint")
        kicker_font = theme.font("title.kicker")
        ink, soft = theme.colour("screen.body"), theme.colour("screen.hint")
        accent = theme.colour("title.kicker")
        step = self.body_step
        table = self.table_rect.width
        rows_of = [(b, [b.does, keymap.keys_text(b), b.mouse, keymap.pad_text(b)])
                   for where in (keymap.PLAY, keymap.MENUS, keymap.ANYWHERE) for b in keymap.bindings(where)]
        widths = [round(table * share) - CELL_GAP for _, share in COLUMNS]
        self.stacked = any(len(wrap(body, text, widths[n])) > MOST_CELL_ROWS
                           for _, cells in rows_of for n, text in enumerate(cells) if text)
        shares = STACKED if self.stacked else [share for _, share in COLUMNS]
        widths = [round(table * share) - CELL_GAP for share in shares]
        lefts = [sum(round(table * share) for share in shares[:n]) for n in range(len(shares))]
        placed: list[tuple[pygame.Surface, tuple[int, int]]] = []
        y = 0
        for where in (keymap.PLAY, keymap.MENUS, keymap.ANYWHERE):
            if y:
                y += SECTION_GAP
            heading = [kicker_font.render(where.upper(), True, accent)]
            if not self.stacked:
                heading += [hint.render(name, True, soft) for name, _ in COLUMNS[1:]]
            height = max(s.get_height() for s in heading) + 8
            for n, surface in enumerate(heading):
                placed.append((surface, (lefts[n], y + 4)))
            self.items.append(Item(y, height, where))
            y += height + ROW_GAP
            for binding in keymap.bindings(where):
                cells = [binding.does, keymap.keys_text(binding), binding.mouse, keymap.pad_text(binding)]
                if self.stacked:
                    told = [f"{name}: {text}" for (name, _), text in zip(COLUMNS[1:], cells[1:]) if text]
                    columns = [wrap(body, cells[0], widths[0]),
                               [row for text in told for row in wrap(body, text, widths[1])]]
                else:
                    columns = [wrap(body, text, widths[n]) if text else [] for n, text in enumerate(cells)]
                for n, cell in enumerate(columns):
                    colour = ink if n < 2 or self.stacked else soft
                    for r, text in enumerate(cell):
                        placed.append((body.render(text, True, colour), (lefts[n], y + r * step)))
                height = (max(1, *(len(cell) for cell in columns)) - 1) * step + body.get_height()
                said = [binding.does] + [f"{name}: {text}" for (name, _), text in zip(COLUMNS[1:], cells[1:]) if text]
                self.items.append(Item(y, height, ", ".join(said)))
                y += height + ROW_GAP
        page = pygame.Surface((table, max(y - ROW_GAP, 1)), pygame.SRCALPHA)
        for surface, pos in placed:
            page.blit(surface, pos)
            self.cells.append(surface.get_rect(topleft=pos))
        return page

    @property
    def most_offset(self) -> int:
        return max(0, self.page.get_height() - self.table_rect.height)

    def scroll_to(self, offset: int) -> None:
        self.offset = max(0, min(self.most_offset, offset))

    def move_focus(self, step: int) -> None:
        self.cycle.clear()
        if self.focus is None:
            self.focus = 0 if step > 0 else len(self.items) - 1
        else:
            self.focus = max(0, min(len(self.items) - 1, self.focus + step))
        self._show_focus()

    def _show_focus(self) -> None:
        item = self.items[self.focus]
        if item.y < self.offset:
            self.scroll_to(item.y)
        elif item.y + item.height > self.offset + self.table_rect.height:
            self.scroll_to(item.y + item.height - self.table_rect.height)

    def _row_band(self) -> pygame.Rect | None:
        if self.focus is None:
            return None
        item = self.items[self.focus]
        band = pygame.Rect(self.table_rect.x - 4, self.table_rect.y + item.y - self.offset,
                           self.table_rect.width + 8, item.height)
        return band.clip(self.table_rect.inflate(8, 0))

    def focus_rect(self):
        if self.cycle.key is not None:
            return self.cycle.rect()
        return self._row_band()

    def spoken_focus(self) -> str | None:
        if self.cycle.key is None and self.focus is not None:
            return self.items[self.focus].words
        return super().spoken_focus()

    def carry_over(self, old: "HelpScreen") -> None:
        """Laid out again (a new text size): on the same row, or on Back."""
        if old.cycle.key is not None:
            self.cycle.focus_on(old.cycle.key)
        elif old.focus is not None:
            self.focus = min(old.focus, len(self.items) - 1)
            self._show_focus()

    # -- the contract ------------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            self.scroll_to(self.offset - event.y * WHEEL_ROWS * self.body_step)
            return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.back_button:
            self.app.pop()
            return True
        if event.type != pygame.KEYDOWN:
            return False
        if self.cycle.handle_tab(event):
            self.focus = None
            return True
        if self.cycle.activated(event) == "back" or event.key == keymap.key_for("back"):
            self.app.pop()
        elif event.key in (keymap.key_for("up"), keymap.key_for("down")):
            self.move_focus(1 if event.key == keymap.key_for("down") else -1)
        elif event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            page = self.table_rect.height * 9 // 10
            self.scroll_to(self.offset + (page if event.key == pygame.K_PAGEDOWN else -page))
        elif event.key in (pygame.K_HOME, pygame.K_END):
            self.scroll_to(0 if event.key == pygame.K_HOME else self.most_offset)
        else:
            return False
        return True

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self._veil, (0, 0))
        surface.blit(self._panel, PANEL)
        surface.blit(self._kicker, (PANEL.x + INSET, PANEL.y + 34))
        y = PANEL.y + 40 + self._kicker.get_height()
        for row in self._heading:
            surface.blit(row, (PANEL.x + INSET, y))
            y += row.get_height()
        band = self._row_band()
        if band is not None and self.cycle.key is None:
            tint = pygame.Surface(band.size, pygame.SRCALPHA)    # the ring (the app's) goes round it
            pygame.draw.rect(tint, self.theme.colour("screen.panel", "focus"), tint.get_rect(), border_radius=4)
            surface.blit(tint, band)
        table = self.table_rect
        surface.blit(self.page, table.topleft, pygame.Rect(0, self.offset, table.width, table.height))
        y = self.hint_top
        for row in self._hint:
            surface.blit(row, (PANEL.centerx - row.get_width() // 2, y))
            y += row.get_height()
