"""The in-game menu (Esc): resume, save, load, history, settings, help, return to title, quit. Esc again resumes."""
from __future__ import annotations

import pygame

from ..widgets.button_column import ButtonColumn, Entry
from ..widgets.sizing import COLUMN_GAP, button_size
from ..widgets.decor import paint_kicker, paint_panel, paint_veil
from ..display import LOGICAL_SIZE
from ..screen import Screen
from ..text_layout import typographic

PANEL_SIZE = (420, 640)
BUTTON_WIDTH, BUTTON_HEIGHT, GAP = 300, 46, 8
SCREEN_MARGIN = 16
ENTRIES = (("resume", "Resume"), ("save", "Save"), ("load", "Load"), ("history", "History"),
           ("settings", "Settings"), ("help", "Help"), ("title", "Return to title"),
           ("quit", "Quit"))


class GameMenuScreen(Screen):
    overlay = True

    def __init__(self, app, game):
        super().__init__(app)
        self.game = game
        self.spoken_title = f"Paused: {app.program.manifest.title}"
        self._veil = paint_veil(self.theme)
        self._kicker = paint_kicker(self.theme, "Paused")
        self._heading = self.theme.font("screen.heading").render(
            typographic(app.program.manifest.title), True, self.theme.colour("screen.heading"))
        self._hint = self.theme.font("screen.hint").render("Esc to resume", True, self.theme.colour("screen.hint"))
        width, height = button_size(self.theme, "#panel_button", [text for _, text in ENTRIES], BUTTON_WIDTH,
                                    BUTTON_HEIGHT)
        header = max(140, 44 + self._kicker.get_height() + 12 + self._heading.get_height() + 24)
        footer = max(PANEL_SIZE[1] - 140 - len(ENTRIES) * (BUTTON_HEIGHT + GAP), self._hint.get_height() + 44)
        per_column = self._rows_that_fit(header + footer, height)
        if per_column * 2 < len(ENTRIES):
            # the largest text: the game's title makes way, so the buttons keep to two columns
            self._heading = pygame.Surface((1, 0))
            header = 44 + self._kicker.get_height() + 24
            per_column = max(-(-len(ENTRIES) // 2), self._rows_that_fit(header + footer, height))
        columns = -(-len(ENTRIES) // per_column)
        buttons_width = columns * width + (columns - 1) * COLUMN_GAP
        self.panel_rect = pygame.Rect(0, 0, max(PANEL_SIZE[0], buttons_width + 80),
                                      header + per_column * (height + GAP) - GAP + footer)
        self.panel_rect.center = (LOGICAL_SIZE[0] // 2, LOGICAL_SIZE[1] // 2)
        self._panel = paint_panel(self.theme, self.panel_rect.size)
        self.menu = self.own(ButtonColumn(self.ui, [Entry(key, text) for key, text in ENTRIES],
                                          left=self.panel_rect.centerx - buttons_width // 2,
                                          top=self.panel_rect.y + header, width=width, height=height, gap=GAP,
                                          object_id="#panel_button", per_column=per_column))

    @staticmethod
    def _rows_that_fit(around: int, height: int) -> int:
        room = LOGICAL_SIZE[1] - 2 * SCREEN_MARGIN - around
        return max(1, min(len(ENTRIES), (room + GAP) // (height + GAP)))

    def focus_rect(self):
        return self.menu.focus_rect()

    def process_event(self, event: pygame.event.Event) -> bool:
        picked = self.menu.process_event(event)
        if picked == "resume" or (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE):
            self.app.pop()
        elif picked == "save":
            self.app.nav.push("saves", "save", self.game)
        elif picked == "load":
            self.app.nav.push("saves", "load", self.game)
        elif picked == "history":
            self.app.pop()
            self.game.open_history()
        elif picked == "settings":
            self.app.nav.push("settings")
        elif picked == "help":
            self.app.nav.push("help")
        elif picked == "title":
            self.app.show_title()
        elif picked == "quit":
            self.app.quit()
        else:
            return False
        return True

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self._veil, (0, 0))
        surface.blit(self._panel, self.panel_rect)
        cx = self.panel_rect.centerx
        y = self.panel_rect.y + 44
        surface.blit(self._kicker, (cx - self._kicker.get_width() // 2, y))
        y += self._kicker.get_height() + 12
        heading = self._heading
        if heading.get_width() > self.panel_rect.width - 48:
            heading = pygame.transform.smoothscale_by(heading, (self.panel_rect.width - 48) / heading.get_width())
        surface.blit(heading, (cx - heading.get_width() // 2, y))
        surface.blit(self._hint, (cx - self._hint.get_width() // 2,
                                  self.panel_rect.bottom - 22 - self._hint.get_height()))
