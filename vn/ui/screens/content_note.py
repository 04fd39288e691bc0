"""The content note, shown before a new game; the player confirms or goes back."""
from __future__ import annotations

import re

import pygame

from ..widgets.button_column import ButtonColumn, Entry
from ..widgets.decor import paint_kicker, paint_panel, paint_veil
from ..display import LOGICAL_SIZE
from ..scene_loader import opening_scene
from ..screen import Screen
from ..text_layout import line_height, typographic, wrap

PANEL_WIDTH = 800
TEXT_WIDTH = 660
BUTTON_WIDTH, BUTTON_HEIGHT, BUTTON_GAP = 200, 50, 20


def paragraphs(note: str) -> list[str]:
    """A YAML block's lines, rejoined: single line breaks become spaces, blank lines part paragraphs."""
    blocks = re.split(r"\n\s*\n", note.strip())
    return [typographic(" ".join(line.strip() for line in block.splitlines())) for block in blocks]


class ContentNoteScreen(Screen):
    overlay = True
    animates_below = True

    def __init__(self, app):
        super().__init__(app)
        self.spoken_title = f"Content note. Before you begin. {app.program.manifest.content_note}"
        self._veil = paint_veil(self.theme)
        body_font = self.theme.font("screen.body")
        spacing = line_height(body_font, self.theme.misc("screen.body", "line_spacing", 1.4))
        colour = self.theme.colour("screen.body")
        self._rows: list[pygame.Surface | None] = []   # None: the gap between paragraphs
        for n, paragraph in enumerate(paragraphs(app.program.manifest.content_note)):
            if n:
                self._rows.append(None)
            self._rows += [body_font.render(row, True, colour) for row in wrap(body_font, paragraph, TEXT_WIDTH)]
        self._row_height = spacing
        self._kicker = paint_kicker(self.theme, "Content note")
        self._heading = self.theme.font("screen.heading").render(
            "Before you begin", True, self.theme.colour("screen.heading"))
        text_height = sum(spacing if row else spacing // 2 for row in self._rows)
        height = 64 + self._kicker.get_height() + 14 + self._heading.get_height() + 28 + text_height + 40 \
            + BUTTON_HEIGHT + 48
        self.panel_rect = pygame.Rect(0, 0, PANEL_WIDTH, height)
        self.panel_rect.center = (LOGICAL_SIZE[0] // 2, LOGICAL_SIZE[1] // 2)
        self._panel = paint_panel(self.theme, self.panel_rect.size)
        buttons_left = self.panel_rect.centerx - BUTTON_WIDTH - BUTTON_GAP // 2
        self.buttons = self.own(ButtonColumn(self.ui, [Entry("back", "Back"), Entry("continue", "Continue")],
                                             left=buttons_left, top=self.panel_rect.bottom - 48 - BUTTON_HEIGHT,
                                             width=BUTTON_WIDTH, height=BUTTON_HEIGHT, gap=BUTTON_GAP,
                                             object_id="#panel_button", horizontal=True))
        # Enter confirms at once; the arrows still move between the two
        self.buttons.set_focus(1)

    def enter(self) -> None:
        # the story's first scene is painted while the note is read
        key = opening_scene(self.app.program)
        if key is not None:
            self.app.scenes.prepare(key)

    def process_event(self, event: pygame.event.Event) -> bool:
        picked = self.buttons.process_event(event)
        if picked == "continue":
            self.app.new_game()
        elif picked == "back" or (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE):
            self.app.pop()
        else:
            return False
        return True

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self._veil, (0, 0))
        surface.blit(self._panel, self.panel_rect)
        x = self.panel_rect.x + (PANEL_WIDTH - TEXT_WIDTH) // 2
        y = self.panel_rect.y + 64
        surface.blit(self._kicker, (x, y))
        y += self._kicker.get_height() + 14
        surface.blit(self._heading, (x, y))
        y += self._heading.get_height() + 28
        for row in self._rows:
            if row is None:
                y += self._row_height // 2
                continue
            surface.blit(row, (x, y))
            y += self._row_height
