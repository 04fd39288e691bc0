"""A yes-or-no question over whatever is on screen ("Overwrite Slot 3?").

The safe answer is on the left and is where the keyboard focus starts, so a
player tapping Enter never overwrites or deletes anything by accident. Esc
answers no.
"""
from __future__ import annotations

from typing import Callable

import pygame

from ..widgets.button_column import ButtonColumn, Entry
from ..widgets.sizing import button_size
from ..widgets.decor import paint_kicker, paint_panel, paint_veil
from ..display import LOGICAL_SIZE
from ..screen import Screen
from ..text_layout import typographic, wrap

PANEL_WIDTH = 560
TEXT_WIDTH = 460
BUTTON_WIDTH, BUTTON_HEIGHT, BUTTON_GAP = 190, 48, 18


class ConfirmScreen(Screen):
    overlay = True

    def __init__(self, app, kicker: str, question: str, detail: str, yes: str, on_yes: Callable[[], None],
                 no: str = "Cancel"):
        super().__init__(app)
        self.on_yes = on_yes
        self.question = question
        self.spoken_title = f"{question} {detail}".strip()
        self._veil = paint_veil(self.theme)
        self._kicker = paint_kicker(self.theme, kicker)
        heading_font, body_font = self.theme.font("screen.heading"), self.theme.font("screen.body")
        button_width, button_height = button_size(self.theme, "#panel_button", (no, yes), BUTTON_WIDTH, BUTTON_HEIGHT)
        # at a large text size the panel widens (to the screen's) before the words wrap further
        text_width = min(LOGICAL_SIZE[0] - 200, max(TEXT_WIDTH, round(TEXT_WIDTH * self.theme.scale),
                                                    2 * button_width + BUTTON_GAP))
        self._heading = [heading_font.render(row, True, self.theme.colour("screen.heading"))
                         for row in wrap(heading_font, typographic(question), text_width)]
        self._detail = [body_font.render(row, True, self.theme.colour("screen.hint"))
                        for row in wrap(body_font, typographic(detail), text_width)] if detail else []
        height = 52 + self._kicker.get_height() + 12 + sum(h.get_height() for h in self._heading) \
            + (16 + sum(d.get_height() + 4 for d in self._detail) if self._detail else 0) + 36 + button_height + 44
        self.panel_rect = pygame.Rect(0, 0, text_width + PANEL_WIDTH - TEXT_WIDTH, height)
        self.panel_rect.center = (LOGICAL_SIZE[0] // 2, LOGICAL_SIZE[1] // 2)
        self._panel = paint_panel(self.theme, self.panel_rect.size)
        left = self.panel_rect.centerx - button_width - BUTTON_GAP // 2
        self.buttons = self.own(ButtonColumn(self.ui, [Entry("no", no), Entry("yes", yes)], left=left,
                                             top=self.panel_rect.bottom - 44 - button_height, width=button_width,
                                             height=button_height, gap=BUTTON_GAP, object_id="#panel_button",
                                             horizontal=True))
        self.buttons.set_focus(0)

    def focus_rect(self):
        return self.buttons.focus_rect()

    def process_event(self, event: pygame.event.Event) -> bool:
        picked = self.buttons.process_event(event)
        if picked == "yes":
            self.app.pop()
            self.on_yes()
        elif picked == "no" or (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE):
            self.app.pop()
        else:
            return False
        return True

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self._veil, (0, 0))
        surface.blit(self._panel, self.panel_rect)
        cx = self.panel_rect.centerx
        y = self.panel_rect.y + 52
        surface.blit(self._kicker, (cx - self._kicker.get_width() // 2, y))
        y += self._kicker.get_height() + 12
        for row in self._heading:
            surface.blit(row, (cx - row.get_width() // 2, y))
            y += row.get_height()
        if self._detail:
            y += 16
            for row in self._detail:
                surface.blit(row, (cx - row.get_width() // 2, y))
                y += row.get_height() + 4
