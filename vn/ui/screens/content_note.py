"""The content note, shown before a new game; the player confirms or goes back."""
from __future__ import annotations

import re

import pygame

from ..widgets.button_column import ButtonColumn, Entry
from ..widgets.sizing import button_size
from ..widgets.decor import paint_kicker, paint_panel, paint_veil
from ..display import LOGICAL_SIZE
from ..scene_loader import opening_scene
from ..screen import Screen
from ..text_layout import line_height, typographic, wrap

PANEL_WIDTH = 800
TEXT_WIDTH = 660
WIDEST_TEXT = 1080        # at a large text size the note widens to this before it scrolls
BUTTON_WIDTH, BUTTON_HEIGHT, BUTTON_GAP = 200, 50, 20
SCREEN_MARGIN = 16
SCROLL_KEYS = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -4, pygame.K_PAGEDOWN: 4}


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
        self._row_height = spacing
        self._kicker = paint_kicker(self.theme, "Content note")
        self._heading = self.theme.font("screen.heading").render(
            "Before you begin", True, self.theme.colour("screen.heading"))
        width, height = button_size(self.theme, "#panel_button", ("Back", "Continue"), BUTTON_WIDTH, BUTTON_HEIGHT)
        fixed = 64 + self._kicker.get_height() + 14 + self._heading.get_height() + 28 + 40 + height + 48
        # larger text (or a wider font) first widens the note, up to WIDEST_TEXT, before it scrolls
        note = paragraphs(app.program.manifest.content_note)
        for text_width in range(TEXT_WIDTH, WIDEST_TEXT + 1, 60):
            rows = self._wrap(body_font, note, text_width)
            text_height = sum(spacing if row is not None else spacing // 2 for row in rows)
            if text_height <= LOGICAL_SIZE[1] - 2 * SCREEN_MARGIN - fixed:
                break
        self.text_width = text_width
        self._rows: list[pygame.Surface | None] = [body_font.render(row, True, colour) if row is not None else None
                                                   for row in rows]     # None: the gap between paragraphs
        # a note longer than the screen scrolls (arrows, wheel) in a window of whole rows
        self.text_room = min(text_height, LOGICAL_SIZE[1] - 2 * SCREEN_MARGIN - fixed)
        self.scroll = 0             # rows scrolled past
        self.panel_rect = pygame.Rect(0, 0, self.text_width + PANEL_WIDTH - TEXT_WIDTH, fixed + self.text_room)
        self.panel_rect.center = (LOGICAL_SIZE[0] // 2, LOGICAL_SIZE[1] // 2)
        self._panel = paint_panel(self.theme, self.panel_rect.size)
        buttons_left = self.panel_rect.centerx - width - BUTTON_GAP // 2
        self.buttons = self.own(ButtonColumn(self.ui, [Entry("back", "Back"), Entry("continue", "Continue")],
                                             left=buttons_left, top=self.panel_rect.bottom - 48 - height,
                                             width=width, height=height, gap=BUTTON_GAP,
                                             object_id="#panel_button", horizontal=True))
        # Enter confirms at once; the arrows still move between the two
        self.buttons.set_focus(1)

    def enter(self) -> None:
        # the story's first scene is painted while the note is read
        key = opening_scene(self.app.program)
        if key is not None:
            self.app.scenes.prepare(key)

    @staticmethod
    def _wrap(font, note: list[str], width: int) -> list[str | None]:
        rows: list[str | None] = []
        for n, paragraph in enumerate(note):
            if n:
                rows.append(None)
            rows += wrap(font, paragraph, width)
        return rows

    def focus_rect(self):
        return self.buttons.focus_rect()

    @property
    def scrolls(self) -> bool:
        return self._visible_rows(0)[1] < len(self._rows)

    def _visible_rows(self, first: int) -> tuple[int, int]:
        """(first, end) of the rows that fit the text window from row `first`."""
        used, end = 0, first
        while end < len(self._rows):
            step = self._row_height if self._rows[end] is not None else self._row_height // 2
            if used + step > self.text_room:
                break
            used += step
            end += 1
        return first, end

    def scroll_by(self, rows: int) -> None:
        last = len(self._rows)
        while last > 0 and self._visible_rows(last - 1)[1] == len(self._rows):
            last -= 1           # the first row from which the rest all fit
        self.scroll = max(0, min(last, self.scroll + rows))

    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in SCROLL_KEYS:
            self.scroll_by(SCROLL_KEYS[event.key])
            return True
        if event.type == pygame.MOUSEWHEEL:
            self.scroll_by(-event.y)
            return True
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
        first, end = self._visible_rows(self.scroll)
        if self.scrolls:
            self._draw_scroll_marks(surface, y, first, end)
        for row in self._rows[first:end]:
            if row is None:
                y += self._row_height // 2
                continue
            surface.blit(row, (x, y))
            y += self._row_height

    def _draw_scroll_marks(self, surface: pygame.Surface, top: int, first: int, end: int) -> None:
        """Small arrows at the text's right edge: more above, more below (arrows or wheel to read)."""
        colour = self.theme.colour("title.kicker")
        x = self.panel_rect.right - 36
        if first > 0:
            pygame.draw.polygon(surface, colour, [(x - 8, top + 10), (x + 8, top + 10), (x, top)])
        if end < len(self._rows):
            bottom = top + self.text_room
            pygame.draw.polygon(surface, colour, [(x - 8, bottom - 10), (x + 8, bottom - 10), (x, bottom)])
