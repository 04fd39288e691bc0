"""The endings screen (from the title): one card per ending the game declares, in the
manifest's order. An ending reached in any playthrough shows its title; the others stay
locked cards with "???", so the screen tells how many there are without telling what.
"""
from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from ..widgets.sizing import button_size
from ..widgets.decor import paint_kicker, paint_panel, paint_veil
from ..widgets.focus import FocusCycle
from ..captions import endings_caption
from ..display import LOGICAL_SIZE
from ..screen import Screen
from ..text_layout import fit, render_tracked, typographic, wrap_rows

PANEL_SIZE = (1040, 560)
CARDS_TOP = 132                 # below the heading, within the panel
CARDS_ROOM = 318                # height the cards share, above the Back button
CARD_HEIGHT = 300
CARD_GAP = 24
MAX_COLUMNS = 4
LOCKED_TITLE = "???"
LIST_ABOVE_SCALE = 1.25         # at larger text the endings are strips, one under another, not cards
STRIP_PAD = 14


class EndingsScreen(Screen):
    overlay = True
    spoken_title = "The ways it ends"
    animates_below = True

    def __init__(self, app):
        super().__init__(app)
        manifest = app.program.manifest
        reached = set(app.persistent.endings if app.persistent is not None else [])
        self.entries = [(eid, ending.title if eid in reached else LOCKED_TITLE, eid in reached)
                        for eid, ending in manifest.endings.items()]
        self.as_list = self.theme.scale > LIST_ABOVE_SCALE
        size = (LOGICAL_SIZE[0] - 40, LOGICAL_SIZE[1] - 20) if self.as_list else PANEL_SIZE
        self.panel_rect = pygame.Rect((0, 0), size)
        self.panel_rect.center = (LOGICAL_SIZE[0] // 2, LOGICAL_SIZE[1] // 2)
        self._veil = paint_veil(self.theme)
        self._panel = paint_panel(self.theme, size, opaque=True)
        self._kicker = paint_kicker(self.theme, endings_caption(manifest, list(reached)))
        self._heading = self.theme.font("screen.heading").render("The ways it ends", True,
                                                                 self.theme.colour("screen.heading"))
        back_size = button_size(self.theme, "#panel_button", ("Back",), 200, 50)
        self.cards_top = max(CARDS_TOP, 46 + self._kicker.get_height() + self._heading.get_height() + 20)
        room = size[1] - self.cards_top - back_size[1] - 40 - 24
        if self.as_list:
            columns, self.card_width = 1, size[0] - 112
            self.card_height = min(CARD_HEIGHT, (room - (len(self.entries) - 1) * CARD_GAP // 2)
                                   // max(1, len(self.entries)))
        else:
            columns = max(1, min(MAX_COLUMNS, len(self.entries)))
            self.card_width = (size[0] - 112 - (columns - 1) * CARD_GAP) // columns
            rows = max(1, -(-len(self.entries) // columns))
            self.card_height = min(CARD_HEIGHT, (min(CARDS_ROOM, room) - (rows - 1) * CARD_GAP) // rows)
        self.columns = columns
        paint = self._paint_strip if self.as_list else self._paint_card
        self.cards = [paint(n, title, unlocked) for n, (_, title, unlocked) in enumerate(self.entries)]
        self.back_button = self.own(UIButton(
            pygame.Rect((self.panel_rect.centerx - back_size[0] // 2, self.panel_rect.bottom - 40 - back_size[1]),
                        back_size), "Back", manager=self.ui, object_id="#panel_button"))
        self.focus = FocusCycle([("back", self.back_button)])

    def focus_rect(self):
        return self.focus.rect()

    @property
    def titles(self) -> list[str]:
        """What each card shows, in order ("???" for the locked ones)."""
        return [title for _, title, _ in self.entries]

    def card_rect(self, index: int) -> pygame.Rect:
        row, column = divmod(index, self.columns)
        in_row = min(self.columns, len(self.entries) - row * self.columns)
        width = in_row * self.card_width + (in_row - 1) * CARD_GAP
        left = self.panel_rect.centerx - width // 2
        gap = CARD_GAP // 2 if self.as_list else CARD_GAP
        return pygame.Rect(left + column * (self.card_width + CARD_GAP),
                           self.panel_rect.y + self.cards_top + row * (self.card_height + gap), self.card_width,
                           self.card_height)

    def _card_base(self, size: tuple[int, int], element: str) -> pygame.Surface:
        theme = self.theme
        card = pygame.Surface(size, pygame.SRCALPHA)
        top, bottom = theme.colour(element, "top_bg"), theme.colour(element, "dark_bg")
        for y in range(size[1]):
            card.fill(top.lerp(bottom, y / max(1, size[1] - 1)), (0, y, size[0], 1))
        shape = pygame.Surface(size, pygame.SRCALPHA)
        pygame.draw.rect(shape, (255, 255, 255, 255), card.get_rect(), border_radius=12)
        card.blit(shape, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
        pygame.draw.rect(card, theme.colour(element, "normal_border"), card.get_rect(), 1, border_radius=12)
        return card

    def _paint_strip(self, index: int, title: str, unlocked: bool) -> pygame.Surface:
        """One ending as a strip across the panel (large text): its number, its title, whether reached."""
        theme = self.theme
        element = "endings.card" if unlocked else "endings.locked"
        card = self._card_base((self.card_width, self.card_height), element)
        accent = theme.colour(element, "accent")
        number = render_tracked(theme.font("title.kicker"), f"ENDING {index + 1}", accent,
                                theme.misc("title.kicker", "tracking", 0))
        note = theme.font("screen.hint").render("Reached" if unlocked else "Not yet reached", True,
                                                theme.colour("screen.hint"))
        middle = self.card_height // 2
        card.blit(number, (STRIP_PAD + 8, middle - number.get_height() // 2))
        card.blit(note, (self.card_width - STRIP_PAD - 8 - note.get_width(), middle - note.get_height() // 2))
        font = theme.font("endings.title")
        left = STRIP_PAD * 2 + 8 + number.get_width()
        room = self.card_width - left - note.get_width() - STRIP_PAD * 3 - 8
        text = font.render(fit(font, typographic(title), max(1, room)), True, theme.colour(element))
        card.blit(text, (left, middle - text.get_height() // 2))
        return card

    def _paint_card(self, index: int, title: str, unlocked: bool) -> pygame.Surface:
        theme = self.theme
        size = (self.card_width, self.card_height)
        scale = size[1] / CARD_HEIGHT       # with many endings the cards are shorter, laid out alike
        card = pygame.Surface(size, pygame.SRCALPHA)
        rect = card.get_rect()
        element = "endings.card" if unlocked else "endings.locked"
        top, bottom = theme.colour(element, "top_bg"), theme.colour(element, "dark_bg")
        for y in range(size[1]):
            card.fill(top.lerp(bottom, y / (size[1] - 1)), (0, y, size[0], 1))
        shape = pygame.Surface(size, pygame.SRCALPHA)
        pygame.draw.rect(shape, (255, 255, 255, 255), rect, border_radius=12)
        card.blit(shape, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
        pygame.draw.rect(card, theme.colour(element, "normal_border"), rect, 1, border_radius=12)
        accent = theme.colour(element, "accent")
        number = render_tracked(theme.font("title.kicker"), f"ENDING {index + 1}", accent,
                                theme.misc("title.kicker", "tracking", 0))
        card.blit(number, ((size[0] - number.get_width()) // 2, round(34 * scale)))
        cx, cy = size[0] // 2, round(118 * scale)
        if unlocked:
            # a small diamond, the game's ornament for something kept
            pygame.draw.polygon(card, accent, [(cx, cy - 16), (cx + 16, cy), (cx, cy + 16), (cx - 16, cy)], 2)
            pygame.draw.polygon(card, accent, [(cx, cy - 6), (cx + 6, cy), (cx, cy + 6), (cx - 6, cy)])
        else:
            self._paint_padlock(card, (cx, cy), accent)
        font = theme.font("endings.title")
        colour = theme.colour(element)
        rows = wrap_rows(font, typographic(title), size[0] - 40, 3)
        y = round(176 * scale) - (len(rows) - 1) * font.get_linesize() // 2
        for row in rows:
            text = font.render(row, True, colour)
            card.blit(text, ((size[0] - text.get_width()) // 2, y))
            y += font.get_linesize()
        note = theme.font("screen.hint").render("Reached" if unlocked else "Not yet reached", True,
                                                theme.colour("screen.hint"))
        card.blit(note, ((size[0] - note.get_width()) // 2, size[1] - 44))
        return card

    @staticmethod
    def _paint_padlock(card: pygame.Surface, centre: tuple[int, int], colour) -> None:
        cx, cy = centre
        pygame.draw.arc(card, colour, pygame.Rect(cx - 11, cy - 22, 22, 26), 0, 3.1416, 3)
        pygame.draw.line(card, colour, (cx - 11, cy - 9), (cx - 11, cy - 2), 3)
        pygame.draw.line(card, colour, (cx + 10, cy - 9), (cx + 10, cy - 2), 3)
        body = pygame.Rect(cx - 16, cy - 3, 32, 24)
        pygame.draw.rect(card, colour, body, 2, border_radius=4)
        pygame.draw.circle(card, colour, (cx, cy + 7), 3)
        pygame.draw.line(card, colour, (cx, cy + 9), (cx, cy + 14), 2)

    # -- the contract ---------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> bool:
        if self.focus.handle_tab(event):
            return True
        if (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.back_button) or \
                (event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_SPACE)):
            self.app.pop()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self._veil, (0, 0))
        surface.blit(self._panel, self.panel_rect)
        cx = self.panel_rect.centerx
        surface.blit(self._kicker, (cx - self._kicker.get_width() // 2, self.panel_rect.y + 40))
        surface.blit(self._heading, (cx - self._heading.get_width() // 2,
                                     self.panel_rect.y + 46 + self._kicker.get_height()))
        for index, card in enumerate(self.cards):
            surface.blit(card, self.card_rect(index))
