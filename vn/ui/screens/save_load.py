"""The save/load screen: pages of slot cards, the quicksave and autosaves on a page of
their own, in save mode (from the in-game menu) or load mode (from the title or the
menu).

Each card is painted by `slot_card.py`; over it lies a clear pygame_gui button that
hovers, focuses and takes the click, and a filled slot has a small Delete button.
Overwriting and deleting ask first. Only the six slots of the page on show are read,
so a damaged file costs its own card nothing more than a "Refused" and the reason.

Keys: arrows move between cards, Enter picks, Delete deletes, PageUp/PageDown or
Q/E turn pages, Esc goes back.
"""
from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from ...save.slots import AUTOSAVES
from ..play import saving
from ..widgets.sizing import button_size
from ..widgets.decor import paint_kicker, paint_panel, paint_veil
from ..widgets.focus import FocusCycle
from ..text_layout import wrap
from ..display import LOGICAL_SIZE
from ..screen import Screen
from ..widgets.slot_card import CARD_SIZE, COMPACT_ABOVE, PAD, THUMB, SlotCard

SAVE, LOAD = "save", "load"
PAGES = 4                       # numbered pages, of COLUMNS x ROWS slots each
COLUMNS, ROWS = 2, 3
PER_PAGE = COLUMNS * ROWS
AUTO_PAGE = 0                   # the quicksave and the autosaves
PANEL = pygame.Rect(60, 26, LOGICAL_SIZE[0] - 120, LOGICAL_SIZE[1] - 52)
GRID_TOP = PANEL.y + 168
GAP = (20, 14)
DELETE_SIZE = (28, 28)          # a round "×" on the picture's top right corner


def page_slots(page: int) -> list[str]:
    if page == AUTO_PAGE:
        return ["quick"] + [f"auto-{n}" for n in range(1, AUTOSAVES + 1)]
    first = (page - 1) * PER_PAGE + 1
    return [str(n) for n in range(first, first + PER_PAGE)]


def page_of(slot: str) -> int:
    return AUTO_PAGE if not slot.isdigit() else (int(slot) - 1) // PER_PAGE + 1


class SaveLoadScreen(Screen):
    overlay = True

    def __init__(self, app, mode: str, game=None):
        super().__init__(app)
        self.mode = mode if game is not None else LOAD
        self.game = game
        self.spoken_title = "Save the story" if self.mode == SAVE else "Load a story"
        self.store = app.saves
        self._veil = paint_veil(self.theme)
        self._panel = paint_panel(self.theme, PANEL.size, opaque=True)
        # at a large text size the heading says it alone, and the key hint is shorter, for the cards' room
        compact = self.theme.scale > COMPACT_ABOVE
        self._kicker = paint_kicker(self.theme, "Saves") if not compact else pygame.Surface((1, 0))
        heading_font, heading_colour = self.theme.font("screen.heading"), self.theme.colour("screen.heading")
        self._headings = {SAVE: heading_font.render("Save the story", True, heading_colour),
                          LOAD: heading_font.render("Load a story", True, heading_colour)}
        hint_font = self.theme.font("screen.hint")
        self._hint = [hint_font.render(row, True, self.theme.colour("screen.hint")) for row in wrap(
            hint_font, "Arrows, Tab \u00b7 Enter \u00b7 Delete \u00b7 PageUp/PageDown \u00b7 Esc" if compact else
            "Arrows move \u00b7 Tab goes round \u00b7 Enter picks \u00b7 Delete removes \u00b7 "
            "PageUp/PageDown turn pages \u00b7 Esc goes back", PANEL.width - 80)]
        back = button_size(self.theme, "#panel_button", ("Back",), 130, 46)
        self.back_button = self.own(UIButton(pygame.Rect((PANEL.right - 56 - back[0], PANEL.y + 40), back), "Back",
                                             manager=self.ui, object_id="#panel_button"))
        self.mode_tabs: dict[str, UIButton] = {}
        if game is not None:
            tab = button_size(self.theme, "#tab_on", ("Save", "Load"), 108, back[1], pad=(24, 12))
            for n, (key, text) in enumerate(((SAVE, "Save"), (LOAD, "Load"))):
                rect = pygame.Rect(PANEL.right - 56 - back[0] - 24 - 2 * (tab[0] + 4) + n * (tab[0] + 4),
                                   PANEL.y + 40, tab[0], back[1])
                self.mode_tabs[key] = self.own(UIButton(rect, text, manager=self.ui, object_id="#tab_button"))
        self.page_tabs: list[UIButton] = []
        x = PANEL.x + 40
        tabs_top = max(PANEL.y + 112, PANEL.y + 42 + self._kicker.get_height()
                       + self._headings[LOAD].get_height() + 10, PANEL.y + 40 + back[1] + 10)
        for page in range(PAGES + 1):
            text = "Quick & auto" if page == AUTO_PAGE else str(page)
            width, height = button_size(self.theme, "#tab_on", (text,), 150 if page == AUTO_PAGE else 52, 40,
                                        pad=(24, 10))
            self.page_tabs.append(self.own(UIButton(pygame.Rect(x, tabs_top, width, height), text,
                                                    manager=self.ui, object_id="#tab_button")))
            x += width + 8
        self.grid_top = max(GRID_TOP, tabs_top + height + 16)
        # a heading wider than the room left of the tabs (the largest text) is drawn smaller
        room_left = min(b.rect.left for b in (self.back_button, *self.mode_tabs.values())) - 16 - PANEL.x - 40
        for mode, heading in self._headings.items():
            if heading.get_width() > room_left:
                self._headings[mode] = pygame.transform.smoothscale_by(heading, room_left / heading.get_width())
        room = PANEL.bottom - 22 - sum(row.get_height() for row in self._hint) - 12 - self.grid_top
        self.card_size = (CARD_SIZE[0], min(CARD_SIZE[1], (room - (ROWS - 1) * GAP[1]) // ROWS))
        self.cycle = FocusCycle()
        self.cards: list[SlotCard] = []
        self.card_buttons: list[UIButton] = []
        self.delete_buttons: dict[str, UIButton] = {}
        self._page_elements: list = []
        self.focus: int | None = None
        self.page = self._first_page()
        self._build_page()

    def _first_page(self) -> int:
        if self.mode == SAVE:
            return 1
        newest = self.store.newest()
        return page_of(newest.slot) if newest is not None else 1

    # -- the page on show ------------------------------------------------------------------
    def card_rect(self, index: int) -> pygame.Rect:
        column, row = index % COLUMNS, index // COLUMNS
        left = PANEL.x + (PANEL.width - COLUMNS * CARD_SIZE[0] - (COLUMNS - 1) * GAP[0]) // 2
        return pygame.Rect(left + column * (CARD_SIZE[0] + GAP[0]), self.grid_top + row * (self.card_size[1] + GAP[1]),
                           *self.card_size)

    def _build_page(self) -> None:
        for element in self._page_elements:
            element.kill()
            self._elements.remove(element)
        self._page_elements.clear()
        self.cards, self.card_buttons, self.delete_buttons = [], [], {}
        action = "Click to save here" if self.mode == SAVE else ""
        for index, slot in enumerate(page_slots(self.page)):
            exists = self.store.path(slot).exists()
            card = SlotCard(self.theme, slot, self.store.info(slot) if exists else None, action, self.card_size)
            self.cards.append(card)
            rect = self.card_rect(index)
            button = self._own_page(UIButton(rect, "", manager=self.ui, object_id="#slot_card"))
            if (self.mode == LOAD and card.empty) or (self.mode == SAVE and self.page == AUTO_PAGE):
                button.disable()
            self.card_buttons.append(button)
            if not card.empty:
                delete = pygame.Rect((rect.x + PAD + THUMB[0] - 6 - DELETE_SIZE[0], rect.y + PAD + 6), DELETE_SIZE)
                self.delete_buttons[slot] = self._own_page(UIButton(
                    delete, "\u00d7", manager=self.ui, object_id="#slot_delete", starting_height=2,
                    tool_tip_text="Delete this save"))
        for page, tab in enumerate(self.page_tabs):
            tab.change_object_id("#tab_on" if page == self.page else "#tab_button")
        for mode, tab in self.mode_tabs.items():
            tab.change_object_id("#tab_on" if mode == self.mode else "#tab_button")
        kept = self.cycle.key
        entries = [(("mode", m), b) for m, b in self.mode_tabs.items()] + \
            [(("page", n), b) for n, b in enumerate(self.page_tabs)]
        for n, button in enumerate(self.card_buttons):
            entries.append((("card", n), button))
            slot = self.cards[n].slot
            if slot in self.delete_buttons:
                entries.append((("delete", slot), self.delete_buttons[slot]))
        self.cycle.set_entries(entries + [(("back", 0), self.back_button)], keep=kept)
        self._set_focus(self.focus)

    def spoken_focus(self) -> str | None:
        if self.focus is not None and self.focus < len(self.cards):
            return self.cards[self.focus].spoken
        return super().spoken_focus()

    def _own_page(self, element):
        self._page_elements.append(element)
        return self.own(element)

    def show_page(self, page: int) -> None:
        self.page = page % (PAGES + 1)
        self._build_page()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self._build_page()

    def _set_focus(self, index: int | None) -> None:
        for button in self.card_buttons:
            button.unselect()
        self.focus = index if index is not None and index < len(self.card_buttons) else None
        if self.focus is not None:
            self.card_buttons[self.focus].select()
            self.cycle.focus_on(("card", self.focus))

    def focus_rect(self):
        return self.cycle.rect()

    # -- actions -----------------------------------------------------------------------
    def pick(self, index: int) -> None:
        card = self.cards[index]
        if self.mode == SAVE:
            if self.page == AUTO_PAGE:
                return
            if card.empty:
                self._save(card.slot)
                return
            what = card.info.scene if card.info.ok else "a save that was refused"
            self.app.nav.push("confirm", "Overwrite", f"Save over {card.info.title}?",
                              f"It holds {what}. That save will be replaced.", "Overwrite",
                              lambda: self._save(card.slot))
        elif card.refused:
            self.app.toasts.show(f"{card.info.title} {card.info.reason}.", "warning")
        elif not card.empty:
            self.app.load_save(card.slot, play_time=card.info.play_time)

    def _save(self, slot: str) -> None:
        info = saving.write_save(self.game, slot)
        if info is not None:
            self.app.toasts.show(f"Saved to {info.title}")
        self._build_page()

    def delete(self, slot: str) -> None:
        card = next(c for c in self.cards if c.slot == slot)

        def really_delete():
            try:
                self.store.delete(slot)
            except OSError as exc:      # SaveError: a folder that refuses; the card stays
                self.app.toasts.show(str(exc), "warning")
            else:
                self.app.toasts.show(f"{card.info.title} deleted")
            self._build_page()
        self.app.nav.push("confirm", "Delete", f"Delete {card.info.title}?",
                          "The save is gone for good once deleted.", "Delete", really_delete)

    # -- the contract -------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            return self._pressed(event.ui_element)
        if event.type != pygame.KEYDOWN:
            return False
        key = event.key
        if self.cycle.handle_tab(event):
            kind, which = self.cycle.key
            self.focus = which if kind == "card" else None
            return True
        chosen = self.cycle.activated(event)
        if chosen is not None and chosen[0] != "card":
            return self._pressed(self.cycle.element)
        if key == pygame.K_ESCAPE:
            self.app.pop()
        elif key in (pygame.K_PAGEDOWN, pygame.K_e):
            self.show_page(self.page + 1)
        elif key in (pygame.K_PAGEUP, pygame.K_q):
            self.show_page(self.page - 1)
        elif key in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN):
            step = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1, pygame.K_UP: -COLUMNS, pygame.K_DOWN: COLUMNS}[key]
            self._set_focus(0 if self.focus is None else (self.focus + step) % len(self.cards))
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.focus is not None:
            if self.card_buttons[self.focus].is_enabled:
                self.pick(self.focus)
        elif key in (pygame.K_DELETE, pygame.K_BACKSPACE) and self.focus is not None:
            if not self.cards[self.focus].empty:
                self.delete(self.cards[self.focus].slot)
        else:
            return False
        return True

    def _pressed(self, element) -> bool:
        if element is self.back_button:
            self.app.pop()
        elif element in self.card_buttons:
            self.pick(self.card_buttons.index(element))
        elif element in self.delete_buttons.values():
            self.delete(next(slot for slot, b in self.delete_buttons.items() if b is element))
        elif element in self.page_tabs:
            self.show_page(self.page_tabs.index(element))
        elif element in self.mode_tabs.values():
            self.set_mode(next(mode for mode, b in self.mode_tabs.items() if b is element))
        else:
            return False
        return True

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self._veil, (0, 0))
        surface.blit(self._panel, PANEL)
        surface.blit(self._kicker, (PANEL.x + 40, PANEL.y + 36))
        surface.blit(self._headings[self.mode], (PANEL.x + 40, PANEL.y + 42 + self._kicker.get_height()))
        for index, card in enumerate(self.cards):
            surface.blit(card.surface, self.card_rect(index))
        y = PANEL.bottom - 18 - sum(row.get_height() for row in self._hint)
        for row in self._hint:
            surface.blit(row, (PANEL.centerx - row.get_width() // 2, y))
            y += row.get_height()
